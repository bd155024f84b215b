# W1's rows during training, one panel per start: both weights of every unit.
# Drawn for an 880-pixel column: the panels are stacked, so each is as wide as
# the figure.  Unit j has a colour and a marker; its weight on x_1 is solid,
# on x_2 dashed.  Where the units coincide (the zero and the constant start)
# the lines of unit 4 are drawn over the others, so each unit's markers sit at
# their own iterations, staggered, to show every unit on the same line.
eval values(results)
H = 1270.0          # the figure's height in pixels; the panels are placed in pixels from the top
set terminal @svg size 880,H font 'Helvetica,16'
top(px) = 1 - px/H
set multiplot title sprintf("The rows of W^{[1]}&{x}during training, from three starts\n(%s %d tanh units, learning rate %.1f)", nh, n_h, learning_rate) \
    font 'Helvetica,20'
set lmargin at screen 0.1
set rmargin at screen 0.97
set title font 'Helvetica,18'
set xlabel 'iteration + 1 (log scale)' offset 0,0.3
set ylabel 'weight'
set logscale x
set xrange [1:iterations + 1]
set format x '10^{%T}'
rows(name) = sprintf('%s/rows_%s.tsv', results, name)
colours = "#1f5fa8 #c0392b #2ca02c #9467bd"
marks = "7 5 9 13"                  # circle, square, triangle, diamond
# Unit j's markers: three per decade, unit j's a quarter of a step after unit
# j - 1's, at the nearest iteration + 1 = t the file holds (every t up to 100,
# then every 10th).
at(j, k) = 10**((k + (j - 1)/4.0)/3.0)
held(t) = t <= 100 ? floor(t + 0.5) : 10*floor((t - 1)/10 + 0.5) + 1
step(t, j) = floor(3*log10(t) - (j - 1)/4.0 + 0.5)
marker(t, j) = step(t, j) >= 2 && held(at(j, step(t, j))) == t
plot_rows = "for [j=1:4] rows(start) using ($1+1):(column(2*j)) with lines lw 2 lc rgb word(colours, j) notitle, \
  for [j=1:4] rows(start) using ($1+1):(column(2*j+1)) with lines lw 2 dt (7,5) lc rgb word(colours, j) notitle, \
  for [j=1:4] for [c=0:1] rows(start) using ($1+1):(marker($1+1, j) ? column(2*j+c) : 1/0) with points \
    pt int(word(marks, j)) ps 0.9 lc rgb word(colours, j) notitle"
# one key for the three panels, under the figure's title
set key at screen 0.5, screen top(75) center top maxrows 2 Left reverse width 1 samplen 3 spacing 1.2 font 'Helvetica,16'
note_font = 'Helvetica,16'

# zero and random start on the same scale
set yrange [-15:15]
set ytics 5
start = 'zero'
set tmargin at screen top(210)
set bmargin at screen top(440)
set title sprintf('Zero start: every weight stays 0; rows differ by %g', zero_rows_diff)
set label 1 'all four units coincide, at 0 (their markers are staggered)' at graph 0.5, first -6 center font note_font
plot @plot_rows, \
  for [j=1:4] NaN with linespoints lw 2 pt int(word(marks, j)) ps 0.9 lc rgb word(colours, j) title sprintf('unit %d', j), \
  NaN with lines lw 2 lc rgb '#4d4d4d' title 'w_{j1}, weight on x_1', \
  NaN with lines lw 2 dt (7,5) lc rgb '#4d4d4d' title 'w_{j2}, weight on x_2'
unset label 1
unset key

# zoomed: the weights stay between 0.4 and 4.6, and each unit's two weights
# end close together
start = 'const'
set yrange [0:5]
set ytics 1
set tmargin at screen top(580)
set bmargin at screen top(810)
set title sprintf('Every weight %.1f at the start: rows differ by %g (zoomed in: 0 to 5)', constant, const_rows_diff)
set label 1 "all four units coincide at every iteration:\neach unit's markers lie on the same two lines" at graph 0.03, graph 0.85 left font note_font
plot @plot_rows
unset label 1

start = 'random'
set yrange [-15:15]
set ytics 5
set tmargin at screen top(950)
set bmargin at screen top(1180)
set title sprintf('Random start κ N(0, 1), κ = 0.01, seed 2: rows end %.1f apart', random_rows_diff)
plot @plot_rows
unset multiplot
