package web

// The placement-prevention network's page (issue 16, item 1): who is in
// it, and joining or leaving it oneself.

import (
	"net/http"
	"slices"

	"schakel"
)

func (s *Server) pageNetwork(w http.ResponseWriter, r *http.Request) {
	s.renderNetwork(w, r, http.StatusOK, nil)
}

func (s *Server) renderNetwork(w http.ResponseWriter, r *http.Request, status int, f *pform) {
	me := actor(r)
	members, err := s.app.Network(r.Context(), me)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var mine []string
	member := false
	for _, m := range members {
		if m.Professional.ID == me.Professional.ID {
			member = true
			for _, e := range m.Expertises {
				mine = append(mine, string(e))
			}
		}
	}
	s.render(w, r, status, "network.html", map[string]any{"Members": members, "Member": member, "Mine": mine,
		"Expertises": networkExpertiseOptions(), "Form": f, "Notice": notice(r)})
}

// postNetwork joins the network or changes one's own expertise.
func (s *Server) postNetwork(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := &pform{Name: "network", Values: r.PostForm}
	var exps []schakel.NetworkExpertise
	for _, e := range r.PostForm["expertises"] {
		exps = append(exps, schakel.NetworkExpertise(e))
	}
	me := actor(r)
	if _, err := s.app.JoinNetwork(r.Context(), me, me.Professional.ID, exps); err != nil {
		if schakel.ErrorCode(err) != schakel.EINVALID {
			s.pageError(w, r, err)
			return
		}
		f.apply(err)
		s.renderNetwork(w, r, StatusOf(err), f)
		return
	}
	done(w, r, "/netwerk", "netwerk")
}

// postLeaveNetwork takes the actor out of the network.
func (s *Server) postLeaveNetwork(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	me := actor(r)
	if err := s.app.LeaveNetwork(r.Context(), me, me.Professional.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	done(w, r, "/netwerk", "afgemeld")
}

func networkExpertiseOptions() []uiOption {
	var out []uiOption
	for _, e := range schakel.NetworkExpertises {
		out = append(out, uiOption{Value: string(e), Label: e.Dutch()})
	}
	return out
}

// networkExpertiseNL lists network expertises in Dutch, for the templates.
func networkExpertiseNL(es []schakel.NetworkExpertise) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.Dutch())
	}
	return slices.Clip(out)
}
