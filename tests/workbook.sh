#!/bin/bash
# workbook.sh: the grader, run as a learner runs it.
#   - the untouched exercise files: every function "not implemented", the
#     exit non-zero, nothing crashes;
#   - the reference answers: every function passes, also one chapter alone;
#   - a bad chapter: one line and exit 2.
set -u
BIN=${BIN:-build/bin}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

out=$("$BIN/grade-exercises" 2>&1); rc=$?
[ "$rc" = 1 ] && ok || bad "grade-exercises exits $rc, expected 1"
n=$(grep -c '^TODO  [a-z_]*: not implemented yet (workbook/0[1-6]-[a-z-]*\.c)$' <<<"$out")
[ "$n" = 15 ] && ok || bad "grade-exercises: $n TODO lines, expected 15:
$out"
grep -qx '0 of 15 functions pass' <<<"$out" && ok || bad "grade-exercises: no '0 of 15' summary"
grep -q '^next: layer_sizes, in workbook/01-notation.c; its derivation: chapters/01-notation/README.md#' <<<"$out" \
  && ok || bad "grade-exercises: the next function is not layer_sizes"
grep -q 'FAIL\|crash' <<<"$out" && bad "grade-exercises: a FAIL or a crash in untouched files:
$out" || ok

start=$(date +%s.%N)
out=$("$BIN/grade-solutions" 2>&1); rc=$?
seconds=$(echo "$(date +%s.%N) - $start" | bc)
[ "$rc" = 0 ] && ok || bad "grade-solutions exits $rc:
$out"
[ "$(grep -c '^PASS  ' <<<"$out")" = 15 ] && ok || bad "grade-solutions: not 15 PASS lines:
$out"
grep -qx '15 of 15 functions pass' <<<"$out" && ok || bad "grade-solutions: no '15 of 15' summary"
echo "grade-solutions: 15 functions in ${seconds%???????} s"

out=$("$BIN/grade-solutions" 4 2>&1); rc=$?
[ "$rc" = 0 ] && grep -qx '4 of 4 functions pass' <<<"$out" && ok || bad "grade-solutions 4: $out"
out=$("$BIN/grade-exercises" 3 2>&1); rc=$?
[ "$rc" = 1 ] && grep -qx '0 of 5 functions pass' <<<"$out" && ok || bad "grade-exercises 3: $out"

out=$("$BIN/grade-solutions" 7 2>&1); rc=$?
[ "$rc" = 2 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q 'CHAPTER from 1 to 6' <<<"$out" && ok \
  || bad "grade-solutions 7: exit $rc, '$out'"

# A learner's workbook: the reference answers, changed by the commands in
# $1 (run in the workbook's folder), then graded; sets out and rc.
# TIME_SCALE scales the time limits (an endless loop need not take 10 s).
BUILD=${BUILD:-build} MAKE=${MAKE:-make}
grade_changed() {
  local wb
  wb=$(mktemp -d)
  cp tests/workbook/solutions/*.c "$wb/"
  (cd "$wb" && eval "$1")
  out=$(CK_TIMEOUT_MULTIPLIER=${TIME_SCALE:-1} $MAKE --no-print-directory -s grade WORKBOOK="$wb" \
        BUILD="$BUILD/wbtest" 2>&1); rc=$?
  rm -rf "$wb"
}

# three mistakes: a product whose shapes do not fit (named with its
# matrices), a crash and an endless loop, each reported for its own function
TIME_SCALE=0.3 grade_changed "sed -i 's/CblasTrans, inv_m, grads->dZ1, X,/CblasNoTrans, inv_m, grads->dZ1, X,/' 04-backpropagation.c
  sed -i -e 's/^double relu_prime(double z) { return /double relu_prime(double z) { abort(); return /' \
         -e 's/^double relu(double z) { return /double relu(double z) { for (;;) {} return /' \
         -e 's/#include \"workbook.h\"/#include <stdlib.h>\\n#include \"workbook.h\"/' 03-activation-functions.c"
[ "$rc" != 0 ] && ok || bad "a workbook with mistakes: exit 0"
grep -q '^FAIL  backward_propagation: gsl_blas_dgemm: dZ1 (5, 7) times X (3, 7): the sizes in the middle, 7 and 3, differ' <<<"$out" \
  && ok || bad "the shapes of a wrong product are not named:
$out"
grep -q '^FAIL  relu_prime: crashed: Received signal 6' <<<"$out" && ok || bad "the crash in relu_prime:
$out"
grep -q '^FAIL  relu: did not finish within its time limit' <<<"$out" && ok || bad "the endless loop in relu:
$out"
grep -qx '11 of 15 functions pass' <<<"$out" && ok || bad "three mistakes (nn_model fails too, calling the wrong backward_propagation):
$out"

# an allocation that cannot succeed (a cache of 2^40 examples), then its
# NULL used: reported for predict alone
grade_changed "sed -i 's/nn_cache \\*cache = nn_cache_alloc(p->n_h, X->size2);/nn_cache *cache = nn_cache_alloc(p->n_h, (size_t)1 << 40); cache->m = X->size2;/' 06-planar-classification.c"
grep -q '^FAIL  predict: \(out of memory\|crashed\)' <<<"$out" && grep -qx '14 of 15 functions pass' <<<"$out" && ok \
  || bad "an allocation that fails:
$out"

# a second definition of sigmoid, in chapter 2's file: it does not link, so
# chapter 2's functions are not graded, and the others are
grade_changed "printf 'double sigmoid(double z) { return z; }\\n' >> 02-forward-propagation.c"
grep -q "02-forward-propagation.c does not link: its functions are graded as not implemented" <<<"$out" \
  && grep -q "multiple definition of .sigmoid" <<<"$out" \
  && grep -q '^TODO  forward_propagation: not graded, [^ ]*/02-forward-propagation.c does not compile or link' <<<"$out" \
  && grep -q '^PASS  backward_propagation' <<<"$out" && [ "$rc" != 0 ] && ok \
  || bad "a workbook file that does not link:
$out"

# a file that does not compile: its functions are not graded, the others are
grade_changed "echo 'int broken(' >> 05-initialization.c"
grep -q "05-initialization.c does not compile: its functions are graded as not implemented" <<<"$out" \
  && grep -q '^TODO  initialize_parameters: not graded, [^ ]*/05-initialization.c does not compile' <<<"$out" \
  && grep -q '^PASS  backward_propagation' <<<"$out" && [ "$rc" != 0 ] && ok \
  || bad "a workbook file that does not compile:
$out"

# hints: every graded function has at least two, given in order, then none
tmp=$(mktemp -d)
for f in $(grep -o '^TODO  [a-z_]*' <<<"$("$BIN/grade-exercises")" | cut -c7-); do
  n=$(grep -c "^$f: " tests/workbook/hints.txt)
  [ "$n" -ge 2 ] && ok || bad "hints: $f has $n"
done
h1=$(HINTS_DIR=$tmp bash tests/workbook/hint.sh predict)
h2=$(HINTS_DIR=$tmp bash tests/workbook/hint.sh predict)
h3=$(HINTS_DIR=$tmp bash tests/workbook/hint.sh predict)
[[ $h1 == "predict, hint 1 of 2: "* && $h2 == "predict, hint 2 of 2: "* && $h3 == *"no more hints"* ]] \
  && ok || bad "hints in order: '$h1' '$h2' '$h3'"
HINTS_DIR=$tmp bash tests/workbook/hint.sh nosuch 2>/dev/null && bad "hint for an unknown function" || ok
rm -rf "$tmp"

echo "workbook: $pass passed, $fail failed"
[ "$fail" = 0 ]
