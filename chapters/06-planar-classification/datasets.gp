# Four more planar datasets, one per row: logistic regression (left) and the
# network (right).  Two panels a row keep them readable at 880 px.
eval values(results)
set terminal @svg size 1000,1900
set multiplot layout 4,2 title sprintf("Logistic regression (left) against the network with %s %d (right)\nred: y = 0, blue: y = 1", nh, n_h) font 'Helvetica,20'
set size ratio -1
set autoscale fix
point_size = 0.35
set xlabel 'x_1' font 'Helvetica,16' offset 0,0.3
set ylabel 'x_2' font 'Helvetica,16' offset 1,0
unset key
set tics font 'Helvetica,14'
set title font 'Helvetica,18'
do for [d in "circles moons blobs quantiles"] {
  data = 'data/'.d.'.csv'
  set title sprintf('%s, logistic regression: %.1f%%', d, value(d.'_logreg_accuracy'))
  grid = results.'/grid_'.d.'_logreg.grid'
  plot @regions
  set title sprintf('%s, network: %.1f%%', d, value(d.'_nn_accuracy'))
  grid = results.'/grid_'.d.'_nn.grid'
  plot @regions
}
unset multiplot
