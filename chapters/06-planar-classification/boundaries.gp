# Decision regions on the flower: logistic regression against the network.
eval values(results)
set terminal @svg size 1040,500
set multiplot layout 1,2 title 'Decision regions on the flower (training data drawn over them)' font 'Helvetica,16'
set size ratio -1
set xlabel 'x_1'
set ylabel 'x_2'
set key outside bottom center horizontal
set grid front
set autoscale fix
data = 'data/flower.csv'
set title sprintf('Logistic regression: %.2f%% accurate', logreg_accuracy)
grid = results.'/grid_logreg.grid'
plot @regions
set title sprintf('Network, %s %d tanh units: %.2f%% accurate', nh, n_h, train_accuracy)
grid = results.'/grid_nn.grid'
plot @regions
unset multiplot
