# The n_h hidden units' lines over the flower, next to the network's decision regions.
eval values(results)
set terminal @svg size 1120,540
set multiplot layout 1,2 title sprintf('%s %d hidden units: %d lines, combined by the output unit', nh, n_h, n_h) font 'Helvetica,16'
set size ratio -1
set xlabel 'x_1'
set ylabel 'x_2'
set xrange [plot_x1_min:plot_x1_max]
set yrange [plot_x2_min:plot_x2_max]
set key outside bottom center horizontal
set grid front
data = 'data/flower.csv'
lines = results.'/hidden_lines.tsv'
arrows = results.'/hidden_arrows.tsv'
# (an invisible x, &{x}, holds the space after a subscript: SVG collapses a plain one)
set title 'Hidden units: the lines w_j&{x}x + b_j&{x}= 0 (arrows: side where a_j&{x}> 0)'
plot data skip 1 using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.3 lc rgb '#e3a59d' notitle, \
     data skip 1 using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.3 lc rgb '#93b4d9' notitle, \
     for [j=1:n_h] lines index (j-1) using 1:2 with lines lt j+2 lw 2.5 title sprintf('unit %d', j), \
     arrows using 1:2:3:4:($5+2) with vectors head filled size 0.25,20 lw 2 lc variable notitle
set title sprintf('The network: decision regions, %.2f%% accurate', train_accuracy)
grid = results.'/grid_nn.grid'
point_size = 0.35
plot @regions, \
     for [j=1:n_h] lines index (j-1) using 1:2 with lines lt j+2 lw 1.5 dt 2 notitle
unset multiplot
