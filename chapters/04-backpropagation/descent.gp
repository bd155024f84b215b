# Gradient descent on the flower with the analytic and with the numerical gradient.
eval values(results)
set terminal @svg size 760,620
set multiplot layout 2,1 title sprintf('Gradient descent from the same start (flower, tanh, %s %d, learning rate %.1f)', nh, descent_n_h, descent_learning_rate) font 'Helvetica,15'
set title 'cost J'
set xrange [0:descent_iterations]
set ylabel 'cost J'
set yrange [0.25:0.72]
set key top right
plot results.'/descent.tsv' using 1:2 with lines lt 1 lw 3 title 'backpropagation', \
     results.'/descent.tsv' using 1:3 with lines lt 2 lw 1.5 dt 2 title sprintf('centred differences (%d forward passes each, ε = 10^{-7})', descent_forwards)
set title 'how far apart the two curves are'
set xlabel 'iteration'
set ylabel '|J_{backprop} - J_{centred}|'
set logscale y
set format y '10^{%T}'
set yrange [1e-12:1e-4]
set ytics 1e-12, 100, 1e-4
unset key
set object circle at descent_max_at, descent_max_diff size screen 0.008 fs empty border lc rgb red lw 2 front
set label sprintf('largest: %.1e at iteration %d', descent_max_diff, descent_max_at) at descent_max_at + 25, descent_max_diff * 2 left tc rgb red
plot results.'/descent.tsv' using 1:($4 > 0 ? $4 : 1/0) with lines lt 6 lw 1.5
unset multiplot
