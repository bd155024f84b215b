# Each hidden unit's activation a_j = tanh(w_j^T x + b_j) over the plane, and the
# output a^[2] that the output unit makes of them.
eval values(results)
set terminal @svg size 1500,400
set multiplot layout 1,5 title 'Each hidden unit over the plane (green: a_j near +1, orange: near -1), and the output unit (blue: predicts 1)' font 'Helvetica,15'
set size ratio -1
unset key
set xrange [plot_x1_min:plot_x1_max]
set yrange [plot_x2_min:plot_x2_max]
set tics font 'Helvetica,10'
set title font 'Helvetica,13'
set xlabel 'x_1' offset 0,0.5
set ylabel 'x_2' offset 1.5,0
set xtics 4
set ytics 4
set grid front
grid = results.'/grid_units.grid'
data = 'data/flower.csv'
# a_j in [-1, 1]: light orange below zero, white at zero, light green above.
set palette defined (-1 '#f9c795', 0 '#ffffff', 1 '#a9dba0')
set cbrange [-1:1]
do for [j=1:n_h] {
  set title sprintf('unit %d: a@_%d^{[1]}, output weight %.1f', j, j, value(sprintf('W2_%d', j)))
  plot grid using 1:2:(column(2 + j)) with image, \
       data skip 1 using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.25 lc rgb red, \
       data skip 1 using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.25 lc rgb blue
}
# a^[2] in [0, 1]: red (predicts 0) to blue (predicts 1).
set palette defined (0 red_area, 0.5 '#ffffff', 1 blue_area)
set cbrange [0:1]
set title 'output: a^{[2]} = σ(z^{[2]})'
plot grid using 1:2:(column(3 + n_h)) with image, \
     data skip 1 using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.25 lc rgb red, \
     data skip 1 using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.25 lc rgb blue
unset multiplot
