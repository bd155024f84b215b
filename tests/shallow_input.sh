#!/usr/bin/env bash
# shallow_input.sh: shallow meets input that nobody here wrote.
#
# Each refusal case asserts that the command
#   - exits non-zero (and was not killed by a signal),
#   - prints exactly one line on stderr, naming the culprit,
#   - leaves the watched directory (a trained model) unchanged byte for byte,
#   - leaves no debris (*.tmp.*, *.old.*) beside it,
# and no case, accepted or refused, may create the file PWNED that the
# planted shell and gnuplot payloads would.  Then odd column names and data
# from pipes make the round trip, train -> predict.  Run by make check;
# prints "N passed, N failed".
set -u
shopt -s lastpipe # `... | model_case` counts in this shell
cd "$(dirname "$0")/.."
BIN=${BIN:-build/bin}
SH="$PWD/$BIN/shallow"
. tests/lib.sh # snapshot DIR-OR-FILE: its names and contents
DATA="$PWD/data"
work=$(mktemp -d "${TMPDIR:-/tmp}/shallow-input.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }

debris() { find "$work" -name '*.tmp.*' -o -name '*.old.*' -o -name PWNED 2>/dev/null; }

# refuse LABEL CULPRIT WATCHED COMMAND...: one line naming CULPRIT, a
# non-zero exit, WATCHED unchanged, no debris, no PWNED.
refuse() {
  local label=$1 culprit=$2 watched=$3
  shift 3
  local before after rc why=""
  before=$(snapshot "$watched")
  "$@" >"$work/.out" 2>"$work/.err" </dev/null
  rc=$?
  after=$(snapshot "$watched")
  [ "$rc" -ne 0 ] || why="exit status 0"
  [ -z "$why" ] && [ "$rc" -ge 128 ] && why="killed by signal $((rc - 128))"
  [ -z "$why" ] && [ "$(wc -l <"$work/.err")" -ne 1 ] && why="$(wc -l <"$work/.err") lines on stderr"
  [ -z "$why" ] && ! grep -qF -- "$culprit" "$work/.err" && why="the message does not name '$culprit'"
  [ -z "$why" ] && [ "$before" != "$after" ] && why="$watched changed"
  [ -z "$why" ] && [ -n "$(debris)" ] && why="debris: $(debris | head -3 | tr '\n' ' ')"
  if [ -z "$why" ]; then ok; else
    bad "$label: $why"
    printf '  stderr: %s\n' "$(head -c 300 "$work/.err" | tr '\n' '|')"
    find "$work" -name '*.tmp.*' -o -name '*.old.*' -o -name PWNED | xargs -r rm -rf
  fi
}
# accept LABEL COMMAND...: success, no debris, no PWNED
accept() {
  local label=$1
  shift
  if ! "$@" >"$work/.out" 2>"$work/.err" </dev/null; then
    bad "$label: $(head -c 300 "$work/.err")"
  elif [ -n "$(debris)" ]; then
    bad "$label: debris: $(debris | head -3 | tr '\n' ' ')"
  else ok; fi
}

# The model every refusal must leave as it is.
"$SH" train --data "$DATA/moons.csv" --out model --iterations 200 --quiet >/dev/null || bad "training the model"
M=model
csv="$DATA/moons.csv"

# ------------------------------------------------ payloads: no shell, ever
# Column names, a label and --out that would run `touch PWNED` if pasted
# into a gnuplot script or a shell command line: legal names, so training
# succeeds, and nothing runs.
payloads=(
  "a'.system('touch PWNED').'"
  'a".system("touch PWNED")."'
  '$(touch PWNED)'
  '`touch PWNED`'
  "x';touch PWNED;'"
  '";system("touch PWNED");"'
  "'; !touch PWNED"
  '@{^}_x\ \n'
)
n=0
for p in "${payloads[@]}"; do
  n=$((n + 1))
  { printf '%s,%s,y\n' "$p" "b$n"; tail -n +2 "$csv"; } >"pay$n.csv"
  accept "payload $n in a feature name" "$SH" train --data "pay$n.csv" --out "pay$n" --iterations 50 --quiet
  accept "payload $n: predict" "$SH" predict --model "pay$n" --data "pay$n.csv"
  { printf 'x1,x2,%s\n' "$p"; tail -n +2 "$csv"; } >"lab$n.csv"
  accept "payload $n as the label" "$SH" train --data "lab$n.csv" --label "$p" --out "lab$n" --iterations 50 --quiet
  accept "payload $n as --out" "$SH" train --data "$csv" --out "$p" --iterations 50 --quiet
  [ -f "$p/model.txt" ] && ok || bad "payload $n as --out: no model in '$p'"
  rm -rf -- "$p"
done
[ -z "$(find "$work" / -maxdepth 1 -name PWNED 2>/dev/null)" ] && ok || bad "a payload ran: PWNED exists"

# ----------------------------------------------------- model files
# Each a copy of a real model with one thing wrong: refused with file:line.
good="$M/model.txt"
bm=0
model_case() { # CULPRIT, then the model on stdin
  bm=$((bm + 1))
  mkdir -p "bad$bm"
  cat >"bad$bm/model.txt"
  refuse "model $bm" "$1" "$M" "$SH" predict --model "bad$bm" --data "$csv"
}
sed 's/^n_x 2$/n_x 2305843009213693952/' "$good" | model_case "n_x '2305843009213693952' is not a whole number"
sed 's/^n_x 2$/n_x 16777216/' "$good" | model_case "more than the"
sed 's/^n_h 4$/n_h 100000000/' "$good" | model_case "n_h '100000000' is not a whole number"
sed 's/^n_h 4$/n_h 100000/' "$good" | model_case "make 400001 parameters"
sed 's/^n_h 4$/n_h 0/' "$good" | model_case "n_h '0' is not a whole number"
sed 's/^n_x 2$/n_x -2/' "$good" | model_case "n_x '-2' is not a whole number"
sed 's/^n_x 2$/n_x 2x/' "$good" | model_case "n_x '2x' is not a whole number"
sed 's/^n_x 2$/n_x/' "$good" | model_case "n_x has no value"
sed 's/^format 1$/format 2/' "$good" | model_case "unknown format version '2'"
sed 's/^format 1$/format one/' "$good" | model_case "unknown format version 'one'"
sed 's/^activation tanh$/activation softmax/' "$good" | model_case "unknown activation 'softmax'"
sed '/^format/d' "$good" | model_case "model.txt:2: expected format, found n_x"
sed '/^label/d' "$good" | model_case "expected label, found W1"
sed '/^features/d' "$good" | model_case "expected features, found label"
sed 's/^n_h 4$/n_h 4\nn_h 4/' "$good" | model_case "n_h is given twice (first on line 4)"
awk '{print} /^b1$/{getline; print; print "b1"; print}' "$good" | model_case "b1 is given twice"
sed 's/^features x1,x2$/features x1,x2,x3/' "$good" | model_case "more than n_x = 2 feature names"
sed 's/^features x1,x2$/features x1/' "$good" | model_case "1 feature names for n_x = 2"
sed 's/^features x1,x2$/features x1,,x2/' "$good" | model_case "feature name 2 is empty"
sed 's/^features x1,x2$/features x1,x1/' "$good" | model_case "the feature name 'x1' appears twice"
sed 's/^label y$/label x1/' "$good" | model_case "the label 'x1' is also a feature's name"
sed 's/^label y$/label a,b/' "$good" | model_case "the label name holds a comma"
head -n 8 "$good" | model_case "make 17 parameters, more than the 3 bytes left in the file can hold (cut short"
head -n 10 "$good" | model_case "the file ends after 2 of the 4 rows of W1"
sed -n '/^b1$/q;p' "$good" | model_case "the file ends before b1"
sed -n '/^W2$/q;p' "$good" | model_case "the file ends before W2"
sed -n '/^b2$/q;p' "$good" | model_case "the file ends before b2"
sed '$d' "$good" | model_case "the file ends after 0 of the 1 rows of b2"
head -n 7 "$good" | model_case "the file ends before W1"
head -c -1 "$good" | model_case "the file ends in the middle of a line"
head -c 300 "$good" | model_case "the file ends in the middle of a line"
awk 'NR == 10 { sub(/ [^ ]*$/, "") } {print}' "$good" | model_case "row 2 of W1 has 1 numbers, expected 2"
awk 'NR == 10 { $0 = $0 " 0.5" } {print}' "$good" | model_case "row 2 of W1 has more than 2 numbers"
awk 'NR == 10 { $0 = $0 " " } {print}' "$good" | model_case "row 2 of W1 has more than 2 numbers"
awk 'NR == 10 { $0 = $0 "x" } {print}' "$good" | model_case "x', is not a decimal number"
awk 'NR == 10 { sub(/ /, "  ") } {print}' "$good" | model_case "row 2 of W1 has two spaces before number 2"
awk 'NR == 10 { $1 = "1.5e" } {print}' "$good" | model_case "'1.5e', is not a decimal number"
awk 'NR == 10 { $1 = "nan" } {print}' "$good" | model_case "'nan', is not a decimal number"
awk 'NR == 10 { $1 = "inf" } {print}' "$good" | model_case "'inf', is not a decimal number"
awk 'NR == 10 { $1 = "1e999" } {print}' "$good" | model_case "'1e999', overflows double precision"
awk 'NR == 10 { $1 = "0x" } {print}' "$good" | model_case "'0x', is not a decimal number"
awk 'NR == 10 { sub(/ /, "\t") } {print}' "$good" | model_case "is not a decimal number"
for v in 0x1p-2 +0.5 .5 5. 1e 1e+ 0.5e-3x 1,5; do
  awk -v v="$v" 'NR == 10 { $1 = v } {print}' "$good" | model_case "'$v', is not a decimal number"
done
awk 'NR == 10 { $1 = "1e-400" } {print}' "$good" | model_case "'1e-400', underflows double precision"
awk 'NR == 10 { $1 = "4.9406564584124654e-324" } {print}' "$good" >subnormal.txt
mkdir -p subnormal && mv subnormal.txt subnormal/model.txt
accept "a subnormal weight" "$SH" predict --model subnormal --data "$csv"
sed 's/^n_x 2$/n_x 02/' "$good" | model_case "n_x '02' is not a whole number"
sed 's/^n_h 4$/n_h +4/' "$good" | model_case "n_h '+4' is not a whole number"
awk '/^b2$/ {print; getline; print "0.1 0.2"; next} {print}' "$good" | model_case "row 1 of b2 has more than 1 numbers"
{ cat "$good"; echo "b2"; } | model_case "'b2' after b2, where the model ends"
{ cat "$good"; echo "0.5"; } | model_case "'0.5' after b2, where the model ends"
{ cat "$good"; echo; } | model_case "'' after b2"
sed 's/^W1$/W1 0.5/' "$good" | model_case "text after W1"
sed 's/^W1$/W2/' "$good" | model_case "expected W1, found W2"
sed 's/^n_x 2$//' "$good" | model_case "expected n_x, found ''"
sed 's/$/\r/' "$good" | model_case "model.txt:1: the line ends in a carriage return"
{ printf '\357\273\277'; cat "$good"; } | model_case "starts with a byte-order mark"
{ head -n 3 "$good"; printf 'n_h 4\0\n'; tail -n +5 "$good"; } | model_case "model.txt:4: the line contains a NUL byte"
sed 's/^label y$/label y\x1b[2J/' "$good" | model_case "the line contains the control character 0x1b"
sed 's/^label y$/label y\rz/' "$good" | model_case "the control character 0x0d"
: | model_case "model.txt is empty"
printf 'hello\n' | model_case "expected format, found 'hello'"
head -c 2000 /dev/urandom | tr -d '\0' | tr '\n' 'x' | { cat; echo; } | model_case "model.txt"
# a 200-byte file that claims 100,000 hidden units allocates nothing
{ sed -n '1,3p' "$good"; echo "n_h 100000"; sed -n '5,7p' "$good"; echo W1; } |
  model_case "make 400001 parameters, more than the 3 bytes left"
mkdir -p "bad-dir/model.txt"
refuse "model.txt a directory" "is not a regular file" "$M" "$SH" predict --model bad-dir --data "$csv"
refuse "no model" "(is --model a directory that shallow train wrote?)" "$M" "$SH" predict --model nomodel --data "$csv"
mkdir -p fifo-model && mkfifo fifo-model/model.txt
refuse "model.txt a FIFO" "is not a regular file" "$M" timeout 10 "$SH" predict --model fifo-model --data "$csv"
# weights so large that the output is NaN: refused before any line is printed
# (linear units, so that Z1 = +inf in one unit and -inf in another, and W2 A1 = inf - inf)
awk '/^activation/ { print "activation linear"; next }
     /^W1$/ { print; print "1e308 1e308"; print "-1e308 -1e308"; print "0 0"; print "0 0";
              print "b1"; print "1.7e308 -1.7e308 0 0"; print "W2"; print "1 1 0 0";
              print "b2"; print "0"; exit } {print}' "$good" >big.txt
mkdir -p big && mv big.txt big/model.txt
refuse "NaN outputs" "is NaN: the model's weights are too large" "$M" "$SH" predict --model big --data "$csv"
[ ! -s .out ] && ok || bad "NaN outputs: predictions were printed before the refusal"

# ------------------------------------------------------------- --out
printf 'a file\n' >afile
mkdir -p withnotes && cp "$M"/* withnotes/ && echo mine >withnotes/notes.txt
mkdir -p withsub/sub && cp "$M"/* withsub/
mkdir -p nomodel-dir && echo x >nomodel-dir/cost.tsv
mkdir -p model-is-dir/model.txt
ln -s "$M" link
mkdir -p ro && chmod 555 ro
long=$(printf 'd%.0s' $(seq 1 250))
for w in . .. ./ "$M/.." / '' -x --quiet -; do
  refuse "--out '$w'" "--out" "$M" "$SH" train --data "$csv" --out "$w"
done
refuse "--out a file" "--out afile is a file" afile "$SH" train --data "$csv" --out afile
refuse "--out a symlink" "--out link is a symbolic link" "$M" "$SH" train --data "$csv" --out link
refuse "--out with notes.txt" "holds 'notes.txt', which shallow train does not write" withnotes \
  "$SH" train --data "$csv" --out withnotes
refuse "--out with a subdirectory" "holds 'sub'" withsub "$SH" train --data "$csv" --out withsub
refuse "--out without model.txt" "holds files but no model.txt" nomodel-dir "$SH" train --data "$csv" --out nomodel-dir
refuse "--out model.txt a directory" "holds 'model.txt'" model-is-dir "$SH" train --data "$csv" --out model-is-dir
refuse "--out a 250-byte name" "File name too long" "$M" "$SH" train --data "$csv" --out "$long"
if [ "$(id -u)" -ne 0 ]; then
  refuse "--out in a read-only directory" "Permission denied" ro "$SH" train --data "$csv" --out ro/m
else ok; fi
refuse "--out under a file" "Not a directory" afile "$SH" train --data "$csv" --out afile/m
refuse "--out under nothing" "No such file" "$M" "$SH" train --data "$csv" --out nodir/m
refuse "--out --quiet" "looks like an option" "$M" "$SH" train --data "$csv" --out --quiet
refuse "--out the current directory" "is the current directory" "$M" \
  bash -c 'cd "$1" && exec "$0" train --data "$2" --out "$PWD"' "$SH" "$M" "$csv"
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p ro-model && cp "$M"/* ro-model/ && chmod 555 ro-model
  refuse "--out a read-only model" "Permission denied" ro-model "$SH" train --data "$csv" --out ro-model
  chmod 755 ro-model
else ok; fi
# each refused before training: no time spent
start=$(date +%s%N)
timeout 10 "$SH" train --data "$csv" --out withnotes --iterations 1000000000 >/dev/null 2>&1
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 5000 ] && ok || bad "--out refused only after training"
chmod 755 ro

# ------------------------------------------------------------- options
refuse "predict --seed" "--seed is not an option of shallow predict" "$M" "$SH" predict --seed 3 --model "$M" --data "$csv"
refuse "predict --out" "--out is not an option of shallow predict" "$M" "$SH" predict --out x --model "$M" --data "$csv"
refuse "gradcheck --holdout" "--holdout is not an option of shallow gradcheck" "$M" "$SH" gradcheck --holdout 0.5 --data "$csv"
refuse "one dash" "unknown option '-data' (long options take two dashes, as in --data" "$M" "$SH" train -data "$csv" --out x
refuse "-x" "unknown option '-x'" "$M" "$SH" train -x
refuse "--bogus=1" "unknown option '--bogus' for shallow train" "$M" "$SH" train --bogus=1
refuse "--out missing value" "--out needs a value" "$M" "$SH" train --data "$csv" --out
refuse "--data missing value" "--data needs a value" "$M" "$SH" train --out x --data
refuse "--data ''" "--data is empty" "$M" "$SH" train --data '' --out x
refuse "--model -m" "--model '-m' looks like an option" "$M" "$SH" predict --data "$csv" --model -m
refuse "repeat" "--seed is given twice" "$M" "$SH" train --seed 1 --seed 2 --data "$csv" --out x
refuse "extra argument" "unexpected argument 'extra'" "$M" "$SH" train --data "$csv" --out x extra
refuse "no command" "a command is needed" "$M" "$SH"
refuse "unknown command" "unknown command 'fit'" "$M" "$SH" fit
refuse "train without --out" "needs --data FILE.csv and --out DIR" "$M" "$SH" train --data "$csv"
refuse "predict without --model" "needs --model DIR and --data" "$M" "$SH" predict --data "$csv"
refuse "gradcheck without --data" "needs --data FILE.csv" "$M" "$SH" gradcheck
refuse "--quiet=1" "--quiet takes no value" "$M" "$SH" train --quiet=1 --data "$csv" --out x
refuse "an ambiguous prefix" "option '--i' is ambiguous" "$M" "$SH" train --i 5 --data "$csv" --out x
refuse "a C1 control character" 'unknown activation '"'"'x\u009b2J'"'" "$M" "$SH" train --data "$csv" --out x --activation $'x\xc2\x9b2J'
refuse "a byte that is not UTF-8" 'unknown activation '"'"'x\x9b2J'"'" "$M" "$SH" train --data "$csv" --out x --activation $'x\x9b2J'
refuse "a right-to-left override" 'unknown activation '"'"'\u202e evil'"'" "$M" "$SH" train --data "$csv" --out x --activation $'\u202e evil'
long=$(head -c 100000 /dev/zero | tr '\0' x)
for args in "train --data $csv --out x --iterations $long" "train --$long" "x$long" \
            "train --data $csv --out x --activation $long"; do
  # shellcheck disable=SC2086
  "$SH" $args >/dev/null 2>err.txt
  [ "$(wc -c <err.txt)" -lt 400 ] && ok || bad "a 100 kB value quoted whole: $(head -c 100 err.txt)"
done
refuse "an escape sequence" 'unknown option '"'"'--x\x1b[31m'"'" "$M" "$SH" train $'--x\e[31m'
refuse "a newline" "unknown command 'a\\nb'" "$M" "$SH" $'a\nb'
for v in 0 -1 3x 1e3 '' 100001 99999999999999999999; do
  refuse "--n_h '$v'" "--n_h '$v' is not a whole number" "$M" "$SH" train --data "$csv" --out x --n_h "$v"
done
for v in 0 -5 1.5 x 1000000001; do
  refuse "--iterations '$v'" "--iterations '$v' is not a whole number" "$M" "$SH" train --data "$csv" --out x --iterations "$v"
done
for v in 0 -1 4294967296 s; do
  refuse "--seed '$v'" "--seed '$v' is not a whole number" "$M" "$SH" train --data "$csv" --out x --seed "$v"
done
for v in 0 -1 nan inf 1e301 x 0x; do
  refuse "--learning-rate '$v'" "--learning-rate '$v' is not a number" "$M" "$SH" train --data "$csv" --out x --learning-rate "$v"
done
for v in -0.1 0.95 1 nan x; do
  refuse "--holdout '$v'" "--holdout '$v' is not a number" "$M" "$SH" train --data "$csv" --out x --holdout "$v"
done
for v in -1 1e7 nan; do
  refuse "--init-scale '$v'" "--init-scale '$v' is not a number" "$M" "$SH" train --data "$csv" --out x --init-scale "$v"
done
for v in 0 2 1e-16 x; do
  refuse "--eps '$v'" "--eps '$v' is not a number" "$M" "$SH" gradcheck --data "$csv" --eps "$v"
done
refuse "--activation" "unknown activation 'softmax'" "$M" "$SH" train --data "$csv" --out x --activation softmax
# a path too long for the system: the reason survives, at the end of the line
longpath=$(printf 'p%.0s' $(seq 1 5000))
refuse "a 5000-byte --data" "File name too long" "$M" "$SH" train --data "$longpath.csv" --out x
refuse "a 100 kB --data" "File name too long" "$M" "$SH" train --data "$(printf 'q%.0s' $(seq 1 100000))" --out x
refuse "a 5000-byte --out" "File name too long" "$M" "$SH" train --data "$csv" --out "$longpath"

# ------------------------------------------------------------- CSV files
printf 'a,b,y\n1,2,0\n2,1,1\n' >two.csv
refuse "--holdout leaves one class" "all of class" "$M" "$SH" train --data two.csv --out x --holdout 0.5
printf 'a,a,y\n1,2,0\n' >dup.csv
refuse "a repeated column" "the column name 'a' appears twice" "$M" "$SH" train --data dup.csv --out x
python3 -c "print(','.join('c%d' % (i % 500000) for i in range(1000000)))" >wide-dup.csv 2>/dev/null ||
  awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "c%d%s", i % 500000, i < 999999 ? "," : "\n" }' >wide-dup.csv
refuse "10^6 columns, one repeated (quickly)" "the column name 'c0' appears twice" "$M" timeout 20 "$SH" train --data wide-dup.csv --out x
refuse "/dev/zero" "/dev/zero:1: the header contains a NUL byte" "$M" timeout 20 "$SH" train --data /dev/zero --out x
printf 'x1,x2,y\n1e308,-1e308,0\n-1e308,1e308,1\n' >huge.csv
refuse "features too wide to draw" "too wide to draw the decision regions" "$M" "$SH" train --data huge.csv --out x --iterations 1000000000
printf 'a,b,y\n1,2,0\n\n2,1,1\n' >blank.csv
refuse "a blank line" "blank.csv:3: the line is empty" "$M" "$SH" train --data blank.csv --out x
printf 'a,b,y\r1,2,0\r' >cr.csv
refuse "old Mac line endings" "carriage return" "$M" "$SH" train --data cr.csv --out x
refuse "a directory" "is a directory" "$M" "$SH" train --data "$work" --out x
refuse "no such file" "No such file" "$M" "$SH" train --data nofile.csv --out x
{ printf 'a,b,y\n'; head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' '1'; echo; } >longline.csv
refuse "a 17 MiB line" "longer than 16777216 bytes" "$M" "$SH" train --data longline.csv --out x
printf 'a,b,y\r\n1,2,0\r\n' >crlf.csv
refuse "CRLF" "carriage return" "$M" "$SH" train --data crlf.csv --out x
printf '\357\273\277a,b,y\n1,2,0\n' >bom.csv
refuse "BOM" "byte-order mark" "$M" "$SH" train --data bom.csv --out x
printf 'a,b\x1b,y\n1,2,0\n' >ctl.csv
refuse "a control character in a name" "control character" "$M" "$SH" train --data ctl.csv --out x
printf 'a,,y\n1,2,0\n' >noname.csv
refuse "an empty name" "column 2 of the header has no name" "$M" "$SH" train --data noname.csv --out x
mkfifo nowriter
refuse "a FIFO nobody writes" "nowriter is a pipe that nothing wrote to" "$M" "$SH" train --data nowriter --out x
# predict: stdin from nothing, a label asked for and absent, other features
refuse "predict /dev/null" "/dev/null is empty" "$M" "$SH" predict --model "$M" --data /dev/null
refuse "predict --label absent" "no column is named 'target' (--label)" "$M" "$SH" predict --model "$M" --data "$csv" --label target
printf 'x2,x1\n1,2\n' >swapped.csv
refuse "predict swapped columns" "feature column 1 is 'x2', the model's is 'x1'" "$M" "$SH" predict --model "$M" --data swapped.csv

# ---------------------------------------------------- all or nothing
# A gnuplot that draws slowly holds train in its writing phase, where a
# signal must leave --out as it was, and no temporary directory.
cat >slow-gnuplot <<'EOF'
#!/bin/sh
sleep 30
EOF
chmod +x slow-gnuplot
for sig in INT TERM HUP QUIT USR1 ALRM XCPU PWR SYS RTMIN; do
  before=$(snapshot "$M")
  env --default-signal=INT,QUIT GNUPLOT="$work/slow-gnuplot" "$SH" train --data "$csv" --out "$M" \
    --iterations 100 --quiet >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do [ -n "$(find "$work" -maxdepth 1 -name 'model.tmp.*')" ] && break; sleep 0.05; done
  sleep 0.2
  kill -s "$sig" "$pid"
  wait "$pid" 2>/dev/null
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$before" = "$(snapshot "$M")" ] && [ -z "$(debris)" ] &&
     ! pgrep -f "$work/slow-gnuplot" >/dev/null; then ok
  else bad "SIG$sig while writing: exit $rc, --out changed, debris or gnuplot left: $(debris | tr '\n' ' ')"; fi
done
cat >failing-gnuplot <<'EOF'
#!/bin/sh
echo "line 1: no such terminal" >&2
exit 1
EOF
chmod +x failing-gnuplot
refuse "gnuplot fails" "could not draw the figures: line 1: no such terminal" "$M" \
  env GNUPLOT="$work/failing-gnuplot" "$SH" train --data "$csv" --out "$M" --iterations 50 --quiet
cat >cutting-gnuplot <<'EOF'
#!/bin/sh
printf '<?xml version="1.0"?>\n<svg>\n' >cost.svg
EOF
chmod +x cutting-gnuplot
refuse "gnuplot writes half a figure" "wrote an incomplete figure" "$M" \
  env GNUPLOT="$work/cutting-gnuplot" "$SH" train --data "$csv" --out "$M" --iterations 50 --quiet
# What the figures' program leaves in the new directory is checked: nothing
# but train's five files is swapped in.
for act in 'rm model.txt' 'echo x >extra.txt' 'mkdir sub' 'rm cost.svg; ln -s model.txt cost.svg'; do
  printf '#!/bin/sh\ngnuplot "$@" || exit 1\n%s\n' "$act" >meddling-gnuplot
  chmod +x meddling-gnuplot
  refuse "the figures' program runs '$act'" "nothing was changed" "$M" \
    env GNUPLOT="$work/meddling-gnuplot" "$SH" train --data "$csv" --out "$M" --iterations 50 --quiet
  rm -rf model.tmp.*
done
# one that leaves a program of its own holding the pipes: train goes on
printf '#!/bin/sh\ngnuplot "$@"; (sleep 60 &); exit 0\n' >forking-gnuplot
chmod +x forking-gnuplot
accept "a gnuplot that leaves a child behind" timeout 30 \
  env GNUPLOT="$work/forking-gnuplot" "$SH" train --data "$csv" --out forked --iterations 50 --quiet
pkill -f "^sleep 60$" 2>/dev/null
# a relative path to the figures' program is taken from here
ln -sf "$(command -v gnuplot)" ./gp
accept "GNUPLOT=./gp" env GNUPLOT=./gp "$SH" train --data "$csv" --out relative --iterations 50 --quiet
refuse "no gnuplot" "(is gnuplot installed? make deps)" "$M" \
  env GNUPLOT=/nonexistent/gnuplot "$SH" train --data "$csv" --out "$M" --iterations 50 --quiet
# a file-size limit, stdout full or closed: one line, --out untouched
refuse "a file-size limit" "File too large" "$M" \
  bash -c 'ulimit -f 4; exec "$0" train --data "$1" --out "$2" --iterations 50 --quiet' "$SH" "$csv" "$M"
refuse "stdout full" "cannot write to standard output" "$M" \
  bash -c 'exec "$0" train --data "$1" --out "$2" --iterations 50 --quiet >/dev/full' "$SH" "$csv" "$M"
refuse "stdout closed" "standard output is closed" "$M" \
  bash -c 'exec "$0" train --data "$1" --out "$2" --iterations 50 --quiet >&-' "$SH" "$csv" "$M"
refuse "predict, stdout full" "cannot write to standard output" "$M" \
  bash -c 'exec "$0" predict --data "$1" --model "$2" >/dev/full' "$SH" "$csv" "$M"
refuse "predict, a file-size limit" "File too large" "$M" \
  bash -c 'ulimit -f 1; exec "$0" predict --data "$1" --model "$2" >"$3"' "$SH" "$csv" "$M" "$work/pred.csv"
rm -f pred.csv
# A signal at any system call of the writing phase and the swap (strace
# sends it as the call returns): --out is the earlier model or the new one,
# whole, and nothing is left beside it.
if command -v strace >/dev/null; then
  cp -R "$M" sig-model
  for call in mkdir chmod rmdir openat write close unlink rename rt_sigprocmask; do
    for when in 1 2 5; do
      for sig in INT TERM; do
        (strace -f -qq -o /dev/null -e trace="$call" -e inject="$call":signal="SIG$sig":when="$when" \
          "$SH" train --data "$csv" --out sig-model --iterations 50 --quiet; true) >/dev/null 2>&1
        if [ -z "$(debris)" ] && "$SH" predict --model sig-model --data "$csv" >/dev/null 2>&1 &&
           [ -s sig-model/boundary.svg ] && [ -s sig-model/summary.txt ]; then ok
        else bad "SIG$sig at $call #$when: debris or a broken model: $(debris | tr '\n' ' ')"
          find "$work" -name '*.tmp.*' -o -name '*.old.*' | xargs -r rm -rf; fi
      done
    done
  done
fi
# long feature names: the figure shows their start, the model keeps them whole
names_csv() { # the header, then moons' numbers
  { printf '%s\n' "$1"; tail -n +2 "$csv"; } >names.csv
}
names_csv "$(printf 'A%.0s' $(seq 1 200000)),x2,y"
accept "a 200,000-byte feature name" "$SH" train --data names.csv --out longname --iterations 50 --quiet
[ "$(sed -n 's/^features //p' longname/model.txt | wc -c)" -gt 200000 ] && ok || bad "the long name was not kept"
{ printf '%s,x2,y\n' "$(printf 'B%.0s' $(seq 1 20000))"; tail -n +2 "$csv"; } >b-names.csv
refuse "two long names in one message" "', the model's is 'AAAA" "$M" "$SH" predict --model longname --data b-names.csv
# a model of 100,000 hidden units on 3,000 examples predicts in bounded memory
awk 'BEGIN { n = 100000; print "format 1\nn_x 2\nn_h " n "\nactivation tanh\nfeatures x1,x2\nlabel y\nW1";
  for (i = 0; i < n; i++) print "0.5 -0.25"; printf "b1\n"; for (i = 0; i < n; i++) printf "0.1%s", i < n - 1 ? " " : "\n";
  printf "W2\n"; for (i = 0; i < n; i++) printf "0.01%s", i < n - 1 ? " " : "\n"; print "b2\n0" }' >wide-model.txt
mkdir -p wide-model && mv wide-model.txt wide-model/model.txt
{ head -n 1 "$csv"; for _ in $(seq 1 15); do tail -n +2 "$csv"; done; } >m3000.csv
# (not under AddressSanitizer, whose shadow memory alone needs terabytes of
# address space: make check-sanitize sets ASAN_OPTIONS)
if [ -z "${ASAN_OPTIONS:-}" ]; then
  accept "n_h 100000 on 3000 examples under 1 GB" \
    bash -c 'ulimit -v 1000000; exec "$0" predict --model "$1" --data "$2"' "$SH" wide-model m3000.csv
else ok; fi
# the summary line names --out escaped, on one line
accept "--out with a newline" "$SH" train --data "$csv" --out $'new\nline' --iterations 50 --quiet
[ "$(wc -l <.out)" -eq 1 ] && grep -qF 'wrote new\nline/' .out && ok || bad "the summary line: $(cat .out)"
# the swap itself, replacing an earlier model, leaves nothing beside it
accept "train over an earlier model" "$SH" train --data "$csv" --out "$M" --iterations 200 --quiet

# ------------------------------------------------ the round trip
# Whatever train accepts, predict reads back, with the same accuracy.
roundtrip() { # LABEL CSV [train options]
  local label=$1 data=$2
  shift 2
  rm -rf rt
  if ! "$SH" train --data "$data" --out rt --iterations 300 --quiet "$@" >rt.out 2>rt.err; then
    bad "round trip $label: train: $(head -c 300 rt.err)"; return
  fi
  local want got
  want=$(sed -n 's/^training accuracy  *\([0-9.]*\)%$/\1/p' rt/summary.txt)
  if ! "$SH" predict --model rt --data "$data" >rt.pred 2>rt.err; then
    bad "round trip $label: predict: $(head -c 300 rt.err)"; return
  fi
  got=$(sed -n 's/^shallow: accuracy \([0-9.]*\)%.*/\1/p' rt.err)
  [ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "round trip $label: summary $want%, predict $got%"
}
names_csv 'a, b, y';                     roundtrip "spaces after commas" names.csv
names_csv $'a\tb,c\t,y';                 roundtrip "tabs" names.csv
names_csv $'caf\xc3\xa9,\xe6\xb8\xa9\xe5\xba\xa6,\xf0\x9f\x90\xb1'; roundtrip "UTF-8" names.csv
names_csv $'\xff\xfe,\xc3,y';            roundtrip "bytes that are not UTF-8" names.csv
grep -q $'\xef\xbf\xbd' rt/boundary.svg && ok || bad "invalid UTF-8 not replaced in the SVG"
names_csv "it's,\"q\",back\\slash";      roundtrip "quotes and a backslash" names.csv
names_csv '<svg>,a&b,]]>';               roundtrip "XML" names.csv
names_csv ' ,  ,y ';                     roundtrip "names of spaces" names.csv
names_csv "$(printf 'n%.0s' $(seq 1 10000)),b,$(printf 'l%.0s' $(seq 1 300))"
roundtrip "a 10,000-byte name and a 300-byte label" names.csv
names_csv '-x,--y,y'; roundtrip "names like options" names.csv
# 500 columns of 20-character names: a features line of 10 kB
awk -v n=500 'BEGIN { srand(3); for (k = 1; k <= n; k++) printf "feature_%012d,", k; print "y";
  for (i = 0; i < 60; i++) { s = 0; for (k = 1; k <= n; k++) { v = rand() - 0.5; s += v; printf "%.4f,", v }
    print (s > 0) ? 1 : 0 } }' >wide.csv
roundtrip "500 columns" wide.csv
[ "$(sed -n 's/^features //p' rt/model.txt | wc -c)" -gt 10000 ] && ok || bad "the features line is not over 10 kB"
# label named in the middle, and predict on data without it
awk -F, 'BEGIN { OFS = "," } { print $1, $3, $2 }' "$csv" >mid.csv
roundtrip "the label in the middle" mid.csv --label y

# ------------------------------------------------ data from pipes
accept "train from process substitution" "$SH" train --data <(cat "$csv") --out pipe1 --iterations 100 --quiet
accept "train from /dev/stdin" bash -c 'cat "$1" | "$0" train --data /dev/stdin --out pipe2 --iterations 100 --quiet' "$SH" "$csv"
cmp -s pipe1/model.txt pipe2/model.txt && ok || bad "a pipe and /dev/stdin trained different models"
"$SH" train --data "$csv" --out pipe3 --iterations 100 --quiet >/dev/null 2>&1
cmp -s pipe1/model.txt pipe3/model.txt && ok || bad "a pipe and the file trained different models"
mkfifo fifo
(sleep 0.5; cat "$csv" >fifo) &
accept "train from a FIFO written later" "$SH" train --data fifo --out pipe4 --iterations 100 --quiet
wait
cmp -s pipe1/model.txt pipe4/model.txt && ok || bad "the FIFO trained another model"
"$SH" predict --model pipe3 --data "$csv" >from-file.csv 2>/dev/null
cat "$csv" | "$SH" predict --model pipe3 --data /dev/stdin >from-stdin.csv 2>stdin.err
cmp -s from-file.csv from-stdin.csv && grep -q 'accuracy' stdin.err && ok ||
  bad "predict from /dev/stdin differs from the file, or lost the label: $(cat stdin.err)"
"$SH" predict --model pipe3 --data <(cut -d, -f1,2 "$csv") >from-pipe.csv 2>pipe.err
cmp -s from-file.csv from-pipe.csv && [ ! -s pipe.err ] && ok || bad "predict from a pipe without the label"

echo "shallow input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
