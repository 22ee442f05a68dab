#!/bin/sh
# Brief fuzzing on every change (docs/hardening.md): builds the libFuzzer
# harnesses with clang in $BUILD/fuzz (under make test, its parallel build
# step has built them already and this make finds them up to date), runs
# each for the number of executions tests/fuzz/brief-runs.txt gives it
# (a count, not a time: a loaded machine fuzzes as much as an idle one;
# fewer within 120 s fails) from its seed corpus, and replays every
# regression input in tests/fuzz/regressions/. FUZZ_BRIEF_SECONDS=N runs N seconds each instead.
# `make fuzz` runs longer.
. "$(dirname "$0")/../lib.sh"
if [ -n "${CERTQR_ASAN_RUN:-}" ]; then
	echo "# fuzz_brief: not repeated inside the ASan run (the harnesses carry their own sanitizers)"
	exit 0
fi
cd "$ROOT"
# the build, one line per harness source (tests/fuzz/run.sh runs those whose
# binary exists: one that failed to build would otherwise drop out unseen),
# one per harness with kept regression inputs
harnesses=$(ls tests/fuzz/fuzz_*.c | wc -l)
regressions=$(for d in tests/fuzz/regressions/*/; do [ -n "$(ls "$d")" ] && echo "$d"; done | wc -l)
plan $((1 + harnesses + regressions))
FUZZ_BUILD=${BUILD%/}/fuzz
export FUZZ_BUILD
ok "fuzz harnesses build with clang (-fsanitize=fuzzer,address,undefined)" \
	make -s --no-print-directory FUZZ_BUILD="$FUZZ_BUILD" fuzz-build
if [ -n "${FUZZ_BRIEF_SECONDS:-}" ]; then sh tests/fuzz/run.sh "$FUZZ_BRIEF_SECONDS" > "$T/fuzz" 2>&1
else sh tests/fuzz/run.sh --runs tests/fuzz/brief-runs.txt > "$T/fuzz" 2>&1; fi
rc=$?
sed "s/^\(not \)*ok [0-9]* - /&fuzz: /" "$T/fuzz" | while IFS= read -r line; do
	case $line in
	"ok "*) _report 0 "${line#ok * - }" ;;
	"not ok "*) : > "$T/out"; : > "$T/err"; _report 1 "${line#not ok * - }" ;;
	*) echo "$line" ;;
	esac
done
[ $rc -eq 0 ] || exit 1
