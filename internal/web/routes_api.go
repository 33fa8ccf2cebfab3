package web

import "schakel/internal/access"

// accountAPI holds one's own account and second factor, the family's own
// view by bearer token, organisations, single sign-on, sessions, the roster
// and the audit trail (professionals_api.go, factors_api.go, family_api.go,
// organisations_api.go, identity_provider_api.go, sessions_api.go, membership_api.go,
// roster_api.go, audit_api.go).
func (s *Server) accountAPI() []apiRoute {
	return []apiRoute{
		{Method: "GET", Path: "/api/v1/me", Handler: s.apiMe},
		{Method: "POST", Path: stepUpPath, Handler: s.apiStepUp},
		// One's own second factor (factors_api.go).
		{Method: "GET", Path: "/api/v1/factors", Handler: s.apiFactors},
		{Method: "POST", Path: "/api/v1/factors/app", Handler: s.apiStartApp},
		{Method: "POST", Path: "/api/v1/factors/app/confirm", Handler: s.apiConfirmApp},
		{Method: "POST", Path: "/api/v1/factors/app/remove", Handler: s.apiRemoveApp},
		{Method: "POST", Path: "/api/v1/factors/recovery-codes", Handler: s.apiNewRecoveryCodes},
		// Passkeys (passkeys_api.go).
		{Method: "POST", Path: "/api/v1/factors/passkeys/begin", Handler: s.apiBeginPasskey},
		{Method: "POST", Path: "/api/v1/factors/passkeys/finish", Handler: s.apiFinishPasskey},
		{Method: "PATCH", Path: "/api/v1/factors/passkeys/{id}", Handler: s.apiRenamePasskey},
		{Method: "POST", Path: "/api/v1/factors/passkeys/{id}/remove", Handler: s.apiRemovePasskey},
		{Method: "POST", Path: passkeyStepUpBegin, Handler: s.apiBeginPasskeyStepUp},
		{Method: "POST", Path: passkeyStepUpFinish, Handler: s.apiFinishPasskeyStepUp},
		{Method: "DELETE", Path: "/api/v1/professionals/{id}/factors", Handler: s.apiAdminRemoveFactors},
		{Method: "GET", Path: "/api/v1/family/view", Handler: s.apiFamilyView, Family: true},
		{Method: "GET", Path: "/api/v1/family/persons/{id}/accesses", Handler: s.apiFamilyAccesses, Family: true},
		{Method: "GET", Path: "/api/v1/family/meetings/{id}/calendar.ics", Handler: s.apiFamilyMeetingICS, Family: true},
		{Method: "GET", Path: "/api/v1/organisations", Handler: s.apiOrganisations},
		{Method: "POST", Path: "/api/v1/organisations", Handler: s.apiCreateOrganisation, StepUp: access.ActOrganisations},
		{Method: "GET", Path: "/api/v1/organisations/{id}/identity-provider", Handler: s.apiIdentityProvider},
		{Method: "PUT", Path: "/api/v1/organisations/{id}/identity-provider", Handler: s.apiSetIdentityProvider, StepUp: access.ActOrganisations},
		{Method: "DELETE", Path: "/api/v1/organisations/{id}/identity-provider", Handler: s.apiRemoveIdentityProvider, StepUp: access.ActOrganisations},
		{Method: "GET", Path: "/api/v1/organisations/{id}/sessions", Handler: s.apiOrganisationSessions},
		{Method: "GET", Path: "/api/v1/organisations/{id}/membership", Handler: s.apiMembership},
		{Method: "POST", Path: "/api/v1/organisations/{id}/membership", Handler: s.apiMarkMembership},
		{Method: "PUT", Path: "/api/v1/organisations/{id}/membership/interval", Handler: s.apiMembershipInterval},
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
	}
}

// intakeAPI holds reports, cases, their colour and matches, and the work
// list (reports_api.go, cases_api.go, consultations_api.go, worklist_api.go).
func (s *Server) intakeAPI() []apiRoute {
	return []apiRoute{
		{Method: "GET", Path: "/api/v1/intake/form", Handler: s.apiIntakeForm},
		{Method: "POST", Path: "/api/v1/reports", Handler: s.apiCreateReport},
		{Method: "POST", Path: "/api/v1/reports/{id}/assessment", Handler: s.apiCompleteAssessment},
		{Method: "GET", Path: "/api/v1/cases/{id}", Handler: s.apiCase},
		{Method: "POST", Path: "/api/v1/cases/{id}/rating", Handler: s.apiRateCase},
		{Method: "POST", Path: "/api/v1/cases/{id}/ratings/{rating_id}/second", Handler: s.apiSecondOpinion},
		{Method: "GET", Path: "/api/v1/consultations/{id}", Handler: s.apiConsultation},
		{Method: "GET", Path: "/api/v1/consultations/{id}/invite.ics", Handler: s.apiInviteICS},
		// Planned conversations with the family (family_meeting_api.go).
		{Method: "GET", Path: "/api/v1/cases/{id}/family-meetings", Handler: s.apiFamilyMeetings},
		{Method: "POST", Path: "/api/v1/cases/{id}/family-meetings", Handler: s.apiPlanFamilyMeeting},
		{Method: "POST", Path: "/api/v1/cases/{id}/family-meetings/{meeting_id}/move", Handler: s.apiMoveFamilyMeeting},
		{Method: "POST", Path: "/api/v1/cases/{id}/family-meetings/{meeting_id}/cancel", Handler: s.apiCancelFamilyMeeting},
		{Method: "POST", Path: "/api/v1/matches/{id}/confirm", Handler: s.apiDecideMatch(true)},
		{Method: "POST", Path: "/api/v1/matches/{id}/reject", Handler: s.apiDecideMatch(false)},
		{Method: "GET", Path: "/api/v1/worklist", Handler: s.apiWorklist},
	}
}

// caseloadAPI holds teams, case holders, caseloads and support tasks
// (teams_api.go, case_holders_api.go, caseload_api.go, support_api.go).
func (s *Server) caseloadAPI() []apiRoute {
	return []apiRoute{
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
		{Method: "POST", Path: "/api/v1/cases/{id}/support-tasks", Handler: s.apiPostSupportTask},
		{Method: "GET", Path: "/api/v1/support-tasks", Handler: s.apiSupportWork},
		{Method: "GET", Path: "/api/v1/support-tasks/{id}", Handler: s.apiSupportTask},
		{Method: "POST", Path: "/api/v1/support-tasks/{id}/claim", Handler: s.apiTaskAct(claimTask)},
		{Method: "POST", Path: "/api/v1/support-tasks/{id}/hand-back", Handler: s.apiTaskAct(handBackTask)},
		{Method: "POST", Path: "/api/v1/support-tasks/{id}/done", Handler: s.apiFinishSupportTask},
		{Method: "POST", Path: "/api/v1/support-tasks/{id}/withdraw", Handler: s.apiTaskAct(withdrawTask)},
	}
}

// careAPI holds care asked for by need (care_api.go).
func (s *Server) careAPI() []apiRoute {
	return []apiRoute{
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
	}
}

// placementAPI holds the placement-prevention network and its reviews
// (placement_api.go).
func (s *Server) placementAPI() []apiRoute {
	return []apiRoute{
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
	}
}

// draftsAPI holds the intake form's drafts (drafts_api.go).
func (s *Server) draftsAPI() []apiRoute {
	return []apiRoute{
		{Method: "GET", Path: "/api/v1/drafts", Handler: s.apiDrafts},
		{Method: "POST", Path: "/api/v1/drafts", Handler: s.apiSaveDraft},
		{Method: "GET", Path: "/api/v1/drafts/{id}", Handler: s.apiDraft},
		{Method: "PUT", Path: "/api/v1/drafts/{id}", Handler: s.apiSaveDraft},
		{Method: "DELETE", Path: "/api/v1/drafts/{id}", Handler: s.apiDeleteDraft},
	}
}

// chainAPI holds the chain timeline and lead-time monitor (timeline_api.go,
// leadtimes_api.go, norms_api.go, cohorts_api.go, eventlog_api.go).
func (s *Server) chainAPI() []apiRoute {
	return []apiRoute{
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
		{Method: "POST", Path: "/api/v1/cohorts/{id}/members", Handler: s.apiCohortMember(true)},
		{Method: "POST", Path: "/api/v1/cohorts/{id}/members/remove", Handler: s.apiCohortMember(false)},
		{Method: "GET", Path: "/api/v1/cohorts/{id}/comparison", Handler: s.apiCohortComparison},
		{Method: "GET", Path: "/api/v1/eventlog.csv", Handler: s.apiEventLog("csv"), StepUp: access.ActExport},
		{Method: "GET", Path: "/api/v1/eventlog.xes", Handler: s.apiEventLog("xes"), StepUp: access.ActExport},
	}
}

// workspaceAPI holds the joint workspace on a case: plan, findings, roles,
// the family's copy (plan_api.go, findings_api.go, participations_api.go,
// family_copy_api.go, records_api.go).
func (s *Server) workspaceAPI() []apiRoute {
	return []apiRoute{
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
		{Method: "POST", Path: "/api/v1/cases/{id}/colleague-asks", Handler: s.apiAskColleagues},
		{Method: "GET", Path: "/api/v1/cases/{id}/colleague-asks", Handler: s.apiCaseColleagueAsks},
		{Method: "GET", Path: "/api/v1/cases/{id}/family-summary", Handler: s.apiFamilySummary, StepUp: access.ActExport},
		{Method: "POST", Path: "/api/v1/cases/{id}/family-summary/confirm", Handler: s.apiConfirmFamilyCopy},
		{Method: "PUT", Path: "/api/v1/cases/{id}/actions/{action_id}/family-text", Handler: s.apiSetFamilyText},
		{Method: "POST", Path: "/api/v1/cases/{id}/actions/{action_id}/marks", Handler: s.apiMarkFamilyCopy},
		{Method: "PUT", Path: "/api/v1/cases/{id}/marks/{mark_id}", Handler: s.apiChangeFamilyCopyMark},
		{Method: "DELETE", Path: "/api/v1/cases/{id}/marks/{mark_id}", Handler: s.apiRemoveFamilyCopyMark},
		{Method: "GET", Path: "/api/v1/cases/{id}/own-record", Handler: s.apiOwnRecord},
	}
}

// consultationAPI holds a consultation's attendance, agenda, invitees,
// crisis table and minutes, and answers to colleague requests
// (consultations_api.go, consultation_table_api.go, colleague_api.go, …).
func (s *Server) consultationAPI() []apiRoute {
	return []apiRoute{
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
		{Method: "GET", Path: "/api/v1/colleague-asks", Handler: s.apiMyColleagueAsks},
		{Method: "GET", Path: "/api/v1/colleague-asks/{id}", Handler: s.apiColleagueAsk},
		{Method: "POST", Path: "/api/v1/colleague-asks/{id}/accept", Handler: s.apiTakeColleagueAsk(askTakeKinds["accept"])},
		{Method: "POST", Path: "/api/v1/colleague-asks/{id}/answer", Handler: s.apiTakeColleagueAsk(askTakeKinds["answer"])},
		{Method: "POST", Path: "/api/v1/colleague-asks/{id}/withdraw", Handler: s.apiWithdrawColleagueAsk},
	}
}
