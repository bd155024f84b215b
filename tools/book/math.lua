-- math.lua: after book.lua, writes every formula of the page to stdout as
-- "D" or "I" (display or inline), a NUL, the TeX, a NUL: the input of
-- katex-check.js.
function Math(m)
  io.write(m.mathtype == 'DisplayMath' and 'D' or 'I', '\0', m.text, '\0')
end
