# Four more planar datasets: logistic regression (top) and the network (bottom).
eval values(results)
set terminal @svg size 1400,780
set multiplot layout 2,4 title sprintf('Logistic regression (top) against the network with %s %d (bottom); red: y = 0, blue: y = 1', nh, n_h) font 'Helvetica,16'
set size ratio -1
set autoscale fix
point_size = 0.3
set xlabel 'x_1' font 'Helvetica,11' offset 0,0.5
set ylabel 'x_2' font 'Helvetica,11' offset 1.5,0
unset key
set tics font 'Helvetica,10'
set title font 'Helvetica,13'
do for [d in "circles moons blobs quantiles"] {
  data = 'data/'.d.'.csv'
  set title sprintf('%s, logistic regression: %.1f%%', d, value(d.'_logreg_accuracy'))
  grid = results.'/grid_'.d.'_logreg.grid'
  plot @regions
}
do for [d in "circles moons blobs quantiles"] {
  data = 'data/'.d.'.csv'
  set title sprintf('%s, network: %.1f%%', d, value(d.'_nn_accuracy'))
  grid = results.'/grid_'.d.'_nn.grid'
  plot @regions
}
unset multiplot
