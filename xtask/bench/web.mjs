// kindlab's web release in headless Chromium, side by side with the reference book (mdBook +
// mdbook-quiz), both served by xtask's static server with the same pre-compressed files.
// `cargo xtask bench-web` starts the servers and runs this; by hand:
//
//   node xtask/bench/web.mjs --kindlab http://127.0.0.1:P --kindlab-dir dist \
//     --mdbook http://127.0.0.1:Q --mdbook-dir DIR [--runs 7] [--node-modules DIR] \
//     [--profiles loopback,slow4g]
//
// Every load is cold: a new browser context (empty cache, no service worker, new connections).
// The kindlab and mdBook loads take turns, so that whatever else the machine does weighs on
// both alike. Two profiles: loopback with no throttling at 1280x900, and slow 4G (150 ms
// latency, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4x, a 390x844 phone viewport), set with
// DevTools commands before the navigation. What is measured, from navigation start:
//
// 1. lesson text: the lesson's heading and its first paragraph painted (Element Timing: an
//    init script marks them with `elementtiming` the moment they are in the DOM; the later of
//    the two `renderTime`s);
// 2. bytes before the text shows: `transferSize` of the document and of every resource whose
//    response had started by then (counted whole: an upper bound);
// 3. the whole first load before any interaction: every response until the app is live
//    (`html[data-kindlab]`; mdBook: its text painted) and the network has been quiet for
//    1.5 s, with the brotli and gzip sizes of exactly those files in the served folder;
// 4. quiz usable: an in-page script starts the quiz and clicks the first answer as soon as it
//    can (kindlab's pre-rendered page shows the first question when Start is tapped before the
//    app is live); the time its choice shows as picked; kindlab's counts only if the app, once
//    live, still shows it picked;
// 5. lab ready (kindlab only): `kubectl get nodes` typed into the lab's terminal by an in-page
//    script (the input's value and events, then Enter) as soon as the full edition is live;
//    the time its answer (`cluster01-worker`) is in the transcript.
// For 4 and 5 on a throttled link, the floor the link alone sets: the bytes that had arrived
// when the app was live (the document and every response that had ended), at the link's rate,
// plus one latency.
// And the floors, served like the rest (`--floor`, written by xtask): a bare page (a heading
// and a paragraph), kindlab's frame (the English lesson's page without its body and its
// loader), and each compared lesson's content alone in a bare page, kindlab's article (with
// the one rule that skips the blocks off the screen) beside the book chapter's <main>.
//
// Plus, from site.json and the served files: the lab's extra bytes and what the service worker
// downloads after a first visit (never part of a page's figures). It prints figures and goals;
// the exit code is non-zero only when a page never reaches its mark (60 s per load).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const LOAD_TIMEOUT_MS = 60_000;
/** The network is quiet (the whole first load is over) after this long without a request. */
const QUIET_MS = 1500;
const KB = 1024;

const LESSONS = [
  { key: 'en', kindlab: '/lesson/haproxy-workers', mdbook: '/ch01-haproxy.html' },
  { key: 'zh', kindlab: '/zh/lesson/kind-ha', mdbook: '/ch03-zh.html' },
];
const QUIZ = { kindlab: '/quiz/chapter', mdbook: '/ch07-quiz.html' };
const LAB = '/lab';
const LAB_COMMAND = 'kubectl get nodes';
const LAB_ANSWER = 'cluster01-worker';

/** What marks the lesson text: the heading, and the first paragraph (with text) matching `para`. */
const TEXT = {
  kindlab: { heading: '[data-testid="lesson-title"]', para: '.lesson-head p.lead' },
  mdbook: { heading: 'main h1', para: 'main p' },
  // the floor: a bare page (a heading and a paragraph, no style, no script) from the same
  // server, the least any page costs this browser on this machine
  floor: { heading: 'main h1', para: 'main p' },
};

const GOALS = {
  textSlowMs: 1000,
  textSlowRatio: 0.9,
  textLoopbackRatio: 0.5,
  quizSlowMs: 2500,
  labSlowMs: 5000,
  bytesBeforeTextKb: 60,
  wholeLoadBrotliKb: 400,
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const PROFILES = {
  loopback: {
    name: 'loopback',
    title: 'loopback, no throttling, 1280x900',
    context: { viewport: { width: 1280, height: 900 } },
  },
  slow4g: {
    name: 'slow 4G',
    title:
      'slow 4G: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower, 390x844 (mobile, touch)',
    context: {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
    },
    network: {
      offline: false,
      latency: 150,
      downloadThroughput: 200_000,
      uploadThroughput: 93_750,
    },
    cpu: 4,
  },
};

// ---------------------------------------------------------------------------------------------
// In the page

/**
 * The init script of every load (runs before the page's own scripts). `cfg.heading`/`cfg.para`:
 * the lesson text to mark for Element Timing; `cfg.task`: a quiz or lab script to run. Results
 * go to `window.__bench`, read after the fact, so no Playwright round trip is in a timed path.
 */
function probe(cfg) {
  if (window.top !== window) return;
  const B = (window.__bench = {
    text: {},
    marked: {},
    fcp: null,
    live: null,
    t: {},
    done: null,
    lastResource: 0,
    errors: [],
  });
  const now = () => performance.now();
  const observe = (type, f) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(f)).observe({
        type,
        buffered: true,
      });
    } catch (e) {
      B.errors.push(`PerformanceObserver ${type}: ${e.message}`);
    }
  };
  observe('paint', (e) => {
    if (e.name === 'first-contentful-paint') B.fcp = e.startTime;
  });
  // the first entry of each identifier: the first paint of the element marked with it
  observe('element', (e) => {
    if (!B.text[e.identifier]) {
      // paintTime (newer Chromium): the frame's rendering step; renderTime: its presentation
      B.text[e.identifier] = { render: e.renderTime, load: e.loadTime, paint: e.paintTime };
    }
  });
  observe('resource', () => {
    B.lastResource = now();
  });

  // the app is live: kindlab's loader sets html[data-kindlab] once the app's DOM is shown
  const liveMo = new MutationObserver(() => {
    if (document.documentElement?.hasAttribute('data-kindlab')) {
      B.live = now();
      liveMo.disconnect();
    }
  });
  liveMo.observe(document, { attributes: true, attributeFilter: ['data-kindlab'], subtree: true });

  // the lesson text: `elementtiming` set the moment the elements are in the DOM (a mutation
  // observer's callback runs before the next rendering step, so before their first paint)
  if (cfg.heading) {
    let heading = null;
    let para = null;
    const mark = () => {
      if (!heading) {
        heading = document.querySelector(cfg.heading);
        if (heading) {
          heading.setAttribute('elementtiming', 'heading');
          B.marked.heading = now();
        }
      }
      if (!para) {
        for (const p of document.querySelectorAll(cfg.para)) {
          if (p.textContent.trim()) {
            para = p;
            para.setAttribute('elementtiming', 'para');
            B.marked.para = now();
            break;
          }
        }
      }
      if (heading && para) mo.disconnect();
    };
    const mo = new MutationObserver(mark);
    mo.observe(document, { childList: true, subtree: true, characterData: true });
  }

  if (!cfg.task) return;
  // waits for `test()` to return something truthy, checked after every DOM change
  const waits = [];
  const check = () => {
    for (let i = waits.length - 1; i >= 0; i--) {
      let v = null;
      try {
        v = waits[i].test();
      } catch (e) {
        v = null;
      }
      if (v) waits.splice(i, 1)[0].resolve(v);
    }
  };
  const until = (test) =>
    new Promise((resolve) => {
      waits.push({ test, resolve });
      check();
    });
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    characterData: true,
  });
  const $ = (s) => document.querySelector(s);
  const tasks = {
    // Start -> first option -> its label shows it picked, as soon as the page allows: the
    // pre-rendered page shows the first question when Start is tapped before the app is live
    // (head.js); then the app takes the page over, and the pick must still be there
    async kindlabQuiz() {
      const shown = (el) =>
        el && (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null) ? el : null;
      const start = await until(() => shown($('[data-testid="quiz-start"]')));
      B.t.visible = now();
      start.click();
      const option = await until(() => shown($('[data-testid="quiz-option-1"]')));
      B.t.options = now();
      (option.querySelector('input') || option).click();
      B.t.clicked = now();
      await until(
        () => shown($('[data-testid="quiz-option-1"]'))?.getAttribute('data-state') === 'picked',
      );
      B.done = now();
      await until(() => document.documentElement?.hasAttribute('data-kindlab'));
      B.t.live = now();
      const kept = until(
        () => $('[data-testid="quiz-option-1"]')?.getAttribute('data-state') === 'picked',
      );
      B.kept = await Promise.race([
        kept.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 10_000)),
      ]);
    },
    // mdbook-quiz (React): `.mdbook-quiz` with a Start button -> radio inputs; a native radio,
    // checked by the click itself
    async mdbookQuiz() {
      const start = await until(() => $('.mdbook-quiz button.start'));
      B.t.visible = now();
      start.click();
      const input = await until(() => $('.mdbook-quiz input[type="radio"]'));
      B.t.options = now();
      input.click();
      B.t.clicked = now();
      await until(() => $('.mdbook-quiz input[type="radio"]')?.checked);
      B.done = now();
    },
    // the full edition live with its terminal -> the command typed and Enter pressed (from
    // here, like the quiz's clicks: the events a keyboard sends, without a Playwright round
    // trip inside the figure) -> its answer in the transcript
    async lab() {
      const input = await until(
        () =>
          document.documentElement?.getAttribute('data-kindlab') === 'full' &&
          $('[data-testid="terminal-input"]'),
      );
      B.t.ready = now();
      input.focus();
      // the value set as typing sets it (the element's own setter), then the input event
      const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value').set;
      setValue.call(input, cfg.command);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: cfg.command }));
      // a re-render may replace the element: Enter goes to the terminal's input as it is now
      await until(() => $('[data-testid="terminal-input"]')?.value === cfg.command);
      B.t.enter = now();
      const key = { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true };
      const target = $('[data-testid="terminal-input"]');
      target.dispatchEvent(new KeyboardEvent('keydown', key));
      target.dispatchEvent(new KeyboardEvent('keyup', key));
      await until(() => $('[data-testid="terminal-output"]')?.textContent.includes(cfg.answer));
      B.done = now();
    },
  };
  tasks[cfg.task]().catch((e) => B.errors.push(String(e)));
}

// ---------------------------------------------------------------------------------------------
// Driving the loads

class MarkNotReached extends Error {}

function parseArgs(argv) {
  const o = {
    runs: 7,
    profiles: ['loopback', 'slow4g'],
    chromium: '/usr/bin/chromium',
    nodeModules: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--kindlab':
        o.kindlab = v().replace(/\/$/, '');
        break;
      case '--kindlab-dir':
        o.kindlabDir = path.resolve(v());
        break;
      case '--mdbook':
        o.mdbook = v().replace(/\/$/, '');
        break;
      case '--mdbook-dir':
        o.mdbookDir = path.resolve(v());
        break;
      case '--floor':
        o.floor = v().replace(/\/$/, '');
        break;
      case '--floor-dir':
        o.floorDir = path.resolve(v());
        break;
      case '--runs':
        o.runs = Number(v());
        break;
      case '--profiles':
        o.profiles = v().split(',');
        break;
      case '--chromium':
        o.chromium = v();
        break;
      case '--node-modules':
        o.nodeModules = path.resolve(v());
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  for (const k of ['kindlab', 'kindlabDir', 'mdbook', 'mdbookDir']) {
    if (!o[k]) throw new Error(`--${k.replace(/Dir$/, '-dir')} is required`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs needs a whole number >= 1');
  for (const p of o.profiles) if (!PROFILES[p]) throw new Error(`unknown profile ${p}`);
  return o;
}

/** playwright-core from `--node-modules` (or NODE_PATH, which only `require` honours). */
function loadPlaywright(nodeModules) {
  const require = createRequire(nodeModules ? path.join(nodeModules, 'noop.js') : import.meta.url);
  const pw = require('playwright-core');
  const version = require('playwright-core/package.json').version;
  return { chromium: pw.chromium, version };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits for `fn` (run in the page, polled every 50 ms) to return something truthy. */
async function waitIn(load, what, fn, arg) {
  const timeout = load.deadline - Date.now();
  try {
    if (timeout <= 0) throw Object.assign(new Error('timeout'), { name: 'TimeoutError' });
    const handle = await load.page.waitForFunction(fn, arg, { timeout, polling: 50 });
    return await handle.jsonValue();
  } catch (e) {
    if (e.name !== 'TimeoutError') throw e;
    const state = await load.page
      .evaluate(() => JSON.stringify(window.__bench ?? null))
      .catch(() => 'unreadable');
    throw new MarkNotReached(
      `${load.label} never reached its mark (${what}) within ${LOAD_TIMEOUT_MS / 1000} s` +
        `\n  page state: ${state}` +
        (load.problems.length ? `\n  page errors: ${load.problems.slice(0, 5).join(' | ')}` : ''),
    );
  }
}

/** Waits until the page has had no request in flight and none new for QUIET_MS. */
async function quiet(load, what) {
  for (;;) {
    const idle = load.net.inflight === 0 && Date.now() - load.net.last >= QUIET_MS;
    if (idle) {
      const since = await load.page.evaluate(
        () => performance.now() - (window.__bench?.lastResource ?? 0),
      );
      if (since >= QUIET_MS) return;
    }
    if (Date.now() > load.deadline) {
      throw new MarkNotReached(
        `${load.label}: the network never went quiet (${what}) within ${LOAD_TIMEOUT_MS / 1000} s` +
          ` (${load.net.inflight} requests in flight)`,
      );
    }
    await sleep(100);
  }
}

/** The document and every resource the page fetched, from Resource Timing. */
function entries(page) {
  return page.evaluate(() =>
    [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ].map((e) => ({
      url: e.name,
      kind: e.entryType === 'navigation' ? 'document' : e.initiatorType,
      transfer: e.transferSize,
      responseStart: e.responseStart,
      end: e.responseEnd,
    })),
  );
}

/**
 * One cold load: a new context with the profile's emulation, `cfg` for the init script, then
 * `measure(load)`. The context is closed whatever happens.
 */
async function coldLoad(browser, profile, site, urlPath, cfg, measure) {
  const context = await browser.newContext({ ...profile.context, locale: 'en-US' });
  const load = {
    label: `${site.name} ${urlPath} (${profile.name})`,
    deadline: Date.now() + LOAD_TIMEOUT_MS,
    net: { inflight: 0, last: Date.now(), encodings: {} },
    problems: [],
    page: null,
  };
  try {
    await context.addInitScript(probe, cfg);
    const page = (load.page = await context.newPage());
    if (profile.network || profile.cpu) {
      const cdp = await context.newCDPSession(page);
      if (profile.network) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', profile.network);
      }
      if (profile.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    }
    // the page's own requests (a service worker's are not the page's: they are not counted)
    const touch = () => (load.net.last = Date.now());
    page.on('request', () => {
      load.net.inflight++;
      touch();
    });
    const settled = () => {
      load.net.inflight--;
      touch();
    };
    page.on('requestfinished', settled);
    page.on('requestfailed', settled);
    page.on('response', (r) => {
      load.net.encodings[r.url()] = r.headers()['content-encoding'] || 'identity';
    });
    page.on('pageerror', (e) => load.problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && load.problems.push(m.text()));
    try {
      await page.goto(site.url + urlPath, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    } catch (e) {
      throw new MarkNotReached(`${load.label}: navigation failed: ${e.message}`);
    }
    const result = await measure(load);
    result.encodings = load.net.encodings;
    return result;
  } finally {
    await context.close().catch(() => {});
  }
}

/** 1-3 on a lesson page: its text painted, the bytes before that, then its whole first load. */
async function lessonLoad(browser, profile, site, urlPath) {
  return coldLoad(browser, profile, site, urlPath, TEXT[site.key], async (load) => {
    const text = await waitIn(load, 'heading and first paragraph painted', () => {
      const B = window.__bench;
      if (!B) return null;
      const h = B.text.heading;
      const p = B.text.para;
      const t = (e) => e.render || e.load;
      if (h && p) {
        const paint = h.paint && p.paint ? Math.max(h.paint, p.paint) : null;
        return { ms: Math.max(t(h), t(p)), paint, via: 'element', fcp: B.fcp };
      }
      // no element timing 5 s after both were marked and painted something: say so, use FCP
      const m = Math.max(
        B.marked.heading ?? Infinity,
        B.marked.para ?? Infinity,
        B.fcp ?? Infinity,
      );
      if (m !== Infinity && performance.now() - m > 5000) return { ms: m, via: 'fcp', fcp: B.fcp };
      return null;
    });
    let live = null;
    if (site.key === 'kindlab') {
      live = await waitIn(load, 'html[data-kindlab]', () => window.__bench?.live);
    }
    await quiet(load, 'whole first load');
    const all = await entries(load.page);
    const before = all.filter((e) => e.responseStart <= text.ms);
    const marked = await load.page.evaluate(() => window.__bench.marked);
    return {
      ms: text.ms,
      inDom: Math.max(marked.heading ?? NaN, marked.para ?? NaN),
      paint: text.paint,
      via: text.via,
      fcp: text.fcp,
      live,
      beforeBytes: sum(before.map((e) => e.transfer)),
      beforeCount: before.length,
      wholeBytes: sum(all.map((e) => e.transfer)),
      urls: all.map((e) => e.url),
      files: filesOf(site, all),
    };
  });
}

/**
 * A floor page (the text mark only): kindlab's frame (the page without the lesson, no app), or
 * a lesson's content alone (`cfg`: whose selectors mark its text).
 */
async function textLoad(browser, profile, site, urlPath, cfg) {
  return coldLoad(browser, profile, site, urlPath, cfg, async (load) => {
    const text = await waitIn(load, 'heading and first paragraph painted', () => {
      const B = window.__bench;
      const h = B && B.text.heading;
      const p = B && B.text.para;
      return h && p ? { ms: Math.max(h.render || h.load, p.render || p.load) } : null;
    });
    return { ms: text.ms };
  });
}

/** 4: the quiz's first answer picked. */
async function quizLoad(browser, profile, site, urlPath) {
  const task = site.key === 'kindlab' ? 'kindlabQuiz' : 'mdbookQuiz';
  return coldLoad(browser, profile, site, urlPath, { task }, async (load) => {
    const r = await waitIn(load, 'first answer picked', () => {
      const B = window.__bench;
      return B?.done ? { ms: B.done, t: B.t } : null;
    });
    if (site.key === 'kindlab') {
      // the app live, and whether the pick was still there then
      const after = await waitIn(load, 'the app live with the pick', () => {
        const B = window.__bench;
        return B?.kept != null ? { kept: B.kept, t: B.t } : null;
      });
      r.kept = after.kept;
      r.t = after.t;
    }
    r.liveBytes = await bytesBy(load.page, r.ms);
    return r;
  });
}

/** The bytes of the document and of every response that had ended by `t` (ms). */
async function bytesBy(page, t) {
  return sum((await entries(page)).filter((e) => e.end <= t).map((e) => e.transfer));
}

/** 5: `kubectl get nodes` answered in the lab's terminal. */
async function labLoad(browser, profile, site) {
  return coldLoad(
    browser,
    profile,
    site,
    LAB,
    { task: 'lab', command: LAB_COMMAND, answer: LAB_ANSWER },
    async (load) => {
      const r = await waitIn(load, `"${LAB_ANSWER}" in the terminal's transcript`, () => {
        const B = window.__bench;
        return B?.done ? { ms: B.done, t: B.t } : null;
      });
      r.liveBytes = await bytesBy(load.page, r.t.ready);
      return r;
    },
  );
}

/**
 * The service worker's downloads after a first visit, watched from outside the page (loopback,
 * not timed): its requests until it is activated, or has failed to install (`redundant`).
 */
async function serviceWorkerLoad(browser, site) {
  const context = await browser.newContext({ ...PROFILES.loopback.context, locale: 'en-US' });
  try {
    const seen = [];
    context.on('requestfinished', (r) => {
      if (r.serviceWorker()) {
        seen.push(
          r.sizes().then(
            (s) => s.responseBodySize + s.responseHeadersSize,
            () => 0,
          ),
        );
      }
    });
    // the loader's registration, kept where the bench can wait on it
    await context.addInitScript(() => {
      const container = window.ServiceWorkerContainer?.prototype;
      if (!container) return;
      const register = container.register;
      container.register = function (...args) {
        return (window.__benchSw = register.apply(this, args));
      };
    });
    const page = await context.newPage();
    await page.goto(site.url + LESSONS[0].kindlab, { timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => window.__benchSw, null, {
      timeout: LOAD_TIMEOUT_MS,
      polling: 100,
    });
    const state = await page.evaluate(
      (timeout) =>
        window.__benchSw.then((reg) => {
          const w = reg.installing || reg.waiting || reg.active;
          const end = () => w.state === 'activated' || w.state === 'redundant';
          return new Promise((resolve) => {
            if (end()) resolve(w.state);
            w.addEventListener('statechange', () => end() && resolve(w.state));
            setTimeout(() => resolve(`${w.state} after ${timeout / 1000} s`), timeout);
          });
        }),
      LOAD_TIMEOUT_MS,
    );
    await sleep(500);
    const sizes = await Promise.all(seen);
    return { state, requests: sizes.length, bytes: sum(sizes) };
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Files and sizes

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

const isFile = (p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The file a URL path names in `dir`, by the server's rules: the file, `<path>.html`, `<path>/index.html`. */
function resolveFile(dir, urlPath) {
  const rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  const full = path.join(dir, rel);
  if (isFile(full)) return full;
  if (rel && !urlPath.endsWith('/') && isFile(`${full}.html`)) return `${full}.html`;
  const index = path.join(full, 'index.html');
  return isFile(index) ? index : null;
}

/** The size of `file`'s `.br`/`.gz` sibling (the file itself when there is none). */
function sizeAs(file, ext) {
  const pre = `${file}.${ext}`;
  return fs.statSync(isFile(pre) ? pre : file).size;
}

/** The served files behind the responses of a load (only the site's own origin). */
function filesOf(site, all) {
  const out = [];
  for (const e of all) {
    const u = new URL(e.url);
    if (u.origin !== new URL(site.url).origin) continue;
    const file = resolveFile(site.dir, u.pathname);
    if (!file) continue;
    out.push({
      url: u.pathname,
      file,
      br: sizeAs(file, 'br'),
      gz: sizeAs(file, 'gz'),
      kind: e.kind,
    });
  }
  return out;
}

/** site.json's figures: the lab's extra files and the service worker's precache. */
function siteFigures(dir) {
  const site = JSON.parse(fs.readFileSync(path.join(dir, 'site.json'), 'utf8'));
  const files = (e) => [e.js, e.wasm, ...(e.snippets || [])];
  const reader = new Set(files(site.editions.reader));
  const extra = files(site.editions.full).filter((u) => !reader.has(u));
  const total = (urls) => {
    const fs_ = urls.map((u) => {
      const rel = site.pages[u] ?? u.replace(/^\//, '');
      const file = path.join(dir, rel);
      if (!isFile(file)) throw new Error(`site.json lists ${u}, but ${file} is missing`);
      return file;
    });
    return {
      files: fs_.length,
      br: sum(fs_.map((f) => sizeAs(f, 'br'))),
      gz: sum(fs_.map((f) => sizeAs(f, 'gz'))),
    };
  };
  // Cache.addAll() rejects a list that names a URL twice: the worker would never install
  const duplicates = site.precache.filter((u, i) => site.precache.indexOf(u) !== i);
  return {
    labExtra: total(extra),
    precache: total([...new Set(site.precache)]),
    precacheListed: site.precache.length,
    duplicates: [...new Set(duplicates)],
  };
}

// ---------------------------------------------------------------------------------------------
// Printing

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ms = (x) => (x == null ? '-' : `${Math.round(x)} ms`);
const kb = (x) => (x == null ? '-' : `${(x / KB).toFixed(1)} KB`);
const ratio = (a, b) => (a == null || b == null || !b ? '-' : (a / b).toFixed(2));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const samples = (xs) => xs.map((x) => Math.round(x)).join(' ');

function verdict(value, limit) {
  if (value == null) return '-';
  return value <= limit ? 'PASS' : `OVER by ${Math.round((value / limit - 1) * 100)}%`;
}

function row(cells, widths) {
  return cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i]))).join('  ');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const o = parseArgs(process.argv.slice(2));
  const { chromium, version } = loadPlaywright(o.nodeModules);
  const kindlab = { key: 'kindlab', name: 'kindlab', url: o.kindlab, dir: o.kindlabDir };
  const mdbook = { key: 'mdbook', name: 'mdBook', url: o.mdbook, dir: o.mdbookDir };
  const floor = o.floor ? { key: 'floor', name: 'floor', url: o.floor, dir: o.floorDir } : null;
  // kindlab's frame (same markup and selectors as a lesson page, without the lesson's body)
  const frame = o.floor ? { key: 'kindlab', name: 'frame', url: o.floor, dir: o.floorDir } : null;
  const fromSite = siteFigures(kindlab.dir);

  const browser = await chromium.launch({ executablePath: o.chromium, args: CHROMIUM_ARGS });
  const log = (s) => process.stderr.write(`web bench: ${s}\n`);
  const results = {};
  let sw;
  try {
    // one untimed load of each page first: Chromium's own start-up stays out of the figures
    log(`warm-up (${browser.version()}, playwright-core ${version})`);
    for (const l of LESSONS) {
      await lessonLoad(browser, PROFILES.loopback, kindlab, l.kindlab);
      await lessonLoad(browser, PROFILES.loopback, mdbook, l.mdbook);
    }
    await quizLoad(browser, PROFILES.loopback, kindlab, QUIZ.kindlab);
    await quizLoad(browser, PROFILES.loopback, mdbook, QUIZ.mdbook);
    await labLoad(browser, PROFILES.loopback, kindlab);

    for (const pk of o.profiles) {
      const profile = PROFILES[pk];
      const r = (results[pk] = {
        lesson: {},
        quiz: { kindlab: [], mdbook: [] },
        lab: [],
        floor: [],
        frame: [],
        content: {},
      });
      for (const l of LESSONS) {
        r.lesson[l.key] = { kindlab: [], mdbook: [] };
        r.content[l.key] = { kindlab: [], mdbook: [] };
      }
      for (let i = 0; i < o.runs; i++) {
        log(`${profile.name}: round ${i + 1} of ${o.runs}`);
        // the pairs take turns; which of the two goes first alternates from round to round
        const pair = async (a, b) =>
          i % 2 ? [await b(), await a()].reverse() : [await a(), await b()];
        for (const l of LESSONS) {
          const [k, m] = await pair(
            () => lessonLoad(browser, profile, kindlab, l.kindlab),
            () => lessonLoad(browser, profile, mdbook, l.mdbook),
          );
          r.lesson[l.key].kindlab.push(k);
          r.lesson[l.key].mdbook.push(m);
        }
        const [kq, mq] = await pair(
          () => quizLoad(browser, profile, kindlab, QUIZ.kindlab),
          () => quizLoad(browser, profile, mdbook, QUIZ.mdbook),
        );
        r.quiz.kindlab.push(kq);
        r.quiz.mdbook.push(mq);
        r.lab.push(await labLoad(browser, profile, kindlab));
        if (floor) r.floor.push(await lessonLoad(browser, profile, floor, '/'));
        if (frame) r.frame.push(await textLoad(browser, profile, frame, '/frame.html', TEXT.kindlab));
        // each lesson's content alone in a bare page (xtask's prepare_floor writes these;
        // `frame` is the floor server, marked with kindlab's selectors)
        for (const l of floor ? LESSONS : []) {
          const [k, m] = await pair(
            () => textLoad(browser, profile, frame, `/content-${l.key}.html`, TEXT.kindlab),
            () => textLoad(browser, profile, floor, `/book-${l.key}.html`, TEXT.mdbook),
          );
          r.content[l.key].kindlab.push(k);
          r.content[l.key].mdbook.push(m);
        }
      }
    }
    log('the service worker after a first visit');
    sw = await serviceWorkerLoad(browser, kindlab);
  } finally {
    await browser.close().catch(() => {});
  }
  report(o, { browserVersion: browser.version(), version, kindlab, mdbook, results, fromSite, sw });
  console.log(`\n(the run took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

function report(o, { browserVersion, version, kindlab, mdbook, results, fromSite, sw }) {
  const out = [];
  const p = (s = '') => out.push(s);
  const W = [58, 11, 11, 6];
  // a figure of kindlab's beside mdBook's (`m` undefined: kindlab only)
  const cmp = (label, k, m, fmt) =>
    p(row([label, fmt(k), m === undefined ? '-' : fmt(m), m === undefined ? '' : ratio(k, m)], W));
  const goals = [];
  const goal = (label, shown, limitShown, value, limit) =>
    goals.push([label, shown, limitShown, limit == null ? '-' : verdict(value, limit)]);
  const at = (loads, f) => median(loads.map(f));
  const floorMs = {};
  const frameMs = {};
  const contentMs = {};

  p(`== kindlab web bench: ${o.runs} cold loads per page and profile (a new browser context each)`);
  p(`   kindlab ${kindlab.url}  (${kindlab.dir})`);
  p(`   mdBook  ${mdbook.url}  (${mdbook.dir}; mdBook 0.5.4 + mdbook-quiz 0.5.0, the reference)`);
  p(
    `   Chromium ${browserVersion}, playwright-core ${version}; medians, ms from navigation start;`,
  );
  p('   KB = 1024 bytes; kindlab and mdBook loads in turns, after one untimed load of each page');

  for (const pk of o.profiles) {
    const r = results[pk];
    const prof = PROFILES[pk];
    const slow = pk === 'slow4g';
    const lines = [];
    p();
    p(`== ${prof.title}`);
    p(row(['measure', 'kindlab', 'mdBook', 'ratio'], W));
    for (const l of LESSONS) {
      const k = r.lesson[l.key].kindlab;
      const m = r.lesson[l.key].mdbook;
      const [kt, mt] = [at(k, (x) => x.ms), at(m, (x) => x.ms)];
      cmp(`lesson heading + first paragraph painted, ${l.key}`, kt, mt, ms);
      if ([...k, ...m].every((x) => x.inDom != null)) {
        cmp(
          `  the same, in the DOM (anchors README's mark), ${l.key}`,
          at(k, (x) => x.inDom),
          at(m, (x) => x.inDom),
          ms,
        );
      }
      if ([...k, ...m].every((x) => x.paint != null)) {
        const label = `  the same, paintTime (the frame's rendering step), ${l.key}`;
        cmp(
          label,
          at(k, (x) => x.paint),
          at(m, (x) => x.paint),
          ms,
        );
      }
      const [kb1, mb1] = [at(k, (x) => x.beforeBytes), at(m, (x) => x.beforeBytes)];
      cmp(`  bytes before the text shows (upper bound), ${l.key}`, kb1, mb1, kb);
      cmp(
        `  app live (html[data-kindlab]), ${l.key}`,
        at(k, (x) => x.live),
        undefined,
        ms,
      );
      const label = `  whole first load, transferred, ${l.key}`;
      cmp(
        label,
        at(k, (x) => x.wholeBytes),
        at(m, (x) => x.wholeBytes),
        kb,
      );
      if (l === LESSONS[0] && r.floor.length) {
        const f = at(r.floor, (x) => x.ms);
        cmp('  the floor: a bare h1 + p page, same server', f, undefined, ms);
        floorMs[pk] = f;
        if (r.frame.length) {
          const fr = at(r.frame, (x) => x.ms);
          cmp("  kindlab's frame: the page without the lesson's body", fr, undefined, ms);
          frameMs[pk] = fr;
        }
      }
      const c = r.content[l.key];
      if (c && c.kindlab.length) {
        const kc = at(c.kindlab, (x) => x.ms);
        const mc = at(c.mdbook, (x) => x.ms);
        cmp(`  the content alone, no page around it, ${l.key}`, kc, mc, ms);
        contentMs[pk] = contentMs[pk] || {};
        contentMs[pk][l.key] = { kindlab: kc, mdbook: mc, page: mt };
      }
      lines.push([`text ${l.key}`, 'kindlab', k.map((x) => x.ms)]);
      lines.push(['', 'mdBook', m.map((x) => x.ms)]);
      lines.push([`live ${l.key}`, 'kindlab', k.map((x) => x.live)]);

      const vs = `kindlab / mdBook ${l.mdbook.slice(1)}`;
      if (slow) {
        const lim = GOALS.textSlowMs;
        goal(
          `${prof.name}: lesson text painted, ${l.key} (${l.kindlab})`,
          ms(kt),
          `<= ${lim} ms`,
          kt,
          lim,
        );
      }
      const lim = slow ? GOALS.textSlowRatio : GOALS.textLoopbackRatio;
      goal(`${prof.name}: lesson text, ${l.key}, ${vs}`, ratio(kt, mt), `<= ${lim}`, kt / mt, lim);
      // judged on slow 4G: on loopback the loader's requests, sent right after the first frame
      // is painted, often start before that frame's presentation time (renderTime)
      if (slow) {
        const lim = GOALS.bytesBeforeTextKb;
        goal(
          `${prof.name}: bytes before the lesson text shows, ${l.key}`,
          kb(kb1),
          `<= ${lim} KB`,
          kb1 / KB,
          lim,
        );
      }
    }
    const [kq, mq] = [at(r.quiz.kindlab, (x) => x.ms), at(r.quiz.mdbook, (x) => x.ms)];
    cmp('quiz usable (a click selects the first answer)', kq, mq, ms);
    cmp(
      '  quiz shown with its Start button',
      at(r.quiz.kindlab, (x) => x.t.visible),
      at(r.quiz.mdbook, (x) => x.t.visible),
      ms,
    );
    cmp(
      '  the app live, the pick kept (html[data-kindlab])',
      at(r.quiz.kindlab, (x) => x.t.live),
      undefined,
      ms,
    );
    // what the link alone costs: the bytes that had arrived when the answer was picked, at
    // the profile's download rate, plus one latency (the document's)
    const net = prof.network;
    const floorOf = (bytes) => (bytes / net.downloadThroughput) * 1000 + net.latency;
    if (net) {
      const kb1 = at(r.quiz.kindlab, (x) => x.liveBytes);
      const mb1 = at(r.quiz.mdbook, (x) => x.liveBytes);
      cmp('  bytes arrived by the pick (the document + responses ended)', kb1, mb1, kb);
      cmp('  their floor on this link (bytes / rate + latency)', floorOf(kb1), floorOf(mb1), ms);
    }
    lines.push(['quiz', 'kindlab', r.quiz.kindlab.map((x) => x.ms)]);
    lines.push(['', 'mdBook', r.quiz.mdbook.map((x) => x.ms)]);
    const lab = at(r.lab, (x) => x.ms);
    cmp(`lab ready (\`${LAB_COMMAND}\` answered)`, lab, undefined, ms);
    cmp(
      '  lab live (html[data-kindlab="full"] + terminal)',
      at(r.lab, (x) => x.t.ready),
      undefined,
      ms,
    );
    cmp(
      '  Enter -> answer in the transcript',
      at(r.lab, (x) => x.ms - x.t.enter),
      undefined,
      ms,
    );
    if (net) {
      const lb1 = at(r.lab, (x) => x.liveBytes);
      cmp('  bytes arrived when it was live (the document + responses)', lb1, undefined, kb);
      cmp('  their floor on this link (bytes / rate + latency)', floorOf(lb1), undefined, ms);
    }
    lines.push(['lab', 'kindlab', r.lab.map((x) => x.ms)]);
    // a pick made before the app was live counts only if the app kept it
    const kept = r.quiz.kindlab.filter((x) => x.kept).length;
    p(`kindlab: the app, once live, kept the pick in ${kept} of ${r.quiz.kindlab.length} quiz loads`);
    if (slow) {
      const [q, lb] = [GOALS.quizSlowMs, GOALS.labSlowMs];
      const label = `${prof.name}: quiz usable (${QUIZ.kindlab}; mdbook-quiz ${ms(mq)})`;
      if (kept === r.quiz.kindlab.length) goal(label, ms(kq), `<= ${q} ms`, kq, q);
      else goals.push([label, ms(kq), `<= ${q} ms`, 'FAIL: a pick lost']);
      goal(`${prof.name}: lab ready (${LAB})`, ms(lab), `<= ${lb} ms`, lab, lb);
    }
    p('samples (ms, in run order)');
    for (const [what, who, xs] of lines) p(`  ${pad(what, 8)} ${pad(who, 8)} ${samples(xs)}`);

    // element timing: did it fire, and how the text's paint compares with the first paint
    for (const site of [kindlab, mdbook]) {
      const all = LESSONS.flatMap((l) => r.lesson[l.key][site.key]);
      const fired = all.filter((x) => x.via === 'element').length;
      const gap = median(all.filter((x) => x.fcp != null).map((x) => x.ms - x.fcp));
      const fell = all.length - fired;
      p(
        `${site.name}: element timing fired on ${fired} of ${all.length} lesson loads` +
          (fell ? ` (${fell} fell back to first-contentful-paint)` : '') +
          `; text painted - FCP: median ${Math.round(gap)} ms`,
      );
    }
  }

  // the whole first load, file by file (the first measured load of each page)
  const first = results[o.profiles[0]];
  p();
  p(
    `== whole first load before any interaction: the files of the first ${PROFILES[o.profiles[0]].name}`,
  );
  p('   load of each page, with the sizes of their .br and .gz copies in the served folder');
  const listed = LESSONS.flatMap((l) => [
    [kindlab, l.kindlab, first.lesson[l.key].kindlab, l],
    [mdbook, l.mdbook, first.lesson[l.key].mdbook, l],
  ]);
  const width = Math.max(
    ...listed.flatMap(([, , loads]) => loads[0].files.map((f) => f.url.length)),
  );
  for (const [site, urlPath, loads, l] of listed) {
    const files = loads[0].files;
    const br = sum(files.map((f) => f.br));
    const gz = sum(files.map((f) => f.gz));
    const varied = loads.some((x) => x.urls.length !== loads[0].urls.length);
    p(
      `${site.name} ${urlPath}: ${files.length} files, brotli ${kb(br)}, gzip ${kb(gz)}` +
        (varied ? '  (the number of files varied between loads)' : ''),
    );
    for (const f of files) {
      p(`    ${pad(f.url, width)} ${lpad(kb(f.br), 10)} br ${lpad(kb(f.gz), 10)} gz  ${f.kind}`);
    }
    if (site === kindlab) {
      const lim = GOALS.wholeLoadBrotliKb;
      const label = `lesson page whole first load, ${l.key}, brotli (gzip ${kb(gz)})`;
      goal(label, kb(br), `<= ${lim} KB`, br / KB, lim);
    }
  }

  p();
  p('== the lab and the service worker (site.json and the files in dist/)');
  const x = fromSite.labExtra;
  p("lab extra bytes (the full edition's js + wasm + snippets the reader edition does not share):");
  p(`  ${x.files} files, brotli ${kb(x.br)}, gzip ${kb(x.gz)}`);
  goal(`lab extra bytes, brotli (gzip ${kb(x.gz)})`, kb(x.br), 'no goal');
  const pc = fromSite.precache;
  p('service worker precache, downloaded after a first visit:');
  p(`  ${pc.files} files, brotli ${kb(pc.br)}, gzip ${kb(pc.gz)}`);
  if (fromSite.duplicates.length) {
    const n = fromSite.duplicates.length;
    p(`  WARNING: the precache list names ${n} URLs twice (${fromSite.precacheListed} listed,`);
    p(`  ${pc.files} distinct); Cache.addAll() rejects duplicates, so the worker cannot install:`);
    for (const u of fromSite.duplicates) p(`    ${u}`);
  }
  if (sw?.error) p(`  (watching the service worker failed: ${sw.error})`);
  else if (sw) {
    p(`  observed from outside the page: the worker ended ${sw.state}; ${sw.requests} requests`);
    p(`  by it, ${kb(sw.bytes)} transferred (headers included); never counted in a page's load`);
  }

  // encodings: did Chromium get the pre-compressed copies?
  const enc = { kindlab: {}, mdBook: {} };
  for (const r of Object.values(results)) {
    const loads = [
      ...LESSONS.flatMap((l) => [...r.lesson[l.key].kindlab, ...r.lesson[l.key].mdbook]),
      ...r.quiz.kindlab,
      ...r.quiz.mdbook,
      ...r.lab,
    ];
    for (const load of loads) {
      for (const [url, e] of Object.entries(load.encodings)) {
        const counts = enc[url.startsWith(kindlab.url) ? 'kindlab' : 'mdBook'];
        counts[e] = (counts[e] || 0) + 1;
      }
    }
  }
  const tally = (counts) =>
    Object.entries(counts)
      .map(([e, n]) => `${e} x${n}`)
      .join(', ');
  p(
    `content-encoding of the responses: kindlab ${tally(enc.kindlab)}; mdBook ${tally(enc.mdBook)}`,
  );

  p();
  p('== goals');
  const G = [70, 10, 12, 14];
  p(row(['goal', 'value', 'limit', 'result'], G));
  for (const g of goals) p(row(g, G));
  p();
  if (floorMs.loopback != null && results.loopback) {
    const mt = median(results.loopback.lesson[LESSONS[0].key].mdbook.map((x) => x.ms));
    p(
      `the floor: a bare page (a heading and a paragraph, nothing else) from the same server shows in ${ms(floorMs.loopback)}`,
    );
    p(
      `on loopback here; half of mdBook's English chapter is ${ms(mt * GOALS.textLoopbackRatio)}, which leaves a lesson page ${ms(mt * GOALS.textLoopbackRatio - floorMs.loopback)}`,
    );
    p('beyond that floor for its own parsing, style, layout and paint.');
    if (frameMs.loopback != null) {
      p(
        `kindlab's frame alone (top bar, navigation, heading and lead, styled; no lesson body, no app) shows in ${ms(frameMs.loopback)},`,
      );
      p(
        `${ratio(frameMs.loopback, mt)}x mdBook's English chapter page: a lesson page is this frame and the lesson's content, and shows no sooner than either alone.`,
      );
    }
    for (const l of LESSONS) {
      const c = contentMs.loopback && contentMs.loopback[l.key];
      if (!c) continue;
      p(
        `the ${l.key} lesson's content alone (its <article> in a bare page: no script, no page around it, no style but the`,
      );
      p(
        `rule that skips the blocks off the screen) shows in ${ms(c.kindlab)}, ${ratio(c.kindlab, c.page)}x mdBook's whole chapter page (${ms(c.page)});`,
      );
      p(`the chapter's own <main> alone, unstyled, shows in ${ms(c.mdbook)}.`);
    }
    p();
  }
  p('notes: "bytes before the text shows" counts every response that had started by the');
  p("text's paint, whole (an upper bound); it is judged on slow 4G only: on loopback the");
  p("loader's requests, sent right after the first frame is painted, often start before that");
  p('frame is presented (renderTime), and are counted. "whole first load" is every response');
  p(
    `until the app is live (mdBook: its text painted) and nothing new for ${QUIET_MS / 1000} s. The`,
  );
  p("service worker's downloads are not part of any page figure. The samples show the noise.");
  console.log(out.join('\n'));
}

main().catch((e) => {
  if (e instanceof MarkNotReached) {
    console.error(`web bench: ${e.message}`);
  } else {
    console.error(`web bench: ${e.stack || e}`);
  }
  process.exit(1);
});
