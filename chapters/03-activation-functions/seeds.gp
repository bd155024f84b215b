# Final cost and accuracy for each hidden activation and each of the seeds.
eval values(results)
set terminal @svg size 1040,460
set multiplot layout 1,2 title sprintf('%d initial seeds, %d iterations each: one point per seed', n_seeds, iterations) font 'Helvetica,16'
set xrange [0.5:4.5]
set xtics ('sigmoid' 1, 'tanh' 2, 'ReLU' 3, 'leaky ReLU' 4)
set xlabel 'hidden units'
unset key
f = results.'/seeds.tsv'
# The activations' colours of every figure in this chapter: sigmoid lt 1,
# tanh lt 2, ReLU lt 3, leaky ReLU lt 5.
colour(k) = k == 4 ? 5 : k
# Spread the seeds a little sideways so that equal values stay visible.
dx(s) = (s - (n_seeds + 1) / 2.0) * 0.035
set title 'Final cost J'
set ylabel 'cost J'
plot for [k=1:4] f using (k + dx($1)):(column(2 * k)) with points pt 7 ps 0.8 lt colour(k)
set title 'Training accuracy'
set ylabel 'accuracy (%)'
set yrange [50:100]
plot for [k=1:4] f using (k + dx($1)):(column(2 * k + 1)) with points pt 7 ps 0.8 lt colour(k)
unset multiplot
