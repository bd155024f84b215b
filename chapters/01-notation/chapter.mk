# Chapter 1: what its program reads and writes, and its figures (see Makefile).
C := 01-notation
$(C)_DATA    := flower
$(C)_RESULTS := values.txt dimensions.md network_nodes.tsv network_edges.tsv network_layers.tsv columns.tsv
$(C)_FIGURES := network stacked_columns
