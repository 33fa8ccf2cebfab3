package oidctest

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
)

// Authorize does at the provider what a person's browser does: it opens
// the authorization address, logs in as username, and returns the address
// the provider sends the browser back to (Schakel's callback with code and
// state, or with an error). It follows only the provider's own redirects.
func (p *Provider) Authorize(authURL, username, password string) (*url.URL, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	next, err := p.hop(c, http.MethodGet, authURL, nil)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(next.String(), p.URL+"/login") {
		return next, nil // the provider answered at once (an error for the client)
	}
	form := url.Values{"id": {next.Query().Get("authRequestID")}, "username": {username}, "password": {password}}
	next, err = p.hop(c, http.MethodPost, p.URL+"/login", form)
	if err != nil {
		return nil, err
	}
	for strings.HasPrefix(next.String(), p.URL) {
		if next, err = p.hop(c, http.MethodGet, next.String(), nil); err != nil {
			return nil, err
		}
	}
	return next, nil
}

// hop makes one request and returns where it redirects to.
func (p *Provider) hop(c *http.Client, method, target string, form url.Values) (*url.URL, error) {
	var res *http.Response
	var err error
	if form != nil {
		res, err = c.PostForm(target, form)
	} else {
		res, err = c.Get(target)
	}
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound && res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("oidctest: %s %s: status %d, want a redirect", method, target, res.StatusCode)
	}
	loc, err := res.Location()
	if err != nil {
		return nil, fmt.Errorf("oidctest: %s %s: %w", method, target, err)
	}
	return loc, nil
}
