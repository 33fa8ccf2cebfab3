// Package mailer delivers Schakel's outbox over SMTP. Messages are written
// to the outbox in the same transaction as what they announce, and sent
// afterwards, so a failed delivery never undoes a report and a rolled-back
// report never sends mail.
package mailer

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"

	"schakel/internal/storage"
)

// Config says where and how to send.
type Config struct {
	Addr     string // host:port of the SMTP server; empty disables sending
	From     string
	Username string // optional; PLAIN auth is only used over TLS or to localhost
	Password string
	Interval time.Duration // between rounds; default 10s
}

// Outbox is what the mailer needs from storage.
type Outbox interface {
	ClaimMail(ctx context.Context, limit int) ([]storage.OutboxMessage, error)
	MarkMail(ctx context.Context, id int64, sendErr error) error
}

// Run sends pending messages every Interval until ctx ends.
func Run(ctx context.Context, out Outbox, cfg Config, log *slog.Logger) {
	if cfg.Interval <= 0 {
		cfg.Interval = 10 * time.Second
	}
	t := time.NewTicker(cfg.Interval)
	defer t.Stop()
	for {
		if n, err := SendPending(ctx, out, cfg); err != nil {
			log.Warn("mail delivery", "err", err, "sent", n)
		} else if n > 0 {
			log.Info("mail delivered", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SendPending delivers what is waiting and returns how many were sent.
// It starts no delivery in the last minute of its claim on the messages
// (storage.MailLease): those are left for the claim to run out, after
// which any process sends them.
func SendPending(ctx context.Context, out Outbox, cfg Config) (int, error) {
	claimed := time.Now()
	msgs, err := out.ClaimMail(ctx, 50)
	if err != nil {
		return 0, err
	}
	sent := 0
	var firstErr error
	for _, m := range msgs {
		if time.Since(claimed) > storage.MailLease-time.Minute {
			break
		}
		err := send(cfg, m)
		if merr := out.MarkMail(ctx, m.ID, err); merr != nil {
			return sent, merr
		}
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("message %d: %w", m.ID, err)
			}
			continue
		}
		sent++
	}
	return sent, firstErr
}

func send(cfg Config, m storage.OutboxMessage) error {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return err
	}
	var a smtp.Auth
	if cfg.Username != "" {
		a = smtp.PlainAuth("", cfg.Username, cfg.Password, host)
	}
	raw, err := Compose(cfg.From, m, time.Now())
	if err != nil {
		return fmt.Errorf("compose message: %w", err)
	}
	return smtp.SendMail(cfg.Addr, a, cfg.From, []string{m.To}, raw)
}

// Compose builds the MIME message: a plain-text part and, for an
// invitation, a text/calendar part that calendar programs understand.
func Compose(from string, m storage.OutboxMessage, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	boundary, err := randomBoundary()
	if err != nil {
		return nil, err
	}
	h := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	h("From", from)
	h("To", m.To)
	h("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	h("Date", now.Format(time.RFC1123Z))
	h("Message-ID", messageID(m.ID, from, now))
	h("MIME-Version", "1.0")
	if m.ICS == "" {
		h("Content-Type", "text/plain; charset=utf-8")
		h("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		if err := writeQP(&b, m.Body); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
	h("Content-Type", fmt.Sprintf("multipart/mixed; boundary=%q", boundary))
	b.WriteString("\r\n")
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", boundary)
	if err := writeQP(&b, m.Body); err != nil {
		return nil, err
	}
	method, file := calendarMethod(m.ICS), "uitnodiging.ics"
	if method == "CANCEL" {
		file = "afzegging.ics"
	}
	fmt.Fprintf(&b, "\r\n--%s\r\nContent-Type: text/calendar; charset=utf-8; method=%s\r\nContent-Transfer-Encoding: quoted-printable\r\n"+
		"Content-Disposition: attachment; filename=%q\r\n\r\n", boundary, method, file)
	if err := writeQP(&b, m.ICS); err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, "\r\n--%s--\r\n", boundary)
	return b.Bytes(), nil
}

// calendarMethod is the METHOD of an iCalendar object: the MIME part must
// name the same method as the calendar it carries (RFC 6047, 2.4), so a
// cancellation is sent with method=CANCEL.
func calendarMethod(ics string) string {
	for _, line := range strings.Split(ics, "\n") {
		if v, ok := strings.CutPrefix(strings.ToUpper(strings.TrimSpace(line)), "METHOD:"); ok && v != "" {
			return v
		}
	}
	return "PUBLISH"
}

// messageID is unique for every message composed, across outbox ids,
// databases and retries (RFC 5322, 3.6.4): the outbox id and the time for
// people reading logs, random bits for uniqueness, and the sender's domain.
func messageID(id int64, from string, now time.Time) string {
	domain := "schakel.invalid"
	if a, err := mail.ParseAddress(from); err == nil {
		if at := strings.LastIndex(a.Address, "@"); at >= 0 && at < len(a.Address)-1 {
			domain = a.Address[at+1:]
		}
	}
	var buf [10]byte
	if _, err := rand.Read(buf[:]); err != nil {
		// crypto/rand does not fail on supported platforms; the time keeps
		// the id unique enough should it ever.
		return fmt.Sprintf("<outbox-%d.%d@%s>", id, now.UnixNano(), domain)
	}
	return fmt.Sprintf("<outbox-%d.%d.%s@%s>", id, now.Unix(), hex.EncodeToString(buf[:]), domain)
}

// writeQP writes s quoted-printable with CRLF line ends. Close flushes
// the encoder's last line: its error is the write's too.
func writeQP(w io.Writer, s string) error {
	q := quotedprintable.NewWriter(w)
	if _, err := q.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		return fmt.Errorf("encode the message: %w", err)
	}
	if err := q.Close(); err != nil {
		return fmt.Errorf("encode the message: %w", err)
	}
	return nil
}

// randomBoundary is a MIME boundary no message text contains by chance.
func randomBoundary() (string, error) {
	var buf [12]byte
	if _, err := rand.Read(buf[:]); err != nil {
		return "", fmt.Errorf("a random MIME boundary: %w", err)
	}
	return "schakel-" + hex.EncodeToString(buf[:]), nil
}
