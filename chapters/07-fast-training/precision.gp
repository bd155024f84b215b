# |J - J_exact| per iteration: the fused core built with fast options, and
# the exact core from a start one ulp away.  The dashed line is where the
# ninth decimal of J starts to change.
eval values(results)
set terminal @svg size 900,500
set title sprintf('How far the cost moves from the exact run (flower, %s %d, learning rate %.1f)', nh, n_h, learning_rate)
set xlabel 'iteration'
set ylabel '|J - J_{exact}|'
set logscale y
set format y '10^{%T}'
set xrange [0:iterations]
set yrange [1e-18:1e-2]
set key top left
pos(x) = x > 0 ? x : NaN
plot results.'/precision.tsv' using 1:(pos($2)) with lines lt 1 lw 1.5 title 'x_1^{(1)}&{x}one ulp larger', \
     '' using 1:(pos($3)) with lines lt 2 lw 1.5 title 'W_{11}^{[1]}&{x}one ulp larger', \
     '' using 1:(pos($4)) with lines lt 3 lw 1.5 title 'FMA contraction', \
     '' using 1:(pos($5)) with lines lt 4 lw 1.5 title '-ffast-math', \
     '' using 1:(pos($6)) with lines lt 5 lw 1.5 title 'vector libm', \
     nine_decimals with lines dt 2 lw 1.5 lc rgb grey title 'half a unit of the 9th decimal'
