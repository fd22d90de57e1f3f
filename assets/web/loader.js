/* kindlab's page loader (inlined at the end of every page by `cargo xtask web`, after
   `window.kindlab = {edition, lang, assets, need, packUrls, sw}`: the page's edition and
   language, both editions' files, the content packs this page shows and where every pack is).

   The page arrives pre-rendered: readable at once, with or without JavaScript. After the first
   paint (at once on the lab and quiz pages) this loader fetches the page's edition (the reader edition for lessons, quizzes and
   progress; the full edition, with the simulator, for the lab) and its language's content
   pack, and starts the app in a hidden element. When the app has rendered the same page it
   calls `kindlab.mounted()` and the two are swapped in one step, the reader's place kept, and
   what the learner did on the pre-rendered page meanwhile (text typed, choices, the last
   button pressed) handed to the app's page as the events it would have had.
   The reader edition calls `kindlab.upgrade()` when the lab is wanted: the full edition takes
   the page over the same way. Once the page is live, the service worker is registered (it
   keeps every file of this version for offline use) and a newer version, when one is
   deployed, is offered with a reload button. */
(function (K) {
  var doc = document, html = doc.documentElement;
  K.retired = {};
  K.packs = {};
  /* when each step happened (ms since navigation start), for the bench and the curious */
  K.t = {};
  function mark(name) { if (K.t[name] == null) K.t[name] = Math.round(performance.now()); }
  var packs = {}, starts = {};

  /* a content pack (`en/index`, `zh/lesson/kind-ha`, `en/quizzes`): a promise of its bytes,
     fetched once and kept in K.packs for the edition that starts next */
  K.pack = function (name) {
    if (!packs[name]) {
      var url = K.packUrls[name];
      if (!url) return Promise.reject(new Error('no content pack ' + name));
      packs[name] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (b) {
        return (K.packs[name] = new Uint8Array(b));
      });
      packs[name].catch(function () { packs[name] = null; });
    }
    return packs[name];
  };

  function start(edition) {
    if (starts[edition]) return starts[edition];
    var a = K.assets[edition];
    mark(edition + '-start');
    // the wasm, the glue, the glue's imports and the pack all at once
    var wasm = fetch(a.wasm);
    (a.snippets || []).forEach(function (u) {
      var l = doc.createElement('link');
      l.rel = 'modulepreload';
      l.href = u;
      doc.head.appendChild(l);
    });
    starts[edition] = Promise.all([import(a.js)].concat(K.need.map(K.pack))).then(function (r) {
      var mount = doc.createElement('div');
      mount.hidden = true;
      mount.className = 'app-root';
      var shown = K.shown || doc.getElementById('main');
      /* the pre-rendered page's radio buttons keep the learner's choice while the app renders
         beside them (the same names would make them one group with the app's) */
      if (!K.shown) {
        Array.prototype.forEach.call(shown.querySelectorAll('input[type="radio"][name]'),
          function (r) { r.name += '~page'; });
      }
      shown.parentNode.insertBefore(mount, shown.nextSibling);
      K.mount = mount;
      K.starting = edition;
      mark(edition + '-glue');
      return r[0].default({ module_or_path: wasm }).then(function (x) {
        mark(edition + '-wasm');
        return x;
      });
    });
    starts[edition].catch(function (e) {
      starts[edition] = null;
      K.upgrading = false;
      html.removeAttribute('data-kindlab-loading');
      if (window.console) console.error('kindlab: the ' + edition + ' edition did not start', e);
    });
    return starts[edition];
  }

  /* element paths, to find the same element in the app's DOM as in the page it replaces */
  function pathOf(el, root) {
    var p = [];
    while (el && el !== root) {
      var parent = el.parentElement;
      if (!parent) return null;
      p.unshift(Array.prototype.indexOf.call(parent.children, el));
      el = parent;
    }
    return el === root ? p : null;
  }
  function follow(root, path) {
    var el = root;
    for (var i = 0; el && i < path.length; i++) el = el.children[path[i]];
    return el || null;
  }

  function swap(old, neu) {
    var anchor = K.anchor;
    if (!anchor && (window.scrollY || 0) > 0) {
      // the element just below the top bar: it stays where it is on screen
      var bar = doc.querySelector('.topbar');
      var y = (bar ? bar.getBoundingClientRect().bottom : 0) + 8;
      anchor = doc.elementFromPoint(Math.max(1, innerWidth / 3), y);
    }
    var path = anchor && old.contains(anchor) ? pathOf(anchor, old) : null;
    var top = path ? anchor.getBoundingClientRect().top : 0;
    var sx = window.scrollX, sy = window.scrollY;
    var active = doc.activeElement;
    var focus = active && active !== doc.body && old.contains(active) ? pathOf(active, old) : null;
    var typed = [];
    Array.prototype.forEach.call(old.querySelectorAll('input[id], textarea[id]'), function (f) {
      if (f.value && f.type !== 'radio' && f.type !== 'checkbox') typed.push([f.id, f.value]);
    });
    /* choices made before the app took over (a quiz's mode, its shuffle box), by data-testid */
    var chosen = [];
    Array.prototype.forEach.call(
      old.querySelectorAll('input[type="radio"][data-testid], input[type="checkbox"][data-testid]'),
      function (f) { chosen.push([f.getAttribute('data-testid'), f.checked]); });
    /* a quiz's first question answered on the pre-rendered page (see head.js): its options'
       texts and which were picked, typed text, for the app's same question (K.mounted) */
    var pv = old.querySelector('.quiz-preview:not([hidden]) [data-testid="quiz-question"]');
    K.preview = pv && {
      id: pv.id,
      texts: texts(pv),
      picked: Array.prototype.map.call(pv.querySelectorAll('.quiz-option'), function (l) {
        return !!(l.querySelector('input') || {}).checked;
      }),
      typed: Array.prototype.map.call(pv.querySelectorAll('input[id]:not([type="radio"]):not([type="checkbox"]), textarea[id]'),
        function (f) { return [f.id, f.value]; })
    };
    /* a drawer opened before the app took over stays open (see K.mounted) */
    K.navOpen = !!old.querySelector('#site-nav[data-open="true"]');
    old.remove();
    neu.hidden = false;
    neu.id = 'main';
    html.removeAttribute('data-theme');
    window.scrollTo(sx, sy);
    var same = path && follow(neu, path);
    if (same) window.scrollBy(0, same.getBoundingClientRect().top - top);
    /* the app hears of them as it would of the learner: an input event, a click */
    typed.forEach(function (t) {
      var f = doc.getElementById(t[0]);
      if (f && !f.value) {
        f.value = t[1];
        f.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    chosen.forEach(function (c) {
      var f = neu.querySelector('[data-testid="' + c[0] + '"]');
      if (f && f.checked !== c[1] && (c[1] || f.type === 'checkbox')) f.click();
    });
    if (focus) {
      var f = follow(neu, focus);
      if (f && f.focus) f.focus({ preventScroll: true });
    }
    K.shown = neu;
    K.anchor = null;
  }

  function texts(q) {
    return Array.prototype.map.call(q.querySelectorAll('.quiz-option .opt-text'),
      function (t) { return t.textContent; }).join('\n');
  }

  /* the previewed question's picks, on the app's page once it shows the same question (same
     run position and id, the same options in the same order), then the button pressed on
     the preview (Check) once the app has enabled it */
  function handOver(root, pv) {
    var then = html.getAttribute('data-kindlab-then');
    html.removeAttribute('data-kindlab-then');
    var step = 0, mo;
    function look() {
      var q = root.querySelector('[data-testid="quiz-question"]');
      if (!q) return false;
      if (step === 0) {
        step = 1;
        if (q.id !== pv.id || texts(q) !== pv.texts) return true;
        Array.prototype.forEach.call(q.querySelectorAll('.quiz-option'), function (l, k) {
          var f = l.querySelector('input');
          if (f && pv.picked[k] && !f.checked) f.click();
        });
        pv.typed.forEach(function (t) {
          var f = doc.getElementById(t[0]);
          if (f && t[1] && !f.value) {
            f.value = t[1];
            f.dispatchEvent(new Event('input', { bubbles: true }));
          }
        });
        if (!then) return true;
      }
      var b = q.querySelector('[data-testid="' + then + '"]');
      if (!b || b.disabled) return false;
      b.click();
      return true;
    }
    if (look()) return;
    mo = new MutationObserver(function () { if (look()) mo.disconnect(); });
    mo.observe(root, { childList: true, subtree: true, attributes: true });
    /* nothing to wait for after a while (the app showed something else) */
    setTimeout(function () { mo.disconnect(); }, 10000);
  }

  /* called by the app once it has rendered its first page */
  K.mounted = function (edition) {
    mark(edition + '-rendered');
    var neu = K.mount;
    if (!neu || !neu.hidden || K.starting !== edition) return;
    var go = function () {
      if (!neu.hidden) return;
      var old = K.shown || doc.getElementById('main');
      if (edition === 'full' && K.edition === 'reader') K.retired.reader = true;
      swap(old, neu);
      html.setAttribute('data-kindlab', edition);
      if (K.navOpen) {
        var toggle = neu.querySelector('#nav-toggle');
        if (toggle && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
      }
      mark(edition + '-live');
      html.removeAttribute('data-kindlab-loading');
      K.upgrading = false;
      if (K.focusWidget != null) focusWidget(K.focusWidget);
      K.focusWidget = null;
      /* a button pressed before the app was live (Start, Mark as read, Check; see head.js):
         pressed now */
      var pressed = html.getAttribute('data-kindlab-pressed');
      if (pressed) {
        html.removeAttribute('data-kindlab-pressed');
        var p = neu.querySelector('[data-testid="' + pressed + '"]');
        if (p && !p.disabled) p.click();
      }
      if (K.preview) handOver(neu, K.preview);
      K.preview = null;
      if (!K.live) {
        K.live = true;
        idle(afterLive);
      }
    };
    /* the app's page is there and its text too (a lesson, the glossary or "before you begin"
       whose pack is still being read shows a short placeholder: swapping it in would drop the
       reader's place) */
    var ready = function () {
      return neu.querySelector('[data-testid="page"]') &&
        !neu.querySelector('[data-testid="lesson-loading"], [data-testid="page-loading"]');
    };
    if (ready()) go();
    else {
      var mo = new MutationObserver(function () {
        if (ready()) { mo.disconnect(); go(); }
      });
      mo.observe(neu, { childList: true, subtree: true });
    }
  };

  /* the reader edition wants the lab: start the full edition; `here` keeps the lesson widget
     the learner touched in place and gives its terminal the keyboard */
  K.upgrade = function (where) {
    if (K.edition !== 'reader' || K.retired.reader) return true;
    if (where === 'here') {
      var a = doc.activeElement;
      var w = a && a.closest ? a.closest('[data-testid="widget-lab"]') : null;
      if (w) {
        K.anchor = w;
        K.focusWidget = Array.prototype.indexOf.call(doc.querySelectorAll('[data-testid="widget-lab"]'), w);
      }
    }
    if (!K.upgrading) {
      K.upgrading = true;
      html.setAttribute('data-kindlab-loading', 'full');
      start('full');
    }
    return true;
  };

  function focusWidget(i) {
    var tries = 0;
    (function look() {
      var w = doc.querySelectorAll('[data-testid="widget-lab"]')[i];
      var t = w && w.querySelector('[data-testid="terminal-input"]');
      if (t) t.focus({ preventScroll: true });
      else if (tries++ < 100) setTimeout(look, 50);
    })();
  }

  function idle(f) {
    if (window.requestIdleCallback) requestIdleCallback(f, { timeout: 4000 });
    else setTimeout(f, 1000);
  }

  /* once the page is live: offline support, and the lab fetched ahead of need */
  function afterLive() {
    var sw = navigator.serviceWorker;
    if (K.sw && sw && window.isSecureContext) {
      sw.register(K.sw).then(watch, prefetch);
    } else prefetch();
  }
  function prefetch() {
    if (K.edition !== 'reader') return;
    [K.assets.full.js, K.assets.full.wasm].forEach(function (u) {
      var l = doc.createElement('link');
      l.rel = 'prefetch';
      l.href = u;
      doc.head.appendChild(l);
    });
  }

  /* a newer version installed beside this one: offer to reload into it */
  function watch(reg) {
    var sw = navigator.serviceWorker, accepted = false;
    function offer(worker) {
      if (!sw.controller || doc.querySelector('[data-testid="update-banner"]')) return;
      var zh = /^zh/.test(html.lang);
      var bar = doc.createElement('div');
      bar.className = 'update-banner';
      bar.setAttribute('role', 'status');
      bar.setAttribute('data-testid', 'update-banner');
      var text = doc.createElement('span');
      text.textContent = zh ? 'kindlab 有新版本可用。' : 'A new version of kindlab is ready.';
      var b = doc.createElement('button');
      b.setAttribute('data-testid', 'update-reload');
      b.textContent = zh ? '重新加载' : 'Reload';
      b.onclick = function () {
        accepted = true;
        worker.postMessage('skipWaiting');
      };
      bar.appendChild(text);
      bar.appendChild(b);
      doc.body.appendChild(bar);
    }
    sw.addEventListener('controllerchange', function () {
      if (accepted) location.reload();
    });
    if (reg.waiting) offer(reg.waiting);
    reg.addEventListener('updatefound', function () {
      var w = reg.installing;
      if (!w) return;
      w.addEventListener('statechange', function () {
        if (w.state === 'installed') offer(w);
      });
    });
  }

  /* the navigation drawer's button works before the app has taken the page over */
  doc.addEventListener('click', function (e) {
    if (html.hasAttribute('data-kindlab')) return;
    var b = e.target.closest && e.target.closest('#nav-toggle');
    var nav = doc.getElementById('site-nav');
    if (!b || !nav) return;
    var open = nav.getAttribute('data-open') !== 'true';
    nav.setAttribute('data-open', open ? 'true' : 'false');
    b.setAttribute('aria-expanded', open ? 'true' : 'false');
  });

  function boot() { start(K.edition); }
  /* a page made for doing (the lab, a quiz) starts its edition at once; a reading page once
     its text is on screen (the first contentful paint has been presented), so that nothing
     competes with it */
  if (K.eager) boot();
  else {
    try {
      new PerformanceObserver(function (list, o) {
        if (list.getEntriesByName('first-contentful-paint').length) {
          o.disconnect();
          setTimeout(boot, 0);
        }
      }).observe({ type: 'paint', buffered: true });
    } catch (e) { /* no paint timing: the timer below */ }
    setTimeout(boot, 2500);
  }
})(window.kindlab);
