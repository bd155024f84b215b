// check-book.js BOOK_DIR: opens every page of the book in headless Chromium
// and fails unless
//   - KaTeX rendered every math element, with no .katex-error;
//   - every image loaded (naturalWidth > 0);
//   - every internal link and #anchor resolves;
//   - no console error, no uncaught exception, nothing fetched from the network.
// It writes screenshots into BOOK_DIR/screenshots/: the index, and each
// chapter page at its top, at its first section with code of its own, and
// at its first figure.  Chromium is driven through the
// DevTools protocol over a pipe (--remote-debugging-pipe): no port, no
// network, nothing but node's own modules.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { pathToFileURL, fileURLToPath } = require('url');

const CHROMIUM = process.env.CHROMIUM || 'chromium';
const WIDTH = 1600, HEIGHT = 1000;
const PAGE_TIMEOUT_MS = 20000;

function pages(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['katex', 'screenshots', 'figures'].includes(entry.name)) out.push(...pages(p));
    } else if (entry.name.endsWith('.html')) {
      out.push(p);
    }
  }
  return out.sort();
}

// ------------------------------------------------------------ the protocol

class Browser {
  constructor() {
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'check-book-'));
    this.child = spawn(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-extensions', '--mute-audio', '--hide-scrollbars',
      `--user-data-dir=${this.profile}`, '--remote-debugging-pipe', 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => { this.stderr = (this.stderr + d).slice(-4000); });
    this.child.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`chromium exited (${code}): ${this.stderr.trim()}`));
    });
    this.child.on('error', (e) => this.fail(new Error(`cannot run ${CHROMIUM}: ${e.message}`)));
    this.out = this.child.stdio[3];
    this.id = 0;
    this.waiting = new Map();
    this.listeners = [];
    let buffer = '';
    this.child.stdio[4].on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end;
      while ((end = buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        this.receive(message);
      }
    });
  }

  fail(error) {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
    this.failed = error;
  }

  receive(message) {
    if (message.id !== undefined) {
      const w = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (!w) return;
      if (message.error) w.reject(new Error(`${w.method}: ${message.error.message}`));
      else w.resolve(message.result);
    } else {
      this.events = (this.events || 0) + 1;
      for (const listen of this.listeners) listen(message);
    }
  }

  send(method, params = {}, sessionId) {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.id;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    this.out.write(JSON.stringify(message) + '\0');
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject, method }));
  }

  // The next event `method` of the session, or a time-out.
  next(method, sessionId, ms) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listen);
        reject(new Error(`no ${method} within ${ms} ms`));
      }, ms);
      const listen = (m) => {
        if (m.method === method && m.sessionId === sessionId) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== listen);
          resolve(m.params);
        }
      };
      this.listeners.push(listen);
    });
  }

  async close() {
    this.closing = true;
    const exited = new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', resolve);
    });
    try { await Promise.race([this.send('Browser.close'), sleep(2000)]); } catch (e) { /* gone */ }
    this.child.kill('SIGKILL');
    await Promise.race([exited, sleep(5000)]);
    // the browser's helpers may still be writing into the profile for a moment
    for (let k = 0; k < 20; k++) {
      try {
        fs.rmSync(this.profile, { recursive: true, force: true });
        return;
      } catch (e) {
        await sleep(100);
      }
    }
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// What a page shows once it has loaded, measured in the page.
const MEASURE = `(() => {
  const math = Array.from(document.querySelectorAll('span.math'));
  return JSON.stringify({
    math: math.length,
    unrendered: math.filter((m) => !m.querySelector('.katex')).map((m) => m.textContent.slice(0, 80)),
    errors: Array.from(document.querySelectorAll('.katex-error'))
      .map((e) => (e.getAttribute('title') || e.textContent).slice(0, 160)),
    images: document.images.length,
    broken: Array.from(document.images).filter((i) => !(i.complete && i.naturalWidth > 0))
      .map((i) => i.getAttribute('src')),
    links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.href),
    frames: Array.from(document.querySelectorAll('iframe')).map((f) => f.src),
    ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
  });
})()`;

const MATH_DONE = `(() => {
  const math = document.querySelectorAll('span.math');
  return document.readyState === 'complete' &&
    Array.from(math).every((m) => m.querySelector('.katex, .katex-error'));
})()`;

async function check(BOOK, screenshots) {
  const all = pages(BOOK);
  if (all.length === 0) throw new Error(`${BOOK}: no pages (run make book)`);
  const shots = path.join(BOOK, 'screenshots');
  if (screenshots) fs.mkdirSync(shots, { recursive: true });

  const browser = new Browser();
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => browser.send(method, params, sessionId);
  for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await send(`${domain}.enable`);
  await send('Emulation.setDeviceMetricsOverride',
    { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1, mobile: false });

  const problems = [];
  let current = null;
  const problem = (page, what) => problems.push(`${path.relative(process.cwd(), page)}: ${what}`);
  browser.listeners.push((m) => {
    if (!current || m.sessionId !== sessionId) return;
    const p = m.params;
    if (m.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
      problem(current, `console error: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
    } else if (m.method === 'Runtime.exceptionThrown') {
      const d = p.exceptionDetails;
      problem(current, `uncaught exception: ${d.exception?.description ?? d.text}`);
    } else if (m.method === 'Log.entryAdded' && p.entry.level === 'error') {
      problem(current, `console error: ${p.entry.text}${p.entry.url ? ' ' + p.entry.url : ''}`);
    } else if (m.method === 'Network.requestWillBeSent') {
      const url = p.request.url;
      if (!/^(file|data|about|blob):/.test(url)) problem(current, `loads from the network: ${url}`);
    }
  });

  const seen = new Map(); // page path -> set of ids
  const links = []; // [page, href]
  let formulas = 0, images = 0;
  for (const page of all) {
    current = page;
    const loaded = browser.next('Page.loadEventFired', sessionId, PAGE_TIMEOUT_MS);
    await send('Page.navigate', { url: pathToFileURL(page).href });
    await loaded;
    for (let waited = 0; waited < PAGE_TIMEOUT_MS; waited += 50) {
      const done = await send('Runtime.evaluate', { expression: MATH_DONE, returnByValue: true });
      if (done.result.value) break;
      await sleep(50);
    }
    const r = await send('Runtime.evaluate', { expression: MEASURE, returnByValue: true });
    const m = JSON.parse(r.result.value);
    formulas += m.math;
    images += m.images;
    for (const t of m.unrendered) problem(page, `math not rendered by KaTeX: ${t}`);
    for (const e of m.errors) problem(page, `.katex-error: ${e}`);
    for (const src of m.broken) problem(page, `image did not load: ${src}`);
    seen.set(page, new Set(m.ids));
    for (const href of m.links.concat(m.frames)) links.push([page, href]);

    const rel = path.relative(BOOK, page);
    if (screenshots && !rel.includes('/')) {
      const name = rel.replace(/\.html$/, '');
      const shot = await send('Page.captureScreenshot', { format: 'png' });
      fs.writeFileSync(path.join(shots, `${name}.png`), Buffer.from(shot.data, 'base64'));
      // the first section that has code of its own, with the code panel following it
      const scrolled = await send('Runtime.evaluate', { returnByValue: true, expression:
        `(() => {
          for (const tr of document.querySelectorAll('tr')) {
            const a = tr.querySelector('a[href^="#"]');
            if (!a || !tr.querySelector('a.code-link')) continue;
            const s = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
            if (s) { window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY - 48); return true; }
          }
          return false;
        })()` });
      if (scrolled.result.value) {
        await sleep(800);
        const shot2 = await send('Page.captureScreenshot', { format: 'png' });
        fs.writeFileSync(path.join(shots, `${name}-code.png`), Buffer.from(shot2.data, 'base64'));
      }
      // the first figure, with the code of its section beside it
      const figure = await send('Runtime.evaluate', { returnByValue: true, expression:
        `(() => { const img = document.querySelector('article img');
                  if (!img) return false;
                  window.scrollTo(0, img.getBoundingClientRect().top + window.scrollY - 120);
                  return true; })()` });
      if (figure.result.value) {
        await sleep(800);
        const shot3 = await send('Page.captureScreenshot', { format: 'png' });
        fs.writeFileSync(path.join(shots, `${name}-figure.png`), Buffer.from(shot3.data, 'base64'));
      }
    }
  }
  // Console and network events can trail the load event: wait until none
  // has come for half a second before closing.
  for (let quiet = 0; quiet < 500; ) {
    const before = browser.events;
    await sleep(100);
    quiet = browser.events === before ? quiet + 100 : 0;
  }
  current = null;
  await browser.close();

  // Every internal link: its file exists, and its #anchor is an id there.
  let internal = 0;
  for (const [page, href] of links) {
    const url = new URL(href);
    if (url.protocol !== 'file:') continue;
    internal++;
    const target = fileURLToPath(url);
    if (!fs.existsSync(target)) {
      problem(page, `link to a missing file: ${path.relative(BOOK, target)}`);
      continue;
    }
    const anchor = decodeURIComponent(url.hash.slice(1));
    if (!anchor) continue;
    const ids = seen.get(target);
    if (!ids) problem(page, `link with #${anchor} into a file that is not a page: ${href}`);
    else if (!ids.has(anchor)) problem(page, `link to #${anchor}: no such id in ${path.relative(BOOK, target)}`);
  }

  return { pages: all.length, formulas, images, internal, problems, shots };
}

// The check itself must see each kind of break: a page with one of each.
async function selfTest() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-book-self-'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>broken</title></head><body><h1 id="top">A broken page</h1>
<p><span class="math inline">x^2</span> is never rendered.</p>
<p><img src="missing.svg" alt="missing"></p>
<p><a href="#nowhere">no such anchor</a>, <a href="#top">a good one</a>,
<a href="absent.html">no such page</a>.</p>
<script>console.error('boom');</script></body></html>`);
  const r = await check(dir, false);
  fs.rmSync(dir, { recursive: true, force: true });
  const expected = ['math not rendered', 'image did not load', '#nowhere', 'missing file',
    'console error: boom', 'ERR_FILE_NOT_FOUND'];
  const missed = expected.filter((e) => !r.problems.some((p) => p.includes(e)));
  if (missed.length || r.problems.length !== expected.length) {
    throw new Error(`self-test: the check missed ${JSON.stringify(missed)} or found more ` +
                    `than expected: ${JSON.stringify(r.problems)}`);
  }
}

async function main() {
  const book = path.resolve(process.argv[2] || 'build/book');
  await selfTest();
  const r = await check(book, true);
  for (const p of r.problems) console.error(p);
  console.log(`check-book: ${r.pages} pages, ${r.formulas} formulas rendered by KaTeX, ` +
              `${r.images} images, ${r.internal} internal links; ${r.problems.length} problems; ` +
              `screenshots in ${path.relative(process.cwd(), r.shots)}/ ` +
              `(the check's self-test found each of 6 planted breaks)`);
  process.exit(r.problems.length ? 1 : 0);
}

main().catch((e) => { console.error(`check-book: ${e.message}`); process.exit(1); });
