package chain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// The care events mirror the youth-care messages of the iJw standard
// (issue 15, item 4): the request as JW315 (verzoek om toewijzing), the
// provider chosen as JW301 (toewijzing), the start as JW305 (start zorg)
// and the end as JW307 (stop zorg). An exported event log carries the
// fields those messages carry, as far as Schakel knows them, and nothing
// that names a family: the assignment number is a pseudonym of the care
// request, the products are need categories, the provider an organisation.

// JW is the iJw message fields of a care event.
type JW struct {
	Message    string     // JW315, JW301, JW305 or JW307; "" for an event no message mirrors (the first answer)
	Assignment string     // toewijzingnummer: the care request's pseudonym (AssignmentPseudonym)
	Products   []string   // productcategorie: the request's need categories
	Urgency    string     // days or weeks (JW315)
	Provider   int64      // the chosen provider's organisation (JW301, JW305, JW307)
	StartDate  *time.Time // begindatum (JW305, JW307)
	EndReason  string     // reden beëindiging (JW307), a code of care.EndReasons
}

// JWMessage is the iJw message a care event mirrors, "" for others.
func JWMessage(t Type) string {
	switch t {
	case CareRequested:
		return "JW315"
	case CareAllocated:
		return "JW301"
	case CareStarted:
		return "JW305"
	case CareEnded:
		return "JW307"
	}
	return ""
}

// AssignmentPseudonym is a care request's number in an exported event
// log: keyed like the case pseudonym but apart from it, so that the
// request's events can be told apart and never be linked to the request
// or the case without the database's secret.
func AssignmentPseudonym(secret []byte, requestID int64) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("care_request:" + strconv.FormatInt(requestID, 10)))
	return "t" + hex.EncodeToString(m.Sum(nil)[:8])
}

// jwCSVHeader are the CSV columns of the JW fields, after the others.
var jwCSVHeader = []string{"jw_message", "jw_assignment", "jw_product_categories", "jw_urgency", "jw_provider_id", "jw_start_date", "jw_end_reason"}

// jwCells fills the JW columns of one CSV row (b holds exactly them).
func jwCells(b []string, j *JW) {
	clear(b)
	if j == nil {
		return
	}
	b[0], b[1], b[2], b[3], b[4], b[6] = j.Message, j.Assignment, strings.Join(j.Products, ";"), j.Urgency, idText(j.Provider), j.EndReason
	if j.StartDate != nil {
		b[5] = j.StartDate.UTC().Format(time.DateOnly)
	}
}

// jwAttrs writes the JW fields of an event as XES attributes.
func (x *xesLog) jwAttrs(j *JW) {
	if j == nil {
		return
	}
	for _, a := range [][2]string{{"jw_message", j.Message}, {"jw_assignment", j.Assignment},
		{"jw_product_categories", strings.Join(j.Products, ";")}, {"jw_urgency", j.Urgency}, {"jw_end_reason", j.EndReason}} {
		if a[1] != "" {
			x.attr("string", a[0], a[1])
		}
	}
	if j.Provider != 0 {
		x.attr("string", "jw_provider", "organisation-"+idText(j.Provider))
	}
	if j.StartDate != nil {
		x.attr("date", "jw_start_date", j.StartDate.UTC().Format(time.RFC3339))
	}
}
