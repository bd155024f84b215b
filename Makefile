# The notebook's engine: `make all` regenerates every dataset, result, table
# and figure from source; `make check` runs the tests.  `make help` lists
# every target.

.DELETE_ON_ERROR:
.SUFFIXES:
# Keep object files and other in-between products: never delete them as intermediates.
.SECONDARY:
MAKEFLAGS += --no-builtin-rules
.DEFAULT_GOAL := all
# Every core by default (a -j on the command line wins; make -j1 gives the
# same bytes), except when clean is one of the goals, which must finish first,
# and in a make that make started (it shares its parent's jobs).
ifeq ($(filter clean,$(MAKECMDGOALS))$(filter-out 0,$(MAKELEVEL)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

CC         ?= cc
# Where everything built goes; check-sanitize builds into build/sanitize.
BUILD      ?= build
PKG_CONFIG ?= pkg-config
GNUPLOT    ?= gnuplot
CFLAGS     ?= -O2 -g
# CI builds with WERROR=-Werror: a warning fails the build there.
WERROR     ?=
# No FMA contraction, whatever CFLAGS says (-march=native would allow it):
# the order of floating-point operations is part of every committed number.
ALL_CFLAGS  = -std=c11 -Wall -Wextra $(WERROR) $(CFLAGS) -ffp-contract=off
# Recursive (=), so that `make deps all` sees the packages deps installed.
GSL_CFLAGS   = $(shell $(PKG_CONFIG) --cflags gsl)
GSL_LIBS     = $(shell $(PKG_CONFIG) --libs gsl)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)
# GitHub's Markdown parser, for the test that the READMEs render as written.
CMARK_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcmark-gfm)
CMARK_LIBS   = -lcmark-gfm-extensions $(shell $(PKG_CONFIG) --libs libcmark-gfm)
# MPFR, for the test that glibc's sin and cos on the flower are correctly rounded.
MPFR_CFLAGS  = $(shell $(PKG_CONFIG) --cflags mpfr)
MPFR_LIBS    = $(shell $(PKG_CONFIG) --libs mpfr)

# SLEEF, whose vector tanh, exp and log1p (its GNU-ABI library, under the names
# GCC's vectoriser calls) chapters 7 and 8 link in place of glibc's libmvec:
# the same bits on every AVX2 CPU, where libmvec's depend on glibc's choice.
SLEEF_LIBS   = -lsleefgnuabi

DEB_PACKAGES := gcc make pkg-config libgsl-dev gnuplot-nox check \
                cmark-gfm libcmark-gfm-dev libcmark-gfm-extensions-dev libmpfr-dev libsleef-dev

# Three parts, each using only those before it:
#   the core library    src/*.c           the network; GSL and libm only
#   the notebook        src/notebook/*.c  what the programs share: arguments,
#                                         atomic outputs, README markers, grids
#   the chapters        chapters/C/*.c    each chapter's program and its study
CORE_SRC := $(wildcard src/*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
CORE_LIB := $(BUILD)/libnn.a
NB_SRC   := $(wildcard src/notebook/*.c)
NB_OBJ   := $(NB_SRC:%.c=$(BUILD)/obj/%.o)
NB_LIB   := $(BUILD)/libnb.a
LIBS     := $(NB_LIB) $(CORE_LIB)
# the chapters' study modules (every .c but main.c and what a chapter.mk
# names in C_PROGRAM_ONLY), which the tests link too; STUDY_SRC is expanded
# where it is used, after the chapter.mk files are read
STUDY_SRC = $(filter-out %/main.c $(foreach c,$(CHAPTERS),$($(c)_PROGRAM_ONLY:%=chapters/$(c)/%)),\
                         $(wildcard chapters/*/*.c))
STUDY_OBJ = $(STUDY_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
TESTS    := $(BUILD)/bin/run_tests

# The fuzz targets (tests/fuzz/fuzz_*.c): the CSV reader, the README filler
# and the model reader; make check replays their corpus, make fuzz fuzzes.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := csv fill model

DATASETS := flower circles moons blobs quantiles
DATA     := $(DATASETS:%=data/%.csv)

CHAPTERS := $(notdir $(patsubst %/,%,$(dir $(wildcard chapters/*/main.c))))
# what each chapter's program reads and writes (see "chapters" below)
include $(wildcard chapters/*/chapter.mk)

.PHONY: all data install uninstall check workbook grade grade-solutions hint check-vmath check-sanitize check-valgrind fuzz deps-check bench deps deps-bench deps-book book check-book clean help
all: data

# ------------------------------------------------------------- the toolchain

# Stops with one clear line when a package is missing, before any compile;
# checked again when the Makefile (and so the package list) changes.
$(BUILD)/toolcheck: Makefile
	@for pkg in gsl check libcmark-gfm mpfr sleef; do $(PKG_CONFIG) --exists $$pkg 2>/dev/null || \
	  { echo "missing: pkg-config cannot find '$$pkg' (run 'make deps')" >&2; exit 1; }; done
	@command -v $(GNUPLOT) >/dev/null || { echo "missing: $(GNUPLOT) (run 'make deps')" >&2; exit 1; }
	@mkdir -p $(@D) && touch $@
ifneq ($(filter deps,$(MAKECMDGOALS)),)
$(BUILD)/toolcheck: | deps
endif

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: every package is installed ($(DEB_PACKAGES))"; \
	else sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "deps: installing $$missing"; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# ------------------------------------------------------------------ compiling

# The core sees only src/: it cannot include the notebook or a chapter.
# Position-independent, for the shared library make install ships.
$(BUILD)/obj/src/%.o: src/%.c | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -Isrc $(GSL_CFLAGS) -MMD -MP -c $< -o $@

# The fused core passes AVX-sized vectors between its own static inline
# functions only; GCC's note that their calling convention changed in 4.6
# concerns calls between files, which never happen.
$(BUILD)/obj/src/nn_fast.o: ALL_CFLAGS += -Wno-psabi

# Copies of the fused core for chapters 7 and 8, which measure what compiler
# options make of it: src/nn_fast.c compiled again under names of its own
# (nn_train_fast_O3, nn_trainer_alloc_O3, ...), each with its own options
# only, whatever CFLAGS says (-march=native there would change what they
# measure), calling tanh, exp and log1p value by value (NN_FAST_PLAIN_LIBM):
# the notebook's own (nn_libm.c), except in vector_libm, which calls the C
# library's (NN_HOST_LIBM) so that GCC can hand them to glibc's vector
# functions, the one thing it measures; for tanh
# hidden units, the flower network's, only (NN_FAST_ONLY); declared in
# src/notebook/nb_copies.h.  Three keep every operation and its order
# (plain, the library's -O2, O0 and O3), three do not, and other_libm calls
# glibc's tanh, exp and log1p for a CPU without FMA, as nn_libm_plain.c
# ports them.  Not part of the
# library.
# The list is src/notebook/nb_copies.h's, read from its NB_COPY_DECLARE lines.
CORE_COPIES := $(shell sed -n 's/^NB_COPY_DECLARE(\([A-Za-z0-9_]*\)).*/\1/p' src/notebook/nb_copies.h)
COPY_FLAGS_plain       := -O2 -ffp-contract=off
COPY_FLAGS_O0          := -O0 -ffp-contract=off
COPY_FLAGS_O3          := -O3 -mavx2 -mfma -ffp-contract=off
COPY_FLAGS_fma         := -O2 -mavx2 -mfma -ffp-contract=fast
COPY_FLAGS_fast_math   := -O2 -ffast-math
COPY_FLAGS_vector_libm := -O3 -ffast-math -mavx2 -mfma -DNN_HOST_LIBM
COPY_FLAGS_other_libm  := -O2 -ffp-contract=off -Dnn_tanh=nn__tanh_plain -Dnn_exp=nn__exp_plain \
                          -Dnn_log1p=nn__log1p_plain
$(foreach v,$(CORE_COPIES),$(if $(COPY_FLAGS_$(v)),,$(error src/notebook/nb_copies.h declares \
  the copy $(v), but the Makefile sets no COPY_FLAGS_$(v))))
COPY_RENAME = $(foreach f,nn_trainer_alloc nn_trainer_free nn_train_fast nn__fast_baseline,-D$(f)=$(f)_$1)
$(BUILD)/obj/copies/core_%.o: src/nn_fast.c Makefile | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Wno-psabi $(WERROR) -g -Isrc $(GSL_CFLAGS) -MMD -MP \
	  -DNN_FAST_PLAIN_LIBM -DNN_FAST_ONLY=NN_TANH $(COPY_FLAGS_$*) $(call COPY_RENAME,$*) -c $< -o $@

# The notebook, the chapters and the tools see the core and the notebook.
$(BUILD)/obj/src/notebook/%.o: src/notebook/%.c | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -Isrc/notebook $(GSL_CFLAGS) $(MPFR_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: %.c | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -Isrc/notebook $(GSL_CFLAGS) -MMD -MP -c $< -o $@

$(TEST_OBJ): $(BUILD)/obj/%.o: %.c | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -Isrc/notebook $(GSL_CFLAGS) $(CHECK_CFLAGS) $(CMARK_CFLAGS) $(MPFR_CFLAGS) -MMD -MP -c $< -o $@

$(CORE_LIB): $(CORE_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(NB_LIB): $(NB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# Every program of the notebook links MPFR: nb_init installs its correctly
# rounded sin, cos and log (src/notebook/nb_exact.c).
$(BUILD)/bin/%: $(BUILD)/obj/tools/%.o $(LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(MPFR_LIBS) $(GSL_LIBS) -o $@

$(TESTS): $(TEST_OBJ) $(STUDY_OBJ) $(LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(CHECK_LIBS) $(CMARK_LIBS) $(MPFR_LIBS) $(GSL_LIBS) -o $@

# ------------------------------------------------------------ the workbook
#
# make workbook copies the exercise files (tests/workbook/exercises/) into
# workbook/, which git ignores and make clean leaves alone; it keeps a file
# already there unless FORCE=1.  make grade links the learner's files with
# the grader (tests/workbook/grade.c and the graded tests in
# tests/check_course_units.c); make grade-solutions links the reference
# answers (tests/workbook/solutions/) instead.
EXERCISES := $(sort $(wildcard tests/workbook/exercises/*.c))
SOLUTIONS := $(sort $(wildcard tests/workbook/solutions/*.c))
WORKBOOK  ?= workbook
YOURS     := $(sort $(wildcard $(WORKBOOK)/*.c))
WB_CFLAGS  = $(ALL_CFLAGS) -Isrc -Itests -Itests/workbook $(GSL_CFLAGS) $(CHECK_CFLAGS)
GRADER_OBJ := $(BUILD)/workbook/tests/workbook/grade.o $(BUILD)/obj/tests/check_course_units.o

# Answers may leave parameters unused (an exercise not done yet).
$(BUILD)/workbook/%.o: %.c | $(BUILD)/toolcheck
	@mkdir -p $(@D)
	$(CC) $(WB_CFLAGS) -Wno-unused-parameter -MMD -MP -c $< -o $@

define grader
$(BUILD)/bin/$1: $(GRADER_OBJ) $(patsubst %.c,$(BUILD)/workbook/%.o,$2) $(CORE_LIB)
	@mkdir -p $$(@D)
	$(CC) $(ALL_CFLAGS) $$^ $(CHECK_LIBS) $(GSL_LIBS) -o $$@
endef
$(eval $(call grader,grade-solutions,$(SOLUTIONS)))
$(eval $(call grader,grade-exercises,$(EXERCISES)))

workbook:
	@mkdir -p workbook
	@for f in $(EXERCISES); do d=workbook/$$(basename $$f); \
	  if [ -e $$d ] && [ -z "$(FORCE)" ]; then echo "kept $$d (yours; FORCE=1 replaces it)"; \
	  else cp $$f $$d && echo "wrote $$d"; fi; done
	@echo "now: make grade (or make grade CHAPTER=1 for one chapter)"

# A file of the learner's that is missing, does not compile or does not link
# is replaced by its exercise, so that the other chapters are still graded
# (tests/workbook/link.sh).
grade:
	@test -n "$(YOURS)" || { echo "make grade: $(WORKBOOK)/ has no exercise files: run make workbook first"; exit 2; }
	@$(MAKE) --no-print-directory -s $(GRADER_OBJ) $(CORE_LIB) $(patsubst %.c,$(BUILD)/workbook/%.o,$(EXERCISES))
	@MAKE="$(MAKE)" BUILD=$(BUILD) WORKBOOK=$(WORKBOOK) EXERCISES="$(EXERCISES)" CC="$(CC)" \
	  CFLAGS_LINK="$(ALL_CFLAGS)" GRADER_OBJ="$(GRADER_OBJ)" LIBS="$(CORE_LIB) $(CHECK_LIBS) $(GSL_LIBS)" \
	  bash tests/workbook/link.sh
	@WORKBOOK=$(WORKBOOK) GRADE_REPLACED="$$(cat $(BUILD)/workbook/replaced.txt)" $(BUILD)/bin/grade $(CHAPTER)

grade-solutions: $(BUILD)/bin/grade-solutions
	@$(BUILD)/bin/grade-solutions $(CHAPTER)

hint:
	@AGAIN="$(AGAIN)" bash tests/workbook/hint.sh "$(FUNC)"

-include $(shell find $(BUILD)/obj $(BUILD)/workbook -name '*.d' 2>/dev/null)

# ----------------------------------------------------------------- datasets

data: $(DATA)
data/%.csv: $(BUILD)/bin/mkdata
	@mkdir -p $(@D)
	$(BUILD)/bin/mkdata $* $@

# ----------------------------------------------------------------- chapters
#
# Each chapter folder holds README.md (the derivation), main.c (its program),
# one .gp script per figure, and chapter.mk, which names for chapter C:
#   C_DATA     the datasets its program reads (names in $(DATASETS))
#   C_RESULTS  the files its program writes into results/C/
#   C_FIGURES  its figures: figures/C/F.svg is drawn by chapters/C/F.gp
#   C_BENCH    (optional) yes if its program has a benchmark: `make bench`
#              runs `$(BUILD)/bin/C --data data --bench`, which prints timings
#              and writes no file
#   C_PROGRAM_ONLY (optional) source files of the program that the tests must
#              not link (they replace library functions, say)
#   C_PARTS    (optional) long studies its program runs apart, so that make -j
#              runs them on other cores: `C --part P` writes the files C_P_RESULTS
#              into results/C/P/, and `C --part main` writes C_RESULTS
# A chapter.mk may add targets of its own (a second program, a verification run).
# The program writes every result at once (a grouped target); each figure
# depends on its script, the shared style and the chapter's results; the
# README's markers are refilled from the results, and its code links from
# the sources (build/stamps/C.readme).


# The sources a README's code links may point into: nbfill sets each link's
# line range to the definition it names.
CODE_LINKED := $(wildcard src/*.[ch] src/notebook/*.[ch] chapters/*/*.[ch] tools/*.c tests/*.c \
                 tests/workbook/*.[ch] tests/workbook/exercises/*.c)

define chapter
RESULTS_$1 := $$(addprefix results/$1/,$$($1_RESULTS))
FIGURES_$1 := $$(patsubst %,figures/$1/%.svg,$$($1_FIGURES))

$(BUILD)/bin/$1: $$(patsubst %.c,$(BUILD)/obj/%.o,$$(wildcard chapters/$1/*.c)) $(LIBS)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$^ $$($1_LIBS) $$(MPFR_LIBS) $$(GSL_LIBS) -o $$@

$$(RESULTS_$1) &: $(BUILD)/bin/$1 $$($1_DATA:%=data/%.csv)
	@mkdir -p results/$1
	$(BUILD)/bin/$1 --data data --out results/$1 $$(if $$($1_PARTS),--part main)

$$(FIGURES_$1): figures/$1/%.svg: chapters/$1/%.gp gnuplot/style.gp $$(RESULTS_$1) $$($1_DATA:%=data/%.csv)
	@mkdir -p $$(@D)
	$$(GNUPLOT) -e "results='results/$1'; output='$$@.tmp'" gnuplot/style.gp $$< \
	  || { rm -f $$@.tmp; exit 1; }
	mv $$@.tmp $$@

$(BUILD)/stamps/$1.readme: chapters/$1/README.md $$(RESULTS_$1) $(BUILD)/bin/nbfill $(CODE_LINKED)
	$(BUILD)/bin/nbfill chapters/$1/README.md results/$1
	@mkdir -p $$(@D) && touch $$@

all: $$(RESULTS_$1) $$(FIGURES_$1) $(BUILD)/stamps/$1.readme
ifeq ($$($1_BENCH),yes)
BENCH_CHAPTERS += $1
endif
endef

# make book reads the committed results and figures and runs no program: it
# calls make again with BOOK_ONLY set, where the rules that rebuild them do
# not exist (a fresh clone's timestamps would otherwise rerun every chapter).
ifeq ($(BOOK_ONLY),)
$(foreach c,$(CHAPTERS),$(eval $(call chapter,$(c))))
endif

# Part $2 of chapter $1's program: its results, and what depends on them.
define part
RESULTS_$1_$2 := $$(addprefix results/$1/$2/,$$($1_$2_RESULTS))

$$(RESULTS_$1_$2) &: $(BUILD)/bin/$1 $$($1_DATA:%=data/%.csv)
	@mkdir -p results/$1/$2
	$(BUILD)/bin/$1 --data data --out results/$1 --part $2

$$(FIGURES_$1) $(BUILD)/stamps/$1.readme: $$(RESULTS_$1_$2)
all: $$(RESULTS_$1_$2)
endef

ifeq ($(BOOK_ONLY),)
$(foreach c,$(CHAPTERS),$(foreach p,$($(c)_PARTS),$(eval $(call part,$(c),$(p)))))
endif

# -------------------------------------------------------------------- tests

# The tests read the committed data, results and READMEs: they check what
# a reader sees, not a fresh rebuild (CI runs `make clean all` for that).
# Then every program meets bad input (tests/bad_input.sh).
PROGRAMS := $(CHAPTERS:%=$(BUILD)/bin/%) $(BUILD)/bin/mkdata $(BUILD)/bin/nbfill $(BUILD)/bin/gradcheck \
            $(BUILD)/bin/bench $(BUILD)/bin/shallow
check: $(TESTS) $(PROGRAMS) $(FUZZ_TARGETS:%=$(BUILD)/bin/replay-%) $(BUILD)/bin/grade-solutions \
       $(BUILD)/bin/grade-exercises
	$(TESTS)
	BIN=$(BUILD)/bin BUILD=$(BUILD) MAKE="$(MAKE)" bash tests/workbook.sh
	BIN=$(BUILD)/bin bash tests/bad_input.sh
	BIN=$(BUILD)/bin CC="$(CC)" CFLAGS="$(CFLAGS)" MAKE="$(MAKE)" BUILD=$(BUILD) bash tests/shallow.sh
	BIN=$(BUILD)/bin bash tests/shallow_input.sh
	BIN=$(BUILD)/bin BUILD=$(BUILD) MAKE="$(MAKE)" bash tests/try_it.sh
	@for t in $(FUZZ_TARGETS); do \
	  echo "$(BUILD)/bin/replay-$$t tests/fuzz/corpus/$$t/* tests/fuzz/regressions/$$t/*"; \
	  $(BUILD)/bin/replay-$$t tests/fuzz/corpus/$$t/* tests/fuzz/regressions/$$t/* || exit 1; \
	done

# The block tanh, exp and log1p of the fused core against the notebook's own
# (src/nn_libm.c), and those against glibc's (its FMA copies, then its plain
# ones under GLIBC_TUNABLES against src/nn_libm_plain.c), bit for bit, on
# more than 10^8 arguments each (tools/vmath_check.c); make check runs a few
# million of them (tests/check_vmath.c).  First, when python3 is there, the
# exp table is regenerated from its definition and compared.
check-vmath: $(BUILD)/bin/vmath_check
	@if $(PYTHON) -c '' 2>/dev/null; then \
	  echo "$(PYTHON) tools/mkexptab.py | cmp - src/nn_exp_table.h"; \
	  $(PYTHON) tools/mkexptab.py | cmp - src/nn_exp_table.h && \
	  echo "src/nn_exp_table.h: regenerated, the same bytes"; \
	else echo "($(PYTHON) not found: the exp table is not regenerated)"; fi
	$(BUILD)/bin/vmath_check
	$(BUILD)/bin/vmath_check --glibc
	GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA $(BUILD)/bin/vmath_check --glibc

# The fuzz targets, replayed on the committed inputs (make check) ...
$(BUILD)/bin/replay-%: $(BUILD)/obj/tests/fuzz/replay.o $(BUILD)/obj/tests/fuzz/fuzz_%.o $(LIBS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(MPFR_LIBS) $(GSL_LIBS) -o $@

# ... and fuzzed with libFuzzer (clang, AddressSanitizer, UBSan) for
# FUZZ_SECONDS each, from the committed corpus.  An input that crashes a
# target is written to build/fuzz/crash-TARGET-*; keep it in
# tests/fuzz/regressions/TARGET/ so that make check replays it for ever.
# (-Wno-psabi: the fused core's vectors pass between its own static inline
# functions only, as for nn_fast.o above)
FUZZ_FLAGS := -g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
              -Wno-psabi
CHECK_PACKAGES := valgrind clang libclang-rt-14-dev strace
fuzz: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz-%)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(BUILD)/fuzz/corpus-$$t && \
	  echo "fuzz-$$t for $(FUZZ_SECONDS) s" && \
	  ASAN_OPTIONS=detect_leaks=1 $(BUILD)/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=4096 -malloc_limit_mb=64 -rss_limit_mb=1024 \
	    -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/crash-$$t- \
	    $(BUILD)/fuzz/corpus-$$t tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t \
	    2>$(BUILD)/fuzz/fuzz-$$t.log || \
	  { tail -n 30 $(BUILD)/fuzz/fuzz-$$t.log; echo "fuzz-$$t crashed: keep the input in tests/fuzz/regressions/$$t/"; exit 1; }; \
	  grep -E 'stat::(number_of_executed_units|new_units_added)' $(BUILD)/fuzz/fuzz-$$t.log; \
	done

$(BUILD)/fuzz/fuzz-%: tests/fuzz/fuzz_%.c $(CORE_SRC) $(NB_SRC) $(wildcard src/*.h src/notebook/*.h)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -Isrc -Isrc/notebook $(GSL_CFLAGS) $(MPFR_CFLAGS) $< $(CORE_SRC) $(NB_SRC) $(MPFR_LIBS) $(GSL_LIBS) -o $@

deps-check:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(CHECK_PACKAGES)"

# The same checks built with AddressSanitizer and UndefinedBehaviorSanitizer
# (in build/sanitize): any memory error or undefined behaviour fails them, and
# the bad-input suite's one-line rule fails on a sanitizer's report.  Leaks
# are memcheck's business (check-valgrind): a program that dies on bad input
# exits without freeing.
SANITIZE_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
                  -fno-omit-frame-pointer
check-sanitize:
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(MAKE) --no-print-directory BUILD=build/sanitize CFLAGS="$(SANITIZE_FLAGS)" check

# The tests (but the "long" fused-core comparison, 1,800,000 iterations) and
# the tools under valgrind's memcheck: an invalid access, an uninitialised
# value or a definite leak fails it.
VALGRIND := valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
check-valgrind: $(TESTS) $(PROGRAMS) $(DATA)
	CK_EXCLUDE_TAGS=long $(VALGRIND) $(TESTS)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	for c in $(CHAPTERS); do \
	  echo "$(VALGRIND) $(BUILD)/bin/nbfill --check chapters/$$c/README.md results/$$c"; \
	  $(VALGRIND) $(BUILD)/bin/nbfill --check chapters/$$c/README.md results/$$c || exit 1; \
	done && \
	echo "$(VALGRIND) $(BUILD)/bin/mkdata flower (and compare with data/flower.csv)" && \
	$(VALGRIND) $(BUILD)/bin/mkdata flower $$tmp/flower.csv && cmp $$tmp/flower.csv data/flower.csv && \
	echo "$(VALGRIND) $(BUILD)/bin/01-notation (and compare with results/01-notation)" && \
	mkdir $$tmp/out && $(VALGRIND) $(BUILD)/bin/01-notation --data data --out $$tmp/out >/dev/null && \
	diff -r $$tmp/out results/01-notation && \
	echo "$(VALGRIND) $(BUILD)/bin/gradcheck on one configuration, and on bad input" && \
	$(VALGRIND) $(BUILD)/bin/gradcheck --activation relu --n_x 3 --n_h 5 --m 40 --seed 7 >/dev/null && \
	{ $(VALGRIND) $(BUILD)/bin/gradcheck --n_x 0 2>/dev/null; test $$? -eq 1; } && \
	{ $(VALGRIND) $(BUILD)/bin/01-notation --data nodir --out $$tmp/out 2>/dev/null; test $$? -eq 1; } && \
	echo "$(VALGRIND) $(BUILD)/bin/shallow train, predict and gradcheck" && \
	$(VALGRIND) $(BUILD)/bin/shallow train --data data/moons.csv --out $$tmp/moons --iterations 300 --quiet >/dev/null && \
	$(VALGRIND) $(BUILD)/bin/shallow predict --model $$tmp/moons --data data/moons.csv >/dev/null 2>&1 && \
	$(VALGRIND) $(BUILD)/bin/shallow gradcheck --data data/circles.csv --n_h 3 >/dev/null && \
	echo "$(VALGRIND) $(BUILD)/bin/shallow train from a pipe, and predict with odd and crafted models" && \
	cat data/moons.csv | $(VALGRIND) $(BUILD)/bin/shallow train --data /dev/stdin --out $$tmp/pipe \
	  --iterations 100 --quiet >/dev/null && \
	for m in tests/fuzz/corpus/model/* tests/fuzz/regressions/model/*; do \
	  mkdir -p $$tmp/crafted && cp $$m $$tmp/crafted/model.txt && \
	  { $(VALGRIND) --error-exitcode=99 --leak-check=no $(BUILD)/bin/shallow predict --model $$tmp/crafted --data data/moons.csv \
	      >/dev/null 2>$$tmp/err; rc=$$?; [ $$rc -le 1 ] || { cat $$tmp/err; exit 1; }; }; \
	done
	@echo "check-valgrind: no memory error in the tests or the tools"

# Timings vary from run to run: they are printed, never written to a file.
# The training benchmark runs the numpy reference with $(PYTHON) when it can
# import numpy (make deps-bench installs Debian's).
PYTHON ?= /usr/bin/python3
BENCH_PACKAGES := python3-numpy libopenblas0-pthread
bench: $(BUILD)/bin/bench $(BENCH_CHAPTERS:%=$(BUILD)/bin/%) $(DATA)
	$(BUILD)/bin/bench --data data --python $(PYTHON) $(BENCH_ARGS)
	@$(foreach c,$(BENCH_CHAPTERS),echo "== $(c)" && $(BUILD)/bin/$(c) --data data --bench &&) true
	@# instructions, which repeat where seconds do not (valgrind, from make deps-check)
	@if command -v valgrind >/dev/null; then \
	  echo "== instructions for 1000 iterations of the flower (callgrind)"; \
	  for core in readable fused; do \
	    valgrind --tool=callgrind --callgrind-out-file=$(BUILD)/callgrind.$$core \
	      $(BUILD)/bin/bench --data data --train $$core >/dev/null 2>&1 || exit 1; \
	    printf '%s\t%s\n' $$core "$$(sed -n 's/^summary: //p' $(BUILD)/callgrind.$$core)"; \
	  done | awk -F '\t' '{ n[NR] = $$2; printf "%-9s %15.0f instructions\n", $$1, $$2 } \
	    END { printf "readable / fused: %.2f\n", n[1] / n[2] }'; \
	else echo "(no valgrind: make deps-check for the instruction counts)"; fi

deps-bench:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(BENCH_PACKAGES)"

# ------------------------------------------------------------------ the book
#
# An offline HTML book: an index, a page per chapter with the code beside the
# derivation, a page per source file with an anchor on every line.  Built with
# pandoc and the filters in tools/book/, math rendered by KaTeX (copied from
# Debian's libjs-katex), every formula checked at build time with Debian's
# katex module.  Generated into $(BUILD)/book/, never committed.

BOOK_PACKAGES := pandoc libjs-katex katex nodejs chromium
PANDOC   ?= pandoc
NODE     ?= node
CHROMIUM ?= chromium
KATEX_JS ?= /usr/share/javascript/katex
# where Debian's node modules live, for require('katex')
NODE_MODULES ?= /usr/share/nodejs
BOOK     := $(BUILD)/book
BOOK_TOOLS := $(wildcard tools/book/*)
READMES  := README.md CONTRIBUTING.md chapters/GLOSSARY.md $(CHAPTERS:%=chapters/%/README.md)
# the files the READMEs link to get a code page each
BOOK_CODE := $(sort $(wildcard src/*.[ch] src/notebook/*.[ch] tools/*.c tests/*.c tests/*.sh tests/fuzz/*.c \
               tests/workbook/*.[ch] tests/workbook/exercises/*.c \
               chapters/*/*.[ch] chapters/*/*.gp chapters/*/chapter.mk gnuplot/style.gp) Makefile)
BOOK_PAGES := $(BOOK)/index.html $(BOOK)/CONTRIBUTING.html $(BOOK)/GLOSSARY.html $(CHAPTERS:%=$(BOOK)/%.html) $(BOOK_CODE:%=$(BOOK)/code/%.html)
BOOK_FILES := $(BOOK)/book.css $(BOOK)/book.js $(BOOK)/katex/katex.min.js \
              $(patsubst %,$(BOOK)/%,$(wildcard figures/*/*.svg))
PANDOC_BOOK = $(PANDOC) --from gfm+tex_math_dollars --to html5 --standalone --katex \
  --section-divs --template tools/book/page.html -M chapters="$(CHAPTERS)"

ifeq ($(BOOK_ONLY),)
book:
	@$(MAKE) --no-print-directory BOOK_ONLY=1 book
else
book: $(BOOK_PAGES) $(BOOK_FILES)
	@echo "book: open $(BOOK)/index.html"
endif

$(BUILD)/booktools:
	@for t in $(PANDOC) $(NODE) $(CHROMIUM); do command -v $$t >/dev/null || \
	  { echo "missing: $$t (run 'make deps-book')" >&2; exit 1; }; done
	@test -f $(KATEX_JS)/katex.min.js || { echo "missing: $(KATEX_JS)/katex.min.js (run 'make deps-book')" >&2; exit 1; }
	@NODE_PATH=$(NODE_MODULES) $(NODE) -e "require('katex')" 2>/dev/null || \
	  { echo "missing: the katex node module in $(NODE_MODULES) (run 'make deps-book')" >&2; exit 1; }
	@mkdir -p $(@D) && touch $@
ifneq ($(filter deps-book,$(MAKECMDGOALS)),)
$(BUILD)/booktools: | deps-book
endif

# A page from a README: its formulas checked by KaTeX first (file:line on failure).
define book_page
$(BOOK)/$2: $1 $(READMES) $(BOOK_TOOLS) | $(BUILD)/booktools
	@mkdir -p $$(@D)
	$(PANDOC) --from gfm+tex_math_dollars --to html5 --katex -M source=$1 -M page=$2 \
	  -M chapters="$(CHAPTERS)" --lua-filter tools/book/book.lua --lua-filter tools/book/math.lua \
	  -o /dev/null $1 > $$@.math
	NODE_PATH=$(NODE_MODULES) $(NODE) tools/book/katex-check.js $1 < $$@.math
	$(PANDOC_BOOK) -M source=$1 -M page=$2 --lua-filter tools/book/book.lua $1 -o $$@.tmp
	@rm -f $$@.math && mv $$@.tmp $$@
endef
$(eval $(call book_page,README.md,index.html))
$(eval $(call book_page,CONTRIBUTING.md,CONTRIBUTING.html))
$(eval $(call book_page,chapters/GLOSSARY.md,GLOSSARY.html))
$(foreach c,$(CHAPTERS),$(eval $(call book_page,chapters/$(c)/README.md,$(c).html)))

$(BOOK)/code/%.html: % $(READMES) $(BOOK_TOOLS) | $(BUILD)/booktools
	@mkdir -p $(@D)
	$(PANDOC_BOOK) -M source=$* -M page=code/$*.html --lua-filter tools/book/code.lua \
	  /dev/null -o $@.tmp && mv $@.tmp $@

$(BOOK)/figures/%.svg: figures/%.svg
	@mkdir -p $(@D) && cp $< $@
$(BOOK)/book.%: tools/book/book.%
	@mkdir -p $(@D) && cp $< $@
$(BOOK)/katex/katex.min.js: | $(BUILD)/booktools
	@rm -rf $(@D) && mkdir -p $(@D)
	cp -RL $(KATEX_JS)/katex.min.js $(KATEX_JS)/katex.min.css $(KATEX_JS)/fonts $(@D)/

# Every page in headless Chromium: math rendered, images loaded, links
# resolved, no console error; screenshots in $(BUILD)/book/screenshots/.
check-book: book
	CHROMIUM=$(CHROMIUM) $(NODE) tools/book/check-book.js $(BOOK)

deps-book:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(BOOK_PACKAGES)"

# ---------------------------------------------------------------- install
#
# The core library (static and shared), its header, a pkg-config file, the
# shallow command and its man page, under $(DESTDIR)$(PREFIX) (GNU style):
#   cc my.c $(pkg-config --cflags --libs shallownn)
PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 1.0.0
SONAME  := libshallownn.so.1
$(BUILD)/$(SONAME): $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) $^ $(GSL_LIBS) -o $@

all: $(BUILD)/bin/shallow

install: $(CORE_LIB) $(BUILD)/$(SONAME) $(BUILD)/bin/shallow
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/shallownn \
	  $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 $(CORE_LIB) $(DESTDIR)$(PREFIX)/lib/libshallownn.a
	install -m 755 $(BUILD)/$(SONAME) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libshallownn.so
	install -m 644 src/nn.h $(DESTDIR)$(PREFIX)/include/shallownn/nn.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' tools/shallownn.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/shallownn.pc
	install -m 755 $(BUILD)/bin/shallow $(DESTDIR)$(PREFIX)/bin/shallow
	install -m 644 tools/man/shallow.1 $(DESTDIR)$(PREFIX)/share/man/man1/shallow.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/lib/libshallownn.a $(DESTDIR)$(PREFIX)/lib/$(SONAME) \
	  $(DESTDIR)$(PREFIX)/lib/libshallownn.so $(DESTDIR)$(PREFIX)/lib/pkgconfig/shallownn.pc \
	  $(DESTDIR)$(PREFIX)/include/shallownn/nn.h $(DESTDIR)$(PREFIX)/bin/shallow \
	  $(DESTDIR)$(PREFIX)/share/man/man1/shallow.1
	-rmdir $(DESTDIR)$(PREFIX)/include/shallownn 2>/dev/null

# The README's example of your own data: the moons, trained by shallow.
ifeq ($(BOOK_ONLY),)
figures/shallow/moons_boundary.svg: $(BUILD)/bin/shallow data/moons.csv
	rm -rf $(BUILD)/shallow-moons
	$(BUILD)/bin/shallow train --data data/moons.csv --out $(BUILD)/shallow-moons --quiet >/dev/null
	@mkdir -p $(@D)
	cp $(BUILD)/shallow-moons/boundary.svg $@
all: figures/shallow/moons_boundary.svg
endif

# At the end of a make all that rebuilt anything: what this machine is,
# printed and kept in $(BUILD)/machine.txt (never in a committed file).  The
# committed bytes do not depend on the CPU, its features or glibc's version
# (the notebook's own tanh, exp and log1p; CI builds everything again as
# another CPU); they do depend on GSL (its BLAS's order of sums) and, for the
# SVGs, on gnuplot.  A file, not a recipe of all, so that make -q all can
# still say whether everything is up to date.
$(BUILD)/machine.txt: $(CHAPTERS:%=$(BUILD)/stamps/%.readme) figures/shallow/moons_boundary.svg $(DATA)
	@mkdir -p $(@D)
	@{ echo "built on: $$(uname -m), $$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"; \
	  echo "  CPU features: $$(for f in avx2 fma avx512f; do grep -qw $$f /proc/cpuinfo 2>/dev/null && printf '%s ' $$f; done)(NN_ISA=$${NN_ISA:-unset}, GLIBC_TUNABLES=$${GLIBC_TUNABLES:-unset})"; \
	  echo "  glibc $$(getconf GNU_LIBC_VERSION 2>/dev/null | cut -d' ' -f2), GSL $$($(PKG_CONFIG) --modversion gsl), $$($(GNUPLOT) --version), $$($(CC) --version | head -1)"; \
	  echo "  the committed results depend on GSL and gnuplot, not on the CPU or glibc"; \
	} | tee $@
all: $(BUILD)/machine.txt

# ------------------------------------------------------------------- others

clean:
	rm -rf build results figures/*/
	rm -f $(DATA)

help:
	@echo "make deps    install the Debian packages the notebook needs (apt-get; sudo when not root)"
	@echo "make all     build the library and programs, regenerate data/, results/, figures/ and"
	@echo "             the numbers and tables in every chapter README (the default)"
	@echo "make data    regenerate the datasets in data/ from their seeds"
	@echo "make check   build and run the tests: the Check suite, bad input, shallow, the Try it"
	@echo "             answers and the fuzz targets' inputs (exits non-zero on any failure)"
	@echo "make workbook   copy the exercises (the course's functions to write in C) into workbook/;"
	@echo "             it keeps your files, FORCE=1 replaces them"
	@echo "make grade   grade your functions in workbook/, one line each; CHAPTER=4 grades one chapter"
	@echo "make hint FUNC=backward_propagation  the next hint for one function (AGAIN=1 starts over)"
	@echo "make grade-solutions  grade the reference answers through the same grader"
	@echo "make gradcheck  check backpropagation against centred differences on a battery of"
	@echo "             networks; GRADCHECK_ARGS='--activation relu --n_h 5 ...' picks one (chapter 4)"
	@echo "make book    build the offline HTML book in $(BUILD)/book/ (needs make deps-book)"
	@echo "make check-book  open every page of the book in headless Chromium and check it"
	@echo "make deps-book   install what the book needs: $(BOOK_PACKAGES)"
	@echo "make check-vmath  the fused core's four-lane tanh, exp and log1p against the notebook's own,"
	@echo "             and those against glibc's, bit for bit, on more than 10^8 arguments each"
	@echo "make check-sanitize  make check with AddressSanitizer and UBSan (build/sanitize)"
	@echo "make check-valgrind  the tests and tools under valgrind's memcheck"
	@echo "make fuzz    fuzz the CSV loader, the README filler and the model reader for FUZZ_SECONDS each (clang)"
	@echo "make deps-check  install what check-valgrind and fuzz need: $(CHECK_PACKAGES)"
	@echo "make install     install the core library, nn.h, shallownn.pc, shallow and its man page"
	@echo "                 under DESTDIR/PREFIX (PREFIX=/usr/local); make uninstall removes them"
	@echo "make deps-bench  install numpy for the benchmark's reference column: $(BENCH_PACKAGES)"
	@echo "make bench   time training against numpy, the own tanh, exp and log1p, and the"
	@echo "             chapters' benchmarks; print the timings (writes no file)"
	@echo "make clean   remove everything the build made: $(BUILD)/, results/, figures, data CSVs"
	@echo "make help    this list"
