# Where tanh's hidden activations start, for each weight scale (seeds 1 to 10 pooled).
eval values(results)
set terminal @svg size 1300,640
set multiplot layout 2,3 title sprintf('Hidden activations a = tanh(z) at the start, all examples (%s %d, seeds 1 to %d pooled)', nh, n_h, seeds) font 'Helvetica,16'
set xrange [-1:1]
set yrange [0:1]
set xtics 0.5
set xlabel 'activation a'
set ylabel 'fraction of activations'
set style fill solid 0.85 noborder
set boxwidth 0.04 absolute
unset key
# The saturated zone |a| > 0.99 lies outside the dashed lines.
set arrow 1 from -0.99, graph 0 to -0.99, graph 1 nohead dt 2 lc rgb grey lw 1
set arrow 2 from 0.99, graph 0 to 0.99, graph 1 nohead dt 2 lc rgb grey lw 1
f = results.'/activations_tanh.tsv'
keys = "s0001 s001 s01 s1 s10 fanin"
labels = "0.001 0.01 0.1 1 10"
do for [k=1:6] {
  name = k < 6 ? 'scale '.word(labels, k) : 'fan-in 1/√n_{prev}'
  set title sprintf('%s: %.1f%% saturated, mean slope %.2f', name, value('tanh_'.word(keys, k).'_saturated'), value('tanh_'.word(keys, k).'_slope'))
  plot f using 1:(column(k+1)) with boxes lt k
}
unset multiplot
