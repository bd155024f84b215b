# The relative difference of the centred (and one-sided) difference against eps: the V.
eval values(results)
set terminal @svg size 760,620
set title sprintf('Gradient check against the step ε (tanh, %s %d, %s %d, m = %d)', nx, v_n_x, nh, v_n_h, v_m)
set xlabel 'step ε'
set ylabel 'relative difference ||g - g_{approx}||_2 / (||g||_2 + ||g_{approx}||_2)'
set logscale xy
set format x '10^{%T}'
set format y '10^{%T}'
set xrange [5e-13:0.2]
set yrange [1e-12:1]
set key outside bottom center maxrows 3 Left reverse samplen 2 font 'Helvetica,12'
set bmargin 9
set arrow from eps, graph 0 to eps, graph 1 nohead dt 2 lw 1.5 lc rgb grey back
set label sprintf('%.1e at the course''s ε = 10^{-7}', v_course_diff) at eps*1.4, 0.2 tc rgb '#555555'
set label sprintf('best ε ≈ %.1e gives %.1e', v_best_eps, v_best_diff) at v_best_eps, v_best_diff/6 center tc rgb blue
set object circle at v_best_eps, v_best_diff size screen 0.008 fs empty border lc rgb blue lw 2 front
plot results.'/eps_sweep.tsv' using 1:2 with linespoints lt 1 pt 7 ps 0.5 title 'centred difference', \
     results.'/eps_sweep.tsv' using 1:3 with linespoints lt 5 pt 6 ps 0.5 lw 1.5 title 'one-sided difference', \
     (x > 3e-5 ? 10*v_largest_eps_diff*(x/0.1)**2 : 1/0) with lines dt 3 lw 2 lc rgb '#333333' title 'slope 2 (truncation, ε^2), shifted up', \
     (x < 1e-8 ? 10*v_smallest_eps_diff*(1e-12/x) : 1/0) with lines dt 4 lw 2 lc rgb red title 'slope -1 (rounding, u/ε), shifted up', \
     good with lines dt 1 lw 1 lc rgb '#2ca02c' title 'course: right below 10^{-7}', \
     bug with lines dt 1 lw 1 lc rgb '#9467bd' title 'course: a bug above 10^{-3}'
