/* kindlab, in every page's <head> (inlined by `cargo xtask web`): runs before the first paint.
   - The saved theme, so a dark page never flashes light (the CSS reads html[data-theme] until
     the app's own element carries it).
   - The language: an English page (no /zh/ in its path) opened by a learner who chose Chinese,
     or, with no saved choice, whose browser prefers it, goes to its Chinese twin.
   - A button of the page pressed before the app is live (a tap on a quiz's Start) is
     remembered, the last one, in html[data-kindlab-pressed], and the loading bar shows: the
     loader presses it again in the app's page once live. Listening from here, the press
     counts from the first moment the button is on screen.
   - A quiz's start page carries its first question, hidden, as a new practice run in the
     file's order shows it (seed in data-seed): Start pressed in practice, unshuffled, with no
     run of that quiz saved, shows it at once (html[data-kindlab-preview] = the seed, which the
     app's Start then uses), and its options can be picked (by click, or by the app's keys).
     The loader hands the picks, and the question's own button pressed meanwhile (Check), to
     the app's page once live. */
(function () {
  var d = document.documentElement, s = {};
  function started(id) {
    try {
      var p = JSON.parse(localStorage.getItem('kindlab.progress'));
      return !!(p && p.runs && p.runs[id]);
    } catch (e) { return true; }
  }
  function preview(b) {
    var quiz = b.closest('[data-testid="quiz"]');
    var p = quiz && quiz.querySelector('.quiz-preview');
    var start = b.closest('.quiz-start');
    if (!p || !start) return;
    var exam = quiz.querySelector('[data-testid="quiz-mode-exam"]');
    var mixed = quiz.querySelector('[data-testid="quiz-shuffle"]');
    if ((exam && exam.checked) || (mixed && mixed.checked) || started(quiz.getAttribute('data-quiz'))) return;
    start.hidden = true;
    p.hidden = false;
    d.setAttribute('data-kindlab-preview', p.getAttribute('data-seed'));
    /* the keyboard goes where the app puts it on Start: the first option (or the answer box) */
    var first = p.querySelector('.quiz-question input, .quiz-question textarea');
    if (first) first.focus({ preventScroll: true });
  }
  document.addEventListener('click', function (e) {
    if (d.hasAttribute('data-kindlab')) return;
    var b = e.target.closest && e.target.closest('button[data-testid]');
    if (!b || b.id === 'nav-toggle' || !b.closest('#main')) return;
    d.setAttribute('data-kindlab-loading', '');
    if (b.closest('.quiz-preview')) {
      d.setAttribute('data-kindlab-then', b.getAttribute('data-testid'));
      return;
    }
    d.setAttribute('data-kindlab-pressed', b.getAttribute('data-testid'));
    if (b.getAttribute('data-testid') === 'quiz-start') preview(b);
  }, true);
  /* the previewed question's keys, as the app's: 1-9 pick an option, Enter presses Check */
  document.addEventListener('keydown', function (e) {
    if (d.hasAttribute('data-kindlab') || e.ctrlKey || e.metaKey || e.altKey) return;
    var q = e.target.closest && e.target.closest('.quiz-preview .quiz-question');
    if (!q) return;
    var n = /^[1-9]$/.test(e.key) ? +e.key : 0;
    var o = n ? q.querySelectorAll('.quiz-option input')[n - 1] : null;
    var check = q.querySelector('[data-testid="quiz-submit"]');
    if (o) {
      e.preventDefault();
      o.click();
      o.focus();
    } else if (e.key === 'Enter' && check && !check.disabled) {
      e.preventDefault();
      check.click();
    }
  }, true);
  /* the previewed question's options: picked as the app shows them, Check enabled by a pick */
  document.addEventListener('change', function (e) {
    if (d.hasAttribute('data-kindlab')) return;
    var opts = e.target.closest && e.target.closest('.quiz-preview .quiz-options');
    if (!opts) return;
    var any = false;
    Array.prototype.forEach.call(opts.querySelectorAll('.quiz-option'), function (l) {
      var on = !!(l.querySelector('input') || {}).checked;
      any = any || on;
      l.setAttribute('data-state', on ? 'picked' : '');
      l.classList.toggle('picked', on);
    });
    var check = opts.parentNode.querySelector('[data-testid="quiz-submit"]');
    if (check) check.disabled = !any;
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
