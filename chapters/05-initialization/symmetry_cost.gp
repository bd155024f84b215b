# The cost during training from the zero, the constant and the random start.
eval values(results)
set title sprintf('Cost J from three starts (%s %d tanh units, learning rate %.1f)', nh, n_h, learning_rate)
set xlabel 'iteration (log scale)'
set ylabel 'cost J'
set logscale x
set format x '10^{%T}'
set xrange [1:iterations]
set yrange [0:0.8]
set key bottom left
f = results.'/symmetry_cost.tsv'
plot f using ($1+1):2 with lines lt 6 lw 2.5 title sprintf('zero start: %.2f%% accurate', zero_accuracy), \
     f using ($1+1):3 with lines lt 2 lw 2 title sprintf('every weight %.1f: %.2f%%', constant, const_accuracy), \
     f using ($1+1):4 with lines lt 1 lw 2 title sprintf('0.01 N(0,1), seed 2: %.2f%%', random_accuracy)
