#!/bin/sh
# Runs every test: the cmocka unit binaries (TAP output) and the shell
# scenario scripts in tests/sh/ (TAP-style lines). Ends with one line
# "N passed, N failed" and exits non-zero if anything failed.
# TESTS=pattern runs only matching names.
set -u
BUILD=${BUILD:-build}
export BUILD
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log=$(mktemp -d "${TMPDIR:-/tmp}/certqr-tests.XXXXXX")
pass=0 fail=0
failed_names=""

count() { # $1: name, $2: output file, $3: exit status
	p=$(grep -c '^ok ' "$2")
	f=$(grep -c '^not ok ' "$2")
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $1 exited with status $3 (see output above)"
	fi
	pass=$((pass + p)); fail=$((fail + f))
	[ "$f" -gt 0 ] && failed_names="$failed_names $1"
	printf '# %-32s %4d passed, %d failed\n' "$1" "$p" "$f"
}

for t in "$BUILD"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	case $name in *"${TESTS:-}"*) ;; *) continue ;; esac
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$log/$name.out" 2>&1
	rc=$?
	grep -E '^(not ok|#)' "$log/$name.out" | grep -v '^# ok' | head -40
	count "$name" "$log/$name.out" $rc
done
for t in tests/sh/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	case $name in *"${TESTS:-}"*) ;; *) continue ;; esac
	sh "$t" > "$log/$name.out" 2>&1
	rc=$?
	grep -E '^not ok' -A8 "$log/$name.out" | head -60
	count "$name" "$log/$name.out" $rc
done
rm -rf "$log"
[ -n "$failed_names" ] && echo "# failed:$failed_names"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
