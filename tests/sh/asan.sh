#!/bin/sh
# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (and LeakSanitizer): every program and unit test rebuilt with gcc
# -fsanitize=address,undefined in $BUILD/asan/src/build-asan (ASAN_BUILD
# overrides $BUILD/asan), then tests/run.sh over that build. One TAP line per test group; a failing
# group shows its sanitizer reports. The full log stays in
# $ASAN_BUILD/src/build-asan/asan-suite.log. Also `make test-asan`.
. "$(dirname "$0")/../lib.sh"
if [ -n "${CERTQR_ASAN_RUN:-}" ]; then
	echo "# asan: already inside the ASan run"
	exit 0
fi
cd "$ROOT"
AB=${ASAN_BUILD:-${BUILD%/}/asan}
case $AB in /*) ;; *) AB=$ROOT/$AB ;; esac
F="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# The suite runs on a snapshot of the tree in $AB/src (files keep their
# times, so only what changed is rebuilt): in a tree others are editing,
# a test that runs make (install.sh) would otherwise relink a program
# without the sanitizer flags half-way through the run.
SRC=$AB/src
mkdir -p "$SRC"
find "$SRC" -mindepth 1 -maxdepth 1 ! -name build-asan -exec rm -rf {} +
if git rev-parse --git-dir > /dev/null 2>&1; then
	git ls-files -co --exclude-standard | grep -v '^build' | while IFS= read -r f; do [ -e "$f" ] && echo "$f"; done > "$T/files"
else
	find . -path './build*' -prune -o -type f -print > "$T/files"
fi
tar -cf - -T "$T/files" | tar -xpf - -C "$SRC"
cd "$SRC"
ok "everything builds with -fsanitize=address,undefined in $AB/src/build-asan" \
	make -s --no-print-directory -j2 BUILD=build-asan CFLAGS="$F" LDFLAGS="$F" testkeys all tests-build
log=$SRC/build-asan/asan-suite.log
# Leaks count as failures; UBSan findings abort (no recovery).
# Every group (3 minutes on the shared machine). ASAN_GROUPS="pattern..."
# runs only the groups whose names contain one of the patterns, e.g. the
# core: "test_ format keys trust verify_nosign issue_ faults_".
groups=${ASAN_GROUPS:-all}
# Groups that run no project code built with the sanitizers, and so would only
# repeat themselves: the arm64 cross-build (not sanitized), the package
# check, static analysis, the fuzzers (their own sanitizer builds), valgrind
# (cannot run ASan binaries), the web page (WebAssembly, not sanitized; the
# certqr-verify it is compared with runs in the other groups), and this script.
# hostile_decode asserts memory and time bounds (max RSS of a refused bomb,
# seconds to exit) that ASan's shadow memory and instrumentation change by
# design; its code paths run uninstrumented in the main lane, and the
# decoders it drives are fuzzed with ASan (fuzz_image, fuzz_imagedims,
# fuzz_pdfimages).
# Loops over many points of one code path (the fault-injection groups, the
# page check's corner sets) try every 5th point here (SAMPLE_STRIDE in
# tests/lib.sh): at every point they cost a third of this lane, and ASan
# looks for memory errors that neighbouring points share.
not_under_asan="arm64 asan deps fuzz_brief static valgrind web hostile_decode"
: > "$log"
rc=0
for g in $groups; do
	[ "$g" = all ] && g=
	CERTQR_ASAN_RUN=1 CERTQR_SAMPLE_STRIDE=5 BUILD=build-asan BG_GROUPS= TESTS_EXCLUDE="$not_under_asan" ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 TESTS=$g sh tests/run.sh >> "$log" 2>&1 || rc=1
done
grep -E '^# [A-Za-z0-9_]+ +[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped +\([0-9]+ s\)$' "$log" > "$T/groups"
# A run that reported no group, or lines this script cannot read, is a failure,
# not a silent pass.
ok "the ASan run reported its groups ($(wc -l < "$T/groups") read)" \
	test "$(wc -l < "$T/groups")" -gt 0 -a "$(wc -l < "$T/groups")" -eq "$(grep -cE '^# [A-Za-z0-9_]+ +[0-9]+ passed' "$log")"
while read -r _ name p _ f _; do
	if [ "$f" -eq 0 ]; then
		_report 0 "under ASan/UBSan: $name ($p passed)"
	else
		# The failing checks and the sanitizer reports of this group.
		awk -v g="$name" '
			/^# [A-Za-z0-9_]+ +[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped +\([0-9]+ s\)$/ { if (buf && $2 == g) print buf; buf = ""; next }
			{ buf = buf $0 "\n" }' "$log" |
			grep -E '^not ok|ERROR: [A-Za-z]+Sanitizer|runtime error|SUMMARY|#[0-3] 0x.* in ' | head -30 > "$T/out"
		: > "$T/err"
		_report 1 "under ASan/UBSan: $name ($f of $((p + f)) failed; log $log)"
		sed -n '6,20s/^/#   /p' "$T/out"
	fi
done < "$T/groups"
echo "# asan groups run: $groups"
[ $rc -eq 0 ] || [ -s "$T/groups" ] || _report 1 "the ASan suite ran (see $log)"
