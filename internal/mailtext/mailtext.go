// Package mailtext composes the e-mail that goes with a line in a
// professional's work list: a subject and a body that repeat the line and
// point to Schakel. It is pure: the use cases compose here and hand the
// messages to storage to keep. The line itself names no family member
// (e-mail leaves the system), so neither does the e-mail.
package mailtext

import "strings"

// Mail is an e-mail's subject and body.
type Mail struct {
	Subject, Body string
}

// pointer closes every such e-mail: the details are only in Schakel.
const pointer = "\n\nOpen Schakel voor de gegevens.\n"

// Notice is the e-mail of a line in the work list: its subject is the
// line's first eight words.
func Notice(text string) Mail {
	return Mail{Subject: "Schakel: " + firstWords(text, 8), Body: text + pointer}
}

// Alert is the e-mail of an alert to a team lead, who must act on it.
func Alert(text string) Mail {
	return Mail{Subject: "Schakel: actie nodig", Body: text + pointer}
}

// firstWords is s cut after n words (marked with an ellipsis), or s
// itself when it has no more.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		return strings.Join(w[:n], " ") + " …"
	}
	return s
}
