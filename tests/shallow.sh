#!/usr/bin/env bash
# shallow.sh: the shallow command on data of the reader's own, and the
# installed library built against through pkg-config.  Run by make check;
# prints "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BIN=${BIN:-build/bin}
BUILD=${BUILD:-build}
SH="$PWD/$BIN/shallow"
work=$(mktemp -d "${TMPDIR:-/tmp}/shallow.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
# check LABEL COMMAND...: the command succeeds
check() { local label=$1; shift; if "$@" >"$work/out" 2>"$work/err"; then ok; else bad "$label: $(head -c 300 "$work/err")"; fi; }
# refuse LABEL CULPRIT COMMAND...: non-zero exit, one line on stderr naming CULPRIT
refuse() {
  local label=$1 culprit=$2; shift 2
  if "$@" >"$work/out" 2>"$work/err"; then bad "$label: exit status 0"; return; fi
  if [ "$(wc -l <"$work/err")" -ne 1 ] || ! grep -qF -- "$culprit" "$work/err"; then
    bad "$label: stderr '$(head -c 300 "$work/err")' is not one line naming '$culprit'"
    return
  fi
  ok
}

# A CSV of the reader's own: three features and the label second, y = 1
# inside the ball of radius 1.2, 300 examples.
awk 'BEGIN { srand(7); print "size,label,weight,depth";
             for (i = 0; i < 300; i++) { a = 4*rand()-2; b = 4*rand()-2; c = 4*rand()-2;
               printf "%.6f,%d,%.6f,%.6f\n", a, (a*a + b*b + c*c < 1.44*1.44) ? 1 : 0, b, c } }' \
  >"$work/ball.csv"

check "train on three features, label second" \
  "$SH" train --data "$work/ball.csv" --label label --out "$work/ball" --n_h 6 --iterations 3000 --quiet
for f in model.txt cost.tsv summary.txt cost.svg; do
  [ -s "$work/ball/$f" ] && ok || bad "train wrote no $f"
done
[ ! -e "$work/ball/boundary.svg" ] && ok || bad "a boundary figure for three features"
grep -q '^features size,weight,depth$' "$work/ball/model.txt" && grep -q '^label label$' "$work/ball/model.txt" &&
  ok || bad "model.txt does not name the features and the label"
[ "$(grep -vc '^#' "$work/ball/cost.tsv")" -eq 1000 ] && ok || bad "cost.tsv has not 1000 rows"
head -c 5 "$work/ball/cost.svg" | grep -q '<?xml\|<svg' && ok || bad "cost.svg is not SVG"
train_acc=$(sed -n 's/^training accuracy  *\([0-9.]*\)%$/\1/p' "$work/ball/summary.txt")
awk -v a="$train_acc" 'BEGIN { exit !(a > 80) }' && ok || bad "training accuracy $train_acc% is not above 80%"

# predict with the saved model: the same accuracy as the summary
check "predict" "$SH" predict --model "$work/ball" --data "$work/ball.csv" --label label
pred_acc=$(sed -n 's/^shallow: accuracy \([0-9.]*\)%.*/\1/p' "$work/err")
[ -n "$pred_acc" ] && [ "$pred_acc" = "$train_acc" ] && ok || bad "predict says $pred_acc%, the summary $train_acc%"
[ "$(wc -l <"$work/out")" -eq 301 ] && head -n 1 "$work/out" | grep -q '^prediction,probability$' &&
  ok || bad "predict did not write a header and 300 lines"
# data without the label column: predictions, no accuracy
cut -d, -f1,3,4 "$work/ball.csv" >"$work/unlabelled.csv"
check "predict unlabelled" "$SH" predict --model "$work/ball" --data "$work/unlabelled.csv"
[ "$(wc -l <"$work/out")" -eq 301 ] && [ ! -s "$work/err" ] && ok || bad "predict on unlabelled data"

# two features: the decision regions, and a holdout
check "train on two features with a holdout" \
  "$SH" train --data data/moons.csv --out "$work/moons" --holdout 0.25 --quiet
[ -s "$work/moons/boundary.svg" ] && ok || bad "no boundary.svg for two features"
grep -q '^examples  *150 for training, 50 held out$' "$work/moons/summary.txt" &&
  grep -q '^held-out accuracy  *[0-9.]*%$' "$work/moons/summary.txt" && ok || bad "the summary has no holdout"
# training again replaces the model whole, and is deterministic
cp "$work/moons/model.txt" "$work/model-before.txt"
check "train again" "$SH" train --data data/moons.csv --out "$work/moons" --holdout 0.25 --quiet
cmp -s "$work/moons/model.txt" "$work/model-before.txt" && ok || bad "the same training gave another model"

# bad input: one line naming the line, nothing written
printf 'a,b,y\n1,2,1\n3,x,0\n' >"$work/junk.csv"
refuse "a word in a number" "junk.csv:3:3: feature b 'x' is not a number" \
  "$SH" train --data "$work/junk.csv" --out "$work/none"
printf 'a,b,y\n1,2,1\n3,4\n' >"$work/short.csv"
refuse "a short line" "short.csv:3:4: the line ends after 2 fields" "$SH" train --data "$work/short.csv" --out "$work/none"
printf 'a,b,y\n1,nan,1\n3,4,0\n' >"$work/nan.csv"
refuse "NaN" "nan.csv:2:3: feature b is NaN" "$SH" train --data "$work/nan.csv" --out "$work/none"
printf 'a,b,y\n1,2,1\n3,4,1\n' >"$work/one.csv"
refuse "one class" "every label is 1" "$SH" train --data "$work/one.csv" --out "$work/none"
refuse "no such label" "no column is named 'target'" "$SH" train --data "$work/ball.csv" --label target --out "$work/none"
printf 'a,y\n1,2\n3,0\n' >"$work/label2.csv"
refuse "label 2" "label y = 2" "$SH" train --data "$work/label2.csv" --out "$work/none"
[ ! -e "$work/none" ] && [ -z "$(ls "$work" | grep -E '\.(tmp|old)\.')" ] && ok || bad "a refused run wrote something"

# divergence: stopped, named, nothing written
refuse "learning rate 1e6" "training diverged" \
  "$SH" train --data "$work/ball.csv" --label label --out "$work/diverged" --learning-rate 1e6 --quiet
[ ! -e "$work/diverged" ] && ok || bad "a diverged run wrote its directory"
refuse "repeated option" "--n_h is given twice" "$SH" train --data data/moons.csv --out "$work/x" --n_h 2 --n_h 3
refuse "unknown option" "unknown option '--bogus'" "$SH" train --data data/moons.csv --out "$work/x" --bogus
refuse "unknown command" "unknown command 'fit'" "$SH" fit
refuse "predict without a model" "model.txt" "$SH" predict --model "$work/nomodel" --data data/moons.csv
refuse "predict other features" "feature column 1 is 'x1', the model's is 'size'" \
  "$SH" predict --model "$work/ball" --data data/moons.csv
check "--version" "$SH" --version
check "train --help" "$SH" train --help

# gradient checking on the user's data and shape
check "gradcheck" "$SH" gradcheck --data "$work/ball.csv" --label label --n_h 5 --activation relu
grep -q ': pass (threshold' "$work/out" && ok || bad "gradcheck did not pass: $(cat "$work/out")"

# the library installed, and a program built against it through pkg-config
dest="$work/dest"
if $MAKE --no-print-directory BUILD="$BUILD" install DESTDIR="$dest" PREFIX=/usr/local >"$work/install.log" 2>&1; then ok
else bad "make install: $(tail -n 3 "$work/install.log")"; fi
cat >"$work/my.c" <<'C'
#include <stdio.h>
#include <nn.h>
int main(void)
{
    nn_dataset *d = nn_data_flower();
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(2);
    nn_params_init(p, rng, NN_INIT_SCALE);
    nn_trainer *t = nn_trainer_alloc(2, 4, d->X->size2);
    double cost[2];
    nn_train_options opt = {.learning_rate = 1.2, .iterations = 2000, .cost_every = 1000};
    if (nn_train_fast(p, t, NULL, d->X, d->Y, &opt, cost) != NN_OK)
        return 1;
    printf("%.6f %.6f\n", cost[0], cost[1]);
    return 0;
}
C
export PKG_CONFIG_PATH="$dest/usr/local/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
if flags=$(pkg-config --cflags --libs shallownn) &&
   ${CC:-cc} -std=c11 ${CFLAGS:-} "$work/my.c" $flags -o "$work/my" 2>"$work/cc.log" &&
   LD_LIBRARY_PATH="$dest/usr/local/lib" "$work/my" >"$work/my.out"; then
  # the course's costs at iterations 0 and 1000
  grep -q '^0.693048 0.288083$' "$work/my.out" && ok || bad "the installed library trained to $(cat "$work/my.out")"
else
  bad "building against the installed library: $(head -c 300 "$work/cc.log")"
fi
[ -x "$dest/usr/local/bin/shallow" ] && [ -f "$dest/usr/local/share/man/man1/shallow.1" ] && ok ||
  bad "shallow or its man page is not installed"
$MAKE --no-print-directory BUILD="$BUILD" uninstall DESTDIR="$dest" PREFIX=/usr/local >/dev/null 2>&1
[ -z "$(find "$dest" -type f)" ] && ok || bad "make uninstall left $(find "$dest" -type f | head -3)"

echo "shallow: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
