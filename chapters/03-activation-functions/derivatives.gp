# The derivatives g'(z) of the five activations; ReLU's jump at z = 0 marked.
eval values(results)
set title "Derivatives g'(z) of the five activations"
set xlabel 'z'
set ylabel "g'(z)"
set xrange [-z_max:z_max]
set yrange [-0.05:1.15]
set key at graph 0.98, graph 0.8 top right
f = results.'/derivatives.tsv'
# At z = 0: the value the library uses (filled) and the left-hand limit (open).
set label 1 at 0.15, 1.07 "g'(0) = 1 used for ReLU and leaky ReLU" left font 'Helvetica,11' textcolor rgb '#333333'
plot f using 1:6 with lines lt 6 lw 1.5 dt 3 title "linear: 1", \
     f using 1:($1 == 0 ? NaN : $4) with lines lt 3 lw 3 title "ReLU: 0 or 1", \
     f using 1:($1 == 0 ? NaN : $5) with lines lt 5 lw 1.8 dt 2 title sprintf("leaky ReLU: %g or 1", leaky_slope), \
     f using 1:2 with lines lt 1 lw 2 title "sigmoid: σ(1 − σ)", \
     f using 1:3 with lines lt 2 lw 2 title "tanh: 1 − tanh^2", \
     '+' using (0):(relu_dg0) every ::0::0 with points pt 7 ps 1.2 lc rgb '#2ca02c' notitle, \
     '+' using (0):(0) every ::0::0 with points pt 6 ps 1.2 lw 2 lc rgb '#2ca02c' notitle
