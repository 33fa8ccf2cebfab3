package mailer_test

import (
	"bufio"
	"context"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/intake"
	"schakel/internal/mailer"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// fakeSMTP is a minimal SMTP server on loopback that records what it got.
type fakeSMTP struct {
	ln     net.Listener
	mu     sync.Mutex
	got    []string // DATA of each message
	rcpt   []string
	refuse bool // answer 550 to RCPT
	// failData makes the server fail the message after its DATA: "reject"
	// answers 554, "hang up" closes the connection without an answer.
	failData string
}

func startSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c)
		}
	}()
	return f
}

func (f *fakeSMTP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { c.Write([]byte(s + "\r\n")) }
	say("220 localhost fake")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 localhost")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO"):
			f.mu.Lock()
			refuse := f.refuse
			if !refuse {
				f.rcpt = append(f.rcpt, strings.TrimSpace(line[8:]))
			}
			f.mu.Unlock()
			if refuse {
				say("550 no such user")
			} else {
				say("250 ok")
			}
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			f.mu.Lock()
			fail := f.failData
			if fail == "" {
				f.got = append(f.got, b.String())
			}
			f.mu.Unlock()
			switch fail {
			case "reject":
				say("554 transaction failed")
			case "hang up":
				return
			default:
				say("250 queued")
			}
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func TestOutboxIsDeliveredBySMTP(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, db, time.Now()); err != nil {
			t.Fatal(err)
		}
		p, err := db.ProfessionalByEmail(ctx, demo.Email("Sanne", "vt"))
		if err != nil {
			t.Fatal(err)
		}
		in := intake.Report{
			Reporter: intake.Reporter{Kind: "anonymous"}, Municipality: "Rotterdam", Concerns: []string{"physical_abuse"},
			Children:   []intake.Person{{GivenNames: "Lotte", FamilyName: "Post", BirthDate: "2019-05-05"}},
			Indicators: []string{"injury_child_under_one"}, Narrative: "Baby met botbreuk op de spoedeisende hulp.",
		}
		res, err := app.New(db).CreateReport(ctx, &schakel.Actor{Professional: &p}, in, "")
		if err != nil || res.Consultation == nil {
			t.Fatalf("report: %v", err)
		}
		invited := len(res.Consultation.Participants)

		srv := startSMTP(t)
		srv.refuse = true
		cfg := mailer.Config{Addr: srv.ln.Addr().String(), From: storage.FromAddress}
		if n, err := mailer.SendPending(ctx, db, cfg); err == nil || n != 0 {
			t.Fatalf("a refusing server: sent %d, err %v", n, err)
		}
		srv.mu.Lock()
		srv.refuse = false
		srv.mu.Unlock()
		n, err := mailer.SendPending(ctx, db, cfg)
		if err != nil || n != invited {
			t.Fatalf("sent %d of %d invitations: %v", n, invited, err)
		}
		if n, err := mailer.SendPending(ctx, db, cfg); err != nil || n != 0 {
			t.Fatalf("a second run sent %d again (%v)", n, err)
		}
		srv.mu.Lock()
		defer srv.mu.Unlock()
		if len(srv.got) != invited {
			t.Fatalf("server got %d messages", len(srv.got))
		}
		msg, err := mail.ReadMessage(strings.NewReader(srv.got[0]))
		if err != nil {
			t.Fatal(err)
		}
		if ct := msg.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/mixed") {
			t.Errorf("content type %q", ct)
		}
		body := srv.got[0]
		if !strings.Contains(body, "text/calendar; charset=utf-8; method=REQUEST") || !strings.Contains(body, "BEGIN:VCALENDAR") {
			t.Errorf("no calendar part in\n%s", body)
		}
		// E-mail leaves Schakel: no family member's name in it.
		if strings.Contains(body, "Lotte") || strings.Contains(body, "Post ") {
			t.Errorf("the e-mail names the child:\n%s", body)
		}
	})
}
