# The notebook's engine: `make all` regenerates every dataset, result, table
# and figure from source; `make check` runs the tests.  `make help` lists
# every target.

.DELETE_ON_ERROR:
.SUFFIXES:
# Keep object files and other in-between products: never delete them as intermediates.
.SECONDARY:
MAKEFLAGS += --no-builtin-rules

CC         ?= cc
PKG_CONFIG ?= pkg-config
GNUPLOT    ?= gnuplot
CFLAGS     ?= -O2 -g
# CI builds with WERROR=-Werror: a warning fails the build there.
WERROR     ?=
ALL_CFLAGS  = -std=c11 -Wall -Wextra $(WERROR) $(CFLAGS)
# Recursive (=), so that `make deps all` sees the packages deps installed.
GSL_CFLAGS   = $(shell $(PKG_CONFIG) --cflags gsl)
GSL_LIBS     = $(shell $(PKG_CONFIG) --libs gsl)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)
# GitHub's Markdown parser, for the test that the READMEs render as written.
CMARK_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcmark-gfm)
CMARK_LIBS   = -lcmark-gfm-extensions $(shell $(PKG_CONFIG) --libs libcmark-gfm)

DEB_PACKAGES := gcc make pkg-config libgsl-dev gnuplot-nox check \
                cmark-gfm libcmark-gfm-dev libcmark-gfm-extensions-dev

LIB_SRC  := $(wildcard src/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=build/obj/%.o)
LIB      := build/libnn.a
TEST_SRC := $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=build/obj/%.o)
TESTS    := build/bin/run_tests

DATASETS := flower circles moons blobs quantiles
DATA     := $(DATASETS:%=data/%.csv)

CHAPTERS := $(notdir $(patsubst %/,%,$(dir $(wildcard chapters/*/main.c))))

.PHONY: all data check bench deps clean help
all: data

# ------------------------------------------------------------- the toolchain

# Stops with one clear line when a package is missing, before any compile.
build/toolcheck:
	@for pkg in gsl check libcmark-gfm; do $(PKG_CONFIG) --exists $$pkg 2>/dev/null || \
	  { echo "missing: pkg-config cannot find '$$pkg' (run 'make deps')" >&2; exit 1; }; done
	@command -v $(GNUPLOT) >/dev/null || { echo "missing: $(GNUPLOT) (run 'make deps')" >&2; exit 1; }
	@mkdir -p $(@D) && touch $@
ifneq ($(filter deps,$(MAKECMDGOALS)),)
build/toolcheck: | deps
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

build/obj/%.o: %.c | build/toolcheck
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(GSL_CFLAGS) -MMD -MP -c $< -o $@

$(TEST_OBJ): build/obj/%.o: %.c | build/toolcheck
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(GSL_CFLAGS) $(CHECK_CFLAGS) $(CMARK_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

build/bin/%: build/obj/tools/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(GSL_LIBS) -o $@

$(TESTS): $(TEST_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(CHECK_LIBS) $(CMARK_LIBS) $(GSL_LIBS) -o $@

-include $(shell find build/obj -name '*.d' 2>/dev/null)

# ----------------------------------------------------------------- datasets

data: $(DATA)
data/%.csv: build/bin/mkdata
	@mkdir -p $(@D)
	build/bin/mkdata $* $@

# ----------------------------------------------------------------- chapters
#
# Each chapter folder holds README.md (the derivation), main.c (its program),
# one .gp script per figure, and chapter.mk, which names for chapter C:
#   C_DATA     the datasets its program reads (names in $(DATASETS))
#   C_RESULTS  the files its program writes into results/C/
#   C_FIGURES  its figures: figures/C/F.svg is drawn by chapters/C/F.gp
#   C_BENCH    (optional) yes if its program has a benchmark: `make bench`
#              runs `build/bin/C --data data --bench`, which prints timings
#              and writes no file
# A chapter.mk may add targets of its own (a second program, a verification run).
# The program writes every result at once (a grouped target); each figure
# depends on its script, the shared style and the chapter's results; the
# README's markers are refilled from the results, and its code links from
# the sources (build/stamps/C.readme).

include $(wildcard chapters/*/chapter.mk)

# The sources a README's code links may point into: nbfill sets each link's
# line range to the definition it names.
CODE_LINKED := $(wildcard src/*.c src/*.h chapters/*/main.c tools/*.c tests/*.c)

define chapter
RESULTS_$1 := $$(addprefix results/$1/,$$($1_RESULTS))
FIGURES_$1 := $$(patsubst %,figures/$1/%.svg,$$($1_FIGURES))

build/bin/$1: build/obj/chapters/$1/main.o $(LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$^ $$(GSL_LIBS) -o $$@

$$(RESULTS_$1) &: build/bin/$1 $$($1_DATA:%=data/%.csv)
	@mkdir -p results/$1
	build/bin/$1 --data data --out results/$1

$$(FIGURES_$1): figures/$1/%.svg: chapters/$1/%.gp gnuplot/style.gp $$(RESULTS_$1) $$($1_DATA:%=data/%.csv)
	@mkdir -p $$(@D)
	$$(GNUPLOT) -e "results='results/$1'; output='$$@.tmp'" gnuplot/style.gp $$< \
	  || { rm -f $$@.tmp; exit 1; }
	mv $$@.tmp $$@

build/stamps/$1.readme: chapters/$1/README.md $$(RESULTS_$1) build/bin/nbfill $(CODE_LINKED)
	build/bin/nbfill chapters/$1/README.md results/$1
	@mkdir -p $$(@D) && touch $$@

all: $$(RESULTS_$1) $$(FIGURES_$1) build/stamps/$1.readme
ifeq ($$($1_BENCH),yes)
BENCH_CHAPTERS += $1
endif
endef

$(foreach c,$(CHAPTERS),$(eval $(call chapter,$(c))))

# -------------------------------------------------------------------- tests

# The tests read the committed data, results and READMEs: they check what
# a reader sees, not a fresh rebuild (CI runs `make clean all` for that).
check: $(TESTS)
	$(TESTS)

# Timings vary from run to run: they are printed, never written to a file.
bench: $(BENCH_CHAPTERS:%=build/bin/%) $(DATA)
	@$(if $(BENCH_CHAPTERS),,echo "no chapter has a benchmark yet")
	@$(foreach c,$(BENCH_CHAPTERS),echo "== $(c)" && build/bin/$(c) --data data --bench &&) true

# ------------------------------------------------------------------- others

clean:
	rm -rf build results figures/*/
	rm -f $(DATA)

help:
	@echo "make deps    install the Debian packages the notebook needs (apt-get; sudo when not root)"
	@echo "make all     build the library and programs, regenerate data/, results/, figures/ and"
	@echo "             the numbers and tables in every chapter README (the default)"
	@echo "make data    regenerate the datasets in data/ from their seeds"
	@echo "make check   build and run the Check test suite (exits non-zero on any failure)"
	@echo "make gradcheck  check backpropagation against centred differences on a battery of"
	@echo "             networks; GRADCHECK_ARGS='--activation relu --n_h 5 ...' picks one (chapter 4)"
	@echo "make bench   time the chapters' benchmarks and print the timings (writes no file)"
	@echo "make clean   remove everything the build made: build/, results/, figures, data CSVs"
	@echo "make help    this list"
