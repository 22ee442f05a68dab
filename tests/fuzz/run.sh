#!/bin/sh
# Runs the libFuzzer harnesses built in $FUZZ_BUILD (make fuzz-build).
#   run.sh SECONDS [HARNESS...]
#   run.sh --runs FILE [HARNESS...]   each harness the number of executions
#                                     FILE names for it ("harness count"
#                                     lines), at most 120 s; fewer is a failure
# Each harness runs SECONDS (or its count) from its seed corpus (tests/fuzz/corpus/NAME,
# read only) plus a work corpus in $FUZZ_BUILD/corpus/NAME (new inputs go
# there), then replays every regression input in tests/fuzz/regressions/NAME.
# Prints one TAP line per harness and per regression set, and appends
# "harness seconds executions crashes" to $FUZZ_BUILD/fuzz-history.txt.
# A crash leaves its input in $FUZZ_BUILD/artifacts/: add it to
# tests/fuzz/regressions/NAME/ with the fix.
set -u
FUZZ_BUILD=${FUZZ_BUILD:-build/fuzz}
secs=${1:-60} runs_file=
[ $# -gt 0 ] && shift
if [ "$secs" = --runs ]; then runs_file=$1 secs=120; shift; fi
names=$*
if [ -z "$names" ]; then
	# the harnesses whose source exists (a removed one may linger as a binary)
	for f in tests/fuzz/fuzz_*.c; do b=${f##*/}; b=${b%.c}; [ -x "$FUZZ_BUILD/$b" ] && names="$names $b"; done
fi
mkdir -p "$FUZZ_BUILD/artifacts" "$FUZZ_BUILD/logs"
n=0 bad=0
for h in $names; do
	bin=$FUZZ_BUILD/$h
	work=$FUZZ_BUILD/corpus/$h
	log=$FUZZ_BUILD/logs/$h.log
	mkdir -p "$work"
	seeds=tests/fuzz/corpus/$h
	[ -d "$seeds" ] || seeds=
	want=0 limit=
	if [ -n "$runs_file" ]; then
		want=$(awk -v h="$h" '$1 == h { print $2 }' "$runs_file")
		if [ -z "$want" ]; then
			n=$((n + 1)) bad=$((bad + 1))
			echo "not ok $n - $h: no execution count in $runs_file"
			continue
		fi
		limit=-runs=$want
	fi
	"$bin" -max_total_time="$secs" $limit -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix="$FUZZ_BUILD/artifacts/$h-" \
		"$work" $seeds > "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	runs=${runs:-0}
	n=$((n + 1))
	if [ $rc -eq 0 ] && [ "$runs" -lt "$want" ]; then
		bad=$((bad + 1))
		echo "not ok $n - $h: only $runs of $want executions within ${secs}s"
	elif [ $rc -eq 0 ]; then
		if [ -n "$runs_file" ]; then echo "ok $n - $h: $runs executions (at least $want), no crash"
		else echo "ok $n - $h: $runs executions in ${secs}s, no crash"; fi
		echo "$h $secs $runs 0" >> "$FUZZ_BUILD/fuzz-history.txt"
	else
		bad=$((bad + 1))
		echo "not ok $n - $h: crashed after $runs executions (exit $rc), log $log"
		grep -E 'ERROR|runtime error|invariant failed|Test unit written' "$log" | head -5 | sed 's/^/#   /'
		echo "$h $secs $runs 1" >> "$FUZZ_BUILD/fuzz-history.txt"
	fi
	reg=tests/fuzz/regressions/$h
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ]; then
		n=$((n + 1))
		cnt=$(ls "$reg" | wc -l)
		if "$bin" -runs=1 "$reg"/* > "$log.reg" 2>&1; then
			echo "ok $n - $h: $cnt regression inputs replayed"
		else
			bad=$((bad + 1))
			echo "not ok $n - $h: a regression input fails again, log $log.reg"
			grep -E 'ERROR|runtime error|invariant failed|Running: ' "$log.reg" | tail -5 | sed 's/^/#   /'
		fi
	fi
done
[ $bad -eq 0 ]
