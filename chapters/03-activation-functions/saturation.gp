# How saturated the trained hidden layers are: histograms of g'(z) over the data.
eval values(results)
set terminal @svg size 1040,460
set multiplot layout 1,2 title sprintf("Slopes g'(z) of the %d trained hidden units over the flower (seed %d)", n_h, init_seed) font 'Helvetica,16'
set style fill solid 0.6 border rgb '#4d4d4d'
set ylabel sprintf('fraction of the %d hidden values', n_h * m)
set logscale y
set yrange [1e-4:1.5]
set format y '10^{%L}'
unset key
set bmargin 4.5
set title sprintf("tanh: %.1f%% below %.1f = %.1f tanh'(0)", sat_tanh, saturated, saturated)
set xlabel "tanh'(z) = 1 − tanh^2(z)"
set label 1 sprintf(" %.1f = %.1f tanh'(0)", saturated, saturated) at saturated, graph 0.93 left font 'Helvetica,12' textcolor rgb '#1a1a1a'
set xrange [0:sat_tanh_top]
set arrow 1 from saturated, graph 0 to saturated, graph 1 nohead lc rgb '#1a1a1a' dt 2 lw 1.5
plot results.'/saturation_tanh.tsv' using 1:2:(sat_tanh_top / 20.0) with boxes lt 2 notitle
set title sprintf("sigmoid: %.1f%% below %.1f, %.1f%% below %g = %.1f σ'(0)", sat_sigmoid, saturated, sat_sigmoid_rel, sat_sigmoid_rel_threshold, saturated)
set xlabel "σ'(z) = σ(z)(1 − σ(z))"
set label 1 sprintf(" %.1f", saturated) at saturated, graph 0.93 left font 'Helvetica,12' textcolor rgb '#1a1a1a'
set label 2 sprintf(" %g = %.1f σ'(0)", sat_sigmoid_rel_threshold, saturated) at sat_sigmoid_rel_threshold, graph 0.93 left font 'Helvetica,12' textcolor rgb '#1a1a1a'
set xrange [0:sat_sigmoid_top]
set arrow 2 from sat_sigmoid_rel_threshold, graph 0 to sat_sigmoid_rel_threshold, graph 1 nohead lc rgb '#1a1a1a' dt 2 lw 1.5
plot results.'/saturation_sigmoid.tsv' using 1:2:(sat_sigmoid_top / 20.0) with boxes lt 1 notitle
unset multiplot
