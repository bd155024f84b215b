# The five activations g(z) over z in [-5, 5].
eval values(results)
set title 'Five activations g(z)'
set xlabel 'z'
set ylabel 'g(z)'
set xrange [-z_max:z_max]
set yrange [-1.5:3]
set key top left
f = results.'/functions.tsv'
plot f using 1:6 with lines lt 6 lw 1.5 dt 3 title 'linear: z', \
     f using 1:4 with lines lt 3 lw 3 title 'ReLU: max(0, z)', \
     f using 1:5 with lines lt 5 lw 1.8 dt 2 title sprintf('leaky ReLU: max(%g z, z)', leaky_slope), \
     f using 1:2 with lines lt 1 lw 2 title 'sigmoid: 1 / (1 + e^{-z})', \
     f using 1:3 with lines lt 2 lw 2 title 'tanh z'
