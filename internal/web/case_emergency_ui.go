package web

// A refused case: the refusal page, and emergency access to read a case
// once with an explicit reason.

import (
	"fmt"
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/textlimit"
)

func (s *Server) renderCaseRefused(w http.ResponseWriter, r *http.Request, id int64, message, reason, reasonErr string) {
	me := actor(r).Professional
	// Emergency access only helps someone whose role may read case content.
	caseRole := access.Decide(access.SubjectOf(me), access.Case, access.Read, access.Context{Participation: access.Participating}).Allowed
	status := http.StatusForbidden
	if reasonErr != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "case_refused.html", map[string]any{"ID": id, "Message": message, "CanEmergency": caseRole,
		"Reason": reason, "ReasonError": reasonErr, "MinReason": access.MinEmergencyReason,
		"Exited": caseRole && s.app.OrganisationExited(r.Context(), actor(r), id)})
}

// postEmergencyCase shows a case once, read-only, with an explicit
// emergency reason; storage records the access as emergency access.
func (s *Server) postEmergencyCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var textErr error
	if err == nil {
		textErr, err = textOrFatal(parseForm(w, r))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	var long schakel.Validation
	textlimit.Check(&long, "reason", reason, textlimit.Reason)
	if fields := append(schakel.FieldErrors(textErr), long.Fields...); len(fields) > 0 {
		// Not a reason Schakel can keep: nothing was read, nothing to audit.
		s.renderCaseRefused(w, r, id, "U heeft geen toegang tot deze casus.", r.PostForm.Get("reason"), fields[0].Message)
		return
	}
	a := *actor(r)
	a.EmergencyReason = reason
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), &a))
	// Storage decides, also on a reason that is too short: the attempt is
	// audited either way.
	c, ws, err := s.app.CaseWorkspace(r.Context(), &a, id)
	if n := len([]rune(reason)); schakel.ErrorCode(err) == schakel.EFORBIDDEN && n < access.MinEmergencyReason {
		s.renderCaseRefused(w, r, id, "U heeft geen toegang tot deze casus.", r.PostForm.Get("reason"),
			fmt.Sprintf("Schrijf een duidelijke reden van minstens %d tekens. U schreef er %d.", access.MinEmergencyReason, n))
		return
	} else if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), r.PostForm.Get("reason"), "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := s.buildCaseView(r, c, caseForm{}, true)
	v.Emergency = true
	data := map[string]any{"V": v}
	s.caseWorkspaceData(r, data, c, ws, true)
	s.withTimeline(r, data, id) // timeline_ui.go
	s.render(w, r, http.StatusOK, "case.html", data)
}
