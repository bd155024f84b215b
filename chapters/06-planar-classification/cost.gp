# The network's cost during training, with the values the course prints.
eval values(results)
set title sprintf('Cost J during training (%s %d, learning rate %.1f)', nh, n_h, learning_rate)
set xlabel 'iteration'
set ylabel 'cost J'
set xrange [0:iterations]
set yrange [0:0.75]
set key right center
plot results.'/cost.tsv' using 1:2 with lines lt 1 lw 2 title 'this notebook', \
     results.'/course.tsv' using 1:2 with points pt 6 ps 1.6 lw 2 lc rgb red title 'printed by the course', \
     logreg_cost with lines dt 2 lw 1.5 lc rgb grey title sprintf('logistic regression, final cost %.3f', logreg_cost)
