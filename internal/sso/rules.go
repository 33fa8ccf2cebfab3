// Package sso holds the rules of single sign-on per organisation: what a
// valid identity provider registration is, which e-mail domains route to
// it, where its client secret may be read, and how a claim is compared
// with a professional. Pure functions; the conversation with a provider is
// in internal/oidclogin.
package sso

import (
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
)

// MaxDomains is how many e-mail domains one provider may take.
const MaxDomains = 20

var (
	claimName  = regexp.MustCompile(`^[A-Za-z0-9_:./-]{1,200}$`)
	domainName = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

// Normalize trims the provider's fields and puts its domains in a stable
// form (lower case, sorted, without duplicates), before Validate.
func Normalize(p *schakel.IdentityProvider) {
	p.Issuer = strings.TrimSpace(p.Issuer)
	p.ClientID = strings.TrimSpace(p.ClientID)
	p.SecretRef = strings.TrimSpace(p.SecretRef)
	p.Claim = strings.TrimSpace(p.Claim)
	if p.Claim == "" {
		p.Claim = "email"
	}
	if p.MatchOn == "" {
		p.MatchOn = schakel.MatchEmail
	}
	p.Domains = NormalizeDomains(p.Domains)
}

// NormalizeDomains lower-cases, trims and sorts domains, drops empty ones
// and duplicates, and accepts "@example.org" for "example.org".
func NormalizeDomains(in []string) []string {
	out := make([]string, 0, len(in))
	for _, d := range in {
		d = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "@")
		if d != "" {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// SplitDomains reads domains typed in one field, separated by commas,
// semicolons, spaces or new lines.
func SplitDomains(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

// Validate checks a normalized provider and names every field that is wrong.
func Validate(p schakel.IdentityProvider) error {
	var v schakel.Validation
	if msg := issuerProblem(p.Issuer); msg != "" {
		v.Add("issuer", "invalid", msg)
	}
	switch {
	case p.ClientID == "":
		v.Add("client_id", "required", "Vul de client-id in die uw inlogdienst voor Schakel heeft gemaakt.")
	case len(p.ClientID) > 200 || strings.ContainsFunc(p.ClientID, isControl):
		v.Add("client_id", "invalid", "De client-id is te lang of bevat tekens die niet kunnen.")
	}
	if _, err := ParseSecretRef(p.SecretRef); err != nil {
		v.Add("secret_ref", "invalid", schakel.ErrorMessage(err))
	}
	if !claimName.MatchString(p.Claim) {
		v.Add("claim", "invalid", "Vul de naam van het gegeven (claim) in, bijvoorbeeld email of employee_id: letters, cijfers en _ : . / -.")
	}
	if !p.MatchOn.Valid() {
		v.Add("match_on", "invalid", "Kies of het gegeven het e-mailadres of het personeelsnummer is.")
	}
	switch {
	case len(p.Domains) == 0:
		v.Add("domains", "required", "Vul minstens één e-maildomein in, bijvoorbeeld jeugdbescherming.example.")
	case len(p.Domains) > MaxDomains:
		v.Add("domains", "too_many", "Vul hoogstens "+strconv.Itoa(MaxDomains)+" e-maildomeinen in.")
	default:
		for _, d := range p.Domains {
			if len(d) > 253 || !domainName.MatchString(d) {
				v.Add("domains", "invalid", "'"+truncate(d, 60)+"' is geen e-maildomein. Schrijf het deel na de @, bijvoorbeeld jeugdbescherming.example.")
				break
			}
		}
	}
	return v.Err()
}

// issuerProblem returns what is wrong with an issuer URL, in Dutch, or "".
// Only HTTPS is accepted, except on this machine (tests and trying out):
// the client secret and the login travel to this address.
func issuerProblem(issuer string) string {
	if issuer == "" {
		return "Vul het adres (issuer) van de inlogdienst in, bijvoorbeeld https://login.organisatie.example."
	}
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || len(issuer) > 2000 || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "Dit is geen geldig adres. Gebruik het issuer-adres uit de instellingen van uw inlogdienst, zonder ? of #."
	}
	if u.Scheme == "https" || (u.Scheme == "http" && IsLoopback(u.Hostname())) {
		return ""
	}
	return "Het adres moet met https:// beginnen."
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// EmailDomain returns the domain of an e-mail address in lower case, or ""
// when the address has none.
func EmailDomain(email string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	at := strings.LastIndexByte(email, '@')
	if at < 1 || at == len(email)-1 {
		return ""
	}
	return email[at+1:]
}

// ClaimValue returns a claim as text: a string as is, a whole number in
// decimal (employee numbers are often numbers in JSON). Anything else, or
// an empty value, is not usable.
func ClaimValue(claims map[string]any, name string) (string, bool) {
	switch v := claims[name].(type) {
	case string:
		v = strings.TrimSpace(v)
		return v, v != ""
	case float64:
		if v == float64(int64(v)) {
			return strconv.FormatInt(int64(v), 10), true
		}
	}
	return "", false
}

// MatchValue returns the form in which a claim value is compared with a
// professional's e-mail address or employee number.
func MatchValue(m schakel.IdentityMatch, v string) string {
	if m == schakel.MatchEmail {
		return strings.ToLower(strings.TrimSpace(v))
	}
	return strings.TrimSpace(v)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// EnvPrefix is the start of every environment variable that may hold a
// client secret. An administrator names a variable in the screen; the
// prefix keeps them from naming another secret of the server (the SMTP
// password, the metrics token) and sending it to a provider of their choice.
const EnvPrefix = "SCHAKEL_OIDC_SECRET_"

var (
	envName  = regexp.MustCompile(`^` + EnvPrefix + `[A-Z0-9_]{1,64}$`)
	fileName = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$`)
)

// SecretRef is where a client secret is read: an environment variable, or
// a file in the secrets directory (no path: only a name in that directory).
type SecretRef struct {
	Env  string
	File string
}

// ParseSecretRef reads "env:SCHAKEL_OIDC_SECRET_NAME" or "file:name".
func ParseSecretRef(ref string) (SecretRef, error) {
	kind, name, _ := strings.Cut(ref, ":")
	switch {
	case kind == "env" && envName.MatchString(name):
		return SecretRef{Env: name}, nil
	case kind == "file" && fileName.MatchString(name):
		return SecretRef{File: name}, nil
	case kind == "env":
		return SecretRef{}, schakel.Errorf(schakel.EINVALID, "De naam van de omgevingsvariabele begint met %s en bevat daarna alleen hoofdletters, cijfers en _.", EnvPrefix)
	case kind == "file":
		return SecretRef{}, schakel.Errorf(schakel.EINVALID, "Geef alleen de naam van het bestand in de geheimenmap: letters, cijfers, . _ en -, zonder / ervoor.")
	}
	return SecretRef{}, schakel.Errorf(schakel.EINVALID, "Zeg waar het clientgeheim staat: in een omgevingsvariabele of in een bestand in de geheimenmap van de server.")
}

// String is the stored form of the reference.
func (r SecretRef) String() string {
	if r.Env != "" {
		return "env:" + r.Env
	}
	return "file:" + r.File
}

// FreshSkew is how far the provider's clock may run behind Schakel's when
// it says when the user authenticated.
const FreshSkew = time.Minute

// FreshAuthentication reports whether the provider authenticated the user
// anew for a login Schakel asked for at asked (with max_age=0): its
// auth_time is not before the request, give or take the clocks' skew. A
// token without auth_time is not fresh (OIDC Core requires it with
// max_age).
func FreshAuthentication(authTime, asked time.Time) bool {
	return !authTime.IsZero() && !authTime.Before(asked.Add(-FreshSkew))
}
