// book.js: the book's behaviour.  Math is rendered by KaTeX; on a chapter
// page the code panel shows the code of the section being read and follows
// the links to code; a code page highlights the lines a link asked for.
(function () {
  'use strict';

  function renderMath() {
    if (!window.katex) return;
    document.querySelectorAll('span.math').forEach(function (el) {
      window.katex.render(el.textContent, el, {
        displayMode: el.classList.contains('display'),
        throwOnError: false,
      });
    });
  }

  // "code/src/nn_net.c.html?to=9#L-3" -> "src/nn_net.c, lines 3–9"
  function describe(href) {
    var m = href.match(/code\/(.*?)\.html(?:\?to=(\d+))?(?:#L-(\d+))?$/);
    if (!m) return href;
    return m[1] + (m[3] ? ', lines ' + m[3] + (m[2] && m[2] !== m[3] ? '–' + m[2] : '') : '');
  }

  function codePanel() {
    var frame = document.querySelector('.code-panel iframe');
    if (!frame) return;
    var panel = frame.parentNode;
    var title = panel.querySelector('.panel-title');
    var open = panel.querySelector('.panel-open');
    var main = frame.getAttribute('src');
    function shown() { return getComputedStyle(panel).display !== 'none'; }
    function show(href) {
      if (frame.getAttribute('src') !== href) frame.setAttribute('src', href);
      open.setAttribute('href', href);
      title.textContent = describe(href);
    }
    title.textContent = describe(main);

    // A link to code opens in the panel when the panel is there.
    document.querySelectorAll('a.code-link').forEach(function (a) {
      a.addEventListener('click', function (e) {
        if (!shown()) return;
        e.preventDefault();
        show(a.getAttribute('href'));
      });
    });

    // Each section's code: the first code link of the "Reproduce it" row
    // whose "derived in" names that section.
    var sectionCode = {};
    document.querySelectorAll('tr').forEach(function (tr) {
      var section = tr.querySelector('a[href^="#"]');
      var code = tr.querySelector('a.code-link');
      if (section && code) {
        var id = decodeURIComponent(section.getAttribute('href').slice(1));
        if (!(id in sectionCode)) sectionCode[id] = code.getAttribute('href');
      }
    });
    var sections = Array.prototype.slice.call(document.querySelectorAll('section.level2'));
    var current;
    function follow() {
      if (!shown()) return;
      var reading = null, line = window.innerHeight / 3;
      sections.forEach(function (s) { if (s.getBoundingClientRect().top < line) reading = s; });
      var id = reading ? reading.id : '';
      if (id === current) return;
      current = id;
      if (id in sectionCode || !reading) show(sectionCode[id] || main);
    }
    var pending = false;
    window.addEventListener('scroll', function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; follow(); });
    }, { passive: true });
    follow();
  }

  function codePage() {
    if (!document.body.classList.contains('code-page')) return;
    if (window.self !== window.top) document.body.classList.add('embedded');
    // Each function the chapters derive gets its sections beside its first line.
    document.querySelectorAll('table.derivations tr[data-first]').forEach(function (tr) {
      var line = document.getElementById('L-' + tr.getAttribute('data-first'));
      if (!line) return;
      var note = document.createElement('span');
      note.className = 'line-note';
      tr.querySelectorAll('a.derived').forEach(function (a, k) {
        if (k) note.appendChild(document.createTextNode(' · '));
        var copy = a.cloneNode(true);
        copy.target = '_top';
        copy.title = a.textContent;
        copy.textContent = a.textContent.replace(/^Chapter (\d+), (§\d+).*$/, 'Ch. $1 $2');
        note.appendChild(copy);
      });
      line.appendChild(note);
    });
    var m = window.location.hash.match(/^#L-(\d+)$/);
    if (!m) return;
    var first = +m[1];
    var last = +(new URLSearchParams(window.location.search).get('to') || first);
    for (var k = first; k <= last; k++) {
      var el = document.getElementById('L-' + k);
      if (el) el.classList.add('hl');
    }
    var start = document.getElementById('L-' + first);
    if (start) start.scrollIntoView({ block: 'start' });
  }

  document.addEventListener('DOMContentLoaded', function () {
    renderMath();
    // the bar scrolls sideways when the chapters do not fit: show the current one
    var bar = document.querySelector('header.bar'), current = document.querySelector('header.bar li.current');
    if (bar && current && current.offsetLeft + current.offsetWidth > bar.clientWidth)
      bar.scrollLeft = current.offsetLeft + current.offsetWidth - bar.clientWidth + 20;
    codePanel();
    codePage();
  });
})();
