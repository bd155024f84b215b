-- common.lua: what the book's filters share: paths and the chapter list.
local M = {}

-- Reads a whole file, or nil.
function M.slurp(path)
  local f = io.open(path, 'rb')
  if not f then return nil end
  local s = f:read('a')
  f:close()
  return s
end

-- 'a/b/../c' -> 'a/c'; './x' -> 'x'.
function M.normalize(path)
  local parts = {}
  for part in path:gmatch('[^/]+') do
    if part == '..' then
      if #parts == 0 or parts[#parts] == '..' then table.insert(parts, '..')
      else table.remove(parts) end
    elseif part ~= '.' then
      table.insert(parts, part)
    end
  end
  return table.concat(parts, '/')
end

-- How to get from the directory of book page `from` (a path inside the
-- book) back to the book's root: '' or '../' repeated.
function M.to_root(from)
  local _, depth = from:gsub('/', '')
  return string.rep('../', depth)
end

-- The chapters, in order: { {dir=, title=, short=}, ... } from the
-- space-separated metadata list and each README's first heading.
function M.chapters(list)
  local out = {}
  for dir in list:gmatch('%S+') do
    local text = M.slurp('chapters/' .. dir .. '/README.md') or ''
    local title = text:match('^# ([^\n]+)') or dir
    -- "Chapter 4: Backpropagation, derived and checked" -> "4. Backpropagation"
    local number, name = title:match('^Chapter (%d+): (.*)$')
    local short = number and (number .. '. ' .. (name:match('^(.-),') or name:match('^(.-) and ')
      or name)) or title
    table.insert(out, { dir = dir, title = title, short = short })
  end
  return out
end

-- GitHub's anchor for a heading text (as the READMEs' links use it).
function M.slug(text)
  local s = text:lower():gsub('[^%w%s%-_]', ''):gsub('%s', '-')
  return s
end

-- Where a repository file appears in the book: chapter READMEs become
-- chapter pages, the top README the index, figures stay figures, and any
-- other file is shown on its code page.
function M.book_path(repo_path)
  if repo_path == 'README.md' then return 'index.html' end
  if repo_path == 'chapters/GLOSSARY.md' then return 'GLOSSARY.html' end
  local chapter = repo_path:match('^chapters/([^/]+)/README%.md$')
  if chapter then return chapter .. '.html' end
  if repo_path:match('^figures/') then return repo_path end
  if repo_path:match('^[^/]+%.md$') then return repo_path:gsub('%.md$', '.html') end
  return 'code/' .. repo_path .. '.html'
end

return M
