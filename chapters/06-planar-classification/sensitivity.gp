# |J_ulp - J| per iteration: each network trained again from the flower with
# its first input coordinate one ulp larger.  The dashed line is half a unit
# of the ninth decimal, where printed costs start to differ.
eval values(results)
set terminal @svg size 900,500
set title 'One ulp of one input: how far the cost moves (learning rate 1.2, seed 2)'
set xlabel 'iteration'
set ylabel '|J_{one ulp} - J|'
set logscale y
set format y '10^{%T}'
set xrange [0:iterations]
set yrange [1e-18:1e4]
set key top right maxrows 2
pos(x) = x > 0 ? x : NaN
plot results.'/sensitivity.tsv' using 1:(pos($2)) with lines lt 1 lw 1.5 title sprintf('%s %d, %d iterations', nh, n_h, iterations), \
     '' using 1:(pos($3)) with lines lt 2 lw 1.5 title sprintf('%s 20, %d iterations', nh, sweep_iterations), \
     '' using 1:(pos($4)) with lines lt 3 lw 1.5 title sprintf('%s 50, %d iterations', nh, sweep_iterations), \
     5e-10 with lines dt 2 lw 1.5 lc rgb grey title 'half a unit of the 9th decimal'
