#!/bin/sh
# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (and LeakSanitizer): every program and unit test rebuilt with gcc
# -fsanitize=address,undefined in $BUILD-asan (ASAN_BUILD overrides), then
# tests/run.sh over that build. One TAP line per test group; a failing
# group shows its sanitizer reports. The full log stays in
# $ASAN_BUILD/asan-suite.log. Also `make test-asan`.
. "$(dirname "$0")/../lib.sh"
if [ -n "${CERTQR_ASAN_RUN:-}" ]; then
	echo "# asan: already inside the ASan run"
	exit 0
fi
cd "$ROOT"
AB=${ASAN_BUILD:-${BUILD%/}-asan}
F="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
ok "everything builds with -fsanitize=address,undefined in $AB" \
	make -s --no-print-directory -j2 BUILD="$AB" CFLAGS="$F" LDFLAGS="$F" all tests-build
log=$AB/asan-suite.log
# Leaks count as failures; UBSan findings abort (no recovery).
CERTQR_ASAN_RUN=1 BUILD=$AB ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 sh tests/run.sh > "$log" 2>&1
rc=$?
grep -E '^# [A-Za-z0-9_]+ +[0-9]+ passed, [0-9]+ failed$' "$log" > "$T/groups"
while read -r _ name p _ f _; do
	if [ "$f" -eq 0 ]; then
		_report 0 "under ASan/UBSan: $name ($p passed)"
	else
		# The failing checks and the sanitizer reports of this group.
		awk -v g="$name" '
			/^# [A-Za-z0-9_]+ +[0-9]+ passed, [0-9]+ failed$/ { if (buf && $2 == g) print buf; buf = ""; next }
			{ buf = buf $0 "\n" }' "$log" |
			grep -E '^not ok|ERROR: [A-Za-z]+Sanitizer|runtime error|SUMMARY|#[0-3] 0x.* in ' | head -30 > "$T/out"
		: > "$T/err"
		_report 1 "under ASan/UBSan: $name ($f of $((p + f)) failed; log $log)"
		sed -n '6,20s/^/#   /p' "$T/out"
	fi
done < "$T/groups"
tail -1 "$log" | sed 's/^/# asan suite: /'
[ $rc -eq 0 ] || [ -s "$T/groups" ] || _report 1 "the ASan suite ran (see $log)"
