package chain

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"strconv"
	"time"

	"schakel/internal/csvsafe"
)

// Pseudonym is the case id in an exported event log: an HMAC-SHA256 of
// the case id with a secret that never leaves the database, so that a log
// cannot be linked back to a case without it, while the same case keeps
// the same pseudonym in every export of that database.
func Pseudonym(secret []byte, caseID int64) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(caseID, 10)))
	return "c" + hex.EncodeToString(m.Sum(nil)[:8])
}

// LogRow is one event of an exported event log: no names, no free text.
type LogRow struct {
	Case             string // pseudonym
	Activity         Type
	At               time.Time
	OrganisationKind string
	Organisation     int64 // organisation id (organisations are not persons)
	Region           int64
	Municipality     string
	Measure          Measure
	EndsAt           *time.Time
	Color            string
	JW               *JW // the iJw fields of a care event, nil for others
}

// CSVHeader is the first line of the CSV event log; the iJw fields of the
// care events come last (eventlog_jw.go).
var CSVHeader = append([]string{"case_id", "activity", "timestamp", "organisation_kind", "organisation_id", "region_id", "municipality", "measure", "ends_at", "color"}, jwCSVHeader...)

// LogWriter writes an event log in one format.
type LogWriter interface {
	Write(LogRow) error
	Close() error
}

type csvLog struct {
	w   *csvsafe.Writer
	buf []string
}

// csvNumeric are the columns of CSVHeader that hold numbers: the
// organisation, the region and the provider.
var csvNumeric = []int{4, 5, 14}

// NewCSVLog writes a CSV event log with CSVHeader; timestamps in UTC,
// RFC 3339. No cell can start a spreadsheet formula (csvsafe): the
// municipality is typed by people.
func NewCSVLog(w io.Writer) (LogWriter, error) {
	c := &csvLog{w: csvsafe.NewWriter(w, csvNumeric...), buf: make([]string, len(CSVHeader))}
	return c, c.w.Write(CSVHeader)
}

func (c *csvLog) Write(r LogRow) error {
	b := c.buf
	b[0], b[1], b[2] = r.Case, string(r.Activity), r.At.UTC().Format(time.RFC3339)
	b[3], b[4], b[5], b[6] = r.OrganisationKind, idText(r.Organisation), idText(r.Region), r.Municipality
	b[7], b[8], b[9] = string(r.Measure), "", r.Color
	if r.EndsAt != nil {
		b[8] = r.EndsAt.UTC().Format(time.RFC3339)
	}
	jwCells(b[10:], r.JW)
	return c.w.Write(b)
}

func (c *csvLog) Close() error { c.w.Flush(); return c.w.Error() }

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// xesLog writes IEEE 1849-2016 XES: one trace per case, events in time
// order. Rows must arrive grouped by case. The output validates against the
// standard's XML Schema (chain/testdata): the root has no namespace, since
// the schema declares none, and xes.version is the decimal "1849.2016",
// the standard's own spelling of its version.
type xesLog struct {
	w    *bufio.Writer
	cur  string
	open bool
	// err is the first failed write of an escaped value. bufio.Writer
	// also keeps it and returns it from every later write and Flush;
	// err makes Write report it whatever the writer does.
	err error
}

// NewXESLog writes an XES event log with the concept, time, lifecycle and
// organizational extensions.
func NewXESLog(w io.Writer) (LogWriter, error) {
	x := &xesLog{w: bufio.NewWriterSize(w, 64<<10)}
	_, err := x.w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849.2016">
 <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
 <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
 <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
 <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
 <global scope="trace"><string key="concept:name" value=""/></global>
 <global scope="event"><string key="concept:name" value=""/><date key="time:timestamp" value="1970-01-01T00:00:00Z"/></global>
 <classifier name="Activity" keys="concept:name"/>
 <string key="concept:name" value="Schakel ketengebeurtenissen (gepseudonimiseerd)"/>
`)
	return x, err
}

func (x *xesLog) attr(kind, key, value string) {
	x.w.WriteString(`   <`)
	x.w.WriteString(kind)
	x.w.WriteString(` key="`)
	x.w.WriteString(key)
	x.w.WriteString(`" value="`)
	x.escape(value)
	x.w.WriteString("\"/>\n")
}

// escape writes s with XML's escapes, keeping the first failure.
func (x *xesLog) escape(s string) {
	if err := xml.EscapeText(x.w, []byte(s)); err != nil && x.err == nil {
		x.err = err
	}
}

func (x *xesLog) Write(r LogRow) error {
	if !x.open || r.Case != x.cur {
		if x.open {
			x.w.WriteString(" </trace>\n")
		}
		x.w.WriteString(" <trace>\n  <string key=\"concept:name\" value=\"")
		x.escape(r.Case)
		x.w.WriteString("\"/>\n")
		x.cur, x.open = r.Case, true
	}
	x.w.WriteString("  <event>\n")
	x.attr("string", "concept:name", string(r.Activity))
	x.attr("string", "lifecycle:transition", "complete")
	x.attr("date", "time:timestamp", r.At.UTC().Format(time.RFC3339))
	if r.OrganisationKind != "" {
		x.attr("string", "org:group", r.OrganisationKind)
	}
	if r.Organisation != 0 {
		x.attr("string", "org:resource", "organisation-"+idText(r.Organisation))
	}
	if r.Region != 0 {
		x.attr("int", "region_id", idText(r.Region))
	}
	if r.Municipality != "" {
		x.attr("string", "municipality", r.Municipality)
	}
	if r.Measure != "" {
		x.attr("string", "measure", string(r.Measure))
	}
	if r.EndsAt != nil {
		x.attr("date", "ends_at", r.EndsAt.UTC().Format(time.RFC3339))
	}
	if r.Color != "" {
		x.attr("string", "color", r.Color)
	}
	x.jwAttrs(r.JW)
	_, err := x.w.WriteString("  </event>\n")
	if x.err != nil {
		return x.err
	}
	return err
}

func (x *xesLog) Close() error {
	if x.open {
		x.w.WriteString(" </trace>\n")
	}
	x.w.WriteString("</log>\n")
	return x.w.Flush()
}
