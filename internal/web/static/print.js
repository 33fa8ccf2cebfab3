// Shows the print buttons of the printable pages (minutes, the parents'
// copy). Without JavaScript the page tells how to print with the browser.
document.querySelectorAll('[data-print]').forEach(function (b) {
  b.hidden = false;
  b.addEventListener('click', function () { window.print(); });
});
