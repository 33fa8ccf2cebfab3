package web

import (
	"io/fs"
	"net/http"
	"schakel/internal/access"
	"strings"

	"schakel"
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
	return []apiRoute{
		{Method: "GET", Path: "/api/v1/me", Handler: s.apiMe},
		{Method: "POST", Path: stepUpPath, Handler: s.apiStepUp},
		// One's own second factor (factors_api.go).
		{Method: "GET", Path: "/api/v1/factors", Handler: s.apiFactors},
		{Method: "POST", Path: "/api/v1/factors/app", Handler: s.apiStartApp},
		{Method: "POST", Path: "/api/v1/factors/app/confirm", Handler: s.apiConfirmApp},
		{Method: "POST", Path: "/api/v1/factors/app/remove", Handler: s.apiRemoveApp},
		{Method: "POST", Path: "/api/v1/factors/recovery-codes", Handler: s.apiNewRecoveryCodes},
		{Method: "DELETE", Path: "/api/v1/professionals/{id}/factors", Handler: s.apiAdminRemoveFactors},
		{Method: "GET", Path: "/api/v1/family/view", Handler: s.apiFamilyView, Family: true},
		{Method: "GET", Path: "/api/v1/family/persons/{id}/accesses", Handler: s.apiFamilyAccesses, Family: true},
		{Method: "GET", Path: "/api/v1/organisations", Handler: s.apiOrganisations},
		{Method: "POST", Path: "/api/v1/organisations", Handler: s.apiCreateOrganisation, StepUp: access.ActOrganisations},
		{Method: "GET", Path: "/api/v1/organisations/{id}/identity-provider", Handler: s.apiIdentityProvider},
		{Method: "PUT", Path: "/api/v1/organisations/{id}/identity-provider", Handler: s.apiSetIdentityProvider, StepUp: access.ActOrganisations},
		{Method: "DELETE", Path: "/api/v1/organisations/{id}/identity-provider", Handler: s.apiRemoveIdentityProvider, StepUp: access.ActOrganisations},
		{Method: "GET", Path: "/api/v1/organisations/{id}/sessions", Handler: s.apiOrganisationSessions},
		{Method: "GET", Path: "/api/v1/sessions", Handler: s.apiMySessions},
		{Method: "DELETE", Path: "/api/v1/sessions/{id}", Handler: s.apiEndSession},
		{Method: "DELETE", Path: "/api/v1/professionals/{id}/identity", Handler: s.apiUnlinkIdentity},
		{Method: "GET", Path: "/api/v1/professionals", Handler: s.apiProfessionals},
		{Method: "POST", Path: "/api/v1/professionals", Handler: s.apiCreateProfessional, StepUp: access.ActRoles},
		{Method: "GET", Path: "/api/v1/professionals/{id}", Handler: s.apiProfessional},
		{Method: "PATCH", Path: "/api/v1/professionals/{id}", Handler: s.apiUpdateProfessional},
		{Method: "POST", Path: "/api/v1/professionals/{id}/disable", Handler: s.apiSetActive(false)},
		{Method: "POST", Path: "/api/v1/professionals/{id}/enable", Handler: s.apiSetActive(true)},
		{Method: "GET", Path: "/api/v1/roster", Handler: s.apiRoster},
		{Method: "POST", Path: "/api/v1/roster", Handler: s.apiAddShift},
		{Method: "GET", Path: "/api/v1/audit", Handler: s.apiAudit, StepUp: access.ActAuditTrail},
		{Method: "GET", Path: "/api/v1/persons/{id}/accesses", Handler: s.apiPersonAccesses, StepUp: access.ActAuditTrail},
		{Method: "GET", Path: "/api/v1/intake/form", Handler: s.apiIntakeForm},
		{Method: "POST", Path: "/api/v1/reports", Handler: s.apiCreateReport},
		{Method: "POST", Path: "/api/v1/reports/{id}/assessment", Handler: s.apiCompleteAssessment},
		{Method: "GET", Path: "/api/v1/cases/{id}", Handler: s.apiCase},
		{Method: "POST", Path: "/api/v1/cases/{id}/rating", Handler: s.apiRateCase},
		{Method: "POST", Path: "/api/v1/cases/{id}/ratings/{rating_id}/second", Handler: s.apiSecondOpinion},
		{Method: "GET", Path: "/api/v1/consultations/{id}", Handler: s.apiConsultation},
		{Method: "GET", Path: "/api/v1/consultations/{id}/invite.ics", Handler: s.apiInviteICS},
		{Method: "POST", Path: "/api/v1/matches/{id}/confirm", Handler: s.apiDecideMatch(true)},
		{Method: "POST", Path: "/api/v1/matches/{id}/reject", Handler: s.apiDecideMatch(false)},
		{Method: "GET", Path: "/api/v1/worklist", Handler: s.apiWorklist},
		// Teams, case holders and caseloads (teams_api.go, case_holders_api.go, caseload_api.go).
		{Method: "POST", Path: "/api/v1/teams", Handler: s.apiCreateTeam},
		{Method: "POST", Path: "/api/v1/teams/{id}/members", Handler: s.apiPutTeamMember},
		{Method: "POST", Path: "/api/v1/cases/{id}/holders", Handler: s.apiAssignCaseHolder},
		{Method: "POST", Path: "/api/v1/cases/{id}/holders/{position}/end", Handler: s.apiEndCaseHolder},
		{Method: "GET", Path: "/api/v1/caseload", Handler: s.apiCaseload},
		{Method: "GET", Path: "/api/v1/caseload/weights", Handler: s.apiCaseloadWeights},
		{Method: "PUT", Path: "/api/v1/caseload/weights", Handler: s.apiSetCaseloadWeights},
		{Method: "GET", Path: "/api/v1/caseload/norms", Handler: s.apiCaseloadNorms},
		{Method: "GET", Path: "/api/v1/caseload/overrides", Handler: s.apiCaseloadOverrides},
		{Method: "GET", Path: "/api/v1/caseload/organisation", Handler: s.apiOrganisationCaseload},
		{Method: "POST", Path: "/api/v1/professionals/{id}/handover", Handler: s.apiHandOverAll},
		{Method: "PUT", Path: "/api/v1/caseload/norms/{kind}", Handler: s.apiSetCaseloadNorm},
		{Method: "GET", Path: "/api/v1/teams/{id}/caseload", Handler: s.apiTeamCaseload},
		// Care asked for by need (care_api.go).
		{Method: "GET", Path: "/api/v1/care/profiles", Handler: s.apiCareProfiles},
		{Method: "GET", Path: "/api/v1/care/answer-counts", Handler: s.apiCareAnswerCounts},
		{Method: "GET", Path: "/api/v1/care/waiting-times", Handler: s.apiCareWaits},
		{Method: "PUT", Path: "/api/v1/organisations/{id}/care-profile", Handler: s.apiPutCareProfile},
		{Method: "GET", Path: "/api/v1/cases/{id}/care-requests", Handler: s.apiCaseCareRequests},
		{Method: "POST", Path: "/api/v1/cases/{id}/care-requests", Handler: s.apiCreateCareRequest},
		{Method: "GET", Path: "/api/v1/care-requests/{id}", Handler: s.apiCareRequest},
		{Method: "GET", Path: "/api/v1/care-requests/{id}/extract", Handler: s.apiCareExtract},
		{Method: "POST", Path: "/api/v1/care-requests/{id}/answer", Handler: s.apiAnswerCare},
		{Method: "POST", Path: "/api/v1/care-requests/{id}/choose", Handler: s.apiChooseCare},
		{Method: "POST", Path: "/api/v1/care-requests/{id}/start", Handler: s.apiStartCare},
		{Method: "POST", Path: "/api/v1/care-requests/{id}/end", Handler: s.apiEndCare},
		{Method: "GET", Path: "/api/v1/care-inbox", Handler: s.apiCareInbox},
		// The placement-prevention network and its reviews (placement_api.go).
		{Method: "GET", Path: "/api/v1/network", Handler: s.apiNetwork},
		{Method: "PUT", Path: "/api/v1/network/members/{id}", Handler: s.apiJoinNetwork},
		{Method: "DELETE", Path: "/api/v1/network/members/{id}", Handler: s.apiLeaveNetwork},
		{Method: "GET", Path: "/api/v1/cases/{id}/placement-reviews", Handler: s.apiCaseReviews},
		{Method: "POST", Path: "/api/v1/cases/{id}/placement-reviews", Handler: s.apiConsiderPlacement},
		{Method: "GET", Path: "/api/v1/placement-reviews", Handler: s.apiPanelReviews},
		{Method: "GET", Path: "/api/v1/placement-reviews/patterns", Handler: s.apiReviewPatterns},
		{Method: "GET", Path: "/api/v1/placement-reviews/{id}/extract", Handler: s.apiReviewExtract},
		{Method: "POST", Path: "/api/v1/placement-reviews/{id}/outcome", Handler: s.apiReviewOutcome},
		{Method: "GET", Path: "/api/v1/placement-reviews/{id}/checks", Handler: s.apiReviewChecks},
		{Method: "POST", Path: "/api/v1/placement-reviews/{id}/checks", Handler: s.apiReviewCheck},
		{Method: "POST", Path: "/api/v1/placement-reviews/{id}/library", Handler: s.apiShareReview},
		{Method: "GET", Path: "/api/v1/review-library", Handler: s.apiLibrary},
		{Method: "GET", Path: "/api/v1/drafts", Handler: s.apiDrafts},
		{Method: "POST", Path: "/api/v1/drafts", Handler: s.apiSaveDraft},
		{Method: "GET", Path: "/api/v1/drafts/{id}", Handler: s.apiDraft},
		{Method: "PUT", Path: "/api/v1/drafts/{id}", Handler: s.apiSaveDraft},
		{Method: "DELETE", Path: "/api/v1/drafts/{id}", Handler: s.apiDeleteDraft},
		// The chain timeline and lead-time monitor (timeline_api.go, leadtimes_api.go, norms_api.go, cohorts_api.go).
		{Method: "GET", Path: "/api/v1/cases/{id}/timeline", Handler: s.apiTimeline},
		{Method: "POST", Path: "/api/v1/cases/{id}/events", Handler: s.apiRecordEvent},
		{Method: "POST", Path: "/api/v1/cases/{id}/cohorts", Handler: s.apiTagCase},
		{Method: "DELETE", Path: "/api/v1/cases/{id}/cohorts/{cohort_id}", Handler: s.apiUntagCase},
		{Method: "GET", Path: "/api/v1/chain/event-types", Handler: s.apiEventTypes},
		{Method: "GET", Path: "/api/v1/norms", Handler: s.apiNorms},
		{Method: "PUT", Path: "/api/v1/norms/{id}", Handler: s.apiSetNorm},
		{Method: "GET", Path: "/api/v1/leadtimes", Handler: s.apiLeadtimes},
		{Method: "GET", Path: "/api/v1/dashboard", Handler: s.apiDashboard},
		{Method: "GET", Path: "/api/v1/cohorts", Handler: s.apiCohorts},
		{Method: "POST", Path: "/api/v1/cohorts", Handler: s.apiCreateCohort},
		{Method: "GET", Path: "/api/v1/eventlog.csv", Handler: s.apiEventLog("csv"), StepUp: access.ActExport},
		{Method: "GET", Path: "/api/v1/eventlog.xes", Handler: s.apiEventLog("xes"), StepUp: access.ActExport},
		// The joint workspace on a case: plan, findings, roles (plan_api.go, findings_api.go, participations_api.go, …).
		{Method: "GET", Path: "/api/v1/cases/{id}/workspace", Handler: s.apiWorkspace},
		{Method: "GET", Path: "/api/v1/cases/{id}/plan", Handler: s.apiPlan},
		{Method: "POST", Path: "/api/v1/cases/{id}/actions", Handler: s.apiAddAction},
		{Method: "PATCH", Path: "/api/v1/cases/{id}/actions/{action_id}", Handler: s.apiUpdateAction},
		{Method: "POST", Path: "/api/v1/cases/{id}/plan/agree", Handler: s.apiAgreePlan},
		{Method: "POST", Path: "/api/v1/cases/{id}/plan/reviews", Handler: s.apiReviewPlan},
		{Method: "POST", Path: "/api/v1/cases/{id}/findings", Handler: s.apiAddFinding},
		{Method: "POST", Path: "/api/v1/cases/{id}/safety-scale", Handler: s.apiSafetyScale},
		{Method: "POST", Path: "/api/v1/cases/{id}/conversations", Handler: s.apiConversation},
		{Method: "POST", Path: "/api/v1/cases/{id}/decisions", Handler: s.apiDecision},
		{Method: "POST", Path: "/api/v1/cases/{id}/participations", Handler: s.apiAddParticipation},
		{Method: "POST", Path: "/api/v1/cases/{id}/participations/{organisation_id}/role", Handler: s.apiChangeRole, StepUp: access.ActRoles},
		{Method: "POST", Path: "/api/v1/cases/{id}/participations/{organisation_id}/exit", Handler: s.apiExit},
		{Method: "POST", Path: "/api/v1/cases/{id}/regie", Handler: s.apiRegie},
		{Method: "POST", Path: "/api/v1/cases/{id}/experts", Handler: s.apiAddExpert},
		{Method: "POST", Path: "/api/v1/cases/{id}/consultations", Handler: s.apiCreateConsultation},
		{Method: "POST", Path: "/api/v1/cases/{id}/colleague-requests", Handler: s.apiAskColleague},
		{Method: "GET", Path: "/api/v1/cases/{id}/family-summary", Handler: s.apiFamilySummary, StepUp: access.ActExport},
		{Method: "POST", Path: "/api/v1/cases/{id}/family-summary/confirm", Handler: s.apiConfirmFamilyCopy},
		{Method: "PUT", Path: "/api/v1/cases/{id}/actions/{action_id}/family-text", Handler: s.apiSetFamilyText},
		{Method: "POST", Path: "/api/v1/cases/{id}/actions/{action_id}/marks", Handler: s.apiMarkFamilyCopy},
		{Method: "PUT", Path: "/api/v1/cases/{id}/marks/{mark_id}", Handler: s.apiChangeFamilyCopyMark},
		{Method: "DELETE", Path: "/api/v1/cases/{id}/marks/{mark_id}", Handler: s.apiRemoveFamilyCopyMark},
		{Method: "GET", Path: "/api/v1/cases/{id}/own-record", Handler: s.apiOwnRecord},
		{Method: "POST", Path: "/api/v1/consultations/{id}/attendance", Handler: s.apiAttendance},
		{Method: "POST", Path: "/api/v1/consultations/{id}/agenda", Handler: s.apiAgendaItem},
		{Method: "POST", Path: "/api/v1/consultations/{id}/participants", Handler: s.apiConsultationParticipant},
		{Method: "POST", Path: "/api/v1/consultations/{id}/move", Handler: s.apiMoveConsultation},
		{Method: "POST", Path: "/api/v1/consultations/{id}/cancel", Handler: s.apiCancelConsultation},
		{Method: "POST", Path: "/api/v1/consultations/{id}/location", Handler: s.apiConsultationLocation},
		{Method: "POST", Path: "/api/v1/consultations/{id}/decline", Handler: s.apiDeclineInvitation},
		{Method: "POST", Path: "/api/v1/consultations/{id}/accept", Handler: s.apiAcceptInvitation},
		{Method: "POST", Path: "/api/v1/consultations/{id}/table/remove-need", Handler: s.apiRemoveTableNeed},
		{Method: "POST", Path: "/api/v1/consultations/{id}/table/add-person", Handler: s.apiAddTablePerson},
		{Method: "POST", Path: "/api/v1/consultations/{id}/table/send", Handler: s.apiSendTableNow},
		{Method: "GET", Path: "/api/v1/consultations/{id}/minutes", Handler: s.apiMinutes, StepUp: access.ActExport},
		{Method: "POST", Path: "/api/v1/colleague-requests/{id}/accept", Handler: s.apiAnswerColleague(true)},
		{Method: "POST", Path: "/api/v1/colleague-requests/{id}/decline", Handler: s.apiAnswerColleague(false)},
	}
}

// routes is the one place where URLs meet handlers.
func (s *Server) routes() http.Handler {
	mux := newPatternMux()
	defer func() { s.patterns = mux.patterns }()

	// Machine surfaces.
	mux.HandleFunc("GET /healthz", s.api(s.handleHealth))
	mux.Handle("GET /metrics", s.metricsGuard(s.metrics.handler()))
	mux.HandleFunc("GET /api/openapi.json", s.handleOpenAPI)
	// An API address that exists with other methods answers 405 with
	// Allow; the probe mux matches paths without methods to find out.
	allowed := map[string][]string{}
	probe := http.NewServeMux()
	for _, rt := range s.apiRoutes() {
		fn := rt.Handler
		if rt.StepUp != "" {
			fn = s.stepUpAPI(rt.StepUp, fn)
		}
		if !rt.Public && !rt.Family && rt.Path != stepUpPath {
			// Claiming emergency access is a risky act on any route (but
			// the one that steps up, and the family's own).
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

	// Screens.
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	mux.HandleFunc("GET /login", s.handleLoginPage)
	mux.HandleFunc("POST /login", s.handleLogin)
	mux.HandleFunc("POST /login/start", s.postLoginStart)
	mux.HandleFunc("GET "+oidcCallback, s.handleOIDCCallback)
	// The second step of a password login, and one's own second factor (login_factor_ui.go, factors_ui.go).
	mux.HandleFunc("GET /login/code", s.pageLoginCode)
	mux.HandleFunc("POST /login/code", s.postLoginCode)
	mux.HandleFunc("GET /login/instellen", s.pageLoginEnrol)
	mux.HandleFunc("POST /login/instellen", s.postLoginEnrol)
	mux.HandleFunc("GET /tweede-factor", s.requireActor(s.pageFactors))
	// Step-up before a risky act (step_up_ui.go, step_up_oidc_ui.go).
	mux.HandleFunc("GET /bevestigen", s.requireActor(s.pageStepUp))
	mux.HandleFunc("POST /bevestigen", s.requireActor(s.postStepUp))
	mux.HandleFunc("POST /bevestigen/inlogdienst", s.requireActor(s.postStepUpProvider))
	mux.HandleFunc("GET /tweede-factor/app", s.requireActor(s.pageFactorApp))
	mux.HandleFunc("GET /tweede-factor/app/qr.png", s.requireActor(s.pageFactorQR))
	mux.HandleFunc("GET /login/instellen/qr.png", s.pageLoginEnrolQR)
	mux.HandleFunc("POST /tweede-factor/app", s.requireActor(s.postFactorApp))
	mux.HandleFunc("POST /tweede-factor/herstelcodes", s.requireActor(s.postRecoveryCodes))
	mux.HandleFunc("POST /tweede-factor/verwijderen", s.requireActor(s.postRemoveFactor))
	mux.HandleFunc("POST /beheer/medewerkers/{id}/tweede-factor/verwijderen", s.requireActor(s.postAdminRemoveFactor))
	mux.HandleFunc("POST /beheer/inloggen/tweede-factor", s.requireActor(s.stepUpPage(access.ActOrganisations, s.postFactorRequired)))
	mux.HandleFunc("POST /logout", s.handleLogout)
	mux.HandleFunc("GET /{$}", s.requireActor(s.pageHome))
	mux.HandleFunc("GET /beheer/medewerkers", s.requireActor(s.pageProfessionals))
	mux.HandleFunc("GET /beheer/medewerkers/nieuw", s.requireActor(s.pageNewProfessional))
	mux.HandleFunc("POST /beheer/medewerkers", s.requireActor(s.stepUpPage(access.ActRoles, s.postNewProfessional)))
	mux.HandleFunc("GET /beheer/medewerkers/{id}", s.requireActor(s.pageEditProfessional))
	mux.HandleFunc("POST /beheer/medewerkers/{id}", s.requireActor(s.stepUpPage(access.ActRoles, s.postEditProfessional)))
	mux.HandleFunc("POST /beheer/medewerkers/{id}/status", s.requireActor(s.postProfessionalStatus))
	mux.HandleFunc("GET /beheer/organisaties", s.requireActor(s.pageOrganisations))
	mux.HandleFunc("POST /beheer/organisaties", s.requireActor(s.stepUpPage(access.ActOrganisations, s.postOrganisation)))
	mux.HandleFunc("GET /beheer/inloggen", s.requireActor(s.pageIdentityProvider))
	mux.HandleFunc("POST /beheer/inloggen", s.requireActor(s.stepUpPage(access.ActOrganisations, s.postIdentityProvider)))
	mux.HandleFunc("POST /beheer/inloggen/verwijderen", s.requireActor(s.stepUpPage(access.ActOrganisations, s.postRemoveIdentityProvider)))
	mux.HandleFunc("POST /beheer/medewerkers/{id}/ontkoppelen", s.requireActor(s.postUnlinkIdentity))
	mux.HandleFunc("GET /beheer/sessies", s.requireActor(s.pageOrganisationSessions))
	mux.HandleFunc("GET /sessies", s.requireActor(s.pageMySessions))
	mux.HandleFunc("POST /sessies/andere-beeindigen", s.requireActor(s.postEndOtherSessions))
	mux.HandleFunc("POST /sessies/{id}/beeindigen", s.requireActor(s.postEndSession))
	mux.HandleFunc("GET /piket", s.requireActor(s.pageRoster))
	mux.HandleFunc("POST /piket", s.requireActor(s.postRoster))
	mux.HandleFunc("GET /privacy/logboek", s.requireActor(s.stepUpPage(access.ActAuditTrail, s.pageAudit)))
	mux.HandleFunc("GET /privacy/personen/{id}", s.requireActor(s.stepUpPage(access.ActAuditTrail, s.pagePersonAccesses)))
	// Intake (intake_form_ui.go, drafts_ui.go, relogin_ui.go). The three form posts authenticate themselves:
	// an expired session shows a login that keeps what was typed.
	mux.HandleFunc("GET /meldingen/nieuw", s.requireActor(s.pageIntakeNew))
	mux.HandleFunc("POST /meldingen", s.postIntake)
	mux.HandleFunc("POST /meldingen/concept", s.postIntakeAutosave)
	mux.HandleFunc("POST /meldingen/herstel", s.postIntakeRestore)
	mux.HandleFunc("GET /meldingen/concepten", s.requireActor(s.pageDrafts))
	mux.HandleFunc("POST /meldingen/concepten/{id}/verwijderen", s.requireActor(s.postDeleteDraft))
	mux.HandleFunc("GET /meldingen/{id}/resultaat", s.requireActor(s.pageReportResult))
	mux.HandleFunc("POST /meldingen/{id}/beoordeeld", s.requireActor(s.postAssessmentDone))
	// Care asked for by need (care_ui.go, care_provider_ui.go).
	mux.HandleFunc("GET /casussen/{id}/zorgvragen", s.requireActor(s.pageCaseCare))
	mux.HandleFunc("POST /casussen/{id}/zorgvragen", s.requireActor(s.postCareRequest))
	mux.HandleFunc("GET /zorgvragen", s.requireActor(s.pageCareInbox))
	mux.HandleFunc("GET /zorgvragen/wachttijden", s.requireActor(s.pageCareWaits))
	mux.HandleFunc("GET /zorgvragen/{id}", s.requireActor(s.pageCareCompare))
	mux.HandleFunc("POST /zorgvragen/{id}/kiezen", s.requireActor(s.postChooseCare))
	mux.HandleFunc("POST /zorgvragen/{id}/start", s.requireActor(s.postCareProgress))
	mux.HandleFunc("POST /zorgvragen/{id}/einde", s.requireActor(s.postCareProgress))
	mux.HandleFunc("GET /zorgvragen/{id}/antwoorden", s.requireActor(s.pageCareAnswer))
	mux.HandleFunc("POST /zorgvragen/{id}/antwoorden", s.requireActor(s.postCareAnswer))
	mux.HandleFunc("GET /beheer/aanbod", s.requireActor(s.pageCareProfile))
	mux.HandleFunc("POST /beheer/aanbod", s.requireActor(s.postCareProfile))
	// The placement-prevention network and its reviews (placement_network_ui.go, placement_review_ui.go).
	mux.HandleFunc("GET /netwerk", s.requireActor(s.pageNetwork))
	mux.HandleFunc("POST /netwerk", s.requireActor(s.postNetwork))
	mux.HandleFunc("POST /netwerk/afmelden", s.requireActor(s.postLeaveNetwork))
	mux.HandleFunc("GET /plaatsingstafels", s.requireActor(s.pagePanels))
	mux.HandleFunc("GET /plaatsingstafels/patronen", s.requireActor(s.pagePatterns))
	mux.HandleFunc("GET /plaatsingstafels/{id}", s.requireActor(s.pageReview))
	mux.HandleFunc("POST /plaatsingstafels/{id}/uitkomst", s.requireActor(s.postOutcome))
	mux.HandleFunc("POST /plaatsingstafels/{id}/controle", s.requireActor(s.postCheck))
	mux.HandleFunc("POST /plaatsingstafels/{id}/delen", s.requireActor(s.postShare))
	mux.HandleFunc("GET /plaatsingstafels/bibliotheek", s.requireActor(s.pageLibrary))
	mux.HandleFunc("GET /casussen/{id}/plaatsingstafel", s.requireActor(s.pageCaseReviews))
	mux.HandleFunc("POST /casussen/{id}/plaatsingstafel", s.requireActor(s.postConsider))
	mux.HandleFunc("GET /mijn-caseload", s.requireActor(s.pageCaseload))
	mux.HandleFunc("GET /mijn-team", s.requireActor(s.pageTeamBoard))
	mux.HandleFunc("GET /caseload/boven-de-norm", s.requireActor(s.pageCaseloadOverrides))
	mux.HandleFunc("GET /organisatie/caseload", s.requireActor(s.pageOrganisationCaseload))
	mux.HandleFunc("GET /medewerkers/{id}/overdragen", s.requireActor(s.pageHandOver))
	mux.HandleFunc("POST /medewerkers/{id}/overdragen", s.requireActor(s.postHandOver))
	mux.HandleFunc("GET /beheer/teams", s.requireActor(s.pageTeams))
	mux.HandleFunc("POST /beheer/teams", s.requireActor(s.postTeam))
	mux.HandleFunc("GET /beheer/teams/{id}", s.requireActor(s.pageTeam))
	mux.HandleFunc("POST /beheer/teams/{id}/leden", s.requireActor(s.postTeamMember))
	mux.HandleFunc("POST /beheer/teams/{id}/leden/weg", s.requireActor(s.postRemoveTeamMember))
	mux.HandleFunc("POST /beheer/teams/{id}/teamleider", s.requireActor(s.postTeamLead))
	mux.HandleFunc("GET /casussen/{id}", s.requireActor(s.pageCase))
	mux.HandleFunc("POST /casussen/{id}/noodtoegang", s.requireActor(s.stepUpPage(access.ActEmergency, s.postEmergencyCase)))
	mux.HandleFunc("POST /casussen/{id}/kleur", s.requireActor(s.postRateCase))
	mux.HandleFunc("POST /casussen/{id}/kleur/{rid}/tweede", s.requireActor(s.postSecondOpinion))
	mux.HandleFunc("POST /casussen/{id}/matches/{mid}", s.requireActor(s.postDecideMatch))
	mux.HandleFunc("GET /overleggen/{id}", s.requireActor(s.pageConsultation))
	mux.HandleFunc("POST /werk/notificaties/{id}", s.requireActor(s.postNoticeRead))
	// The chain timeline and lead-time monitor (timeline_ui.go, dashboard_ui.go, norms_ui.go, cohorts_ui.go).
	mux.HandleFunc("GET /casussen/{id}/tijdlijn", s.requireActor(s.pageTimeline))
	mux.HandleFunc("POST /casussen/{id}/tijdlijn", s.requireActor(s.postTimelineEvent))
	mux.HandleFunc("POST /casussen/{id}/cohorten", s.requireActor(s.postCaseCohort))
	mux.HandleFunc("GET /dashboard", s.requireActor(s.pageDashboard))
	mux.HandleFunc("GET /beheer/normen", s.requireActor(s.pageNorms))
	mux.HandleFunc("POST /beheer/normen/{id}", s.requireActor(s.postNorm))
	mux.HandleFunc("GET /beheer/cohorten", s.requireActor(s.pageCohorts))
	mux.HandleFunc("POST /beheer/cohorten", s.requireActor(s.postCohort))
	// The joint workspace on a case: plan, findings, roles, minutes (workspace_ui.go and the forms in plan_ui.go, findings_ui.go, …).
	mux.HandleFunc("GET /casussen/{id}/plan", s.requireActor(s.pagePlan))
	mux.HandleFunc("POST /casussen/{id}/acties", s.requireActor(s.postAction))
	mux.HandleFunc("POST /casussen/{id}/acties/{aid}", s.requireActor(s.postActionChange))
	mux.HandleFunc("POST /casussen/{id}/plan/vaststellen", s.requireActor(s.postAgreePlan))
	mux.HandleFunc("POST /casussen/{id}/plan/evaluaties", s.requireActor(s.postReviewPlan))
	mux.HandleFunc("GET /casussen/{id}/bevindingen", s.requireActor(s.pageFindings))
	mux.HandleFunc("POST /casussen/{id}/bevindingen", s.requireActor(s.postFinding))
	mux.HandleFunc("POST /casussen/{id}/veiligheidsschaal", s.requireActor(s.postScale))
	mux.HandleFunc("POST /casussen/{id}/gesprekken", s.requireActor(s.postConversation))
	mux.HandleFunc("POST /casussen/{id}/gezinsgesprekken", s.requireActor(s.postFamilyMeeting))
	mux.HandleFunc("GET /casussen/{id}/organisaties", s.requireActor(s.pageParticipations))
	mux.HandleFunc("GET /casussen/{id}/casushouders", s.requireActor(s.pageCaseHolders))
	mux.HandleFunc("POST /casussen/{id}/casushouders", s.requireActor(s.postCaseHolder))
	mux.HandleFunc("POST /casussen/{id}/casushouders/{position}/einde", s.requireActor(s.postEndCaseHolder))
	mux.HandleFunc("POST /casussen/{id}/organisaties", s.requireActor(s.postParticipation))
	mux.HandleFunc("POST /casussen/{id}/organisaties/rol", s.requireActor(s.stepUpPage(access.ActRoles, s.postRole)))
	mux.HandleFunc("POST /casussen/{id}/organisaties/{oid}/uitstappen", s.requireActor(s.postExit))
	mux.HandleFunc("POST /casussen/{id}/regie", s.requireActor(s.postRegie))
	mux.HandleFunc("POST /casussen/{id}/deskundigen", s.requireActor(s.postExpert))
	mux.HandleFunc("POST /casussen/{id}/besluiten", s.requireActor(s.postDecision))
	mux.HandleFunc("GET /casussen/{id}/overleggen/nieuw", s.requireActor(s.pageNewConsultation))
	mux.HandleFunc("POST /casussen/{id}/overleggen", s.requireActor(s.postConsultation))
	mux.HandleFunc("GET /casussen/{id}/collega", s.requireActor(s.pageColleague))
	mux.HandleFunc("POST /casussen/{id}/collega", s.requireActor(s.postColleague))
	mux.HandleFunc("GET /casussen/{id}/voor-ouders", s.requireActor(s.stepUpPage(access.ActExport, s.pageFamilySummary)))
	mux.HandleFunc("POST /casussen/{id}/voor-ouders/bevestigen", s.requireActor(s.postConfirmFamilyCopy))
	mux.HandleFunc("POST /casussen/{id}/acties/{aid}/gezinstekst", s.requireActor(s.postFamilyText))
	mux.HandleFunc("POST /casussen/{id}/acties/{aid}/niet-delen", s.requireActor(s.postMarkFamilyCopy))
	mux.HandleFunc("POST /casussen/{id}/markeringen/{mid}/wijzigen", s.requireActor(s.postChangeFamilyCopyMark))
	mux.HandleFunc("POST /casussen/{id}/markeringen/{mid}/weghalen", s.requireActor(s.postRemoveFamilyCopyMark))
	mux.HandleFunc("GET /casussen/{id}/eigen-inbreng", s.requireActor(s.pageOwnRecord))
	mux.HandleFunc("POST /overleggen/{id}/aanwezigheid", s.requireActor(s.postAttendance))
	mux.HandleFunc("POST /overleggen/{id}/agenda", s.requireActor(s.postAgendaItem))
	mux.HandleFunc("POST /overleggen/{id}/deelnemers", s.requireActor(s.postConsultationParticipant))
	mux.HandleFunc("POST /overleggen/{id}/verplaatsen", s.requireActor(s.postMoveConsultation))
	mux.HandleFunc("POST /overleggen/{id}/afzeggen", s.requireActor(s.postCancelConsultation))
	mux.HandleFunc("POST /overleggen/{id}/plaats", s.requireActor(s.postConsultationLocation))
	mux.HandleFunc("POST /overleggen/{id}/afmelden", s.requireActor(s.postDeclineInvitation))
	mux.HandleFunc("POST /overleggen/{id}/meedoen", s.requireActor(s.postAcceptInvitation))
	mux.HandleFunc("POST /overleggen/{id}/tafel/weghalen", s.requireActor(s.postRemoveTableNeed))
	mux.HandleFunc("POST /overleggen/{id}/tafel/erbij", s.requireActor(s.postAddTablePerson))
	mux.HandleFunc("POST /overleggen/{id}/tafel/versturen", s.requireActor(s.postSendTableNow))
	mux.HandleFunc("GET /overleggen/{id}/verslag", s.requireActor(s.stepUpPage(access.ActExport, s.pageMinutes)))
	mux.HandleFunc("POST /werk/verzoeken/{id}", s.requireActor(s.postAnswerColleague))
	// The family's own Schakel (family_*_ui.go): its own login, cookie and screens.
	mux.HandleFunc("GET /gezin/inloggen", s.pageFamilyLogin)
	mux.HandleFunc("POST /gezin/inloggen", s.postFamilyLogin)
	mux.HandleFunc("GET /gezin/activeren", s.pageFamilyActivate)
	mux.HandleFunc("POST /gezin/activeren", s.postFamilyActivate)
	mux.HandleFunc("GET "+familyStepPath, s.pageFamilyStep)
	mux.HandleFunc("POST "+familyStepPath, s.postFamilyStep)
	mux.HandleFunc("POST /gezin/uitloggen", s.postFamilyLogout)
	mux.HandleFunc("GET /gezin", s.requireFamily(s.pageFamilyHome))
	mux.HandleFunc("GET /gezin/logboek/{id}", s.requireFamily(s.pageFamilyLog))
	mux.HandleFunc("POST /gezin/toestemming", s.requireFamily(s.postFamilyConsent))
	mux.HandleFunc("POST /gezin/verzoeken", s.requireFamily(s.postFamilyRequest))
	mux.HandleFunc("GET /gezin/gesprekken/{id}/agenda.ics", s.requireFamily(s.pageFamilyMeetingICS))
	mux.HandleFunc("POST /gezin/sleutels", s.requireFamily(s.postFamilyToken))
	mux.HandleFunc("POST /gezin/sleutels/{id}/intrekken", s.requireFamily(s.postRevokeFamilyToken))
	mux.HandleFunc("GET /casussen/{id}/gezinsleden", s.requireActor(s.pageFamilyMembers))
	mux.HandleFunc("POST /casussen/{id}/gezinsleden/{pid}/uitnodigen", s.requireActor(s.postInviteFamilyMember))
	mux.HandleFunc("POST /casussen/{id}/gezinsleden/{pid}/opvang", s.requireActor(s.postFamilyShelter))
	mux.HandleFunc("POST /casussen/{id}/gezinsleden/achterhouden", s.requireActor(s.postWithholdFromFamily))
	mux.HandleFunc("POST /casussen/{id}/gezinsleden/achterhouden/{wid}/beoordelen", s.requireActor(s.postReviewWithholding))
	mux.HandleFunc("POST /casussen/{id}/gezinsverzoeken/{rid}/antwoord", s.requireActor(s.postAnswerFamilyRequest))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.pageError(w, r, errNoPage) })

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, schakel.Errorf(schakel.EFORBIDDEN, "Dit verzoek kwam van een andere website en is geweigerd. Gebruik Schakel zelf."))
	}))
	return s.observe(securityHeaders(cop.Handler(s.textGuard(mux)), s.cfg.SecureCookies))
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
