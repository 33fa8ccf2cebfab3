package web_test

import (
	"net/http"
	"testing"
	"time"

	"schakel/internal/storage/storagetest"
	"schakel/internal/totp"
)

// TestFactorsAPI sets up, uses and removes an authenticator app through
// the API, as on /tweede-factor: a key, a wrong and a right code, ten
// recovery codes once, new ones, removal with the password and a recovery
// code; an administrator removes another's; a colleague may not.
func TestFactorsAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		ts.Clock.Freeze()
		me := ts.Bearer(vtCaseWorker)
		var st struct {
			App  bool `json:"app"`
			Left int  `json:"recovery_codes_left"`
		}
		me.Get("/api/v1/factors").JSON(t, &st)
		if st.App || st.Left != 0 {
			t.Fatalf("before: %+v", st)
		}
		var key struct{ Secret, Otpauth string }
		r := me.SendJSON("POST", "/api/v1/factors/app", struct{}{})
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &key)
		raw, err := totp.Decode(key.Secret)
		if err != nil {
			t.Fatal(err)
		}
		code := func(at time.Time) string { return totp.Code(raw, totp.Step(at)) }
		wantProblemField(t, me.SendJSON("POST", "/api/v1/factors/app/confirm", map[string]string{"code": code(ts.Clock.Now().Add(-time.Hour)), "password": demoPassword}),
			http.StatusUnprocessableEntity, "code")
		// A first app takes the password: a stolen token cannot set up its own.
		wantProblemField(t, me.SendJSON("POST", "/api/v1/factors/app/confirm", map[string]string{"code": code(ts.Clock.Now())}),
			http.StatusUnprocessableEntity, "password")
		wantProblemField(t, me.SendJSON("POST", "/api/v1/factors/app/confirm", map[string]string{"code": code(ts.Clock.Now()), "password": "niet-het-wachtwoord"}),
			http.StatusUnprocessableEntity, "password")
		var first struct {
			Codes []string `json:"recovery_codes"`
		}
		r = me.SendJSON("POST", "/api/v1/factors/app/confirm", map[string]string{"code": code(ts.Clock.Now()), "password": demoPassword})
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &first)
		if len(first.Codes) != 10 {
			t.Fatalf("%d recovery codes, want 10", len(first.Codes))
		}
		// The confirming code also stepped up the token.
		wantStatus(t, me.Get("/api/v1/persons/1/accesses"), http.StatusForbidden)
		if p := me.Get("/api/v1/persons/1/accesses").Problem(t); p.Code != "forbidden" {
			t.Errorf("a case worker reading who looked: %q, want forbidden (not step_up_required)", p.Code)
		}
		var again struct {
			Codes []string `json:"recovery_codes"`
		}
		r = me.SendJSON("POST", "/api/v1/factors/recovery-codes", struct{}{})
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &again)
		me.Get("/api/v1/factors").JSON(t, &st)
		if !st.App || st.Left != 10 || len(again.Codes) != 10 || again.Codes[0] == first.Codes[0] {
			t.Fatalf("after new codes: %+v", st)
		}
		wantProblemField(t, me.SendJSON("POST", "/api/v1/factors/app/remove", map[string]string{"password": demoPassword, "recovery_code": first.Codes[0]}),
			http.StatusUnprocessableEntity, "recovery_code")
		wantStatus(t, me.SendJSON("POST", "/api/v1/factors/app/remove", map[string]string{"password": demoPassword, "recovery_code": again.Codes[0]}),
			http.StatusNoContent)

		// An administrator removes a lost one; a colleague may not.
		ts.EnrolApp(vtIntake)
		id := itoa(ts.ProfessionalID(vtIntake))
		wantStatus(t, ts.Bearer(vtTeamLead).Do("DELETE", "/api/v1/professionals/"+id+"/factors", nil, ""), http.StatusForbidden)
		wantStatus(t, ts.Bearer(jbAdmin).Do("DELETE", "/api/v1/professionals/"+id+"/factors", nil, ""), http.StatusForbidden)
		wantStatus(t, ts.Bearer(vtAdmin).Do("DELETE", "/api/v1/professionals/"+id+"/factors", nil, ""), http.StatusNoContent)
		ts.Bearer(vtIntake).Get("/api/v1/factors").JSON(t, &st)
		if st.App {
			t.Errorf("the administrator's removal left the app")
		}
	})
}
