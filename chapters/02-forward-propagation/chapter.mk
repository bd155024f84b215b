# Chapter 2: what its program reads and writes, and its figures (see Makefile).
C := 02-forward-propagation
$(C)_DATA    := flower
$(C)_RESULTS := values.txt parameters.md agreement.md orders.md work.md wedges.md crossings.md hidden_lines.tsv hidden_arrows.tsv \
                grid_nn.grid grid_units.grid
$(C)_FIGURES := hidden_lines hidden_units
$(C)_BENCH   := yes
