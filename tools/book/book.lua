-- book.lua: a chapter README (or the top README) as a page of the book.
--
-- Metadata in:  source (the README's repository path), page (its path in
-- the book), chapters (the chapter folders in order).
-- It turns ```math fences into display math (pandoc 2.17 leaves them as
-- code), points every relative link at its place in the book (code links
-- at their code page, with the line range), and sets the page's title,
-- navigation and code panel for the template.
package.path = PANDOC_SCRIPT_FILE:match('(.*/)') .. '?.lua;' .. package.path
local common = require('common')
local stringify = pandoc.utils.stringify

local source, page, root, chapters, this

local function fail(msg)
  io.stderr:write(source .. ': ' .. msg .. '\n')
  os.exit(1)
end

-- A relative target of the README, rewritten for the book.
local function retarget(target, is_image)
  if target:match('^%a[%w+.-]*:') or target:match('^#') then return target, nil end
  local path, fragment = target:match('^([^#]*)(#?.*)$')
  local dir = source:match('(.*/)') or ''
  local repo_path = common.normalize(dir .. path)
  local f = io.open(repo_path, 'rb')
  if not f then fail('link to ' .. target .. ': no such file ' .. repo_path) end
  f:close()
  local book = common.book_path(repo_path)
  local first, last = fragment:match('^#L(%d+)%-L(%d+)$')
  if first then
    return root .. book .. '?to=' .. last .. '#L-' .. first, 'code'
  end
  if fragment:match('^#L%d+$') then
    return root .. book .. '#L-' .. fragment:sub(3), 'code'
  end
  local kind = book:match('^code/') and 'code' or nil
  return root .. book .. fragment, kind
end

local function nav_html()
  local items, prev, next = {}, nil, nil
  for k, c in ipairs(chapters) do
    local current = c.dir == this
    if current then
      prev, next = chapters[k - 1], chapters[k + 1]
    end
    table.insert(items, string.format('<li%s><a href="%s%s.html">%s</a></li>',
      current and ' class="current"' or '', root, c.dir, c.short))
  end
  local function link(c, rel, label)
    if not c then return '<span></span>' end
    return string.format('<a rel="%s" href="%s%s.html">%s %s</a>', rel, root, c.dir, label,
      c.short)
  end
  return table.concat(items, '\n'), link(prev, 'prev', '←'), link(next, 'next', '→')
end

function Pandoc(doc)
  source = stringify(doc.meta.source)
  page = stringify(doc.meta.page)
  root = common.to_root(page)
  chapters = common.chapters(stringify(doc.meta.chapters))
  this = source:match('^chapters/([^/]+)/README%.md$')

  doc = doc:walk({
    CodeBlock = function(b)
      if b.classes:includes('math') then
        return pandoc.Para({ pandoc.Math('DisplayMath', b.text) })
      end
    end,
    Link = function(l)
      local target, kind = retarget(l.target, false)
      l.target = target
      if kind == 'code' then l.classes:insert('code-link') end
      return l
    end,
    Image = function(i)
      i.src = retarget(i.src, true)
      return i
    end,
  })

  -- The first heading names the page.
  for _, b in ipairs(doc.blocks) do
    if b.t == 'Header' and b.level == 1 then
      doc.meta.pagetitle = stringify(b.content)
      break
    end
  end
  local items, prev, next = nav_html()
  doc.meta['nav-items'] = pandoc.RawInline('html', items)
  doc.meta['nav-prev'] = pandoc.RawInline('html', prev)
  doc.meta['nav-next'] = pandoc.RawInline('html', next)
  doc.meta.root = root
  if this then
    -- the code panel opens on the chapter's program
    doc.meta.chapter = this
    doc.meta['main-code'] = root .. common.book_path('chapters/' .. this .. '/main.c')
  end
  return doc
end
