-- code.lua: the book's page for one source file, built from nothing.
--
-- Metadata in:  source (the file's repository path), page (its path in the
-- book), chapters (the chapter folders in order).
-- The page lists the functions of the file that the chapters' "Reproduce
-- it" tables link to, each with its lines and the sections that derive it,
-- then shows the file with an anchor on every line (#L-n).
package.path = PANDOC_SCRIPT_FILE:match('(.*/)') .. '?.lua;' .. package.path
local common = require('common')
local stringify = pandoc.utils.stringify

local LANGUAGES = { c = 'c', h = 'c', gp = 'gnuplot', mk = 'makefile' }

-- Every code link in a "Reproduce it" table that points into `source`:
-- { {name=, first=, last=, chapter=, anchor=, label=}, ... }
local function derivations(chapters, source)
  local found = {}
  for _, c in ipairs(chapters) do
    local readme = 'chapters/' .. c.dir .. '/README.md'
    local text = common.slurp(readme) or ''
    local titles = {}
    for number, title in text:gmatch('\n## (%d+)%. ([^\n]+)') do
      titles[common.slug(number .. '. ' .. title)] = '§' .. number .. ' ' .. title:gsub('%$', '')
    end
    local table_part = text:match('\n## Reproduce it\n(.*)$') or ''
    for row in table_part:gmatch('\n(|[^\n]+)') do
      local anchor = row:match('%]%(#([^)]+)%)')
      for name, path, first, last in row:gmatch('%[`([%w_]+)`%]%(([^)#]+)#L(%d+)%-L(%d+)%)') do
        if common.normalize('chapters/' .. c.dir .. '/' .. path) == source and anchor then
          table.insert(found, {
            name = name, first = tonumber(first), last = tonumber(last), chapter = c,
            anchor = anchor, label = titles[anchor] or anchor,
          })
        end
      end
    end
  end
  table.sort(found, function(a, b)
    if a.first ~= b.first then return a.first < b.first end
    return a.chapter.dir < b.chapter.dir
  end)
  return found
end

function Pandoc(doc)
  local source = stringify(doc.meta.source)
  local page = stringify(doc.meta.page)
  local root = common.to_root(page)
  local chapters = common.chapters(stringify(doc.meta.chapters))
  local text = common.slurp(source)
  if not text then
    io.stderr:write(source .. ': cannot read\n')
    os.exit(1)
  end
  local blocks = { pandoc.Header(1, { pandoc.Code(source) }) }

  local rows = derivations(chapters, source)
  if #rows > 0 then
    local html = { '<table class="derivations"><thead><tr><th>function</th><th>lines</th>'
      .. '<th>derived in</th></tr></thead><tbody>' }
    local function esc(s) return (s:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;')) end
    local k = 1
    while k <= #rows do
      local r = rows[k]
      local links = {}
      local seen = {}
      while k <= #rows and rows[k].first == r.first do
        local key = rows[k].chapter.dir .. '#' .. rows[k].anchor
        if not seen[key] then
          seen[key] = true
          table.insert(links, string.format('<a class="derived" href="%s%s.html#%s">%s, %s</a>',
            root, rows[k].chapter.dir, rows[k].anchor, esc(rows[k].chapter.short:match('^%d+')
              and 'Chapter ' .. rows[k].chapter.short:match('^(%d+)') or rows[k].chapter.short),
            esc(rows[k].label)))
        end
        k = k + 1
      end
      table.insert(html, string.format(
        '<tr data-first="%d" data-last="%d"><td><a href="?to=%d#L-%d"><code>%s</code></a></td>'
        .. '<td>%d–%d</td><td>%s</td></tr>',
        r.first, r.last, r.last, r.first, r.name, r.first, r.last, table.concat(links, '<br>')))
    end
    table.insert(html, '</tbody></table>')
    table.insert(blocks, pandoc.RawBlock('html', table.concat(html, '\n')))
  end

  local ext = source:match('%.(%w+)$') or ''
  local language = LANGUAGES[ext] or (source:match('Makefile$') and 'makefile') or 'default'
  table.insert(blocks, pandoc.CodeBlock(text:gsub('\n$', ''),
    pandoc.Attr('L', { language, 'numberLines' })))

  doc.blocks = blocks
  doc.meta.pagetitle = source
  doc.meta.root = root
  doc.meta['code-page'] = true
  local items = {}
  for _, c in ipairs(chapters) do
    table.insert(items, string.format('<li><a href="%s%s.html">%s</a></li>', root, c.dir, c.short))
  end
  doc.meta['nav-items'] = pandoc.RawInline('html', table.concat(items, '\n'))
  return doc
end
