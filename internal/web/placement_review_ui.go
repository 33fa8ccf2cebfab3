package web

// Placement-prevention reviews on screen (issue 16): considering a
// placement on the case, the panel member's list, the review with its
// extract and the outcome form.

import (
	"fmt"
	"net/http"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/prevention"
	"schakel/internal/storage"
)

func (s *Server) pagePanels(w http.ResponseWriter, r *http.Request) {
	rs, err := s.app.PanelReviews(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "panels.html", map[string]any{"Reviews": rs})
}

func (s *Server) pageCaseReviews(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCaseReviews(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderCaseReviews(w http.ResponseWriter, r *http.Request, status int, caseID int64, f *pform) {
	rs, err := s.app.CaseReviews(r.Context(), actor(r), caseID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "case_reviews.html", map[string]any{"CaseID": caseID, "Reviews": rs, "Form": f})
}

// postConsider records that a placement is considered and goes to the review.
func (s *Server) postConsider(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "consider")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in := app.ConsiderInput{Reason: f.Values.Get("reason"), Emergency: f.Values.Get("emergency") != "", Expected: formInt(f.Values, "version")}
	rv, err := s.app.ConsiderPlacement(r.Context(), actor(r), id, in)
	if err != nil {
		if schakel.ErrorCode(err) != schakel.EINVALID {
			s.pageError(w, r, err)
			return
		}
		f.apply(err)
		s.renderCaseReviews(w, r, StatusOf(err), id, f)
		return
	}
	done(w, r, fmt.Sprintf("/plaatsingstafels/%d", rv.ID), "overwogen")
}

func (s *Server) pageReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderReview(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	x, err := s.app.Extract(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var checks []storage.ReviewCheck
	if x.Review.HeldAt != nil {
		if checks, err = s.app.ReviewChecks(r.Context(), actor(r), id); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "review.html", map[string]any{"X": x, "Form": f, "Notice": notice(r), "Checks": checks,
		"Alternatives": alternativeRows(f), "Outcomes": outcomeOptions(), "Causes": causeOptions(), "Choices": alternativeOptions(),
		"Months": []uiOption{{Value: "3", Label: "Na 3 maanden"}, {Value: "6", Label: "Na 6 maanden"}}})
}

// postOutcome records a held review's outcome from the checklist form.
func (s *Server) postOutcome(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "outcome")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.app.RecordReviewOutcome(r.Context(), actor(r), id, outcomeFromForm(f.Values)); err != nil {
		if schakel.ErrorCode(err) != schakel.EINVALID {
			s.pageError(w, r, err)
			return
		}
		f.apply(perAlternative(err))
		s.renderReview(w, r, StatusOf(err), id, f)
		return
	}
	done(w, r, fmt.Sprintf("/plaatsingstafels/%d", id), "uitkomst")
}

// pagePatterns shows the region's quarterly pattern report.
func (s *Server) pagePatterns(w http.ResponseWriter, r *http.Request) {
	ps, err := s.app.ReviewPatterns(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "review_patterns.html", map[string]any{"Quarters": ps})
}

// postCheck records the check 3 or 6 months after the review.
func (s *Server) postCheck(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "check")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	c := prevention.Check{Months: int(formInt(v, "months")), StayedHome: v.Get("stayed_home") != "",
		AlternativeHeld: v.Get("alternative_held") != "", PlacedAfterAll: v.Get("placed_after_all") != "", Note: v.Get("note")}
	s.reviewForm(w, r, id, f, "controle", func() error {
		_, err := s.app.RecordReviewCheck(r.Context(), actor(r), id, c)
		return err
	})
}

// postShare shares the review into the network's library.
func (s *Server) postShare(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "share")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.reviewForm(w, r, id, f, "gedeeld", func() error {
		_, err := s.app.ShareReview(r.Context(), actor(r), id, app.ShareInput{Summary: f.Values.Get("summary"), Lessons: f.Values.Get("lessons")})
		return err
	})
}

// reviewForm runs a form's command on a review: back to the review with a
// notice, or the review again with the errors at the fields (422) or the
// conflict at the top of the form (409).
func (s *Server) reviewForm(w http.ResponseWriter, r *http.Request, id int64, f *pform, ok string, command func() error) {
	err := command()
	switch schakel.ErrorCode(err) {
	case "":
		done(w, r, fmt.Sprintf("/plaatsingstafels/%d", id), ok)
	case schakel.EINVALID, schakel.ECONFLICT:
		f.apply(err)
		s.renderReview(w, r, StatusOf(err), id, f)
	default:
		s.pageError(w, r, err)
	}
}

// pageLibrary shows the region's case library to network members.
func (s *Server) pageLibrary(w http.ResponseWriter, r *http.Request) {
	lib, err := s.app.Library(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "review_library.html", map[string]any{"Entries": lib})
}
