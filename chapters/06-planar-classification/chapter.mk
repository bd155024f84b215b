# Chapter 6: what its program reads and writes, and its figures (see Makefile).
C := 06-planar-classification
$(C)_DATA    := flower circles moons blobs quantiles
$(C)_RESULTS := values.txt shapes.md costs.md hidden_sizes.md hidden_sizes_ulp.md heldout.md rates.md datasets.md cost.tsv course.tsv \
                sensitivity.tsv rates.tsv \
                grid_logreg.grid grid_nn.grid $(foreach n,1 2 3 4 5 20 50,grid_nh$(n).grid) \
                $(foreach d,circles moons blobs quantiles,grid_$(d)_logreg.grid grid_$(d)_nn.grid)
$(C)_FIGURES := flower cost boundaries hidden_sizes datasets sensitivity rates

