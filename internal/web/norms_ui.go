package web

// The norms page: the lead-time norm of each phase, set by a policy maker.

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

type normRow struct {
	storage.NormView
	AmountText string // as typed, or the norm's length
	TargetPct  string
	Units      []uiOption
	Error      map[string]string
}

func (s *Server) normsPage(w http.ResponseWriter, r *http.Request, status int, errFor string, typed map[string]string, errs []schakel.FieldError) {
	norms, err := s.app.Norms(r.Context(), actor(r), 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var rows []normRow
	for _, n := range norms {
		row := normRow{NormView: n, Error: map[string]string{}}
		if n.Target > 0 {
			row.TargetPct = strconv.FormatFloat(n.Target*100, 'f', -1, 64)
		}
		unit := string(n.Unit)
		if n.Amount > 0 {
			row.AmountText = strconv.Itoa(n.Amount)
		}
		if n.ID == errFor {
			row.AmountText = typed["amount"]
			unit, row.TargetPct, row.Source = typed["unit"], typed["target"], typed["source"]
			for _, fe := range errs {
				row.Error[fe.Field] = fe.Message
			}
		}
		if unit == "" {
			unit = string(chain.Days)
		}
		for _, u := range chain.Units {
			row.Units = append(row.Units, uiOption{Value: string(u), Label: u.Dutch(2), Selected: string(u) == unit})
		}
		rows = append(rows, row)
	}
	me := actor(r).Professional
	canEdit := access.Decide(access.SubjectOf(me), access.Norms, access.Write, access.Context{}).Allowed
	notice := ""
	if r.URL.Query().Get("ok") == "norm" {
		notice = "De norm is opgeslagen. Signalen en dashboards gebruiken hem meteen."
	}
	s.render(w, r, status, "norms.html", map[string]any{"Rows": rows, "CanEdit": canEdit, "Notice": notice, "Measures": chain.Measures()})
}

func (s *Server) pageNorms(w http.ResponseWriter, r *http.Request) {
	s.normsPage(w, r, http.StatusOK, "", nil, nil)
}

func (s *Server) postNorm(w http.ResponseWriter, r *http.Request) {
	textErr, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	id := r.PathValue("id")
	typed := map[string]string{"amount": r.PostForm.Get("amount"), "unit": r.PostForm.Get("unit"), "target": r.PostForm.Get("target"), "source": r.PostForm.Get("source")}
	var v schakel.Validation
	amount, err := strconv.Atoi(strings.TrimSpace(typed["amount"]))
	if err != nil {
		v.Add("amount", "format", "Vul een heel getal in.")
	}
	target := 0.0
	if t := strings.TrimSpace(strings.ReplaceAll(typed["target"], ",", ".")); t != "" {
		if target, err = strconv.ParseFloat(t, 64); err != nil {
			v.Add("target", "format", "Vul een percentage in, bijvoorbeeld 80.")
		}
		target /= 100
	}
	// Text Schakel cannot keep is said first: it may be why a value did not parse.
	err = textErr
	if err == nil {
		err = v.Err()
	}
	if err == nil {
		_, err = s.app.SetNorm(r.Context(), actor(r), id, chain.Norm{Amount: amount, Unit: chain.Unit(typed["unit"]), Target: target, Source: typed["source"]})
	}
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.normsPage(w, r, http.StatusUnprocessableEntity, id, typed, schakel.FieldErrors(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/normen?ok=norm#norm-"+url.PathEscape(id), http.StatusSeeOther)
}
