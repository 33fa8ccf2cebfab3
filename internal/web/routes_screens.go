package web

import "schakel/internal/access"

// loginScreens registers the login (password, second step, single sign-on),
// the step-up before a risky act and one's own second factor (login_ui.go,
// login_factor_ui.go, login_oidc_ui.go, step_up_ui.go, factors_ui.go).
func (s *Server) loginScreens(mux *patternMux) {
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
	// Passkeys (passkeys_ui.go); the options for a waiting login come as JSON, for static/passkey.js.
	mux.HandleFunc("POST /login/passkey", s.api(s.postLoginPasskeyBegin))
	mux.HandleFunc("POST /login/instellen/passkey", s.api(s.postLoginEnrolPasskeyBegin))
	mux.HandleFunc("POST /tweede-factor/passkeys", s.requireActor(s.postFactorPasskey))
	mux.HandleFunc("POST /tweede-factor/passkeys/{id}/naam", s.requireActor(s.postRenamePasskey))
	mux.HandleFunc("POST /tweede-factor/passkeys/{id}/verwijderen", s.requireActor(s.postRemovePasskey))
	mux.HandleFunc("POST /beheer/medewerkers/{id}/tweede-factor/verwijderen", s.requireActor(s.postAdminRemoveFactor))
	mux.HandleFunc("POST /beheer/inloggen/tweede-factor", s.requireActor(s.stepUpPage(access.ActOrganisations, s.postFactorRequired)))
	mux.HandleFunc("POST /logout", s.handleLogout)
}

// adminScreens registers the home page and the administration of accounts,
// organisations, single sign-on, sessions, the roster and the privacy
// officer's trail (professionals_ui.go, identity_provider_ui.go,
// sessions_ui.go, audit_ui.go, …).
func (s *Server) adminScreens(mux *patternMux) {
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
	mux.HandleFunc("GET /beheer/wie-werkt-hier", s.requireActor(s.pageMembership))
	mux.HandleFunc("POST /beheer/wie-werkt-hier", s.requireActor(s.postMembership))
	mux.HandleFunc("POST /beheer/wie-werkt-hier/tussentijd", s.requireActor(s.postMembershipInterval))
	mux.HandleFunc("GET /sessies", s.requireActor(s.pageMySessions))
	mux.HandleFunc("POST /sessies/andere-beeindigen", s.requireActor(s.postEndOtherSessions))
	mux.HandleFunc("POST /sessies/{id}/beeindigen", s.requireActor(s.postEndSession))
	mux.HandleFunc("GET /piket", s.requireActor(s.pageRoster))
	mux.HandleFunc("POST /piket", s.requireActor(s.postRoster))
	mux.HandleFunc("GET /privacy/logboek", s.requireActor(s.stepUpPage(access.ActAuditTrail, s.pageAudit)))
	mux.HandleFunc("GET /privacy/personen/{id}", s.requireActor(s.stepUpPage(access.ActAuditTrail, s.pagePersonAccesses)))
}

// intakeScreens registers the intake (intake_form_ui.go, drafts_ui.go,
// relogin_ui.go). The three form posts authenticate themselves: an expired
// session shows a login that keeps what was typed.
func (s *Server) intakeScreens(mux *patternMux) {
	mux.HandleFunc("GET /meldingen/nieuw", s.requireActor(s.pageIntakeNew))
	mux.HandleFunc("POST /meldingen", s.postIntake)
	mux.HandleFunc("POST /meldingen/concept", s.postIntakeAutosave)
	mux.HandleFunc("POST /meldingen/herstel", s.postIntakeRestore)
	mux.HandleFunc("GET /meldingen/concepten", s.requireActor(s.pageDrafts))
	mux.HandleFunc("POST /meldingen/concepten/{id}/verwijderen", s.requireActor(s.postDeleteDraft))
	mux.HandleFunc("GET /meldingen/{id}/resultaat", s.requireActor(s.pageReportResult))
	mux.HandleFunc("POST /meldingen/{id}/beoordeeld", s.requireActor(s.postAssessmentDone))
}

// careScreens registers care asked for by need (care_ui.go,
// care_provider_ui.go).
func (s *Server) careScreens(mux *patternMux) {
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
}

// placementScreens registers the placement-prevention network and its
// reviews (placement_network_ui.go, placement_review_ui.go).
func (s *Server) placementScreens(mux *patternMux) {
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
}

// caseloadScreens registers caseloads, hand-overs, teams and support
// tasks (caseload_ui.go, team_board_ui.go, teams_ui.go, support_ui.go).
func (s *Server) caseloadScreens(mux *patternMux) {
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
	mux.HandleFunc("GET /casussen/{id}/ondersteuning", s.requireActor(s.pageSupportPost))
	mux.HandleFunc("POST /casussen/{id}/ondersteuning", s.requireActor(s.postSupportTask))
	mux.HandleFunc("GET /ondersteuning", s.requireActor(s.pageSupportWork))
	mux.HandleFunc("GET /ondersteuning/{id}", s.requireActor(s.pageSupportTask))
	mux.HandleFunc("POST /ondersteuning/{id}/oppakken", s.requireActor(s.postTaskAct(claimTask, "opgepakt")))
	mux.HandleFunc("POST /ondersteuning/{id}/teruggeven", s.requireActor(s.postTaskAct(handBackTask, "teruggegeven")))
	mux.HandleFunc("POST /ondersteuning/{id}/intrekken", s.requireActor(s.postTaskAct(withdrawTask, "ingetrokken")))
	mux.HandleFunc("POST /ondersteuning/{id}/klaar", s.requireActor(s.postFinishTask))
}

// caseScreens registers the case page, its colour and matches, a
// consultation's page and notices read (case_ui.go, case_emergency_ui.go,
// rating_ui.go, match_ui.go, consultation_ui.go).
func (s *Server) caseScreens(mux *patternMux) {
	mux.HandleFunc("GET /casussen/{id}", s.requireActor(s.pageCase))
	mux.HandleFunc("POST /casussen/{id}/noodtoegang", s.requireActor(s.stepUpPage(access.ActEmergency, s.postEmergencyCase)))
	mux.HandleFunc("POST /casussen/{id}/kleur", s.requireActor(s.postRateCase))
	mux.HandleFunc("POST /casussen/{id}/kleur/{rid}/tweede", s.requireActor(s.postSecondOpinion))
	mux.HandleFunc("POST /casussen/{id}/matches/{mid}", s.requireActor(s.postDecideMatch))
	mux.HandleFunc("GET /overleggen/{id}", s.requireActor(s.pageConsultation))
	mux.HandleFunc("POST /werk/notificaties/{id}", s.requireActor(s.postNoticeRead))
}

// chainScreens registers the chain timeline and lead-time monitor
// (timeline_ui.go, dashboard_ui.go, norms_ui.go, cohorts_ui.go).
func (s *Server) chainScreens(mux *patternMux) {
	mux.HandleFunc("GET /casussen/{id}/tijdlijn", s.requireActor(s.pageTimeline))
	mux.HandleFunc("POST /casussen/{id}/tijdlijn", s.requireActor(s.postTimelineEvent))
	mux.HandleFunc("POST /casussen/{id}/cohorten", s.requireActor(s.postCaseCohort))
	mux.HandleFunc("GET /dashboard", s.requireActor(s.pageDashboard))
	mux.HandleFunc("GET /beheer/normen", s.requireActor(s.pageNorms))
	mux.HandleFunc("POST /beheer/normen/{id}", s.requireActor(s.postNorm))
	mux.HandleFunc("GET /beheer/cohorten", s.requireActor(s.pageCohorts))
	mux.HandleFunc("POST /beheer/cohorten", s.requireActor(s.postCohort))
	mux.HandleFunc("POST /beheer/cohorten/{id}/leden", s.requireActor(s.postCohortMember))
}

// workspaceScreens registers the joint workspace on a case: plan, findings,
// roles, minutes (workspace_ui.go and the forms in plan_ui.go,
// findings_ui.go, …).
func (s *Server) workspaceScreens(mux *patternMux) {
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
	mux.HandleFunc("POST /casussen/{id}/gezinsgesprekken/{gid}/verplaatsen", s.requireActor(s.postMoveFamilyMeeting))
	mux.HandleFunc("POST /casussen/{id}/gezinsgesprekken/{gid}/afzeggen", s.requireActor(s.postCancelFamilyMeeting))
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
	mux.HandleFunc("GET /casussen/{id}/collega-vragen", s.requireActor(s.pageColleagueAsks))
	mux.HandleFunc("POST /casussen/{id}/collega-vragen", s.requireActor(s.postColleagueAsk))
	mux.HandleFunc("GET /casussen/{id}/voor-ouders", s.requireActor(s.stepUpPage(access.ActExport, s.pageFamilySummary)))
	mux.HandleFunc("POST /casussen/{id}/voor-ouders/bevestigen", s.requireActor(s.postConfirmFamilyCopy))
	mux.HandleFunc("POST /casussen/{id}/acties/{aid}/gezinstekst", s.requireActor(s.postFamilyText))
	mux.HandleFunc("POST /casussen/{id}/acties/{aid}/niet-delen", s.requireActor(s.postMarkFamilyCopy))
	mux.HandleFunc("POST /casussen/{id}/markeringen/{mid}/wijzigen", s.requireActor(s.postChangeFamilyCopyMark))
	mux.HandleFunc("POST /casussen/{id}/markeringen/{mid}/weghalen", s.requireActor(s.postRemoveFamilyCopyMark))
	mux.HandleFunc("GET /casussen/{id}/eigen-inbreng", s.requireActor(s.pageOwnRecord))
}

// consultationScreens registers a consultation's attendance, agenda,
// invitees, crisis table and minutes, and answers to colleague requests
// (consultation_*_ui.go, colleague_ui.go).
func (s *Server) consultationScreens(mux *patternMux) {
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
	mux.HandleFunc("GET /werk/vragen/{id}", s.requireActor(s.pageColleagueAsk))
	mux.HandleFunc("POST /werk/vragen/{id}/aannemen", s.requireActor(s.postTakeColleagueAsk(askTakeKinds["accept"], "aangenomen")))
	mux.HandleFunc("POST /werk/vragen/{id}/beantwoorden", s.requireActor(s.postTakeColleagueAsk(askTakeKinds["answer"], "beantwoord")))
	mux.HandleFunc("POST /werk/vragen/{id}/intrekken", s.requireActor(s.postWithdrawColleagueAsk))
}

// familyScreens registers the family's own Schakel (family_*_ui.go): its
// own login, cookie and screens.
func (s *Server) familyScreens(mux *patternMux) {
	mux.HandleFunc("GET /gezin/inloggen", s.pageFamilyLogin)
	mux.HandleFunc("POST /gezin/inloggen", s.postFamilyLogin)
	mux.HandleFunc("GET /gezin/activeren", s.pageFamilyActivate)
	mux.HandleFunc("POST /gezin/activeren", s.postFamilyActivate)
	mux.HandleFunc("GET "+familyStepPath, s.pageFamilyStep)
	mux.HandleFunc("POST "+familyStepPath, s.postFamilyStep)
	mux.HandleFunc("POST /gezin/uitloggen", s.postFamilyLogout)
	mux.HandleFunc("POST /gezin/taal", s.postFamilyLang)
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
}
