# Chapter 3: what its program reads and writes, and its figures (see Makefile).
C := 03-activation-functions
$(C)_DATA    := flower
$(C)_RESULTS := values.txt derivatives.md steps.md linear.md comparison.md seeds.md \
                saturation.md \
                functions.tsv derivatives.tsv costs.tsv seeds.tsv \
                saturation_sigmoid.tsv saturation_tanh.tsv \
                grid_linear.grid grid_logreg.grid \
                $(foreach g,sigmoid tanh relu leaky_relu,grid_$(g).grid)
# The ReLU sweep, a part of its own (--part relu_sweep): results/$(C)/relu_sweep/
$(C)_PARTS   := relu_sweep
$(C)_relu_sweep_RESULTS := values.txt table.md
$(C)_FIGURES := activations derivatives linear costs boundaries seeds saturation
