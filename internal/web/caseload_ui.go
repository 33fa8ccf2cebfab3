package web

// The "Mijn caseload" page: the worker's own cases against the norm.

import (
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/app"
)

// caseloadRow is one held case on the page.
type caseloadRow struct {
	app.HeldCase
	PositionText string
}

func (s *Server) pageCaseload(w http.ResponseWriter, r *http.Request) {
	cl, err := s.app.MyCaseload(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rows := make([]caseloadRow, 0, len(cl.Held))
	for _, h := range cl.Held {
		pos := "Casushouder"
		if h.Position == schakel.SecondHolder {
			pos = "Tweede casushouder"
		}
		rows = append(rows, caseloadRow{HeldCase: h, PositionText: pos})
	}
	s.render(w, r, http.StatusOK, "caseload.html", map[string]any{
		"Load": cl, "Rows": rows, "Percent": percentText(cl.Percent), "BandClass": bandClass(cl.Band),
		"Weighted": decimalNL(cl.Weighted), "Capacity": decimalNL(cl.Capacity), "Ramp": rampText(cl),
	})
}

// bandClass gives a band the colour of the crisismeter palette; the band
// is always written out as well, so colour is never the only signal.
func bandClass(band string) string {
	switch band {
	case "room":
		return "color-green"
	case "full":
		return "color-orange"
	case "over", "far_over":
		return "color-red"
	}
	return ""
}

func percentText(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', 0, 64) + " %"
}

// decimalNL writes a number with a decimal comma and at most two decimals.
func decimalNL(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

func rampText(cl app.Caseload) string {
	if !cl.InTeam || cl.RampShare >= 1 {
		return ""
	}
	return "U bent nog aan het inwerken: u draagt nu " + strconv.Itoa(int(cl.RampShare*100)) + " % van de norm."
}
