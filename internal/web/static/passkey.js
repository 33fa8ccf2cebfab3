// Schakel: passkeys (WebAuthn) on the screens. Progressive enhancement of
// a form with data-passkey="create" (enrol) or "get" (log in, confirm):
// on submit the script asks the server for the options (POST to the
// form's data-passkey-begin, same origin, with the session or login
// cookie), lets the browser talk to the authenticator, puts the answer as
// JSON in the form's hidden field and sends the form. Without JavaScript
// the field stays empty and the server says that a passkey needs it.
(function () {
  'use strict';

  function fromB64url(s) {
    var b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) {
      b64 += '=';
    }
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }
    return out.buffer;
  }

  function toB64url(buf) {
    var bytes = new Uint8Array(buf);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) {
      bin += String.fromCharCode(bytes[i]);
    }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      return { type: c.type, id: fromB64url(c.id), transports: c.transports };
    });
  }

  // The server's options (WebAuthn JSON) as the browser's API takes them.
  function decode(kind, pk) {
    pk.challenge = fromB64url(pk.challenge);
    if (kind === 'create') {
      pk.user.id = fromB64url(pk.user.id);
      pk.excludeCredentials = descriptors(pk.excludeCredentials);
    } else {
      pk.allowCredentials = descriptors(pk.allowCredentials);
    }
    return pk;
  }

  // The authenticator's answer as JSON for the server.
  function encode(cred) {
    var r = cred.response;
    var response = { clientDataJSON: toB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64url(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toB64url(r.authenticatorData);
      response.signature = toB64url(r.signature);
      if (r.userHandle) {
        response.userHandle = toB64url(r.userHandle);
      }
    }
    return JSON.stringify({
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      response: response,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {}
    });
  }

  function problem(res) {
    return res.json().catch(function () { return {}; }).then(function (body) {
      throw new Error(body.detail || 'Er ging iets mis. Probeer het opnieuw.');
    });
  }

  var supported = !!(window.PublicKeyCredential && navigator.credentials);

  document.querySelectorAll('form[data-passkey]').forEach(function (form) {
    var kind = form.getAttribute('data-passkey');
    var answer = form.querySelector('[data-passkey-answer]');
    var status = form.querySelector('[data-passkey-status]');
    var nojs = form.querySelector('[data-passkey-nojs]');
    var button = form.querySelector('button[type="submit"]');
    function say(text) {
      status.textContent = text;
    }
    if (!supported) {
      say('Deze browser kan geen passkeys gebruiken. Gebruik de code uit uw app of een herstelcode.');
      button.disabled = true;
      return;
    }
    nojs.hidden = true;
    var busy = false;
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (busy) {
        return;
      }
      busy = true;
      button.disabled = true;
      say('Volg de stappen van uw browser.');
      fetch(form.getAttribute('data-passkey-begin'), {
        method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' }
      }).then(function (res) {
        return res.ok ? res.json() : problem(res);
      }).then(function (options) {
        var pk = decode(kind, options.publicKey);
        return kind === 'create' ? navigator.credentials.create({ publicKey: pk }) : navigator.credentials.get({ publicKey: pk });
      }).then(function (cred) {
        answer.value = encode(cred);
        say('Even geduld.');
        form.submit();
      }).catch(function (err) {
        busy = false;
        button.disabled = false;
        if (err && err.name === 'NotAllowedError') {
          say('Het is niet gelukt: u stopte, of het duurde te lang. Probeer het opnieuw.');
        } else if (err && err.name === 'InvalidStateError') {
          say('Deze passkey is al ingesteld.');
        } else {
          say(err && err.message ? err.message : 'Er ging iets mis. Probeer het opnieuw.');
        }
      });
    });
  });
})();
