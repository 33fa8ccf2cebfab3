package web

// Charts of the lead-time dashboard, drawn as SVG on the server. They need
// no JavaScript and no style attributes (colours come from classes in
// style.css), and they do not rely on colour alone: over-the-norm parts are
// hatched, the second cohort is dotted, norms are dashed lines, and every
// bar carries its number. Each chart has a title and a description for
// screen readers, and the page shows the same figures in a table.

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"schakel/internal/chain"
)

type svgChart struct {
	b      strings.Builder
	id     string
	width  int
	height int
}

func newChart(id string, width, height int, title, desc string) *svgChart {
	c := &svgChart{id: id, width: width, height: height}
	fmt.Fprintf(&c.b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-t %s-d" xmlns="http://www.w3.org/2000/svg">`,
		width, height, id, id)
	fmt.Fprintf(&c.b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(desc))
	// Patterns: hatched (over the norm) and dotted (second cohort).
	fmt.Fprintf(&c.b, `<defs><pattern id="%s-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`+
		`<rect width="8" height="8" class="pat-bg-over"/><line x1="0" y1="0" x2="0" y2="8" class="pat-line-over" stroke-width="4"/></pattern>`, id)
	fmt.Fprintf(&c.b, `<pattern id="%s-dots" width="6" height="6" patternUnits="userSpaceOnUse">`+
		`<rect width="6" height="6" class="pat-bg-b"/><circle cx="3" cy="3" r="1.6" class="pat-dot-b"/></pattern></defs>`, id)
	return c
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func (c *svgChart) hatch() string { return "url(#" + c.id + "-hatch)" }
func (c *svgChart) dots() string  { return "url(#" + c.id + "-dots)" }

func (c *svgChart) rect(x, y, w, h float64, class, fill string) {
	if w <= 0 || h <= 0 {
		return
	}
	if fill != "" {
		fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="%s" fill="%s"/>`, x, y, w, h, class, fill)
		return
	}
	fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="%s"/>`, x, y, w, h, class)
}

func (c *svgChart) line(x1, y1, x2, y2 float64, class string) {
	fmt.Fprintf(&c.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="%s"/>`, x1, y1, x2, y2, class)
}

func (c *svgChart) text(x, y float64, anchor, class, s string) {
	fmt.Fprintf(&c.b, `<text x="%.1f" y="%.1f" text-anchor="%s" class="%s">%s</text>`, x, y, anchor, class, esc(s))
}

func (c *svgChart) html() template.HTML {
	c.b.WriteString(`</svg>`)
	return template.HTML(c.b.String()) // every text went through esc
}

// legendItem draws a small swatch and its text; it returns the x after it.
func (c *svgChart) legendItem(x, y float64, class, fill, label string) float64 {
	c.rect(x, y-10, 14, 12, class, fill)
	c.text(x+20, y, "start", "chart-legend", label)
	return x + 32 + float64(len([]rune(label)))*8.2 // about the width of the legend font
}

// daysText writes a lead time for a chart label: hours under a day.
func daysText(d float64) string {
	if d < 1 {
		return strings.ReplaceAll(fmt.Sprintf("%.1f uur", d*24), ".", ",")
	}
	if d < 10 {
		return strings.ReplaceAll(fmt.Sprintf("%.1f d", d), ".", ",")
	}
	return fmt.Sprintf("%.0f d", d)
}

// tooFewNote is said where figures are withheld because the group is
// smaller than chain.MinShown.
const tooFewNote = "minder dan 5 gezinnen: niet getoond"

// emptyNote says why a row of a chart has no figure: nothing yet, or too
// few to show.
func emptyNote(count int64) string {
	if chain.TooFewToShow(count) {
		return tooFewNote
	}
	return "nog geen afgeronde fasen"
}

// leadRow is one phase in the lead-time chart.
type leadRow struct {
	Label            string
	Count            int64
	Median, P80, P90 *float64
	NormDays         float64 // 0: none
	NormText         string
}

// leadtimeChart: per phase the median as a bar, p80 and p90 as ticks on a
// whisker, and the norm as a dashed line. Each row has its own scale (red
// is counted in hours, the whole chain in months), which the description
// says; the numbers are printed.
func leadtimeChart(id string, rows []leadRow) template.HTML {
	const labelW, right, rowH, top = 290.0, 330.0, 34.0, 34.0
	w := 1000.0
	h := top + rowH*float64(len(rows)) + 16
	c := newChart(id, int(w), int(h), "Doorlooptijd per fase",
		"Per fase: de balk is de mediaan, de streepjes zijn het 80e en 90e percentiel, de gestippelde lijn is de norm. Elke fase heeft een eigen schaal. De getallen staan ook in de tabel.")
	x := 10.0
	x = c.legendItem(x, 16, "bar-median", "", "mediaan")
	c.line(x, 10, x+14, 10, "whisker")
	c.text(x+20, 16, "start", "chart-legend", "80e en 90e percentiel")
	x += 190
	c.line(x, 4, x, 16, "norm-line")
	c.text(x+8, 16, "start", "chart-legend", "norm")
	plotW := w - labelW - right
	for i, r := range rows {
		y := top + rowH*float64(i)
		c.text(labelW-8, y+rowH/2+4, "end", "chart-label", r.Label)
		if r.Count == 0 || r.Median == nil {
			c.text(labelW, y+rowH/2+4, "start", "chart-note", emptyNote(r.Count))
			continue
		}
		max := math.Max(*r.P90, r.NormDays) * 1.08
		if max <= 0 {
			max = 1
		}
		sx := func(v float64) float64 { return labelW + v/max*plotW }
		c.rect(labelW, y+8, sx(*r.Median)-labelW, rowH-16, "bar-median", "")
		c.line(sx(*r.Median), y+rowH/2, sx(*r.P90), y+rowH/2, "whisker")
		c.line(sx(*r.P80), y+10, sx(*r.P80), y+rowH-10, "whisker")
		c.line(sx(*r.P90), y+8, sx(*r.P90), y+rowH-8, "whisker")
		if r.NormDays > 0 {
			c.line(sx(r.NormDays), y+3, sx(r.NormDays), y+rowH-3, "norm-line")
		}
		label := fmt.Sprintf("%s (p80 %s, p90 %s)", daysText(*r.Median), daysText(*r.P80), daysText(*r.P90))
		if r.NormText != "" {
			label += " · norm " + r.NormText
		}
		c.text(w-right+8, y+rowH/2+4, "start", "chart-value", label)
	}
	return c.html()
}

// shareRow is one phase in the within-the-norm chart.
type shareRow struct {
	Label  string
	Within *float64 // 0–1
	Target float64
	Count  int64
}

// withinChart: per phase a 100% bar, within the norm solid, over the norm
// hatched, with the percentage written and the target as a dotted line.
func withinChart(id string, rows []shareRow) template.HTML {
	const labelW, rowH, top = 290.0, 30.0, 34.0
	w := 1000.0
	plotW := 520.0
	h := top + rowH*float64(len(rows)) + 10
	c := newChart(id, int(w), int(h), "Binnen de norm per fase",
		"Per fase het deel van de afgeronde fasen dat binnen de norm bleef (effen) en daarbuiten (gearceerd). Een verticale stippellijn is het streefpercentage.")
	x := c.legendItem(10, 16, "bar-within", "", "binnen de norm")
	x = c.legendItem(x, 16, "bar-over", c.hatch(), "over de norm")
	c.line(x, 4, x, 16, "target-line")
	c.text(x+8, 16, "start", "chart-legend", "streefpercentage")
	for i, r := range rows {
		y := top + rowH*float64(i)
		c.text(labelW-8, y+rowH/2+4, "end", "chart-label", r.Label)
		if r.Within == nil {
			note := "geen norm of nog geen afgeronde fasen"
			if chain.TooFewToShow(r.Count) {
				note = tooFewNote
			}
			c.text(labelW, y+rowH/2+4, "start", "chart-note", note)
			continue
		}
		in := *r.Within * plotW
		c.rect(labelW, y+6, in, rowH-12, "bar-within", "")
		c.rect(labelW+in, y+6, plotW-in, rowH-12, "bar-over", c.hatch())
		if r.Target > 0 {
			c.line(labelW+r.Target*plotW, y+2, labelW+r.Target*plotW, y+rowH-2, "target-line")
		}
		label := fmt.Sprintf("%.0f%% binnen", *r.Within*100)
		if r.Target > 0 {
			label += fmt.Sprintf(" (doel %.0f%%)", r.Target*100)
		}
		c.text(labelW+plotW+8, y+rowH/2+4, "start", "chart-value", label)
	}
	return c.html()
}

// trendPoint is one month of the trend.
type trendPoint struct {
	Month  string
	Median *float64
	Count  int64
}

// trendChart: the median lead time per month as a line with points, the
// norm as a dashed line.
func trendChart(id, phase string, pts []trendPoint, normDays float64, normText string) template.HTML {
	w, h := 1000.0, 300.0
	left, right, top, bottom := 60.0, 20.0, 34.0, 46.0
	c := newChart(id, int(w), int(h), "Trend per maand: "+phase,
		"De mediane doorlooptijd per maand waarin de fase eindigde. De gestippelde lijn is de norm. De getallen staan ook in de tabel.")
	x := c.legendItem(10, 16, "bar-median", "", "mediaan per maand")
	if normDays > 0 {
		c.line(x, 10, x+24, 10, "norm-line")
		c.text(x+30, 16, "start", "chart-legend", "norm ("+normText+")")
	}
	max := normDays
	for _, p := range pts {
		if p.Median != nil {
			max = math.Max(max, *p.Median)
		}
	}
	if max <= 0 || len(pts) == 0 {
		c.text(w/2, h/2, "middle", "chart-note", "Nog geen afgeronde fasen in deze periode.")
		return c.html()
	}
	max *= 1.1
	plotW, plotH := w-left-right, h-top-bottom
	sy := func(v float64) float64 { return top + plotH - v/max*plotH }
	step := plotW / float64(len(pts))
	sx := func(i int) float64 { return left + step*(float64(i)+0.5) }
	// Axis with four ticks.
	c.line(left, top, left, top+plotH, "axis")
	c.line(left, top+plotH, left+plotW, top+plotH, "axis")
	for k := 0; k <= 4; k++ {
		v := max / 1.1 * float64(k) / 4
		c.line(left-4, sy(v), left+plotW, sy(v), "gridline")
		tick := daysText(v)
		if k == 0 {
			tick = "0"
		}
		c.text(left-8, sy(v)+4, "end", "chart-tick", tick)
	}
	if normDays > 0 {
		c.line(left, sy(normDays), left+plotW, sy(normDays), "norm-line")
	}
	var path []string
	for i, p := range pts {
		if p.Median == nil {
			continue
		}
		cmd := "L"
		if len(path) == 0 {
			cmd = "M"
		}
		path = append(path, fmt.Sprintf("%s%.1f %.1f", cmd, sx(i), sy(*p.Median)))
	}
	fmt.Fprintf(&c.b, `<path d="%s" class="trend-line"/>`, strings.Join(path, " "))
	labelEvery := max1(len(pts) / 12)
	for i, p := range pts {
		if p.Median != nil {
			fmt.Fprintf(&c.b, `<circle cx="%.1f" cy="%.1f" r="3.5" class="trend-point"/>`, sx(i), sy(*p.Median))
		}
		if i%labelEvery == 0 || i == len(pts)-1 {
			c.text(sx(i), top+plotH+18, "middle", "chart-tick", p.Month)
		}
	}
	return c.html()
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// waitRow is one phase in the waiting-now chart.
type waitRow struct {
	Label   string
	Count   int64
	Over    int64
	Median  *float64
	HasNorm bool
}

// waitingChart: how many wait in each phase now, the part past the norm
// hatched, with the numbers and the median wait written.
func waitingChart(id string, rows []waitRow) template.HTML {
	const labelW, rowH, top = 290.0, 30.0, 34.0
	w, plotW := 1000.0, 420.0
	h := top + rowH*float64(len(rows)) + 10
	c := newChart(id, int(w), int(h), "Wachten nu per fase",
		"Per fase het aantal gezinnen dat nu wacht; het gearceerde deel wacht al langer dan de norm.")
	x := c.legendItem(10, 16, "bar-within", "", "binnen de norm")
	c.legendItem(x, 16, "bar-over", c.hatch(), "langer dan de norm")
	var max int64 = 1
	for _, r := range rows {
		if r.Count > max {
			max = r.Count
		}
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		c.text(labelW-8, y+rowH/2+4, "end", "chart-label", r.Label)
		in := float64(r.Count-r.Over) / float64(max) * plotW
		over := float64(r.Over) / float64(max) * plotW
		c.rect(labelW, y+6, in, rowH-12, "bar-within", "")
		c.rect(labelW+in, y+6, over, rowH-12, "bar-over", c.hatch())
		label := fmt.Sprintf("%d wachten", r.Count)
		if r.HasNorm {
			label += fmt.Sprintf(", %d te lang", r.Over)
		}
		if r.Median != nil {
			label += ", mediaan " + daysText(*r.Median)
		}
		c.text(labelW+in+over+8, y+rowH/2+4, "start", "chart-value", label)
	}
	return c.html()
}

// compareRow is one phase of two cohorts side by side.
type compareRow struct {
	Label  string
	A, B   *float64
	CountA int64
	CountB int64
}

func (r compareRow) largerCount() int64 { return max(r.CountA, r.CountB) }

// compareChart: per phase the median of cohort A (solid) and B (dotted),
// each row on its own scale, with the numbers written.
func compareChart(id, nameA, nameB string, rows []compareRow) template.HTML {
	const labelW, rowH, top = 290.0, 44.0, 34.0
	w, plotW := 1000.0, 460.0
	h := top + rowH*float64(len(rows)) + 10
	c := newChart(id, int(w), int(h), "Mediane doorlooptijd: "+nameA+" en "+nameB,
		"Per fase de mediaan van het eerste cohort (effen) en van het tweede (gestippeld), elke fase op een eigen schaal.")
	x := c.legendItem(10, 16, "bar-a", "", nameA)
	c.legendItem(x, 16, "bar-b", c.dots(), nameB)
	for i, r := range rows {
		y := top + rowH*float64(i)
		c.text(labelW-8, y+rowH/2+4, "end", "chart-label", r.Label)
		max := 0.0
		for _, v := range []*float64{r.A, r.B} {
			if v != nil {
				max = math.Max(max, *v)
			}
		}
		if max == 0 {
			c.text(labelW, y+rowH/2+4, "start", "chart-note", emptyNote(r.largerCount()))
			continue
		}
		max *= 1.05
		bar := func(v *float64, n int64, y0 float64, class, fill string) {
			if v == nil {
				c.text(labelW, y0+12, "start", "chart-note", emptyNote(n))
				return
			}
			bw := *v / max * plotW
			c.rect(labelW, y0+3, bw, 15, class, fill)
			c.text(labelW+bw+8, y0+15, "start", "chart-value", fmt.Sprintf("%s (n=%d)", daysText(*v), n))
		}
		bar(r.A, r.CountA, y+2, "bar-a", "")
		bar(r.B, r.CountB, y+22, "bar-b", c.dots())
	}
	return c.html()
}

// monthBars: a small bar chart of counts per month.
func monthBars(id, title, desc string, months []string, counts []int64) template.HTML {
	w, h := 1000.0, 200.0
	left, right, top, bottom := 50.0, 10.0, 14.0, 40.0
	c := newChart(id, int(w), int(h), title, desc)
	var max int64 = 1
	for _, n := range counts {
		if n > max {
			max = n
		}
	}
	if len(counts) == 0 {
		c.text(w/2, h/2, "middle", "chart-note", "Geen gegevens in deze periode.")
		return c.html()
	}
	plotW, plotH := w-left-right, h-top-bottom
	step := plotW / float64(len(counts))
	c.line(left, top+plotH, left+plotW, top+plotH, "axis")
	c.text(left-6, top+8, "end", "chart-tick", fmt.Sprint(max))
	c.text(left-6, top+plotH, "end", "chart-tick", "0")
	every := max1(len(counts) / 12)
	for i, n := range counts {
		bh := float64(n) / float64(max) * plotH
		c.rect(left+step*float64(i)+step*0.15, top+plotH-bh, step*0.7, bh, "bar-median", "")
		if i%every == 0 || i == len(counts)-1 {
			c.text(left+step*(float64(i)+0.5), top+plotH+16, "middle", "chart-tick", months[i])
		}
	}
	return c.html()
}
