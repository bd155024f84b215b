# Examples stacked as columns: the flower's first examples x^(i) and its last,
# with the z^[1](i) the network computes from each (left), stand side by side as
# the columns of X and Z^[1] (right).  The numbers are the program's
# (results/01-notation/columns.tsv): column i of X and of Z1.
eval values(results)
set terminal @svg size 960,468
set datafile separator "\t"
unset border
unset tics
unset grid
unset key
# One unit is 40 pixels both ways: the plot fills the canvas.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen 1
set bmargin at screen 0
set xrange [0:24]
set yrange [3.2:14.9]
cols = results.'/columns.tsv'
m = flower_m
# SVG renderers collapse a space that follows a sub- or superscript: an
# invisible 'x' (&{x}) holds the gap instead.
sp = '&{x}'
# Each example shown has a slot: 0, 1, 2 for the first three, 4 for the last;
# slot 3 is the ellipsis.
slot(i) = i == m ? 4 : i - 1
tint(s) = s == 0 ? 0xd3e3f4 : (s == 1 ? 0xdcefd8 : (s == 2 ? 0xfbe3c8 : 0xe6dcf0))
cw = 1.7
ch = 0.62
# left: one column per example; right: the matrices, columns touching
xl(s) = 1.6 + s * 2.15
xr(s) = 13.7 + s * 1.75
rw = 1.75
yx(k) = 11.55 - (k - 1) * ch
yz(j) = 7.55 - (j - 1) * ch
x_top = yx(1) + ch / 2
x_bot = yx(n_x) - ch / 2
z_top = yz(1) + ch / 2
z_bot = yz(n_h) - ch / 2
set style fill solid 1.0 border lc rgb '#4d4d4d'
# The matrices' frames, and the arrows that stack the columns.
set object 1 rect from xr(0) - rw / 2, x_bot to xr(4) + rw / 2, x_top fs empty border lc rgb '#1a1a1a' lw 2.5 front
set object 2 rect from xr(0) - rw / 2, z_bot to xr(4) + rw / 2, z_top fs empty border lc rgb '#1a1a1a' lw 2.5 front
set arrow 1 from 11.1, (x_top + x_bot) / 2 to 12.5, (x_top + x_bot) / 2 head filled size 0.3,25 lw 2.5 lc rgb grey
set arrow 2 from 11.1, (z_top + z_bot) / 2 to 12.5, (z_top + z_bot) / 2 head filled size 0.3,25 lw 2.5 lc rgb grey
set label 1 'stack' at 11.8, (x_top + x_bot) / 2 + 0.45 center font 'Helvetica,13' tc rgb '#4d4d4d'
set label 2 'stack' at 11.8, (z_top + z_bot) / 2 + 0.45 center font 'Helvetica,13' tc rgb '#4d4d4d'
set label 3 'Examples are columns: each x^{(i)}'.sp.'is one column of X, each z^{[1](i)}'.sp.'one column of Z^{[1]}' \
  at 12, 14.3 center font 'Helvetica,17' tc rgb '#1a1a1a'
set label 4 'one column per example' at xl(2), 13.4 center font 'Helvetica,14' tc rgb '#4d4d4d'
set label 5 'stacked side by side' at xr(2), 13.4 center font 'Helvetica,14' tc rgb '#4d4d4d'
set label 6 sprintf('X:%s(n_x, m) = (%d, %d)', ' ', n_x, m) at xr(2), x_bot - 0.55 center font 'Helvetica,14'
set label 7 sprintf('Z^{[1]}:%s(n_h, m) = (%d, %d)', ' ', n_h, m) at xr(2), z_bot - 0.55 center font 'Helvetica,14'
set label 8 'z^{[1](i)}'.sp.'= W^{[1]}'.sp.'x^{(i)}'.sp.'+ b^{[1]}, the same W^{[1]}'.sp.'and b^{[1]}'.sp.'for every i' \
  at xl(2), z_bot - 0.55 center font 'Helvetica,14'
set label 9 sprintf('the flower: its first %d examples and its last (i = %d); z^{[1]}'.sp.'from the starting parameters (seed 2, scale 0.01)', columns_shown, m) \
  at 12, 3.75 center font 'Helvetica,13' tc rgb '#4d4d4d'
dots = '⋯'
plot \
  for [k=1:n_x] cols using (xl(slot($1))):(yx(k)):(cw / 2):(ch / 2):(tint(slot($1))) with boxxyerror lc rgb variable, \
  for [k=1:n_x] cols using (xr(slot($1))):(yx(k)):(rw / 2):(ch / 2):(tint(slot($1))) with boxxyerror lc rgb variable, \
  for [j=1:n_h] cols using (xl(slot($1))):(yz(j)):(cw / 2):(ch / 2):(tint(slot($1))) with boxxyerror lc rgb variable, \
  for [j=1:n_h] cols using (xr(slot($1))):(yz(j)):(rw / 2):(ch / 2):(tint(slot($1))) with boxxyerror lc rgb variable, \
  for [k=1:n_x] cols using (xl(slot($1))):(yx(k)):(stringcolumn(1 + k)) with labels font 'Helvetica,13', \
  for [k=1:n_x] cols using (xr(slot($1))):(yx(k)):(stringcolumn(1 + k)) with labels font 'Helvetica,13', \
  for [j=1:n_h] cols using (xl(slot($1))):(yz(j)):(stringcolumn(1 + n_x + j)) with labels font 'Helvetica,13', \
  for [j=1:n_h] cols using (xr(slot($1))):(yz(j)):(stringcolumn(1 + n_x + j)) with labels font 'Helvetica,13', \
  cols using (xl(slot($1))):(x_top + 0.45):(sprintf('x^{(%d)}', $1)) with labels font 'Helvetica,15', \
  cols using (xl(slot($1))):(z_top + 0.45):(sprintf('z^{[1](%d)}', $1)) with labels font 'Helvetica,15', \
  cols using (xr(slot($1))):(x_top + 0.4):(sprintf('i = %d', $1)) with labels font 'Helvetica,13' tc rgb '#4d4d4d', \
  cols using (xr(slot($1))):(z_top + 0.4):(sprintf('i = %d', $1)) with labels font 'Helvetica,13' tc rgb '#4d4d4d', \
  for [k=1:n_x] cols using (xr(3)):(yx(k)):(rw / 2):(ch / 2) every ::0::0 with boxxyerror fc rgb '#f5f5f5', \
  for [j=1:n_h] cols using (xr(3)):(yz(j)):(rw / 2):(ch / 2) every ::0::0 with boxxyerror fc rgb '#f5f5f5', \
  for [k=1:n_x] cols using (xr(3)):(yx(k)):(dots) every ::0::0 with labels font 'Helvetica,13', \
  for [j=1:n_h] cols using (xr(3)):(yz(j)):(dots) every ::0::0 with labels font 'Helvetica,13', \
  cols using (xl(3)):((x_top + x_bot) / 2):(dots) every ::0::0 with labels font 'Helvetica,18', \
  cols using (xl(3)):((z_top + z_bot) / 2):(dots) every ::0::0 with labels font 'Helvetica,18', \
  for [s=0:4:4] cols using (xl(s)):((x_bot + z_top) / 2 + 0.35):(0):(-0.9) every ::0::0 with vectors head filled size 0.2,25 lw 1.5 lc rgb grey, \
  for [s=1:2] cols using (xl(s)):((x_bot + z_top) / 2 + 0.35):(0):(-0.9) every ::0::0 with vectors head filled size 0.2,25 lw 1.5 lc rgb grey
