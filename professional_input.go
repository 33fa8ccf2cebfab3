package schakel

// ProfessionalInput is what an administrator fills in for an account.
type ProfessionalInput struct {
	OrganisationID int64
	Email          string
	Name           string
	Team           string
	Phone          string
	EmployeeNumber string // unique within the organisation when set
	Roles          []Role
	Expertises     []Expertise
	PasswordHash   string // set by the caller (argon2id); empty means "cannot log in until a password is set"
}
