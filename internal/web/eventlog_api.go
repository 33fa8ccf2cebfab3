package web

import (
	"net/http"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// apiEventLog streams the pseudonymised event log as CSV or XES. A long
// export may run past the server's write timeout, so the deadline is lifted
// for this response.
func (s *Server) apiEventLog(format string) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		var v schakel.Validation
		f := storage.ExportFilter{From: queryDate(r, "from", &v), To: queryDate(r, "to", &v), RegionID: queryID(r, "region", &v)}
		if !f.To.IsZero() {
			f.To = f.To.In(workdays.Location()).AddDate(0, 0, 1).UTC()
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		var lw chain.LogWriter
		started := false
		_, err := s.app.ExportEventLog(r.Context(), actor(r), f, format, func(row chain.LogRow) error {
			if !started {
				started = true
				if err := http.NewResponseController(w).SetWriteDeadline(time.Time{}); err != nil {
					s.log.Warn("event log export keeps the write timeout", "err", err)
				}
				name := "schakel-ketengebeurtenissen-" + s.app.Now().In(workdays.Location()).Format("2006-01-02") + "." + format
				ct := "text/csv; charset=utf-8"
				if format == "xes" {
					ct = "application/xml; charset=utf-8"
				}
				w.Header().Set("Content-Type", ct)
				w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
				w.Header().Set("Cache-Control", "no-store")
				var err error
				if format == "xes" {
					lw, err = chain.NewXESLog(w)
				} else {
					lw, err = chain.NewCSVLog(w)
				}
				if err != nil {
					return err
				}
			}
			return lw.Write(row)
		})
		if err != nil && !started {
			return nil, err
		}
		if err != nil {
			// Rows were sent already: the status is out; cut the body so
			// that a client sees an incomplete file, and log why.
			s.logFailure(r, "event log export broke off", err)
			panic(http.ErrAbortHandler)
		}
		if !started {
			// No events: still a valid, empty log.
			w.Header().Set("Cache-Control", "no-store")
			if format == "xes" {
				w.Header().Set("Content-Type", "application/xml; charset=utf-8")
				lw, err = chain.NewXESLog(w)
			} else {
				w.Header().Set("Content-Type", "text/csv; charset=utf-8")
				lw, err = chain.NewCSVLog(w)
			}
			if err != nil {
				s.logFailure(r, "event log export", err)
				return answered, nil
			}
		}
		if err := lw.Close(); err != nil {
			s.logFailure(r, "event log export", err)
		}
		return answered, nil
	}
}
