#!/usr/bin/env bash
# bad_input.sh: every program answers bad input the way the README promises.
#
# Each case runs a built program on one bad argument, option, path or data
# file and asserts that
#   - it exits non-zero,
#   - it prints exactly one line on stderr, and that line names the culprit,
#   - its output directory, filled beforehand with good results, is unchanged
#     byte for byte,
#   - no temporary file is left behind.
# Interrupting a long run with SIGINT or SIGTERM must leave the same.
# Run by `make check` after the Check suites; prints "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BIN=${BIN:-build/bin}
CHAPTERS=$(cd chapters && ls -d [0-9][0-9]-*/ | tr -d /)
work=$(mktemp -d "${TMPDIR:-/tmp}/bad-input.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# snapshot DIR-OR-FILE: its names and contents
. tests/lib.sh

# expect LABEL CULPRIT WATCHED -- COMMAND...: the command fails with one line
# on stderr containing CULPRIT, WATCHED (a directory or a file) unchanged, no
# *.tmp.* file anywhere in it (or beside it).
expect() {
  local label=$1 culprit=$2 watched=$3
  shift 4
  local dir=$watched
  [ -d "$dir" ] || dir=$(dirname "$watched")
  local before after rc lines why=""
  before=$(snapshot "$watched")
  "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
  rc=$?
  after=$(snapshot "$watched")
  lines=$(wc -l <"$work/stderr")
  [ "$rc" -ne 0 ] || why="exit status 0"
  [ -z "$why" ] && [ "$lines" -ne 1 ] && why="$lines lines on stderr"
  [ -z "$why" ] && ! grep -qF -- "$culprit" "$work/stderr" && why="the message does not name '$culprit'"
  [ -z "$why" ] && [ "$before" != "$after" ] && why="$watched changed"
  [ -z "$why" ] && [ -n "$(find "$dir" -name '*.tmp.*' 2>/dev/null)" ] && why="a temporary file was left"
  if [ -z "$why" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s: %s\n  command: %s\n  stderr: %s\n' "$label" "$why" "$*" \
      "$(head -c 300 "$work/stderr" | tr '\n' '|')"
  fi
}

# ---------------------------------------------------------------- the data
good="$work/data"
mkdir -p "$good"
cp data/*.csv "$good/"
header=$(head -n 1 data/flower.csv)
row2=$(sed -n 2p data/flower.csv)

# bad_data NAME: a copy of the good data directory for one corruption
bad_data() {
  mkdir -p "$work/d-$1"
  cp data/*.csv "$work/d-$1/"
  echo "$work/d-$1"
}

declare -A CULPRIT
make_flower() { # NAME CULPRIT, then the corrupted flower.csv on stdin
  local d
  d=$(bad_data "$1")
  cat >"$d/flower.csv"
  CULPRIT[$1]=$2
}
: | make_flower empty "is empty"
head -n 1 data/flower.csv | make_flower header_only "no examples"
{ echo "$header"; echo "1.5,2.5"; tail -n +3 data/flower.csv; } | make_flower few_fields "ends after 2 fields"
{ echo "$header"; echo "$row2,1"; tail -n +3 data/flower.csv; } | make_flower many_fields "more fields"
{ echo "$header"; echo "nan,${row2#*,}"; tail -n +3 data/flower.csv; } | make_flower nan "is NaN"
{ echo "$header"; echo "inf,${row2#*,}"; tail -n +3 data/flower.csv; } | make_flower inf "is infinite"
{ echo "$header"; echo "1e999,${row2#*,}"; tail -n +3 data/flower.csv; } | make_flower overflow "overflows"
{ echo "$header"; echo "1e-400,${row2#*,}"; tail -n +3 data/flower.csv; } | make_flower underflow "underflows"
{ echo "$header"; echo "${row2%,*},2"; tail -n +3 data/flower.csv; } | make_flower label "label y = 2"
{ echo "$header"; echo "junk,${row2#*,}"; tail -n +3 data/flower.csv; } | make_flower junk "'junk' is not a number"
{ echo "$header"; echo "1.5x,${row2#*,}"; tail -n +3 data/flower.csv; } | make_flower trailing "'1.5x' is not a number"
{ echo "$header"; head -c 1048576 /dev/zero | tr '\0' 'a'; printf ',1,0\n'; tail -n +3 data/flower.csv; } |
  make_flower long_line "is not a number"
{ echo "$header"; printf '1.5,2\0005,0\n'; tail -n +3 data/flower.csv; } | make_flower nul "NUL byte"
{ printf '\357\273\277'; cat data/flower.csv; } | make_flower bom "byte-order mark"
sed 's/$/\r/' data/flower.csv | make_flower crlf "carriage return"
{ head -n -1 data/flower.csv; tail -n 1 data/flower.csv | cut -d, -f1-2 | tr -d '\n'; } |
  make_flower truncated "ends after 2 fields"
head -n -1 data/flower.csv | make_flower rows_399 "has 399 examples, expected 400"
{ cat data/flower.csv; tail -n 1 data/flower.csv; } | make_flower rows_401 "has 401 examples, expected 400"
{ echo "$header"; tail -n +2 data/flower.csv | sed 's/,1$/,0/'; } | make_flower one_class "class 0 only"
{ echo "$header"; tail -n +2 data/flower.csv | awk -F, 'BEGIN{OFS=","} !done && $3==0 {$3=1; done=1} {print}'; } |
  make_flower unbalanced "201 examples of class 1"
{ echo "x1,y"; tail -n +2 data/flower.csv | cut -d, -f1,3; } | make_flower one_feature "1 features, expected 2"
d=$(bad_data dir_flower); rm "$d/flower.csv"; mkdir "$d/flower.csv"; CULPRIT[dir_flower]="is a directory"
d=$(bad_data no_flower); rm "$d/flower.csv"; CULPRIT[no_flower]="flower.csv: No such file"
# chapter 6 reads four more datasets: a bad one is found before any work
d=$(bad_data moons_rows); head -n -1 data/moons.csv >"$d/moons.csv"; CULPRIT[moons_rows]="moons.csv has 199 examples"

# ------------------------------------------------------- chapter programs
afile="$work/a-file"
echo x >"$afile"
for c in $CHAPTERS; do
  prog="$BIN/$c"
  out="$work/out-$c"
  mkdir -p "$out"
  cp -R "results/$c/." "$out/"
  expect "$c unknown option" "unknown option '--bogus'" "$out" -- "$prog" --data "$good" --out "$out" --bogus
  expect "$c missing --out" "--out DIR are required" "$out" -- "$prog" --data "$good"
  expect "$c missing value" "--out needs a value" "$out" -- "$prog" --data "$good" --out
  expect "$c repeated --data" "--data is given twice" "$out" -- "$prog" --data "$good" --data "$good" --out "$out"
  expect "$c repeated --out" "--out is given twice" "$out" -- "$prog" --data "$good" --out "$out" --out "$out"
  expect "$c extra argument" "unexpected argument 'extra'" "$out" -- "$prog" --data "$good" --out "$out" extra
  expect "$c --data missing" "--data $work/nodir: No such file" "$out" -- "$prog" --data "$work/nodir" --out "$out"
  expect "$c --data a file" "--data $afile: not a directory" "$out" -- "$prog" --data "$afile" --out "$out"
  expect "$c --out missing" "--out $work/nodir: No such file" "$out" -- "$prog" --data "$good" --out "$work/nodir"
  expect "$c --out a file" "--out $afile: not a directory" "$afile" -- "$prog" --data "$good" --out "$afile"
  if grep -qE '_BENCH *:= *yes' "chapters/$c/chapter.mk"; then
    expect "$c --bench with --out" "--bench takes --data DIR and no --out" "$out" -- \
      "$prog" --data "$good" --out "$out" --bench
  else
    expect "$c --bench" "has no benchmark" "$out" -- "$prog" --data "$good" --out "$out" --bench
  fi
  if "$prog" --help | grep -q -- '--part main'; then
    expect "$c unknown --part" "--part 'nope': $c has the parts main" "$out" -- \
      "$prog" --data "$good" --out "$out" --part nope
    expect "$c repeated --part" "--part is given twice" "$out" -- \
      "$prog" --data "$good" --out "$out" --part main --part main
  else
    expect "$c --part" "--part: $c has no parts" "$out" -- "$prog" --data "$good" --out "$out" --part main
  fi
  for bad in "${!CULPRIT[@]}"; do
    [ "$bad" = moons_rows ] && [ "$c" != 06-planar-classification ] && continue
    expect "$c data: $bad" "${CULPRIT[$bad]}" "$out" -- "$prog" --data "$work/d-$bad" --out "$out"
  done
done

# A commit that cannot be completed changes nothing: one target is blocked.
out="$work/out-blocked"
mkdir -p "$out"
cp -R results/01-notation/. "$out/"
rm "$out/network_nodes.tsv"
mkdir "$out/network_nodes.tsv"
expect "01-notation blocked target" "network_nodes.tsv: Is a directory; nothing was changed" "$out" -- \
  "$BIN/01-notation" --data "$good" --out "$out"

# A flower whose numbers overflow the arithmetic: the run stops, naming what
# became non-finite, and writes nothing (nb_commit also refuses a non-finite
# number in any result: check_notebook.c).
d=$(bad_data huge)
{ echo "$header"; echo "1e308,-1e308,${row2##*,}"; tail -n +3 data/flower.csv; } >"$d/flower.csv"
out="$work/out-02-forward-propagation"
expect "02-forward-propagation huge values" "the cost is -nan at iteration" "$out" -- \
  "$BIN/02-forward-propagation" --data "$d" --out "$out"

# ----------------------------------------------------- interrupted runs
for sig in INT TERM; do
  out="$work/out-03-activation-functions"
  before=$(snapshot "$out")
  # a background job of a script ignores SIGINT unless it is given back
  env --default-signal=INT "$BIN/03-activation-functions" --data "$good" --out "$out" \
    >/dev/null 2>&1 &
  pid=$!
  sleep 1
  kill -s "$sig" "$pid"
  wait "$pid"
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$before" = "$(snapshot "$out")" ] &&
     [ -z "$(find "$out" -name '*.tmp.*')" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL 03-activation-functions interrupted by SIG$sig: exit $rc, --out changed or temporary files left"
  fi
done

# ------------------------------------------------------------- the tools
dir="$work/mk"
mkdir -p "$dir"
cp data/circles.csv "$dir/circles.csv"
expect "mkdata unknown dataset" "unknown dataset 'petals'" "$dir" -- "$BIN/mkdata" petals "$dir/x.csv"
expect "mkdata missing argument" "usage: mkdata" "$dir" -- "$BIN/mkdata" flower
expect "mkdata extra argument" "usage: mkdata" "$dir" -- "$BIN/mkdata" flower "$dir/x.csv" extra
expect "mkdata empty path" "'' is not a file name" "$dir" -- "$BIN/mkdata" flower ''
expect "mkdata directory path" "'$dir/' is not a file name" "$dir" -- "$BIN/mkdata" flower "$dir/"
expect "mkdata missing directory" "cannot create $work/nodir/x.csv" "$dir" -- "$BIN/mkdata" flower "$work/nodir/x.csv"

readme="$work/README.md"
res="$work/res"
mkdir -p "$res"
printf 'acc = 90.50\n' >"$res/values.txt"
fill_case() { # LABEL CULPRIT README-TEXT
  printf '%b' "$3" >"$readme"
  expect "nbfill $1" "$2" "$readme" -- "$BIN/nbfill" "$readme" "$res"
}
fill_case "line-start marker" "starts with the value marker" 'text\n<!--v:acc-->1<!--/v--> more\n'
fill_case "wrong closing tag" "is not closed by <!--/v-->" 'a <!--v:acc-->0<!--/t--> b <!--v:acc-->1<!--/v-->\n'
fill_case "nested markers" "is not closed by <!--/v-->" 'a <!--v:acc--><!--v:acc-->1<!--/v--><!--/v-->\n'
fill_case "table in a value" "is not closed by <!--/v-->" 'a <!--v:acc--> <!--t:x-->\n<!--/t--> <!--/v-->\n'
fill_case "value across lines" "spans lines" 'a <!--v:acc-->1\n2<!--/v-->\n'
fill_case "NUL byte" "NUL byte" 'a <!--v:acc-->1<!--/v-->\0 b\n'
fill_case "unknown key" "no such key" 'a <!--v:nokey-->1<!--/v-->\n'
fill_case "missing table" "table marker t:absent" 'a\n\n<!--t:absent-->\n<!--/t-->\n'
fill_case "unclosed marker" "is not closed" 'a <!--v:acc-->1\n'
printf 'a <!--v:acc-->1<!--/v-->\n' >"$readme"
expect "nbfill results missing" "$work/nores/values.txt: No such file" "$readme" -- "$BIN/nbfill" "$readme" "$work/nores"
expect "nbfill results a file" "$afile/values.txt: Not a directory" "$readme" -- "$BIN/nbfill" "$readme" "$afile"
expect "nbfill README a directory" "$res is a directory" "$res" -- "$BIN/nbfill" "$res" "$res"
expect "nbfill README missing" "$work/none.md: No such file" "$readme" -- "$BIN/nbfill" "$work/none.md" "$res"
expect "nbfill --check stale" "disagrees with" "$readme" -- "$BIN/nbfill" --check "$readme" "$res"
expect "nbfill usage" "usage: nbfill" "$readme" -- "$BIN/nbfill" "$readme"

gc="$BIN/gradcheck"
w="$work/quiet"
mkdir -p "$w"
expect "gradcheck unknown option" "unknown option '--bogus'" "$w" -- "$gc" --bogus
expect "gradcheck repeated option" "--n_h is given twice" "$w" -- "$gc" --n_h 2 --n_h 3
expect "gradcheck extra argument" "unexpected argument 'extra'" "$w" -- "$gc" extra
expect "gradcheck missing value" "--m needs a value" "$w" -- "$gc" --m
for v in 0 -1 3x nan 99999999999999999999999 ''; do
  expect "gradcheck --n_x '$v'" "--n_x '$v' is not a whole number" "$w" -- "$gc" --n_x "$v"
done
for v in 0 -1e-7 nan inf 1e999 2 1e-7x; do
  expect "gradcheck --eps '$v'" "--eps '$v' is not a number" "$w" -- "$gc" --eps "$v"
done
expect "gradcheck --activation" "unknown activation 'softmax'" "$w" -- "$gc" --activation softmax
expect "gradcheck --bug" "bogus" "$w" -- "$gc" --bug bogus
expect "gradcheck --seed and --seeds" "not both" "$w" -- "$gc" --seed 1 --seeds 2
expect "gradcheck a full disk" "cannot write to standard output" "$w" -- \
  sh -c "exec $gc --activation tanh --n_x 2 --n_h 3 --m 5 --seed 1 >/dev/full"

expect "bench unknown option" "unexpected argument '--bogus'" "$w" -- "$BIN/bench" --bogus
expect "bench missing --data" "--data DIR is required" "$w" -- "$BIN/bench"
expect "bench repeated --data" "--data is given twice" "$w" -- "$BIN/bench" --data data --data data
expect "bench bad data" "has 399 examples" "$w" -- "$BIN/bench" --data "$work/d-rows_399"
expect "bench --train unknown core" "--train 'nope': say readable or fused" "$w" -- \
  "$BIN/bench" --data data --train nope

echo "bad input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
