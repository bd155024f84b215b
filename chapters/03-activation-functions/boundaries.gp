# Decision regions of the flower network for each hidden activation (seed 2).
eval values(results)
set terminal @svg size 1000,960
set multiplot layout 2,2 title sprintf('Decision regions, %s %d, seed %d, training accuracy (red: y = 0, blue: y = 1)', nh, n_h, init_seed) font 'Helvetica,16'
set size ratio -1
set xlabel 'x_1'
set ylabel 'x_2'
unset key
set autoscale fix
point_size = 0.35
set tics font 'Helvetica,10'
data = 'data/flower.csv'
do for [g in "sigmoid tanh relu leaky_relu"] {
  name = g eq 'relu' ? 'ReLU' : g eq 'leaky_relu' ? 'leaky ReLU' : g
  set title sprintf('%s: %.2f%%', name, value(g.'_accuracy'))
  grid = results.'/grid_'.g.'.grid'
  plot @regions
}
unset multiplot
