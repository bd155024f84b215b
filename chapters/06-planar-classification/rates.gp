# The n_h = 4 tanh network's cost at each learning rate: too small a rate
# crawls, a large one makes the cost jump up and down (a thick band).
eval values(results)
set terminal @svg size 900,500
set title sprintf('Cost J at each learning rate (%s %d, tanh, seed 2)', nh, n_h)
set xlabel 'iteration (log scale)'
set ylabel 'cost J'
set logscale x
set format x '10^{%T}'
set xrange [10:iterations]
set yrange [0.15:0.75]
set key outside right top title 'learning rate'
colors = "#7f7f7f #9467bd #2ca02c #1f5fa8 #ff7f0e #c0392b #8c564b"
plot for [k=1:7] results.'/rates.tsv' using 1:(column(k+1) > 0 ? column(k+1) : NaN) \
       with lines lw (k == 4 ? 2.5 : 1.2) lc rgb word(colors, k) \
       title sprintf('%g%s', value(sprintf('rate_%d', k)), k == 4 ? ' (the course)' : '')
