/* kindlab, in every page's <head> (inlined by `cargo xtask web`): runs before the first paint.
   - The saved theme, so a dark page never flashes light (the CSS reads html[data-theme] until
     the app's own element carries it).
   - The language: an English page (no /zh/ in its path) opened by a learner who chose Chinese,
     or, with no saved choice, whose browser prefers it, goes to its Chinese twin.
   - A button of the page pressed before the app is live (a tap on a quiz's Start) is
     remembered, the last one, in html[data-kindlab-pressed], and the loading bar shows: the
     loader presses it again in the app's page once live. Listening from here, the press
     counts from the first moment the button is on screen. */
(function () {
  var d = document.documentElement, s = {};
  document.addEventListener('click', function (e) {
    if (d.hasAttribute('data-kindlab')) return;
    var b = e.target.closest && e.target.closest('button[data-testid]');
    if (!b || b.id === 'nav-toggle' || !b.closest('#main')) return;
    d.setAttribute('data-kindlab-pressed', b.getAttribute('data-testid'));
    d.setAttribute('data-kindlab-loading', '');
  }, true);
  try { s = JSON.parse(localStorage.getItem('kindlab.settings')) || {}; } catch (e) { s = {}; }
  if (s.theme === 'light' || s.theme === 'dark') d.setAttribute('data-theme', s.theme);
  if (d.lang !== 'en-US') return;
  var want = s.lang;
  if (!want) {
    var tags = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < tags.length && !want; i++) {
      var t = String(tags[i] || '').toLowerCase();
      if (/^zh($|[-_])/.test(t)) want = 'zh';
      else if (/^en($|[-_])/.test(t)) want = 'en';
    }
  }
  if (want === 'zh') {
    var p = location.pathname;
    location.replace('/zh' + (p === '/' ? '/' : p) + location.search + location.hash);
  }
})();
