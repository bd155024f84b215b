# Linear hidden units: the network's decision regions against logistic regression's.
eval values(results)
set terminal @svg size 1040,520
set multiplot layout 1,2 title 'Linear hidden units: the decision boundary is a straight line' font 'Helvetica,16'
set size ratio -1
set xlabel 'x_1'
set ylabel 'x_2'
set key outside bottom center horizontal
set grid front
set autoscale fix
data = 'data/flower.csv'
set title sprintf("Network, %s %d linear units: %.2f%%", nh, n_h, linear_accuracy)
grid = results.'/grid_linear.grid'
# The line W' x + b' = 0 from the collapsed weights, drawn over the regions.
line(x) = -(linear_w1 * x + linear_b) / linear_w2
plot @regions, line(x) with lines lc rgb '#1a1a1a' lw 2 dt 2 title "W̃ x + b̃ = 0"
set title sprintf("Logistic regression: %.2f%%", logreg_accuracy)
grid = results.'/grid_logreg.grid'
plot @regions
unset multiplot
