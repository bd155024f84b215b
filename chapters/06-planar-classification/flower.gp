# The flower dataset: 400 points in the plane, 200 per class.
set terminal @svg size 560,520
eval values(results)
set title sprintf('The flower: m = %d examples, %s %d features', m, nx, n_x)
set xlabel 'x_1'
set ylabel 'x_2'
set size ratio -1
set key outside bottom center horizontal
data = 'data/flower.csv'
plot data skip 1 using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.55 lc rgb red title 'y = 0 (red)', \
     data skip 1 using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.55 lc rgb blue title 'y = 1 (blue)'
