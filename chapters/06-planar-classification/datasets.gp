# Four more planar datasets: logistic regression (top) and the network (bottom).
eval values(results)
set terminal @svg size 1400,780
set multiplot layout 2,4 title sprintf('Logistic regression (top) against the network with %s %d (bottom)', nh, n_h) font 'Helvetica,16'
set size ratio -1
unset key
set autoscale fix
point_size = 0.3
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
