package web

// Placement-prevention reviews on screen (issue 16): considering a
// placement on the case, the panel member's list, the review with its
// extract and the outcome form.

import (
	"fmt"
	"net/http"

	"schakel"
	"schakel/internal/app"
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
	s.render(w, r, status, "review.html", map[string]any{"X": x, "Form": f, "Notice": placementNotice(r),
		"Alternatives": alternativeRows(f), "Outcomes": outcomeOptions(), "Causes": causeOptions(), "Choices": alternativeOptions()})
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
