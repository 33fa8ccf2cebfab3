package web

// The case holders page of a case (/casussen/{id}/casushouders): who
// holds the case for each organisation, and the forms to assign, hand
// over and end, for the team lead and the holder.

import (
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// holderRow is one current case holder on the page.
type holderRow struct {
	schakel.CaseHolder
	Organisation string
	PositionText string
	Mine         bool // a position of the viewer's organisation
}

// addHolders adds the case's holders and the viewer's colleagues to the
// page.
func (s *Server) addHolders(r *http.Request, v *wsView) error {
	hs, err := s.app.CaseHolderList(r.Context(), actor(r), v.Case.ID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, p := range v.Case.Participations {
		names[p.Organisation.ID] = p.Organisation.Name
	}
	for _, h := range hs {
		pos := "Casushouder"
		if h.Position == schakel.SecondHolder {
			pos = "Tweede casushouder"
		}
		v.Holders = append(v.Holders, holderRow{CaseHolder: h, Organisation: names[h.OrganisationID], PositionText: pos, Mine: h.OrganisationID == v.Me.Organisation.ID})
	}
	pros, err := s.app.Professionals(r.Context(), actor(r), storage.ProfessionalFilter{OrganisationID: v.Me.Organisation.ID, ActiveOnly: true})
	if err != nil {
		return err
	}
	for _, p := range pros {
		v.Colleagues = append(v.Colleagues, uiOption{Value: itoa64(p.ID), Label: p.Name})
	}
	v.HolderPositions = []uiOption{{Value: "first", Label: "Casushouder"}, {Value: "second", Label: "Tweede casushouder"}}
	return nil
}

func (s *Server) pageCaseHolders(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("case_holders.html")(w, r)
}

// postCaseHolder assigns or hands over a position, with an override
// above the norm when the team lead ticks it and says why.
func (s *Server) postCaseHolder(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "holder")
	if err != nil {
		s.formFailed(w, r, id, "case_holders.html", f, err)
		return
	}
	v := f.Values
	in := app.HolderInput{ProfessionalID: formInt(v, "professional_id"), Position: schakel.HolderPosition(v.Get("position")), Reason: v.Get("reason"),
		Override: app.Override{Confirmed: v.Get("override") == "1", Reason: v.Get("override_reason")}}
	if _, err := s.app.AssignCaseHolder(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "case_holders.html", f, err)
		return
	}
	http.Redirect(w, r, casePath(id, "/casushouders?ok=casushouder"), http.StatusSeeOther)
}

// postEndCaseHolder leaves a position of the viewer's organisation
// empty, with the reason.
func (s *Server) postEndCaseHolder(w http.ResponseWriter, r *http.Request) {
	pos := schakel.HolderPosition(r.PathValue("position"))
	form := "end"
	if pos.Valid() {
		form += "-" + string(pos)
	}
	id, f, err := readForm(w, r, form)
	if err != nil {
		s.formFailed(w, r, id, "case_holders.html", f, err)
		return
	}
	if _, err := s.app.EndCaseHolder(r.Context(), actor(r), id, pos, f.Values.Get("reason")); err != nil {
		s.formFailed(w, r, id, "case_holders.html", f, err)
		return
	}
	http.Redirect(w, r, casePath(id, "/casushouders?ok=casushouder-einde"), http.StatusSeeOther)
}
