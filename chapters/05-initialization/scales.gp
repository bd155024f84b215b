# Cost curves for every weight scale, tanh against ReLU hidden units (seed 2).
eval values(results)
set terminal @svg size 1200,500
set multiplot layout 1,2 title sprintf('Cost J for each weight scale (%s %d, learning rate %.1f, seed 2)', nh, n_h, learning_rate) font 'Helvetica,16'
set xlabel 'iteration (log scale)'
set ylabel 'cost J'
set logscale x
set format x '10^{%T}'
set xrange [1:sweep_iterations]
set yrange [0:1.4]
# Keys where no curve runs: top right on the left, below the curves on the right.
set key top right
labels = "0.001 0.01 0.1 1 10"
curves(act) = sprintf('%s/curves_%s.tsv', results, act)
set title 'tanh hidden units'
plot for [k=1:5] curves('tanh') using ($1+1):(column(k+1)) with lines lt k lw 2 title 'scale '.word(labels, k), \
     curves('tanh') using ($1+1):7 with lines lt 6 lw 2 dt 2 title 'fan-in: 1/√n_{prev}'
set title 'ReLU hidden units'
set key bottom right maxrows 3
# He's scale is close to 1 here (n_x = 2), so its curve runs inside scale 1's
# oscillation: scale 1 is drawn half transparent and He dark and wide on top.
plot for [k=1:5] curves('relu') using ($1+1):(column(k+1)) with lines lt k lw 2 \
       lc rgb (k == 4 ? '#809467bd' : word("#1f5fa8 #c0392b #2ca02c #9467bd #ff7f0e", k)) \
       title 'scale '.word(labels, k), \
     curves('relu') using ($1+1):7 with lines lc rgb '#1a1a1a' lw 3 dt 2 title 'He: √(2/n_{prev})'
unset multiplot
