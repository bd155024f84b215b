# Chapter 7: what its program reads and writes, and its figures (see Makefile).
C := 07-fast-training
$(C)_DATA    := flower
$(C)_RESULTS := values.txt steps.md steps.tsv precision.md precision.tsv
$(C)_FIGURES := calls precision

# The fused core compiled four more times under names of their own
# (variants.h), each calling the C library's tanh, exp and log1p value by value
# (NN_FAST_PLAIN_LIBM) and each with its own options only, whatever CFLAGS
# says (-march=native there would change what they measure): as built (step 4), and with the options section 8 measures.  Not part
# of the library.
CH7_RENAME = -Dnn_trainer_alloc=nn_trainer_alloc_$1 -Dnn_trainer_free=nn_trainer_free_$1 \
             -Dnn_train_fast=nn_train_fast_$1 -Dnn__fast_baseline=nn__fast_baseline_$1
CH7_FLAGS_plain       := -O2
CH7_FLAGS_fma         := -O2 -mavx2 -mfma -ffp-contract=fast
CH7_FLAGS_fast_math   := -O2 -ffast-math
CH7_FLAGS_vector_libm := -O3 -ffast-math -mavx2 -mfma
CH7_VARIANTS := $(foreach v,plain fma fast_math vector_libm,$(BUILD)/obj/chapters/$(C)/core_$(v).o)

$(BUILD)/obj/chapters/$(C)/core_%.o: src/nn_fast.c chapters/$(C)/chapter.mk | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Wno-psabi $(WERROR) -g -Isrc $(GSL_CFLAGS) \
	  -DNN_FAST_PLAIN_LIBM $(CH7_FLAGS_$*) $(call CH7_RENAME,$*) -c $< -o $@

$(BUILD)/bin/$(C): $(CH7_VARIANTS)

# count.c defines tanh, exp, log1p and gsl_blas_dgemm to count their calls,
# and variants.c calls the copies above, which steps.c trains: all three for
# this program alone (the program checks every step against nn_train itself).
$(C)_PROGRAM_ONLY := count.c variants.c steps.c
