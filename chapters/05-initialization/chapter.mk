# Chapter 5: what its program reads and writes, and its figures (see Makefile).
C := 05-initialization
$(C)_DATA    := flower
$(C)_RESULTS := values.txt symmetry.md extremes.md symmetry_cost.tsv rows_zero.tsv rows_const.tsv rows_random.tsv activations_tanh.tsv bands_relu.tsv \
                $(foreach a,tanh relu,curves_$(a).tsv init_$(a).md seeds_$(a).md)
$(C)_FIGURES := rows symmetry_cost activations scales
