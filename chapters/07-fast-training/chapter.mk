# Chapter 7: what its program reads and writes, and its figures (see Makefile).
C := 07-fast-training
$(C)_DATA    := flower
$(C)_RESULTS := values.txt steps.md steps.tsv precision.md precision.tsv
$(C)_FIGURES := calls precision

# The fused core compiled three more times, with the options chapter 7
# measures, under names of their own (variants.h), each at its own
# optimisation level whatever CFLAGS says.  Not part of the library.
CH7_RENAME = -Dnn_trainer_alloc=nn_trainer_alloc_$1 -Dnn_trainer_free=nn_trainer_free_$1 \
             -Dnn_train_fast=nn_train_fast_$1 -Dnn__fast_baseline=nn__fast_baseline_$1
CH7_FLAGS_fma         := -O2 -mavx2 -mfma -ffp-contract=fast
CH7_FLAGS_fast_math   := -O2 -ffast-math
CH7_FLAGS_vector_libm := -O3 -ffast-math -mavx2 -mfma
CH7_VARIANTS := $(foreach v,fma fast_math vector_libm,$(BUILD)/obj/chapters/$(C)/core_$(v).o)

$(BUILD)/obj/chapters/$(C)/core_%.o: src/nn_fast.c chapters/$(C)/chapter.mk | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Wno-psabi $(WERROR) $(CFLAGS) -Isrc $(GSL_CFLAGS) \
	  $(CH7_FLAGS_$*) $(call CH7_RENAME,$*) -c $< -o $@

$(BUILD)/bin/$(C): $(CH7_VARIANTS)
# variants.c is a study module, linked into the tests too: they need the copies it calls.
$(TESTS): $(CH7_VARIANTS)
