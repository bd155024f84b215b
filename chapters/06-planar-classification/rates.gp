# The n_h = 4 tanh network's cost at each learning rate: every iteration of
# the first 1000 and the last 200, and between them each block of 10
# iterations' lowest and highest cost (rates.tsv), so a zigzag is a band.
# Top: the whole run; too small a rate crawls, a large one jumps about at
# first.  Below: the last 200 iterations, one strip per rate on a scale of
# its own, where the steps that raise J (the table's count) show as a
# zigzag.
eval values(results)
W = 880.0
H = 1110.0
set terminal @svg size W,H font 'Helvetica,16'
tsv = results.'/rates.tsv'
rates = 7
# Seven colours told apart (Okabe and Ito's), the course's rate in black.
colors = "#56b4e9 #009e73 #d55e00 #1a1a1a #0072b2 #cc79a7 #e69f00"
course = 4
width(k) = k == course ? 2.6 : 1.6
rate(k) = value(sprintf('rate_%d', k))
# Positions in pixels from the top left corner.
sx(px) = px / W
sy(px) = 1 - px / H
ink = '#1a1a1a'
set multiplot
set tics font 'Helvetica,16'
set label 10 sprintf('Cost J at each learning rate (%s %d, tanh, seed 2)', nh, n_h) \
  at screen 0.5, sy(26) center font 'Helvetica,20' tc rgb ink

# The whole run.  The x axis is logarithmic in iteration + 1, so that
# iteration 0 shows; its tics name iterations.
set label 11 'the whole run (after iteration 1000, each 10 iterations'' lowest and highest cost)' at screen 0.5, sy(62) center font 'Helvetica,17' tc rgb ink
set lmargin at screen sx(95)
set rmargin at screen sx(W - 30)
set tmargin at screen sy(80)
set bmargin at screen sy(500)
set logscale x
set xrange [1:iterations + 1]
set xtics ('0' 1, '10' 11, '100' 101, '1000' 1001, sprintf('%d', iterations) iterations + 1)
set xlabel 'iteration (log scale of iteration + 1, so that 0 shows)' font 'Helvetica,16' offset 0,0.2
set logscale y
set yrange [0.19:3.6]
set ytics (0.2, 0.3, 0.4, 0.5, 0.7, 1, 2, 3)
set ylabel 'cost J (log scale)' font 'Helvetica,16' offset 1,0
# Drawn from the largest rate down, so that rate 10's band lies under the
# others; the key lists them from the smallest.
set key top right invert title 'learning rate' font 'Helvetica,16' spacing 1.1 samplen 2.5 width -2
plot for [k=rates:1:-1] tsv using ($1 + 1):(column(k + 1) > 0 ? column(k + 1) : NaN) \
       with lines lw width(k) lc rgb word(colors, k) \
       title sprintf('%g%s', rate(k), k == course ? ' (the course)' : '')
unset label

# The last 200 iterations: one strip per rate from 0.5 on, each on its own
# y scale, from its lowest to its highest cost there.
from = iterations - 200
to = iterations - 1
shown = "3 4 5 6 7"
strips = words(shown)
top = 650.0    # the first strip's top
strip = 66.0   # each strip's height
gap = 14.0
unset logscale
unset key
set xrange [from:to]
set xtics 40 format '%g'
set mxtics 4
set xlabel ''
set ylabel ''
set lmargin at screen sx(160)
set rmargin at screen sx(W - 200)
set label 1 sprintf('the last 200 iterations, each rate on a scale of its own') \
  at screen sx(420), sy(top - 40) center font 'Helvetica,17' tc rgb ink
set label 2 'rate' at screen sx(12), sy(top - 12) left font 'Helvetica,16' tc rgb ink
set label 3 "steps that raised J\nover the whole run" at screen sx(W - 188), sy(top - 30) left \
  font 'Helvetica,16' tc rgb ink
do for [s=1:strips] {
  k = int(word(shown, s))
  set yrange [*:*]  # stats keeps only the points inside the y range
  stats [from:to] tsv using 1:(column(k + 1)) nooutput prefix 'Z'
  lo = Z_min_y
  hi = Z_max_y
  pad = (hi - lo) * 0.12
  set yrange [lo - pad:hi + pad]
  f = hi - lo < 0.01 ? '%.4f' : '%.2f'
  set ytics (sprintf(f, lo) lo, sprintf(f, hi) hi) font 'Helvetica,16'
  y1 = top + (s - 1) * (strip + gap)
  set tmargin at screen sy(y1)
  set bmargin at screen sy(y1 + strip)
  set label 4 sprintf('%g', rate(k)) at screen sx(12), sy(y1 + strip / 2 - 4) left \
    font 'Helvetica,18' tc rgb word(colors, k)
  set label 5 sprintf('%d (%.1f%%)', value(sprintf('rate_%d_rises', k)), \
                      value(sprintf('rate_%d_rises_share', k))) \
    at screen sx(W - 188), sy(y1 + strip / 2 - 4) left font 'Helvetica,16' tc rgb ink
  if (s == strips) { set format x '%g'; set xlabel 'iteration' font 'Helvetica,16' offset 0,0.2 } \
  else { set format x '' }
  plot tsv using 1:(column(k + 1)) with lines lw width(k) lc rgb word(colors, k)
  unset label 1
  unset label 2
  unset label 3
}
unset multiplot
