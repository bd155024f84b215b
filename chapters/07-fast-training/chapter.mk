# Chapter 7: what its program reads and writes, and its figures (see Makefile).
C := 07-fast-training
$(C)_DATA    := flower
$(C)_RESULTS := values.txt steps.md steps.tsv precision.md precision.tsv
$(C)_FIGURES := calls precision

# The copies of the fused core it trains (variants.h): built by the Makefile
# with their own options, as built (step 4) and with the options section 8
# measures.  Not part of the library.
$(BUILD)/bin/$(C): $(foreach v,plain fma fast_math vector_libm,$(BUILD)/obj/copies/core_$(v).o)

# count.c defines tanh, exp, log1p and gsl_blas_dgemm to count their calls,
# and variants.c calls the copies above, which steps.c trains: all three for
# this program alone (the program checks every step against nn_train itself).
$(C)_PROGRAM_ONLY := count.c variants.c steps.c

# GCC hands the vector_libm copy's tanh, exp and log1p to _ZGVdN4v_tanh and
# the others: SLEEF's (linked before glibc's libmvec), which give the same
# bits on every CPU that runs them.
$(C)_LIBS := $(SLEEF_LIBS)
