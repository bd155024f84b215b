#!/usr/bin/env bash
# try_it.sh: every number a "Try it" answer quotes is what its command prints.
#
# In a chapter's "Try it", an answer quotes the command's output between
# <samp> and </samp>. For each exercise with such a quote, this runs the
# exercise's sh block exactly as written, from the repository root (with
# /tmp/ moved to a fresh directory of its own), and fails unless every
# quote appears verbatim in what the commands printed on stdout or stderr.
# An exercise without a quote is not run (its answer quotes no number).
# BIN, BUILD and MAKE (from make check) replace build/bin/, the build
# directory and make in the commands, so that a sanitised build runs its own.
#
# usage: bash tests/try_it.sh [README.md ...]   (default: every chapter)
set -u
cd "$(dirname "$0")/.."
BIN=${BIN:-build/bin} BUILD=${BUILD:-build} MAKE=${MAKE:-make}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=("$@")
[ ${#files[@]} -gt 0 ] || files=(chapters/*/README.md)

fail=0 checked=0 quotes=0
for readme in "${files[@]}"; do
  chapter=$(basename "$(dirname "$readme")")
  rm -rf "$work/items" && mkdir -p "$work/items"
  # Split the Try it section into exercises: N.cmd (the first sh block,
  # unindented) and N.samp (one quote per line).
  awk -v dir="$work/items" -v file="$readme" '
    /^## / { intry = ($0 == "## Try it"); next }
    !intry { next }
    /^[0-9]+\. / { n = $1 + 0; block = 0; inblock = 0 }
    n == 0 { next }
    /^ *```sh *$/ && block == 0 { inblock = 1; block = 1; next }
    inblock && /^ *``` *$/ { inblock = 0; next }
    inblock { sub(/^   /, ""); print > (dir "/" n ".cmd"); next }
    {
      line = $0
      while ((i = index(line, "<samp>")) > 0) {
        rest = substr(line, i + 6)
        j = index(rest, "</samp>")
        if (j == 0) { printf "%s: exercise %d: <samp> not closed on its line\n", file, n > "/dev/stderr"; bad = 1; break }
        print substr(rest, 1, j - 1) > (dir "/" n ".samp")
        line = substr(rest, j + 7)
      }
    }
    END { exit bad }' "$readme" || fail=1
  for samp in "$work"/items/*.samp; do
    [ -e "$samp" ] || continue
    n=$(basename "$samp" .samp)
    cmd="$work/items/$n.cmd"
    if [ ! -s "$cmd" ]; then
      echo "FAIL $readme: Try it $n quotes output but has no sh block to run"
      fail=1
      continue
    fi
    tmp="$work/tmp-$chapter-$n"
    mkdir -p "$tmp"
    sed -e "s|/tmp/|$tmp/|g" -e "s|build/bin/|$BIN/|g" \
        -e "s|^make |$MAKE --no-print-directory BUILD=$BUILD |" "$cmd" > "$cmd.run"
    out=$(bash "$cmd.run" 2>&1)
    checked=$((checked + 1))
    while IFS= read -r quote; do
      quotes=$((quotes + 1))
      q=${quote//\/tmp\//$tmp/}
      if ! grep -qF -- "$q" <<< "$out"; then
        echo "FAIL $readme: Try it $n quotes '$quote', which its command does not print"
        fail=1
      fi
    done < "$samp"
  done
done
# guard against passing trivially: the chapters quote their answers
if [ "$#" -eq 0 ] && [ "$quotes" -lt 20 ]; then
  echo "FAIL only $quotes quotes found in the Try it answers"
  fail=1
fi
echo "try_it: $checked exercises run, $quotes quoted outputs checked"
exit $fail
