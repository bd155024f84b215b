# W1's rows during training, one panel per start: every unit's two weights.
eval values(results)
set terminal @svg size 1400,500
set multiplot layout 1,3 title sprintf('W^{[1]}, row by row, during training (%s %d tanh units, learning rate %.1f)', nh, n_h, learning_rate) font 'Helvetica,16'
set xlabel 'iteration (log scale)'
set ylabel 'weight'
set logscale x
set xrange [10:iterations]
set yrange [-15:15]
set format x '10^{%T}'
set key top left maxrows 4
# unit j: colour j; its weight on x_1 solid, on x_2 dashed.
rows(name) = sprintf('%s/rows_%s.tsv', results, name)
plot_rows = "for [j=1:4] rows(start) using 1:(column(2*j)) with lines lt j lw 2 title sprintf('unit %d, w_{%d1}', j, j), \
  for [j=1:4] rows(start) using 1:(column(2*j+1)) with lines lt j lw 2 dt 2 title sprintf('unit %d, w_{%d2}', j, j)"
start = 'zero'
set title sprintf('Zero start: rows differ by %g', zero_rows_diff)
plot @plot_rows
start = 'const'
# Zoomed: the units lie on top of each other, and each unit's two weights
# end close together (w_{j1} solid, w_{j2} dashed).
set yrange [0:5]
set title sprintf('Every weight %.1f: rows differ by %g (units drawn over each other; zoomed)', constant, const_rows_diff)
unset key
plot @plot_rows
set yrange [-15:15]
start = 'random'
set title sprintf('0.01 N(0,1), seed 2: rows differ by %.1f', random_rows_diff)
plot @plot_rows
unset multiplot
