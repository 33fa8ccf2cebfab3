package web

// The case page: colour and reasons, reports, matches, consultations, with
// the workspace sections (workspace_ui.go) and the timeline (timeline_ui.go).

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/crisismeter"
)

// caseForm is what was typed in the case page's forms, kept on an error.
type caseForm struct {
	Color, Reason  string
	ColorError     string
	ReasonError    string
	Message        string // a conflict or refusal, shown at the top
	EmergencyError string
}

type caseView struct {
	Case            schakel.Case
	Title           string
	Reasons         []schakel.Reason
	Current         *schakel.Rating // the latest professional decision
	Ratings         []schakel.Rating
	Pending         *schakel.Rating
	PendingMine     bool
	Persons         map[int64]string
	ProposedMatches []schakel.Match
	DecidedMatches  []schakel.Match
	KnownAt         []schakel.KnownAt
	Consultations   []schakel.Consultation
	ProposalOpen    bool // the rules' colour waits for a professional
	ReadOnly        bool
	Emergency       bool
	Form            caseForm
	Notice          string
	Now             time.Time
	MyID            int64
	ColorOptions    []uiOption
	OpenAssessments int
	FamilyName      string
}

func familyTitle(c schakel.Case) string {
	var names []string
	for _, p := range c.Persons {
		if n := strings.TrimSpace(p.FamilyName); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return fmt.Sprintf("Casus %d", c.ID)
	}
	return fmt.Sprintf("Casus %d: gezin %s", c.ID, strings.Join(names, " / "))
}

func (s *Server) buildCaseView(r *http.Request, c schakel.Case, f caseForm, readOnly bool) caseView {
	me := actor(r).Professional
	v := caseView{Case: c, Title: familyTitle(c), Persons: personNames(c), ReadOnly: readOnly, Form: f, Now: s.app.Now(), MyID: me.ID}
	for i := len(c.Ratings) - 1; i >= 0; i-- {
		g := c.Ratings[i]
		v.Ratings = append(v.Ratings, g)
		if v.Current == nil && g.Status == schakel.RatingConfirmed && g.RatedBy != nil {
			v.Current = &c.Ratings[i]
		}
		if g.Status == schakel.RatingProposed {
			v.ProposalOpen = true
		}
		if v.Pending == nil && g.Status == schakel.RatingPendingSecond {
			v.Pending = &c.Ratings[i]
			v.PendingMine = g.RatedBy != nil && g.RatedBy.ID == me.ID
		}
	}
	v.Reasons = strongestReasons(c.Ratings)
	seen := map[int64]bool{}
	for _, m := range c.Matches {
		if m.Status == "proposed" {
			v.ProposedMatches = append(v.ProposedMatches, m)
		} else {
			v.DecidedMatches = append(v.DecidedMatches, m)
		}
		for _, k := range m.KnownAt {
			if !seen[k.Organisation.ID] {
				seen[k.Organisation.ID] = true
				v.KnownAt = append(v.KnownAt, k)
			}
		}
	}
	v.Consultations = c.Consultations
	for _, rep := range c.Reports {
		if rep.AssessmentDoneAt == nil {
			v.OpenAssessments++
		}
	}
	sel := f.Color
	if sel == "" {
		sel = c.Color
	}
	for _, col := range []crisismeter.Color{crisismeter.Red, crisismeter.Orange, crisismeter.Green} {
		v.ColorOptions = append(v.ColorOptions, uiOption{Value: string(col), Label: colorName(string(col)), Selected: sel == string(col)})
	}
	return v
}

// strongestReasons gathers the rules' reasons of every rating of the case,
// so of every report, strongest colour first, each reason once (at its
// strongest colour). A strangulation reported first stays in the header
// after a milder second report on the same family.
func strongestReasons(ratings []schakel.Rating) []schakel.Reason {
	var out []schakel.Reason
	at := map[string]int{}
	for i := len(ratings) - 1; i >= 0; i-- { // newest first, for equal colours
		for _, r := range ratings[i].Reasons {
			j, ok := at[r.Code]
			switch {
			case !ok:
				at[r.Code] = len(out)
				out = append(out, r)
			case crisismeter.Color(r.Color).Rank() > crisismeter.Color(out[j].Color).Rank():
				out[j] = r
			}
		}
	}
	slices.SortStableFunc(out, func(a, b schakel.Reason) int {
		return crisismeter.Color(b.Color).Rank() - crisismeter.Color(a.Color).Rank()
	})
	return out
}

func caseNotice(r *http.Request) string {
	switch r.URL.Query().Get("ok") {
	case "kleur":
		return "De kleur is opgeslagen."
	case "kleur-wacht":
		return "Uw verlaging van rood is vastgelegd. Een tweede professional moet die nog bevestigen; tot dan blijft de casus rood."
	case "tweede-bevestigd":
		return "U heeft de verlaging bevestigd. De nieuwe kleur geldt nu."
	case "tweede-afgewezen":
		return "U heeft de verlaging afgewezen. De casus blijft rood."
	case "match-bevestigd":
		return "De match is bevestigd. De melding hoort nu bij het bekende gezin."
	case "match-afgewezen":
		return "De match is afgewezen. Dit is vastgelegd."
	case "beoordeeld":
		return "De veiligheidsbeoordeling is afgerond."
	}
	return ""
}

// casePage loads and renders a case; a refusal shows the refusal page with
// the emergency-access form.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request, status int, id int64, f caseForm) {
	c, ws, err := s.app.CaseWorkspace(r.Context(), actor(r), id)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := s.buildCaseView(r, c, f, false)
	if status == http.StatusOK {
		v.Notice = caseNotice(r)
	}
	data := map[string]any{"V": v}
	s.caseWorkspaceData(r, data, c, ws, false) // workspace_ui.go: overview, plan, findings
	s.withTimeline(r, data, id)                // timeline_ui.go
	s.render(w, r, status, "case.html", data)
}

func (s *Server) pageCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.casePage(w, r, http.StatusOK, id, caseForm{})
}

// caseFormError re-renders the case page with what was typed and the error.
func (s *Server) caseFormError(w http.ResponseWriter, r *http.Request, id int64, f caseForm, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID:
		for _, fe := range schakel.FieldErrors(err) {
			switch fe.Field {
			case "color":
				f.ColorError = fe.Message
			case "reason":
				f.ReasonError = fe.Message
			default:
				f.Message = fe.Message
			}
		}
		if f.ColorError == "" && f.ReasonError == "" && f.Message == "" {
			f.Message = schakel.ErrorMessage(err)
		}
	case schakel.ECONFLICT, schakel.EFORBIDDEN:
		f.Message = schakel.ErrorMessage(err)
		if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
			// A refusal of the whole case shows the refusal page; asking
			// reads nothing, so the refusal stays the attempt's one entry.
			if ok, cerr := s.app.MayReadCase(r.Context(), actor(r), id); cerr == nil && !ok {
				s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
				return
			}
		}
	default:
		s.pageError(w, r, err)
		return
	}
	s.casePage(w, r, StatusOf(err), id, f)
}
