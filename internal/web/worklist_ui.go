package web

// Mijn werk: the work list on the home page, and marking a notice read.

import (
	"fmt"
	"net/http"
	"schakel/internal/app"
	"time"

	"schakel"
	"schakel/internal/crisismeter"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	until, onDuty := s.dutyUntil(r)
	data := map[string]any{"OnDuty": onDuty, "OnDutyUntil": until}
	s.worklistData(r, data)
	s.render(w, r, http.StatusOK, "home.html", data)
}

type workRow struct {
	storage.WorkItem
	KindNL, Due, Link, LinkText string
}

var workKindNL = map[string]string{
	"rate":              "Kleur bevestigen",
	"assessment":        "Veiligheidsbeoordeling",
	"second_opinion":    "Tweede oordeel",
	"consultation":      "Crisisoverleg",
	"notice":            "Bericht",
	"norm":              "Norm bijna voorbij",
	"court_order":       "Maatregel loopt af",
	"action":            "Actie",
	"colleague_request": "Collega vraagt u mee",
	"colleague_ask":     "Collega vraagt mee of om mee te denken",
	"plan_review":       "Evaluatie plan",
	"care_request":      "Zorgvraag beantwoorden",
	"care_choice":       "Zorgvraag: kiezen",
}

func workRows(items []storage.WorkItem, now time.Time) []workRow {
	out := make([]workRow, 0, len(items))
	for _, it := range items {
		row := workRow{WorkItem: it, KindNL: workKindNL[it.Kind]}
		if row.KindNL == "" {
			row.KindNL = it.Kind
		}
		if (it.Kind == "consultation" || it.Kind == "norm" || it.Kind == "court_order") && it.Title != "" {
			row.KindNL = it.Title
		}
		if it.DueAt != nil {
			if it.Kind == "notice" {
				row.Due = "ontvangen " + it.DueAt.In(workdays.Location()).Format("02-01 15:04")
			} else {
				row.Due = dueNL(now, *it.DueAt) + " (" + it.DueAt.In(workdays.Location()).Format("02-01 15:04") + ")"
			}
		}
		switch {
		case it.Kind == "colleague_ask":
			row.Link, row.LinkText = fmt.Sprintf("/werk/vragen/%d", it.AskID), fmt.Sprintf("Open vraag %d", it.AskID)
		case it.Kind == "care_request":
			row.Link, row.LinkText = fmt.Sprintf("/zorgvragen/%d/antwoorden", it.CareRequestID), fmt.Sprintf("Beantwoord zorgvraag %d", it.CareRequestID)
		case it.Kind == "care_choice":
			row.Link, row.LinkText = fmt.Sprintf("/zorgvragen/%d", it.CareRequestID), fmt.Sprintf("Open zorgvraag %d", it.CareRequestID)
		case it.Kind == "consultation" && it.ConsultationID != 0:
			row.Link, row.LinkText = fmt.Sprintf("/overleggen/%d", it.ConsultationID), fmt.Sprintf("Open overleg %d", it.ConsultationID)
		case it.CaseID != 0:
			frag := ""
			switch it.Kind {
			case "rate", "second_opinion":
				frag = "#kleur"
			case "assessment":
				frag = fmt.Sprintf("#melding-%d", it.ReportID)
			case "action":
				frag = fmt.Sprintf("/plan#actie-%d", it.ActionID)
			case "plan_review":
				frag = "/plan#evaluatie"
			case "norm", "court_order":
				frag = "#tijdlijn"
			}
			row.Link, row.LinkText = fmt.Sprintf("/casussen/%d%s", it.CaseID, frag), fmt.Sprintf("Open casus %d", it.CaseID)
		}
		out = append(out, row)
	}
	return out
}

// worklistPage fills the data of home.html.
func (s *Server) worklistData(r *http.Request, data map[string]any) {
	q := r.URL.Query()
	f, ferr := s.workFilter(r)
	if ferr != nil {
		data["FilterError"] = "Een filter klopte niet. U ziet de gewone werklijst."
		f = app.WorkFilter{CrisisWithin: s.app.IntakePolicy().CrisisWithin}
	}
	wl, err := s.app.WorklistWithOverflow(r.Context(), actor(r), f)
	if err != nil {
		s.logFailure(r, "worklist", err)
		data["WorkError"] = schakel.ErrorMessage(err)
	}
	items := wl.Items
	data["NormsNotShown"] = wl.NormsNotShown
	data["MaxNormItems"] = storage.MaxNormItems
	orgs, err := s.app.Organisations(r.Context(), actor(r))
	if err != nil {
		s.logFailure(r, "organisations", err)
	}
	now := s.app.Now()
	rows := workRows(items, now)
	overdue := 0
	for _, it := range items {
		if it.Overdue {
			overdue++
		}
	}
	scope := f.Scope
	if scope == "" {
		scope = "team"
	}
	data["Items"] = rows
	data["Overdue"] = overdue
	data["Orgs"] = orgs
	data["Filter"] = map[string]string{"Scope": scope, "Color": f.Color, "Org": q.Get("organisation_id")}
	data["Scopes"] = []uiOption{
		{Value: "mine", Label: "Mijn werk", Selected: scope == "mine"},
		{Value: "team", Label: "Mijn team", Selected: scope == "team"},
		{Value: "organisation", Label: "Mijn organisatie", Selected: scope == "organisation"},
	}
	colors := []uiOption{{Value: "", Label: "Alle kleuren", Selected: f.Color == ""}}
	for _, c := range []crisismeter.Color{crisismeter.Red, crisismeter.Orange, crisismeter.Green} {
		colors = append(colors, uiOption{Value: string(c), Label: colorName(string(c)), Selected: f.Color == string(c)})
	}
	data["Colors"] = colors
	data["CanReport"] = canReport(actor(r).Professional)
	switch q.Get("ok") {
	case "gelezen":
		data["Notice"] = "Het bericht is als gelezen gemarkeerd."
	case "beoordeeld":
		data["Notice"] = "De veiligheidsbeoordeling is afgerond."
	case "verzoek":
		data["Notice"] = "Uw antwoord is verstuurd naar uw collega."
	}
	asks, err := s.app.MyColleagueAsks(r.Context(), actor(r))
	if err != nil {
		s.logFailure(r, "colleague asks", err)
	}
	data["Asked"] = asks.Asked
}

func (s *Server) postNoticeRead(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.MarkNoticeRead(r.Context(), actor(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/?ok=gelezen", http.StatusSeeOther)
}
