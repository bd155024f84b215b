# Chapter 4: what its program reads and writes, its figures (see Makefile),
# and `make gradcheck`, the gradient check on any configuration.
C := 04-backpropagation
$(C)_DATA    := flower
$(C)_RESULTS := values.txt chain.md gradient_shapes.md activations.md battery.tsv kinks.md \
                eps_sweep.tsv broken.md descent.tsv descent.md price.md
$(C)_FIGURES := graph eps_sweep battery descent
$(C)_BENCH   := yes

# `make gradcheck` runs the default battery (every activation, six shapes,
# seeds 1 .. 20); GRADCHECK_ARGS fixes any part of it, for example
#   make gradcheck GRADCHECK_ARGS='--activation relu --n_x 3 --n_h 5 --m 40 --seed 7'
# (`build/bin/gradcheck --help` lists the options).  Non-zero exit if a case fails.
GRADCHECK_ARGS ?=
.PHONY: gradcheck
gradcheck: $(BUILD)/bin/gradcheck
	$(BUILD)/bin/gradcheck $(GRADCHECK_ARGS)

all: $(BUILD)/bin/gradcheck
