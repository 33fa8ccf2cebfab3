package storage

// Step-up: a session or an API token shows its second factor again before
// a risky act (access.NeedsStepUp). The rules are internal/app's; these
// are the records.

// Credential names the session or the API token a request came with, by
// the hash of its secret.
type Credential struct {
	Hash  string
	Token bool // an API token, else a browser session
}

// credentialTable is the table that holds a credential: one of two fixed
// names, never text from a request.
func credentialTable(c Credential) string {
	if c.Token {
		return "api_tokens"
	}
	return "sessions"
}

func credentialColumn(c Credential) string {
	if c.Token {
		return "token_hash"
	}
	return "id_hash"
}

// SteppedUp records that a credential showed a second factor now, and
// clears its count of wrong codes.
func (tx *Tx) SteppedUp(c Credential, factor string) (bool, error) {
	res, err := tx.exec(`UPDATE `+credentialTable(c)+` SET second_factor = ?, factor_at = ?, step_up_failures = 0 WHERE `+credentialColumn(c)+` = ?`,
		factor, tx.now, c.Hash)
	return affectedOne(res, err)
}

// SteppedUpAtProvider records a fresh authentication at the organisation's
// provider on a session, with what the provider said of it.
func (tx *Tx) SteppedUpAtProvider(sessionHash, acr, amr string) (bool, error) {
	res, err := tx.exec(`UPDATE sessions SET factor_at = ?, acr = ?, amr = ?, step_up_failures = 0 WHERE id_hash = ?`,
		tx.now, truncateText(acr, 200), truncateText(amr, 200), sessionHash)
	return affectedOne(res, err)
}

// StepUpFailed counts a wrong step-up code on a credential and returns how
// many came in a row.
func (tx *Tx) StepUpFailed(c Credential) (int, error) {
	if _, err := tx.exec(`UPDATE `+credentialTable(c)+` SET step_up_failures = step_up_failures + 1 WHERE `+credentialColumn(c)+` = ?`, c.Hash); err != nil {
		return 0, err
	}
	var n int
	err := tx.queryRow(`SELECT step_up_failures FROM `+credentialTable(c)+` WHERE `+credentialColumn(c)+` = ?`, c.Hash).Scan(&n)
	return n, err
}

// StepUpFailures returns the wrong step-up codes a credential has in a row.
func (tx *Tx) StepUpFailures(c Credential) (int, error) {
	var n int
	err := tx.queryRow(`SELECT step_up_failures FROM `+credentialTable(c)+` WHERE `+credentialColumn(c)+` = ?`, c.Hash).Scan(&n)
	return n, err
}

// EndSessionByHash ends one browser session by the hash of its secret, in this
// transaction.
func (tx *Tx) EndSessionByHash(idHash string) error {
	_, err := tx.exec(`DELETE FROM sessions WHERE id_hash = ?`, idHash)
	return err
}
