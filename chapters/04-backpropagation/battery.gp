# Every relative difference of the battery, and of the broken backward passes.
eval values(results)
set terminal @svg size 1000,580
set title sprintf('Relative differences at ε = 10^{-7}: nn\_backward on %d cases, five broken passes on 100 each', battery_cases)
set ylabel 'relative difference'
set logscale y
set format y '10^{%T}'
set yrange [1e-12:10]
set xrange [-0.6:9.6]
set xtics ('sigmoid' 0, 'tanh' 1, 'ReLU' 2, 'leaky ReLU' 3, 'linear' 4, \
           'no 1/m' 5, '2 dW^{[2]}' 6, 'wrong g''' 7, 'g''(A^{[1]})' 8, 'X dZ^{[1]T}' 9) font 'Helvetica,11'
set grid noxtics
set arrow from 4.5, graph 0 to 4.5, graph 1 nohead lw 1 lc rgb grey back
set label 'nn\_backward: the battery, by activation' at 2, 3 center tc rgb '#333333'
set label 'broken passes, (n_x, n_h, m) = (4, 4, 20)' at 7, 3 center tc rgb '#333333'
set key outside bottom center horizontal maxrows 2 Left reverse samplen 1.5 font 'Helvetica,12' title 'hidden activation' width 1
jitter(s) = (s - 10.5) * 0.018
plot for [a=0:4] results.'/battery.tsv' using ($2 == a ? $1 + jitter($3) + (($1 >= 5) ? (a - 2) * 0.07 : 0) : 1/0):4 \
       with points lt (a+1) pt 7 ps 0.35 title (a == 0 ? 'sigmoid' : a == 1 ? 'tanh' : a == 2 ? 'ReLU' : a == 3 ? 'leaky ReLU' : 'linear'), \
     good with lines lw 1.2 dt 2 lc rgb '#2ca02c' title 'course: right below 10^{-7}', \
     bug with lines lw 1.2 dt 2 lc rgb '#9467bd' title 'course: a bug above 10^{-3}'
