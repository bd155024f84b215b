# The cost during training for each hidden activation (seed 2).
eval values(results)
set title sprintf('Cost J during training (%s %d, learning rate %.1f, seed %d)', nh, n_h, learning_rate, init_seed)
set xlabel 'iteration'
set ylabel 'cost J'
set xrange [0:iterations]
set yrange [0.15:0.75]
set key at graph 0.98, graph 0.68 top right
f = results.'/costs.tsv'
plot f using 1:6 with lines lt 6 lw 1.5 dt 3 title 'linear (logistic regression)', \
     f using 1:2 with lines lt 1 lw 2 title 'sigmoid', \
     f using 1:3 with lines lt 2 lw 2 title 'tanh', \
     f using 1:4 with lines lt 3 lw 2 title 'ReLU', \
     f using 1:5 with lines lt 5 lw 2 dt 2 title 'leaky ReLU', \
     target_cost with lines lc rgb grey lw 1 dt 4 title sprintf('J = %.1f', target_cost)
