# Cost curves for every starting weight scale κ, tanh hidden units above,
# ReLU hidden units below (seed 2).  Drawn for an 880-pixel column: the
# panels are stacked, so each is as wide as the figure.
eval values(results)
H = 1050.0          # the figure's height in pixels; the panels are placed in pixels from the top
set terminal @svg size 880,H font 'Helvetica,16'
top(px) = 1 - px/H
set multiplot title sprintf("Cost J for each starting weight scale κ\n(%s %d, learning rate %.1f, seed 2)", nh, n_h, learning_rate) \
    font 'Helvetica,20'
set lmargin at screen 0.11
set rmargin at screen 0.97
set title font 'Helvetica,18'
set xlabel 'iteration + 1 (log scale)'
set logscale x
set format x '10^{%T}'
set xrange [1:sweep_iterations]
# The y axis is linear up to 1, where every curve ends, and logarithmic above,
# so that the large scales' first costs (in the hundreds for ReLU, κ = 10) are drawn too.
decade = 0.25      # the height of one decade above 1, in units of the linear part
lin_log(y) = y <= 1 ? y : 1 + decade*log10(y)
log_lin(u) = u <= 1 ? u : 10**((u - 1)/decade)
set nonlinear y via lin_log(y) inverse log_lin(y)
set yrange [0:200]
set ytics ('0' 0, '0.2' 0.2, '0.4' 0.4, '0.6' 0.6, '0.8' 0.8, '1' 1, '10' 10, '100' 100)
set for [d=0:2] for [k=2:9] ytics add ('' k*10**d 1)
set ylabel 'cost J (log scale above 1)'
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#b3b3b3' lw 1 dt 2 back
# The same key in both panels, where no curve runs: top right, above J = 1.
set key top right maxrows 3 width -3 samplen 2.5 spacing 1.1 font 'Helvetica,16'
labels = "0.001 0.01 0.1 1 10"
colours = "#1f5fa8 #c0392b #2ca02c #9467bd #ff7f0e"
black = '#1a1a1a'
curves(act) = sprintf('%s/curves_%s.tsv', results, act)
# The small scales end on one curve: each is drawn narrower than the one
# before, so that all three show where they run together.
width(k) = k <= 3 ? word("3.4 2.4 1.4", k) + 0 : 2

set title 'tanh hidden units'
set tmargin at screen top(140)
set bmargin at screen top(470)
plot for [k=1:5] curves('tanh') using ($1+1):(column(k+1)) with lines lw width(k) lc rgb word(colours, k) \
       title 'κ = '.word(labels, k), \
     curves('tanh') using ($1+1):7 with lines lw 2.5 lc rgb black dt (6,4) title 'fan-in 1/√n_{prev}'

# κ = 1 and He's scale oscillate from about iteration 75 on (the cost jumps by
# up to 0.3 every 20 or so steps), and He's W^{[1]} is κ = 1's (√(2/n_x) = 1), so
# their curves would cover each other and every other curve: each is drawn as
# a band from the least to the largest cost over a window of the same width
# on the log axis (bands_relu.tsv), κ = 1's filled, He's outlined, under the
# other curves.
set title 'ReLU hidden units'
set tmargin at screen top(630)
set bmargin at screen top(970)
bands = results.'/bands_relu.tsv'
col(start, what) = 2*start + what   # start 1..6 as in curves_relu.tsv; what 0: least, 1: largest
set label 1 sprintf("κ = 1 and He's scale oscillate from step to step: each is drawn as a band\nfrom the least to the largest cost over the iterations within a factor %.2f", band_factor) \
    at graph 0.98, first 0.3 right font 'Helvetica,16' textcolor rgb '#333333'
# κ = 1: a filled band with solid edges; He: dashed edges only.  The edges
# show the curve where the band is one cost wide (the first iterations).
purple = word(colours, 4)
plot bands using ($1+1):(column(col(4, 0))):(column(col(4, 1))) with filledcurves \
       fc rgb purple fs transparent solid 0.3 noborder notitle, \
     for [w=0:1] bands using ($1+1):(column(col(4, w))) with lines lw 1.5 lc rgb purple notitle, \
     for [w=0:1] bands using ($1+1):(column(col(6, w))) with lines lw 2 lc rgb black dt (6,4) notitle, \
     for [k=1:3] curves('relu') using ($1+1):(column(k+1)) with lines lw width(k) lc rgb word(colours, k) \
       title 'κ = '.word(labels, k), \
     NaN with filledcurves fc rgb purple fs transparent solid 0.3 border lc rgb purple lw 1.5 \
       title 'κ = '.word(labels, 4), \
     curves('relu') using ($1+1):6 with lines lw 2 lc rgb word(colours, 5) title 'κ = '.word(labels, 5), \
     NaN with lines lw 2 lc rgb black dt (6,4) title 'He √(2/n_{prev})'
unset multiplot
