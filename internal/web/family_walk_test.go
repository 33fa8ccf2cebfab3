package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

// TestFamilyOutsiderWalk walks every route of both surfaces as a parent of
// another family, whose family session cookie is sent on every path (as an
// attacker would), with every path parameter filled with an id of the walk
// case's objects. Nothing of the case may come back or change; every
// family screen refuses with exactly one audited refusal of the family
// principal; the professional screens treat the parent as not logged in.
func TestFamilyOutsiderWalk(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts, raw := startWalkServer(t, e)
		w := buildWalkCase(t, ts)
		w.childID = queryInt(t, raw, "SELECT MIN(person_id) FROM report_persons WHERE report_id = "+itoa(w.reportID))
		w.noticeID = queryInt(t, raw, "SELECT MIN(id) FROM notifications WHERE case_id = "+itoa(w.caseID))
		w.planMeeting(t, ts, raw)
		w.readVersion(t)
		fam := ts.fileFamily(t, "Buitenstaander")
		member := fam.member(t, ts, ts.Login(vtIntake), fam.mother, "buiten@voorbeeld.nl")
		account := queryInt(t, raw, "SELECT id FROM family_accounts WHERE username = 'buiten@voorbeeld.nl'")
		// The family cookie on every path, not only under /gezin.
		u, _ := url.Parse(ts.URL + "/gezin")
		cookies := member.jar.Cookies(u)
		if len(cookies) != 1 {
			t.Fatalf("the family member holds %d cookies", len(cookies))
		}
		walker := ts.Anonymous()
		walker.Header = http.Header{"Cookie": {cookies[0].Name + "=" + cookies[0].Value}}
		// The family's API with the parent's own bearer token (made on their page).
		made := member.PostForm("/gezin/sleutels", url.Values{"name": {"Mijn app"}})
		wantStatus(t, made, http.StatusOK)
		tok := regexp.MustCompile(`<code id="token">([^<]+)</code>`).FindStringSubmatch(made.Body)
		if tok == nil {
			t.Fatal("no token on the page")
		}
		apiWalker := ts.Anonymous()
		apiWalker.Header = http.Header{"Authorization": {"Bearer " + tok[1]}}
		outsider := walkOutsider{name: "gezin", web: walker, api: walker}

		cases := []int64{w.caseID, w.matchCaseID}
		rows := caseRows(t, raw, e.Name, cases, nil)
		walked := 0
		for _, rt := range walkRoutes(t, ts.Srv) {
			method, pattern, _ := strings.Cut(rt, " ")
			path := strings.TrimSuffix(pattern, "{$}")
			aboutCase := false
			for _, m := range pathParam.FindAllStringSubmatchIndex(pattern, -1) {
				segs := strings.Split(pattern[:m[0]], "/")
				key := segs[len(segs)-2] + "/" + pattern[m[0]:m[1]]
				v, ok := w.param(key)
				if !ok {
					t.Fatalf("the walk cannot fill %s in %s", key, rt)
				}
				path = strings.Replace(path, pattern[m[0]:m[1]], v, 1)
				aboutCase = aboutCase || !notCaseParams[key]
			}
			before := queryInt(t, raw, "SELECT MAX(seq) FROM audit_log")
			var r response
			switch {
			case strings.HasPrefix(pattern, "/api/") && method != "GET" && method != "DELETE":
				r = walker.SendJSON(method, path, map[string]any{})
			case strings.HasPrefix(pattern, "/api/v1/family/"):
				r = apiWalker.Do(method, path, nil, "")
			case method == "GET" || method == "DELETE":
				r = walker.Do(method, path, nil, "")
			default:
				r = walker.PostForm(path, w.form(ts, outsider, pattern))
			}
			walked++
			for _, s := range w.secrets {
				if strings.Contains(r.Body, s) || strings.Contains(r.Header.Get("Location"), s) {
					t.Errorf("%s %s (%d) shows the case's %q to a parent of another family", method, path, r.StatusCode, s)
				}
			}
			if aboutCase && r.StatusCode < 300 {
				t.Errorf("%s %s answered %d to a parent of another family", method, path, r.StatusCode)
			}
			refusals := queryInt(t, raw, fmt.Sprintf(`SELECT COUNT(*) FROM audit_log WHERE seq > %d AND principal_kind = 'family_member'
				AND principal_id = %d AND outcome = 'refused'`, before, account))
			family := strings.HasPrefix(pattern, "/gezin/") || strings.HasPrefix(pattern, "/api/v1/family/")
			if family && aboutCase && (r.StatusCode != http.StatusForbidden || refusals != 1) {
				t.Errorf("%s %s answered %d with %d refusals of the family principal, want 403 and one", method, path, r.StatusCode, refusals)
			}
			if after := caseRows(t, raw, e.Name, cases, nil); !sameRows(t, rows, after) {
				t.Errorf("%s %s changed the case", method, path)
				rows = after
			}
		}
		t.Logf("family outsider walk: %d routes", walked)
	})
}
