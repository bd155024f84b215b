# lib.sh: what the shell test suites share; sourced, not run.

# The state of a directory (or of one file): names and contents.
snapshot() {
  if [ -d "$1" ]; then
    (cd "$1" && find . -print | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z |
      xargs -0 -r sha256sum)
  else
    sha256sum "$1" 2>/dev/null || echo "absent"
  fi
}
