# Each hidden unit's activation a_j = tanh(w_j x + b_j) over the plane, and the
# output a^[2] that the output unit makes of them.  Three panels a row keep them
# readable at 880 px: the units 1 to 3, then unit 4 and the output; the last slot
# holds the two colour scales and the points' key.
eval values(results)
W = 960.0
H = 770.0
set terminal @svg size W,H
set multiplot title "Each hidden unit over the plane, and the output unit that combines them" font 'Helvetica,17'
unset key
set xrange [plot_x1_min:plot_x1_max]
set yrange [plot_x2_min:plot_x2_max]
set tics font 'Helvetica,12'
set title font 'Helvetica,14' offset 0,-0.3
set xlabel 'x_1' font 'Helvetica,14' offset 0,0.6
set ylabel 'x_2' font 'Helvetica,14' offset 0.6,0
set xtics 4
set ytics 4
set grid front
grid = results.'/grid_units.grid'
# SVG renderers collapse a space (some even a no-break space) that follows a
# sub- or superscript: an invisible 'x' (&{x}) holds the gap instead.
sp = '&{x}'
data = 'data/flower.csv'
# The plot areas, in pixels from the top left: 250 wide, as high as the data's
# aspect asks, three columns and two rows.
pw = 240.0
ph = pw * (plot_x2_max - plot_x2_min) / (plot_x1_max - plot_x1_min)
left(c) = 66 + c * 305
top(r) = 85 + r * 355
panel(c, r) = sprintf('set lmargin at screen %g; set rmargin at screen %g; set tmargin at screen %g; set bmargin at screen %g', \
  left(c) / W, (left(c) + pw) / W, 1 - top(r) / H, 1 - (top(r) + ph) / H)
points = "data skip 1 using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.3 lc rgb red title 'y = 0', \
  data skip 1 using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.3 lc rgb blue title 'y = 1'"
# The colour scales sit in the sixth slot, horizontal, one above the other.
bar_x = left(2) / W
bar_w = pw / W
# a_j in [-1, 1]: orange below zero, white at zero, green above.
set palette defined (-1 '#f9c795', 0 '#ffffff', 1 '#a9dba0')
set cbrange [-1:1]
set cbtics 0.5 font 'Helvetica,12'
do for [j=1:n_h] {
  eval panel((j - 1) % 3, (j - 1) / 3)
  set title sprintf('unit %d: a@_%d^{[1]},  output weight %.1f', j, j, value(sprintf('W2_%d', j)))
  if (j == n_h) {
    set cblabel 'hidden unit: a_j^{[1]}'.sp.'= tanh z_j^{[1]}' font 'Helvetica,13' offset 0,0.4
    set colorbox horizontal user origin screen bar_x, screen 1 - (top(1) + 25) / H size screen bar_w, screen 18 / H border
  } else {
    unset colorbox
  }
  plot grid using 1:2:(column(2 + j)) with image, @points
}
# a^[2] in [0, 1]: red (predicts 0) to blue (predicts 1).
eval panel(1, 1)
set palette defined (0 '#eba99f', 0.5 '#ffffff', 1 '#a3c3e6')
set cbrange [0:1]
set cbtics 0.25
set cblabel 'output: a^{[2]}'.sp.'= σ(z^{[2]}), predicts 1 above 0.5' font 'Helvetica,13'
set colorbox horizontal user origin screen bar_x, screen 1 - (top(1) + 120) / H size screen bar_w, screen 18 / H border
set key at screen (left(2) + pw / 2) / W, screen 1 - (top(1) + 200) / H center top horizontal \
  font 'Helvetica,13' samplen 1 spacing 1.2 box lc rgb '#cccccc' width 1 title 'the flower' font 'Helvetica,13'
set title 'output: a^{[2]}'.sp.'= σ(z^{[2]})'
plot grid using 1:2:(column(3 + n_h)) with image notitle, @points
unset multiplot
