# Decision regions for n_h = 1, 2, 3, 4, 5, 20, 50 hidden units.
eval values(results)
set terminal @svg size 1400,780
set multiplot layout 2,4 title sprintf('Hidden-layer size: decision regions after %d iterations (training accuracy)', sweep_iterations) font 'Helvetica,16'
set size ratio -1
unset key
set autoscale fix
point_size = 0.3
set tics font 'Helvetica,10'
set title font 'Helvetica,13'
data = 'data/flower.csv'
do for [n in "1 2 3 4 5 20 50"] {
  set title sprintf('%s %s: %.2f%%', nh, n, value('sweep_accuracy_'.n))
  grid = results.'/grid_nh'.n.'.grid'
  plot @regions
}
unset multiplot
