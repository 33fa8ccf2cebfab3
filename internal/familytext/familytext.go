// Package familytext is the translation catalogue of the family's own
// screens: every fixed text a parent or a child reads there, by key, in
// one JSON file per language (locales/nl.json, locales/en.json). Adding a
// language (Turkish, Arabic, Polish are common in these families) is adding
// a file: its name, its writing direction ("rtl" for Arabic) and every
// key; the tests refuse a file that misses a key or changes a key's
// parameters. Plurals use the CLDR categories of golang.org/x/text (one,
// few, many, other, …), so that Polish and Arabic can say "2 dagen" right.
//
// Why not golang.org/x/text/message with its catalog: that catalogue is
// keyed by the Dutch sentence itself and filled by generated Go code
// (gotext); a translator edits a JSON file here without a Go tool, a key
// survives a change of the Dutch wording, and "every key in every
// language, no key unused" is a plain test.
package familytext

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed locales/*.json
var files embed.FS

// Dutch is the source language and the fallback.
const Dutch = "nl"

// Lang is one language of the catalogue.
type Lang struct {
	Code string // BCP 47: "nl", "en"
	Name string // in the language itself: "Nederlands", "English"
	Dir  string // "ltr" or "rtl"
	tag  language.Tag
	msgs map[string]message
}

// message is a text, or plural forms by CLDR category.
type message struct {
	Text  string
	Forms map[string]string
}

func (m *message) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &m.Text); err == nil {
		return nil
	}
	return json.Unmarshal(b, &m.Forms)
}

var (
	langs = map[string]*Lang{}
	order []string
	match language.Matcher
)

// The files are embedded at build time: one that cannot be read is a
// build fault, caught by the first test.
func init() {
	if err := load(); err != nil {
		panic("familytext: " + err.Error())
	}
}

func load() error {
	names, err := files.ReadDir("locales")
	if err != nil {
		return err
	}
	for _, n := range names {
		b, err := files.ReadFile(path.Join("locales", n.Name()))
		if err != nil {
			return err
		}
		var raw map[string]message
		if err := json.Unmarshal(b, &raw); err != nil {
			return fmt.Errorf("%s: %w", n.Name(), err)
		}
		code := strings.TrimSuffix(n.Name(), ".json")
		l := &Lang{Code: code, Name: raw["_name"].Text, Dir: raw["_dir"].Text, tag: language.Make(code), msgs: raw}
		langs[code] = l
		order = append(order, code)
	}
	// Dutch first: the matcher's default.
	sort.Slice(order, func(i, j int) bool { return order[i] == Dutch || (order[j] != Dutch && order[i] < order[j]) })
	var tags []language.Tag
	for _, c := range order {
		tags = append(tags, langs[c].tag)
	}
	match = language.NewMatcher(tags)
	return nil
}

// Languages lists the catalogue's languages, Dutch first.
func Languages() []*Lang {
	out := make([]*Lang, len(order))
	for i, c := range order {
		out[i] = langs[c]
	}
	return out
}

// Get returns a language of the catalogue, or Dutch for any other code.
func Get(code string) *Lang {
	if l, ok := langs[code]; ok {
		return l
	}
	return langs[Dutch]
}

// Known reports whether code is a language of the catalogue.
func Known(code string) bool { _, ok := langs[code]; return ok }

// FromAcceptLanguage picks the catalogue's best language for an
// Accept-Language header; Dutch when nothing matches.
func FromAcceptLanguage(header string) *Lang {
	prefs, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(prefs) == 0 {
		return langs[Dutch]
	}
	_, i, conf := match.Match(prefs...)
	if conf == language.No {
		return langs[Dutch]
	}
	return langs[order[i]]
}

// T returns the text of key with its parameters filled in: args are name,
// value pairs for "{name}" in the text. A text with plural forms takes the
// form of the count "n" among args (none: the form of 0). A key the
// language lacks falls back to Dutch; a key no language has comes back as
// itself, so that a slip shows on the page instead of an empty spot (the
// tests catch both).
func (l *Lang) T(key string, args ...any) string {
	m, ok := l.msgs[key]
	if !ok {
		if m, ok = langs[Dutch].msgs[key]; !ok {
			return key
		}
	}
	if m.Forms == nil {
		return fill(m.Text, args)
	}
	n := 0
	for i := 0; i+1 < len(args); i += 2 {
		if c, ok := args[i+1].(int); ok && args[i] == "n" {
			n = c
		}
	}
	form := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many"}[plural.Cardinal.MatchPlural(l.tag, n, 0, 0, 0, 0)]
	text, ok := m.Forms[form]
	if !ok {
		text = m.Forms["other"]
	}
	return fill(text, args)
}

// N returns the plural form of key for the count n (CLDR cardinal rules of
// the language), with "{n}" and the other parameters filled in.
func (l *Lang) N(key string, n int, args ...any) string {
	return l.T(key, append([]any{"n", n}, args...)...)
}

func fill(text string, args []any) string {
	if len(args) < 2 {
		return text
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Has reports whether the language has key.
func (l *Lang) Has(key string) bool { _, ok := l.msgs[key]; return ok }

// Keys lists the language's keys, sorted.
func (l *Lang) Keys() []string {
	out := make([]string, 0, len(l.msgs))
	for k := range l.msgs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Texts returns the texts of key: one, or every plural form.
func (l *Lang) Texts(key string) []string {
	m := l.msgs[key]
	if m.Forms == nil {
		return []string{m.Text}
	}
	var out []string
	for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
		if t, ok := m.Forms[f]; ok {
			out = append(out, t)
		}
	}
	return out
}
