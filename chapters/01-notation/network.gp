# The network of the chapter: n_x inputs, n_h hidden units, one output unit.
eval values(results)
set terminal @svg size 760,520
set datafile separator "\t"
ny = 'n_y ='
set title sprintf('A network with one hidden layer: %s %d, %s %d, %s %d', nx, n_x, nh, n_h, ny, n_y)
unset border
unset tics
unset grid
unset key
set size ratio -1
set xrange [-1.6:9.8]
set yrange [-3.9:3.9]
set style fill solid 1.0 border lc rgb '#4d4d4d'
set style circle radius 0.5
# The prediction leaves the output unit.
set arrow from 8.5,0 to 9.15,0 head filled size 0.18,20 lc rgb '#7f7f7f' lw 1
nodes = results.'/network_nodes.tsv'
edges = results.'/network_edges.tsv'
layers = results.'/network_layers.tsv'
fill(l) = l == 0 ? 0xf2f2f2 : (l == 1 ? 0xd3e3f4 : 0xf7d6cf)
name(l, k) = l == 0 ? sprintf('x_%d', k) : (l == 1 ? sprintf('a@_%d^{[1]}', k) : 'a^{[2]}')
title(l) = l == 0 ? 'input layer' : (l == 1 ? 'hidden layer' : 'output layer')
size(l, n) = sprintf('n^{[%d]} = %s %d', l, l == 0 ? nx : (l == 1 ? nh : ny), n)
shapes(l, r, c, b) = l == 0 ? '' : sprintf('W^{[%d]}: (%d, %d)\nb^{[%d]}: (%d, 1)', l, r, c, l, b)
plot edges using 1:2:3:4 with vectors head filled size 0.18,20 lc rgb '#7f7f7f' lw 1, \
     nodes using 1:2:(fill($3)) with circles lc rgb variable, \
     nodes using 1:2:(name($3, $4)) with labels font 'Helvetica,14', \
     layers using 1:(-3.1):(title($3)) with labels font 'Helvetica,13', \
     layers using 1:(-3.6):(size($3, $4)) with labels font 'Helvetica,12', \
     layers using ($1 - 2):(3.2):(shapes($3, $5, $6, $7)) with labels font 'Helvetica,12', \
     '+' using (9.5):(0):('ŷ') with labels font 'Helvetica,18'
