// katex-check.js README < formulas: every formula of a README renders with
// KaTeX (Debian's katex package), which throws on TeX it cannot parse.
// The formulas come from math.lua; a failure is reported as README:line.
'use strict';
const fs = require('fs');
const katex = require('katex');

const readme = process.argv[2];
const lines = fs.readFileSync(readme, 'utf8').split('\n');
const input = fs.readFileSync(0, 'utf8').split('\0');

// The first README line that holds the formula's first line of TeX.
function lineOf(tex) {
  const first = tex.split('\n').map((l) => l.trim()).find((l) => l.length > 0) || tex;
  const probe = first.slice(0, 60);
  const k = lines.findIndex((l) => l.includes(probe));
  return k < 0 ? 0 : k + 1;
}

let bad = 0;
for (let k = 0; k + 1 < input.length; k += 2) {
  const display = input[k] === 'D', tex = input[k + 1];
  const warnings = [];
  try {
    katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: (code, message) => { warnings.push(message); return 'ignore'; },
    });
    if (warnings.length) throw new Error(warnings.join('; '));
  } catch (e) {
    bad++;
    const shown = tex.replace(/\s+/g, ' ').slice(0, 80);
    console.error(`${readme}:${lineOf(tex)}: KaTeX cannot render ${display ? 'display' : 'inline'} ` +
                  `math "${shown}": ${e.message.replace(/\s+/g, ' ')}`);
  }
}
process.exit(bad ? 1 : 0);
