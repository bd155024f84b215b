#!/bin/bash
# hint.sh FUNC: the next hint for one workbook function (make hint FUNC=...).
# It remembers how many it gave in workbook/.hints/FUNC (HINTS_DIR sets
# another folder); asked again, the next one, until there are none left;
# AGAIN=1 starts over.
set -u
here=$(dirname "$0")
func=${1:-}
known=$(grep -v '^#' "$here/hints.txt" | cut -d: -f1 | uniq | paste -sd' ')
if [ -z "$func" ]; then
  echo "make hint FUNC=name: name one of: $known" >&2
  exit 2
fi
if ! [[ $func =~ ^[a-z_]+$ ]]; then
  echo "make hint: '$func' is not a function name" >&2
  exit 2
fi
mapfile -t hints < <(grep "^$func: " "$here/hints.txt" | cut -d' ' -f2-)
if [ ${#hints[@]} = 0 ]; then
  echo "make hint: no function '$func' in the workbook (known: $known)" >&2
  exit 2
fi
dir=${HINTS_DIR:-workbook/.hints}
mkdir -p "$dir"
state=$dir/$func
[ -n "${AGAIN:-}" ] && rm -f "$state"
given=$(cat "$state" 2>/dev/null || echo 0)
if [ "$given" -ge ${#hints[@]} ]; then
  echo "$func: no more hints (${#hints[@]} given; make hint FUNC=$func AGAIN=1 starts over)"
  exit 0
fi
echo "$func, hint $((given + 1)) of ${#hints[@]}: ${hints[$given]}"
echo $((given + 1)) > "$state"
