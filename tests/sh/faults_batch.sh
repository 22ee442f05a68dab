#!/bin/sh
# Fault injection on certqr-issue batch (docs/hardening.md): the batch of 30
# certificates is killed at random points and runs out of disk space, and
# every resumed run must end with exactly the reference set of PDFs, byte
# for byte, none truncated, nothing left over.
#   - kill -9 at 12 random durability steps (tests/tools/faultinj.c), and
#     at 12 random moments (a timer, --jobs 2): 24 random points;
#   - a simulated full disk at 12 random steps: 6 failing calls (ENOSPC/EIO)
#     and 6 half-written writes followed by ENOSPC;
#   - a real full disk: a 512 KiB tmpfs (the set needs about 700 KiB), then
#     the space grows and the run resumes. Without mount permission this
#     part reports itself skipped.
# After each failure, every PDF under its final name must equal the
# reference one. FAULTS_SEED picks other random points (default 7).
# Prints "faults: runs N, faults N, data lost N".
. "$(dirname "$0")/../lib.sh"
plan 14
I=$B/certqr-issue
INJ=$B/tests/tools/faultinj.so
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
KEY=$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key
DL=$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl
PW=$ROOT/keys/test/PASSPHRASE-TEST-ONLY
seed=${FAULTS_SEED:-7}
batch() { "$I" batch --key "$KEY" --delegation "$DL" --passphrase-file "$PW" --quiet "$@"; }
python3 "$ROOT/tests/data/issue-gen.py" 30 3 > "$T/rows.csv"
ok "reference run" batch --out "$T/ref" --jobs 1 "$T/rows.csv"
npdf=$(ls "$T/ref" | grep -c '\.pdf$')
ok "the reference holds one PDF per row ($npdf)" test "$npdf" -eq 30
CQ_FAULT_TRACE=$T/trace LD_PRELOAD=$INJ batch --out "$T/traced" --jobs 1 "$T/rows.csv" > "$T/out" 2> "$T/err"
_report $? "a clean traced run"
steps=$(wc -l < "$T/trace")
ok "the run takes durability steps to inject at ($steps)" test "$steps" -ge 60
# random numbers in 1..$1, $2 of them, from the seed
pick() { awk -v n="$1" -v k="$2" -v s="$3" 'BEGIN { srand(s); for (i = 0; i < k; i++) print 1 + int(rand() * n) }'; }

runs=0 faults=0 lost=0 litter=0
# final D: every final-named PDF in D equals the reference one, none is
# missing from the reference, no temporary file is left under a final name.
final() {
	for f in "$1"/*.pdf; do
		[ -e "$f" ] || continue
		cmp -s "$f" "$T/ref/${f##*/}" || { echo "#   $f differs from the reference (truncated?)"; return 1; }
	done
	return 0
}
# resumed D: a plain rerun completes and leaves exactly the reference set
# (temporary files of lib/io's atomic writes, NAME.tmp.XXXXXX, left by a
# kill are counted apart: not certificates, but litter)
resumed() {
	batch --out "$1" --jobs 2 "$T/rows.csv" > "$T/out" 2> "$T/err" || { echo "#   resume failed: $(cat "$T/err")"; return 1; }
	runs=$((runs + 1))
	litter=$((litter + $(ls -a "$1" | grep -c '\.tmp\.')))
	diff -r -x '.certqr-*' -x '*.tmp.*' "$T/ref" "$1" > "$T/diff" || { sed 's/^/#   /' "$T/diff" | head -5; return 1; }
	return 0
}
trial() { # $1 label; $2 dir after the fault; $3 the faulty run's exit status
	runs=$((runs + 1)) faults=$((faults + 1))
	if final "$2" && resumed "$2"; then echo "# $1: exit $3, resumed to the reference set"
	else lost=$((lost + 1)); echo "# $1: exit $3: DATA LOST"; fi
}

i=0
for k in $(pick "$steps" 12 "$seed"); do
	i=$((i + 1)); d=$T/kstep$i
	CQ_FAULT_AT=$k CQ_FAULT_MODE=kill LD_PRELOAD=$INJ batch --out "$d" --jobs 1 "$T/rows.csv" > /dev/null 2>&1
	trial "kill -9 at step $k ($(sed -n "${k}p" "$T/trace" | cut -d' ' -f2))" "$d" $?
done
stepped=$faults
# timed kills (--jobs 2, two workers racing): a kill that lands after the run
# finished does not count; up to 40 tries for 12 kills that land. How many
# land depends on the machine's speed, so no check counts them; each one
# that lands must still resume to the reference set.
i=0 landed=0
for ms in $(pick 300 40 "$((seed + 1))"); do
	[ $landed -ge 12 ] && break
	i=$((i + 1)); d=$T/ktime$i
	"$I" batch --key "$KEY" --delegation "$DL" --passphrase-file "$PW" --quiet --out "$d" --jobs 2 "$T/rows.csv" > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", (m + 80) / 1000 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	rc=$?
	[ $rc -eq 137 ] || continue
	landed=$((landed + 1))
	trial "kill -9 after $((ms + 80)) ms (--jobs 2)" "$d" $rc
done
killed=$faults
ok "killed at $killed random points: every resumed run ends with exactly the reference set" test $lost -eq 0
ok "the 12 kills at random steps all ran ($stepped; $landed timed kills landed besides)" test $stepped -eq 12
lost_kill=$lost

for mode in enospc short; do
	i=0
	for k in $(pick "$steps" 6 "$((seed + 2))$i$mode" | sed 's/[^0-9]//g'); do
		i=$((i + 1)); d=$T/$mode$i
		CQ_FAULT_AT=$k CQ_FAULT_MODE=$mode LD_PRELOAD=$INJ batch --out "$d" --jobs 1 "$T/rows.csv" > "$T/out" 2> "$T/err"
		rc=$?
		# a failed write must be reported, not ignored
		[ $rc -ne 0 ] || diff -r -x '.certqr-*' -q "$T/ref" "$d" > /dev/null || { lost=$((lost + 1)); echo "# $mode at step $k: exit 0 with an incomplete set"; }
		trial "disk full ($mode) at step $k ($(sed -n "${k}p" "$T/trace" | cut -d' ' -f2))" "$d" $rc
	done
done
ok "a simulated full disk at 12 random steps: failure reported, no truncated PDF, resumed to the reference set" test $lost -eq $lost_kill

# A real full disk.
mnt=$T/mnt
trap 'umount "$T/mnt" 2>/dev/null; rm -rf "$T"' EXIT
mkdir "$mnt"
if mount -t tmpfs -o size=512k tmpfs "$mnt" 2> /dev/null; then
	batch --out "$mnt/o" --jobs 2 "$T/rows.csv" > "$T/out" 2> "$T/err"
	rc=$?
	cp "$T/err" "$T/full.err"
	runs=$((runs + 1)) faults=$((faults + 1))
	# a clean failure: a documented status, not a crash (128 and above)
	ok "full tmpfs: the run fails cleanly (exit $rc)" test $rc -ge 1 -a $rc -lt 128
	contains "$T/full.err" "No space left on device" "full tmpfs: says 'No space left on device'"
	have=$(ls "$mnt/o" | grep -c '\.pdf$')
	[ "$have" -gt 0 ] && final "$mnt/o"; _report $? "full tmpfs: the $have PDFs under their final names equal the reference, none truncated"
	[ "$have" -lt 30 ] || lost=$((lost + 1))
	batch --out "$mnt/o" --jobs 2 "$T/rows.csv" > "$T/out" 2> "$T/err"
	rc=$?
	[ $rc -ge 1 ] && [ $rc -lt 128 ] && final "$mnt/o"; _report $? "full tmpfs: a rerun on the still-full disk fails again cleanly (exit $rc), nothing truncated"
	runs=$((runs + 1)) faults=$((faults + 1))
	mount -o remount,size=4m "$mnt"
	ok "full tmpfs: after space is freed the resumed run ends with exactly the reference set" resumed "$mnt/o"
	[ "$(ls "$mnt/o" | grep -c '\.pdf$')" -gt 0 ] && [ "$(ls -a "$mnt/o" | grep -c '^\.tmp')" -eq 0 ]; _report $? "full tmpfs: no temporary files left beside the PDFs"
	umount "$mnt"
else
	# one skip per check of the branch above, so that the count stays true
	for d in "the run fails cleanly" "says 'No space left on device'" "the PDFs under their final names equal the reference" \
	         "a rerun on the still-full disk fails again cleanly" "the resumed run ends with the reference set" \
	         "no temporary files left"; do
		skip "full tmpfs: $d" "mount not permitted here (the simulated full disk above still ran)"
	done
fi
echo "# temporary files (NAME.tmp.XXXXXX) left by kills and not removed by the resumed run: $litter"
echo "# faults: batch: runs $runs, faults $faults (kills $killed), data lost $lost, seed $seed"
ok "no data lost in any fault" test $lost -eq 0
