package web

// The professional's page on the family's own Schakel (issue 13): who of
// the family can be invited, the one-time activation code (shown once),
// who stays in a shelter, what is withheld and why, and the family's
// statements and requests with their deadline and answer.

import (
	"fmt"
	"net/http"

	"schakel"
)

var familyMembersNotices = map[string]string{
	"opvang":       "Opgeslagen. Waar deze persoon verblijft, ziet niemand anders in het gezin.",
	"achterhouden": "Opgeslagen. Het gezinslid ziet dit niet meer. De teamleider beoordeelt het binnen 5 werkdagen.",
	"antwoord":     "Uw antwoord is opgeslagen. Het gezinslid ziet het op de eigen pagina.",
}

func familyMembersURL(caseID int64, ok string) string {
	return fmt.Sprintf("/casussen/%d/gezinsleden?ok=%s", caseID, ok)
}

func (s *Server) pageFamilyMembers(w http.ResponseWriter, r *http.Request) {
	s.familyMembers(w, r, http.StatusOK, map[string]any{"Notice": familyMembersNotices[r.URL.Query().Get("ok")]})
}

func (s *Server) familyMembers(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.app.FamilyMembersPage(r.Context(), actor(r), id)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	data["V"], data["FamilyName"], data["Now"] = v, familyTitle(v.Case), s.app.Now()
	names, titles := map[int64]string{}, map[int64]string{}
	for _, m := range v.Members {
		names[m.Person.ID] = m.Person.GivenNames + " " + m.Person.FamilyName
	}
	for _, a := range v.Actions {
		titles[a.ID] = a.Title
	}
	data["Names"], data["Titles"], data["KindLabel"] = names, titles, familyRequestLabel
	if data["Errors"] == nil {
		data["Errors"] = map[string]string{}
	}
	s.render(w, r, status, "family_members.html", data)
}

// caseCommandFailed shows a refused or failed command on a case.
func (s *Server) caseCommandFailed(w http.ResponseWriter, r *http.Request, caseID int64, err error) {
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, caseID, schakel.ErrorMessage(err), "", "")
		return
	}
	s.pageError(w, r, err)
}

func (s *Server) postInviteFamilyMember(w http.ResponseWriter, r *http.Request) {
	id, pid, err := casePathIDs(r, "pid")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	inv, err := s.app.InviteFamilyMember(r.Context(), actor(r), id, pid)
	if err != nil {
		s.caseCommandFailed(w, r, id, err)
		return
	}
	s.render(w, r, http.StatusOK, "family_invite.html", map[string]any{"Invite": inv, "CaseID": id})
}

func (s *Server) postFamilyShelter(w http.ResponseWriter, r *http.Request) {
	id, pid, err := casePathIDs(r, "pid")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.app.SetInShelter(r.Context(), actor(r), id, pid, r.PostForm.Get("opvang") == "ja"); err != nil {
		s.caseCommandFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, familyMembersURL(id, "opvang"), http.StatusSeeOther)
}

func (s *Server) postWithholdFromFamily(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	err = parseForm(w, r)
	if err == nil {
		err = s.app.WithholdFromFamily(r.Context(), actor(r), id, formInt(r.PostForm, "person"), formInt(r.PostForm, "action"), r.PostForm.Get("reason"))
	}
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.familyMembers(w, r, http.StatusUnprocessableEntity, map[string]any{"Errors": fieldMap(err), "Error": schakel.ErrorMessage(err),
			"Reason": r.PostForm.Get("reason"), "Person": formInt(r.PostForm, "person"), "Action": formInt(r.PostForm, "action")})
		return
	} else if err != nil {
		s.caseCommandFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, familyMembersURL(id, "achterhouden"), http.StatusSeeOther)
}

func (s *Server) postAnswerFamilyRequest(w http.ResponseWriter, r *http.Request) {
	id, rid, err := casePathIDs(r, "rid")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	err = parseForm(w, r)
	if err == nil {
		err = s.app.AnswerFamilyRequest(r.Context(), actor(r), id, rid, r.PostForm.Get("answer"))
	}
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.familyMembers(w, r, http.StatusUnprocessableEntity, map[string]any{"Errors": fieldMap(err), "Error": schakel.ErrorMessage(err),
			"RequestID": rid, "Answer": r.PostForm.Get("answer")})
		return
	} else if err != nil {
		s.caseCommandFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, familyMembersURL(id, "antwoord"), http.StatusSeeOther)
}

// fieldMap is an error's field messages by field.
func fieldMap(err error) map[string]string {
	out := map[string]string{}
	for _, fe := range schakel.FieldErrors(err) {
		out[fe.Field] = fe.Message
	}
	return out
}

func (s *Server) postReviewWithholding(w http.ResponseWriter, r *http.Request) {
	id, wid, err := casePathIDs(r, "wid")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.app.ReviewFamilyWithholding(r.Context(), actor(r), id, wid, r.PostForm.Get("houden") == "ja"); err != nil {
		s.caseCommandFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, familyMembersURL(id, "beoordeeld"), http.StatusSeeOther)
}
