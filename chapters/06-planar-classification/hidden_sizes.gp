# Decision regions for each hidden-layer size of the sweep (sweep_n_h_1 .. sweep_n_h_<sweep_count>).
eval values(results)
set terminal @svg size 1400,780
set multiplot layout 2,4 title sprintf('Hidden-layer size: decision regions after %d iterations, training accuracy (red: y = 0, blue: y = 1)', sweep_iterations) font 'Helvetica,16'
set size ratio -1
unset key
set autoscale fix
point_size = 0.3
set xlabel 'x_1' font 'Helvetica,11' offset 0,0.5
set ylabel 'x_2' font 'Helvetica,11' offset 1.5,0
set tics font 'Helvetica,10'
set title font 'Helvetica,13'
data = 'data/flower.csv'
do for [k = 1:sweep_count] {
  n = sprintf('%d', value(sprintf('sweep_n_h_%d', k)))
  set title sprintf('%s %s: %.2f%%', nh, n, value('sweep_accuracy_'.n))
  grid = results.'/grid_nh'.n.'.grid'
  plot @regions
}
unset multiplot
