# |J - J_exact| per iteration: the gradient's sums in two other orders, the
# C library's functions for another CPU and its vector functions, and one
# ulp of one input; the whole run above, the iterations where they part
# from the exact run below.  The dashed line is where the ninth decimal of
# J starts to change.
eval values(results)
set terminal @svg size 900,860
set multiplot layout 2,1 title sprintf('How far each cause moves the cost from the exact run (flower, %s %d)', nh, n_h) font 'Helvetica,15'
set xlabel 'iteration'
set ylabel '|J - J_{exact}|'
set logscale y
set format y '10^{%T}'
set datafile missing '?'
pos(x) = x > 0 ? x : NaN
set title 'all iterations'
set xrange [0:iterations]
set yrange [1e-18:1e-1]
set key top left
plot results.'/orders.tsv' using 1:(pos($2)) with lines lt 1 lw 1.5 title 'sums in four lanes', \
     '' using 1:(pos($3)) with lines lt 2 lw 1.5 title 'sums pairwise', \
     '' using 1:(pos($4)) with lines lt 3 lw 1.5 title 'glibc for a CPU without AVX2, FMA', \
     '' using 1:(pos($5)) with lines lt 4 lw 1.5 title 'a vector libm (SLEEF)', \
     '' using 1:(pos($6)) with lines lt 5 lw 1.5 title 'x_1^{(1)}&{x}one ulp larger', \
     nine_decimals with lines dt 2 lw 1.5 lc rgb grey title 'half a unit of the 9th decimal'
set title sprintf('iterations %d to %d, where they part', zoom_from, zoom_to)
set xrange [zoom_from:zoom_to]
set yrange [1e-16:1e-2]
unset key
replot
unset multiplot
