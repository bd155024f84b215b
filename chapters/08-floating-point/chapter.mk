# The appendix: what its program reads and writes, and its figures (see Makefile).
C := 08-floating-point
$(C)_DATA    := flower
$(C)_RESULTS := values.txt runs.md gradient.md libm.md orders.tsv
$(C)_FIGURES := orders

# The copies of the fused core it trains, built by the Makefile with their
# own options (as chapter 7's are): two builds that keep every operation and
# its order, and three that do not.  Not part of the library.
$(BUILD)/bin/$(C): $(foreach v,O0 O3 fma fast_math vector_libm other_libm,$(BUILD)/obj/copies/core_$(v).o)

# vmap.c's loops call glibc's vector tanh and exp only when compiled so.
$(BUILD)/obj/chapters/$(C)/vmap.o: ALL_CFLAGS += -O3 -ffast-math -mavx2 -mfma

# GCC hands the vector_libm copy's tanh, exp and log1p to _ZGVdN4v_tanh and
# the others: SLEEF's (linked before glibc's libmvec), which give the same
# bits on every CPU that runs them.
$(C)_LIBS := $(SLEEF_LIBS)
