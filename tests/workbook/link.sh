#!/bin/bash
# link.sh: builds the grader from the learner's files, for make grade.
#
# A file of the learner's that is missing, does not compile or does not link
# is replaced by its exercise (every function in it "not implemented"), and
# named with the compiler's or the linker's first errors, so that the other
# chapters are still graded.  The files replaced are listed, one per line,
# in $BUILD/workbook/replaced.txt, which the grader reads.  A file that
# compiles with warnings has them shown: they often point at the mistake.
#
# From make: MAKE, BUILD, WORKBOOK, EXERCISES, CC, CFLAGS_LINK (the options),
# GRADER_OBJ and LIBS (the grader's objects, the core and the libraries).
set -u
dir=$BUILD/workbook
mkdir -p "$dir" "$BUILD/bin"
: > "$dir/replaced.txt"
objs=()
exercise_obj() { echo "$dir/${1%.c}.o"; }
for e in $EXERCISES; do
  f=$WORKBOOK/$(basename "$e")
  o=$dir/${f%.c}.o
  if [ ! -e "$f" ]; then
    echo "$f is missing: its functions are graded as not implemented"
    echo "$f" >> "$dir/replaced.txt"
    o=$(exercise_obj "$e")
  elif ! $MAKE --no-print-directory -s "$o" > "$dir/compile.txt" 2>&1; then
    echo "$f does not compile: its functions are graded as not implemented. The compiler says:"
    grep -m 5 'error' "$dir/compile.txt" | sed 's/^/  /'
    echo "$f" >> "$dir/replaced.txt"
    o=$(exercise_obj "$e")
  elif grep -q 'warning:' "$dir/compile.txt"; then
    echo "$f compiles, with warnings (they often point at a mistake):"
    grep -m 5 'warning:' "$dir/compile.txt" | sed 's/^/  /'
  fi
  objs+=("$o")
done
# Link; while it fails on one of the learner's objects, replace that one.
for attempt in 1 2 3 4 5 6 7; do
  if $CC $CFLAGS_LINK $GRADER_OBJ "${objs[@]}" $LIBS -o "$BUILD/bin/grade" 2> "$dir/link.txt"; then
    exit 0
  fi
  culprit=
  for k in "${!objs[@]}"; do
    case ${objs[$k]} in "$dir/tests/"*) continue ;; esac
    if grep -qF -- "${objs[$k]}" "$dir/link.txt"; then culprit=$k; break; fi
  done
  if [ -z "$culprit" ]; then
    echo "make grade: the grader does not link:"
    grep -m 5 -v '^collect2' "$dir/link.txt" | sed 's/^/  /'
    exit 1
  fi
  o=${objs[$culprit]}
  f=$WORKBOOK/$(basename "${o%.o}").c
  echo "$f does not link: its functions are graded as not implemented. The linker says:"
  grep -m 3 -E 'undefined reference|multiple definition' "$dir/link.txt" | sed -e "s|$dir/||g" -e 's/^/  /'
  echo "$f" >> "$dir/replaced.txt"
  for e in $EXERCISES; do
    [ "$(basename "$e" .c)" = "$(basename "$o" .o)" ] && objs[$culprit]=$(exercise_obj "$e")
  done
done
exit 1
