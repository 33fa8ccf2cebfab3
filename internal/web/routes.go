package web

import (
	"io/fs"
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/access"
)

// apiRoute is one JSON API endpoint. The list is the single source for the
// mux and for the test that checks the OpenAPI document against it.
type apiRoute struct {
	Method, Path string
	Handler      apiFunc
	Public       bool // no authentication needed
	// StepUp names the risky act of the route: it needs a second factor
	// from the last 5 minutes (step_up.go).
	StepUp access.RiskyAct
	Family bool // a family member's bearer token (family_api.go)
}

func (s *Server) apiRoutes() []apiRoute {
	return concatRoutes(
		s.accountAPI(),
		s.intakeAPI(),
		s.caseloadAPI(),
		s.careAPI(),
		s.placementAPI(),
		s.draftsAPI(),
		s.chainAPI(),
		s.workspaceAPI(),
		s.consultationAPI(),
	)
}

// concatRoutes joins groups of routes in order.
func concatRoutes(groups ...[]apiRoute) []apiRoute {
	var out []apiRoute
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// routes is the one place where URLs meet handlers.
func (s *Server) routes() http.Handler {
	mux := newPatternMux()
	defer func() { s.patterns = mux.patterns }()
	s.machineRoutes(mux)
	s.apiMux(mux)
	// Screens, by capability (routes_screens.go).
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	for _, screens := range []func(*patternMux){
		s.loginScreens, s.adminScreens, s.intakeScreens, s.careScreens, s.placementScreens,
		s.caseloadScreens, s.caseScreens, s.chainScreens, s.workspaceScreens, s.consultationScreens, s.familyScreens,
	} {
		screens(mux)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.pageError(w, r, errNoPage) })

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, schakel.Errorf(schakel.EFORBIDDEN, "Dit verzoek kwam van een andere website en is geweigerd. Gebruik Schakel zelf."))
	}))
	return s.observe(securityHeaders(cop.Handler(s.textGuard(mux)), s.cfg.SecureCookies))
}

// machineRoutes registers the surfaces for machines: health, metrics and
// the API document.
func (s *Server) machineRoutes(mux *patternMux) {
	mux.HandleFunc("GET /healthz", s.api(s.handleHealth))
	mux.Handle("GET /metrics", s.metricsGuard(s.metrics.handler()))
	mux.HandleFunc("GET /api/openapi.json", s.handleOpenAPI)
}

// apiMux registers every API route behind its authentication (and its
// step-up), and an answer for API addresses that exist with other methods
// or not at all.
func (s *Server) apiMux(mux *patternMux) {
	// An API address that exists with other methods answers 405 with
	// Allow; the probe mux matches paths without methods to find out.
	allowed := map[string][]string{}
	probe := http.NewServeMux()
	for _, rt := range s.apiRoutes() {
		fn := rt.Handler
		if rt.StepUp != "" {
			fn = s.stepUpAPI(rt.StepUp, fn)
		}
		if !rt.Public && !rt.Family && rt.Path != stepUpPath && rt.Path != passkeyStepUpBegin && rt.Path != passkeyStepUpFinish {
			// Claiming emergency access is a risky act on any route (but
			// the ones that step up, and the family's own).
			fn = s.stepUpAPIWhen(access.ActEmergency, claimsEmergency, fn)
		}
		h := s.api(fn)
		switch {
		case rt.Family:
			h = s.requireFamilyBearer(h)
		case !rt.Public:
			h = s.requireActor(h)
		}
		mux.HandleFunc(rt.Method+" "+rt.Path, h)
		if _, ok := allowed[rt.Path]; !ok {
			probe.HandleFunc(rt.Path, http.NotFound)
		}
		allowed[rt.Path] = append(allowed[rt.Path], rt.Method)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := probe.Handler(r); allowed[pattern] != nil {
			w.Header().Set("Allow", strings.Join(allowed[pattern], ", "))
			s.apiError(w, r, schakel.Errorf(schakel.EMETHOD, "Dit API-adres kent %s niet; wel %s.", r.Method, strings.Join(allowed[pattern], ", ")))
			return
		}
		s.apiError(w, r, errNoRoute)
	})
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
