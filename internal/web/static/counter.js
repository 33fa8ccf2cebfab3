// Schakel: counts what is left of a text control's limit while typing.
// Progressive enhancement of the "max. 200 tekens" hint under the control
// (partials/text_limit.html), which states the limit without it. The hint
// is in the control's aria-describedby, so a screen reader reads it on
// focus; it is not a live region, to keep typing quiet.
(function () {
  'use strict';
  document.querySelectorAll('[data-count-for]').forEach(function (hint) {
    var field = document.getElementById(hint.getAttribute('data-count-for'));
    var max = parseInt(hint.getAttribute('data-max'), 10);
    if (!field || !max) {
      return;
    }
    function update() {
      // Counted as the browser counts maxlength.
      var left = Math.max(max - field.value.length, 0);
      // A translated page gives its own wording (data-left: {max}, {left}).
      var text = hint.getAttribute('data-left') || 'max. {max} tekens, nog {left} over';
      hint.textContent = text.replace('{max}', max).replace('{left}', left);
    }
    field.addEventListener('input', update);
    update();
  });
})();
