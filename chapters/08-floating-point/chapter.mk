# The appendix: what its program reads and writes, and its figures (see Makefile).
C := 08-floating-point
$(C)_DATA    := flower
$(C)_RESULTS := values.txt runs.md gradient.md libm.md orders.tsv
$(C)_FIGURES := orders

# The fused core (src/nn_fast.c) compiled five more times under names of
# their own (nn_train_fast_fp_O0, ...), as chapter 7 does for three of them:
# two builds that keep every operation and its order, and three that do not.
# Each calls the C library's tanh, exp and log1p value by value
# (NN_FAST_PLAIN_LIBM), so that the compiler's options reach those calls too.
# Each is compiled with its own options only, not CFLAGS, so that a build
# with other CFLAGS (make CFLAGS='-O0 -g', or -march=native) measures the
# same thing.  Not part of the library.
FP_CORES := O0 O3 fma fast_math vector_libm
FP_RENAME = -Dnn_trainer_alloc=nn_trainer_alloc_fp_$1 -Dnn_trainer_free=nn_trainer_free_fp_$1 \
            -Dnn_train_fast=nn_train_fast_fp_$1 -Dnn__fast_baseline=nn__fast_baseline_fp_$1
FP_FLAGS_O0          := -O0 -ffp-contract=off
FP_FLAGS_O3          := -O3 -mavx2 -mfma -ffp-contract=off
FP_FLAGS_fma         := -O2 -mavx2 -mfma -ffp-contract=fast
FP_FLAGS_fast_math   := -O2 -ffast-math
FP_FLAGS_vector_libm := -O3 -ffast-math -mavx2 -mfma
FP_OBJ := $(foreach v,$(FP_CORES),$(BUILD)/obj/chapters/$(C)/core_fp_$(v).o)

$(BUILD)/obj/chapters/$(C)/core_fp_%.o: src/nn_fast.c chapters/$(C)/chapter.mk | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Wno-psabi $(WERROR) -g -Isrc $(GSL_CFLAGS) \
	  -DNN_FAST_PLAIN_LIBM $(FP_FLAGS_$*) $(call FP_RENAME,$*) -c $< -o $@

$(BUILD)/bin/$(C): $(FP_OBJ)

# vmap.c's loops call glibc's vector tanh and exp only when compiled so.
$(BUILD)/obj/chapters/$(C)/vmap.o: ALL_CFLAGS += -O3 -ffast-math -mavx2 -mfma
