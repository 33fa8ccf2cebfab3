package mailer_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"schakel/internal/mailer"
	"schakel/internal/storage"
)

// memOutbox is an outbox in memory: what was claimed and how each message
// was marked (nil: sent).
type memOutbox struct {
	mu     sync.Mutex
	queue  []storage.OutboxMessage
	marked map[int64]error
}

func (o *memOutbox) ClaimMail(_ context.Context, limit int) ([]storage.OutboxMessage, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []storage.OutboxMessage
	for _, m := range o.queue {
		if err, done := o.marked[m.ID]; (!done || err != nil) && len(out) < limit {
			out = append(out, m)
		}
	}
	return out, nil
}

func (o *memOutbox) MarkMail(_ context.Context, id int64, sendErr error) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.marked[id] = sendErr
	return nil
}

// TestAFailedExchangeIsReported: when the SMTP server fails a message
// after its data (a 554 answer, or a connection that drops), SendPending
// reports the failure, records it on the message and counts it as not
// sent; the next round with a working server sends it.
func TestAFailedExchangeIsReported(t *testing.T) {
	for _, tc := range []struct{ name, fail, want string }{
		{"rejected after the data", "reject", "554"},
		{"connection lost after the data", "hang up", "EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startSMTP(t)
			srv.failData = tc.fail
			out := &memOutbox{queue: []storage.OutboxMessage{{ID: 1, To: "a@b.example", Subject: "S", Body: "Een bericht."}},
				marked: map[int64]error{}}
			cfg := mailer.Config{Addr: srv.ln.Addr().String(), From: storage.FromAddress}
			n, err := mailer.SendPending(context.Background(), out, cfg)
			if n != 0 || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("sent %d, err %v; want 0 and an error with %q", n, err, tc.want)
			}
			if merr := out.marked[1]; merr == nil || !strings.Contains(merr.Error(), tc.want) {
				t.Errorf("the message was marked with %v, want the failure", merr)
			}
			srv.mu.Lock()
			srv.failData = ""
			srv.mu.Unlock()
			if n, err := mailer.SendPending(context.Background(), out, cfg); n != 1 || err != nil {
				t.Errorf("the retry sent %d (%v), want 1", n, err)
			}
		})
	}
}
