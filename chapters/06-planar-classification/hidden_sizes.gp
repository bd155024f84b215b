# Decision regions for each hidden-layer size of the sweep (sweep_n_h_1 ..
# sweep_n_h_<sweep_count>), three panels a row, and the top of the largest
# network's regions enlarged, where its boundary reaches for single points.
eval values(results)
W = 880.0
H = 1124.0
set terminal @svg size W,H font 'Helvetica,16'
# Positions in pixels from the top left corner.
sx(px) = px / W
sy(px) = 1 - px / H
at(x, y, w, h) = sprintf("set lmargin at screen %g; set rmargin at screen %g; \
  set tmargin at screen %g; set bmargin at screen %g", sx(x), sx(x + w), sy(y), sy(y + h))
ink = '#1a1a1a'
P = 256.0             # a panel's side
col(c) = 62 + c * (P + 20)
row(r) = 112 + r * (P + 82)
set multiplot
set label 1 'Decision regions for each hidden-layer size' at screen 0.5, sy(24) center \
  font 'Helvetica,20' tc rgb ink
set label 2 sprintf('after %d iterations each, with training accuracy; points: red y = 0, blue y = 1', \
  sweep_iterations) at screen 0.5, sy(52) center font 'Helvetica,16' tc rgb ink
set size ratio -1
unset key
set autoscale fix
set tics font 'Helvetica,16'
set title font 'Helvetica,17' offset 0,-0.5
set xtics 2
set ytics 2
point_size = 0.35
data = 'data/flower.csv'
# The enlarged part of the largest network's regions.
zx0 = -2.6
zx1 = 2.6
zy0 = 2.3
last = value(sprintf('sweep_n_h_%d', sweep_count))
do for [k = 1:sweep_count] {
  n = sprintf('%d', value(sprintf('sweep_n_h_%d', k)))
  c = (k - 1) % 3
  r = (k - 1) / 3
  eval at(col(c), row(r), P, P)
  set title sprintf('%s %s: %.2f%%', nh, n, value('sweep_accuracy_'.n))
  if (c == 0) { set format y '%g'; set ylabel 'x_2' offset 1.2,0 } else { set format y ''; set ylabel '' }
  if (r == (sweep_count - 1) / 3) { set xlabel 'x_1' offset 0,0.4 } else { set xlabel '' }
  if (n + 0 == last) {
    set object 1 rect from zx0, zy0 to zx1, 5.2 front fs empty border lc rgb ink lw 1.5 dt 2
  }
  grid = results.'/grid_nh'.n.'.grid'
  plot @regions
  unset object 1
  unset label 1
  unset label 2
}
# The dashed box of the last panel, enlarged beside it.
zl = col(1) + 50
zw = col(2) + P - zl
zh = zw * 2.6 / (zx1 - zx0)
eval at(zl, row(2) + (P - zh) / 2, zw, zh)
set title sprintf('%s %d, the dashed box enlarged', nh, last)
set xrange [zx0:zx1]
set yrange [zy0:*]
set autoscale yfixmax
set xtics 1
set ytics 1
set format y '%g'
set ylabel 'x_2' offset 1.2,0
set xlabel 'x_1' offset 0,0.4
point_size = 0.8
grid = results.'/grid_nh'.sprintf('%d', last).'.grid'
plot @regions
unset multiplot
