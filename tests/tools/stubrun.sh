#!/bin/sh
# The suite against crashing programs: certqr-issue, certqr-keys,
# certqr-verify and certqr-kiosk replaced by a script that dies of SIGSEGV
# at once. Every check that still passes either does not involve the
# programs (listed in tests/tools/stubrun.allow, with why) or is a check
# that passes whatever the program does: this prints those, and exits 1 when
# a passing check is not in the allowed list. Used by `make stubcheck`.
# The groups that build their own programs (arm64, asan, valgrind, fuzz,
# static analysis, deps) are left out.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
BUILD=${BUILD:-build}
work=$(mktemp -d "${TMPDIR:-/tmp}/certqr-stub.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/build"
for f in "$BUILD"/* "$BUILD"/.[!.]*; do
	[ -e "$f" ] || continue
	ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$work/build/$(basename "$f")"
done
for p in certqr-issue certqr-keys certqr-verify certqr-kiosk; do
	rm -f "$work/build/$p"
	printf '#!/bin/sh\nkill -SEGV $$\n' > "$work/build/$p"
	chmod +x "$work/build/$p"
done
BUILD="$work/build" BG_GROUPS= TESTS_EXCLUDE="arm64 asan valgrind fuzz_brief static deps ${STUB_EXCLUDE:-}" \
	sh tests/run.sh > "$work/run.log" 2>&1
# unit tests link the library, not the programs: not counted
grep -E '^ok [0-9]+ - ' "$work/run.log" | grep -v '# *SKIP' | sed 's/^ok [0-9]* - //' | sort -u > "$work/passed"
allow="$root/tests/tools/stubrun.allow"
# a passing check is allowed when its description starts with a listed prefix
awk -F '\t' 'NR == FNR { if ($0 !~ /^#/ && NF >= 2) pre[++n] = $1; next }
	{ for (i = 1; i <= n; i++) if (index($0, pre[i]) == 1) next; print }' "$allow" "$work/passed" > "$work/weak"
grep -vc '^#' "$allow" > "$work/nallow"
echo "# checks passing with crashing programs: $(wc -l < "$work/passed"), of which $(($(wc -l < "$work/passed") - $(wc -l < "$work/weak"))) do not run them ($(cat "$work/nallow") prefixes in tests/tools/stubrun.allow)"
if [ -s "$work/weak" ]; then
	sed 's/^/weak: /' "$work/weak"
	echo "stubcheck: $(wc -l < "$work/weak") checks pass whatever the programs do"
	exit 1
fi
echo "stubcheck: every check that involves the programs fails when they crash"
