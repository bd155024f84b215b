# What each step calls per iteration: libm's transcendental functions,
# stacked, and the passes over an (n_h, m) matrix.
eval values(results)
set terminal @svg size 900,460
set multiplot layout 1,2 title sprintf('One iteration of the flower network (%s %d, %s %d, m = %d), step by step', nx, n_x, nh, n_h, m) font 'Helvetica,15'
array step_name[6] = ['0. readable', '1. slope from A', '2. one exp', '3. cost when recorded', '4. fused', '5. libm in lanes']
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 border rgb '#4d4d4d'
set boxwidth 0.7
set xtics rotate by -30 left
set xrange [-0.6:5.6]
set title 'libm calls (and values in lanes) per iteration'
set ylabel 'calls'
set yrange [0:8000]
set key top right
plot results.'/steps.tsv' using 2:xtic(step_name[int($1) + 1]) lc rgb blue title 'tanh', \
     '' using 3 lc rgb '#ff7f0e' title 'exp', \
     '' using 4 lc rgb '#2ca02c' title 'log1p', \
     '' using 6 lc rgb '#a6c8ea' title 'in lanes'
set title sprintf('passes over an (n_h, m) matrix (%d bytes each)', matrix_bytes)
set ylabel 'passes per iteration'
set yrange [0:16]
set key off
plot results.'/steps.tsv' using 5:xtic(step_name[int($1) + 1]) lc rgb grey
unset multiplot
