# Where tanh's hidden activations start, for each weight scale (seeds 1 to 10 pooled).
# The bins between -0.99 and 0.99 are drawn where they lie; the two saturated
# bins, a < -0.99 and a > 0.99, are drawn as the dark bars in the shaded
# margins, so that their heights add up to the saturated fraction of the title.
eval values(results)
set terminal @svg size 1300,660
set multiplot layout 2,3 title sprintf('Hidden activations a = tanh(z) at the start, all examples (%s %d, seeds 1 to %d pooled); dark bars: saturated, |a| > %.2f', nh, n_h, seeds, saturated_a) font 'Helvetica,16'
edge = 1.3          # the saturated bars are drawn between ±saturated_a and ±edge
set xrange [-edge:edge]
set yrange [0:1]
set xtics ('-0.5' -0.5, '0' 0, '0.5' 0.5)
set xtics add (sprintf('a < -%.2f', saturated_a) -(saturated_a + edge)/2, sprintf('a > %.2f', saturated_a) (saturated_a + edge)/2)
set xlabel 'activation a'
set ylabel 'fraction of activations'
set style fill solid 0.85 noborder
unset key
set object 1 rect from -edge, graph 0 to -saturated_a, graph 1 fc rgb '#ececec' fs solid 1.0 noborder behind
set object 2 rect from saturated_a, graph 0 to edge, graph 1 fc rgb '#ececec' fs solid 1.0 noborder behind
set arrow 1 from -saturated_a, graph 0 to -saturated_a, graph 1 nohead dt 2 lc rgb grey lw 1
set arrow 2 from saturated_a, graph 0 to saturated_a, graph 1 nohead dt 2 lc rgb grey lw 1
f = results.'/activations_tanh.tsv'
keys = "s0001 s001 s01 s1 s10 fanin"
labels = "0.001 0.01 0.1 1 10"
saturated(from, to) = to <= -saturated_a || from >= saturated_a
# x and width of a bin: inner bins as they lie, saturated bins across the margin
bin_x(from, to) = to <= -saturated_a ? -(saturated_a + edge)/2 : from >= saturated_a ? (saturated_a + edge)/2 : (from + to)/2
bin_w(from, to) = saturated(from, to) ? 0.8*(edge - saturated_a) : to - from
do for [k=1:6] {
  name = k < 6 ? 'scale '.word(labels, k) : 'fan-in 1/√n_{prev}'
  set title sprintf('%s: %.1f%% saturated, mean slope %.2f', name, value('tanh_'.word(keys, k).'_saturated'), value('tanh_'.word(keys, k).'_slope'))
  plot f using (bin_x($1, $2)):(saturated($1, $2) ? 1/0 : column(k+2)):(bin_w($1, $2)) with boxes lt k, \
       f using (bin_x($1, $2)):(saturated($1, $2) ? column(k+2) : 1/0):(bin_w($1, $2)) with boxes lc rgb '#333333'
}
unset multiplot
