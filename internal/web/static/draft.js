// Schakel: automatic draft save for the intake form (progressive
// enhancement). Every 15 seconds, when something changed, the form is sent
// to /meldingen/concept, which saves it as a draft and answers {id,
// saved_at}. The form works the same without this script: "Concept
// opslaan" saves on request.
(function () {
  'use strict';
  var form = document.getElementById('intake-form');
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var status = document.getElementById('autosave-status');
  var changed = false;
  var busy = false;
  var leaving = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }
  function markChanged() {
    changed = true;
  }
  form.addEventListener('input', markChanged);
  form.addEventListener('change', markChanged);
  form.addEventListener('submit', function () {
    leaving = true; // the form itself is being sent: no more automatic saves
  });

  function save() {
    if (!changed || busy || leaving) {
      return;
    }
    changed = false;
    busy = true;
    var body = new URLSearchParams(new FormData(form));
    body.delete('action');
    fetch('/meldingen/concept', {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: {'Accept': 'application/json'}
    }).then(function (res) {
      if (!res.ok) {
        var err = new Error('status ' + res.status);
        err.status = res.status;
        throw err;
      }
      return res.json();
    }).then(function (d) {
      if (leaving) {
        return;
      }
      if (d && d.id && form.elements.concept_id) {
        form.elements.concept_id.value = String(d.id);
      }
      say('Concept automatisch opgeslagen om ' + (d && d.saved_at ? d.saved_at : new Date().toTimeString().slice(0, 5)) + '.');
    }).catch(function (err) {
      changed = true; // try again next time
      if (err && err.status === 401) {
        say('Uw sessie is verlopen. Klik op Concept opslaan: u logt dan opnieuw in en wat u invulde blijft bewaard.');
      } else {
        say('Automatisch opslaan lukte niet. Wat u invulde staat nog op het scherm.');
      }
    }).then(function () {
      busy = false;
    });
  }
  window.setInterval(save, 15000);
})();
