#!/bin/sh
# Runs every test: the cmocka unit binaries (TAP output) and the shell
# scenario scripts in tests/sh/ (TAP-style lines). Ends with one line
# "N passed, N failed, N skipped" and exits non-zero if anything failed.
# TESTS=pattern runs only matching names; TESTS_EXCLUDE="name..." leaves
# those groups out (the ASan re-run uses it); BG_GROUPS: see below.
set -u
BUILD=${BUILD:-build}
export BUILD
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log=$(mktemp -d "${TMPDIR:-/tmp}/certqr-tests.XXXXXX")
pass=0 fail=0 skipped=0
failed_names=""

count() { # $1: name, $2: output file, $3: exit status, $4: start time (s)
	# A SKIP is not a pass: it is counted apart, and under CI (CERTQR_CI=1,
	# set by .ci/run) it is a failure, since every part of the suite can run
	# there. A group that reports no check at all has tested nothing: a failure.
	k=$(grep -c '^ok .*# *SKIP' "$2")
	p=$(($(grep -c '^ok ' "$2") - k))
	f=$(grep -c '^not ok ' "$2")
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $1 exited with status $3 (see output above)"
	fi
	if [ $((p + f + k)) -eq 0 ]; then
		f=1
		echo "not ok - $1 reported no check at all"
	fi
	if [ "$k" -gt 0 ] && [ -n "${CERTQR_CI:-}" ]; then
		grep '^ok .*# *SKIP' "$2" | sed 's/^ok/not ok (skipped under CI)/'
		f=$((f + k))
	fi
	# A TAP plan ("1..N"), where a group prints one, must match what ran.
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$2" | tail -n 1)
	ran=$(grep -cE '^(ok|not ok) ' "$2")
	if [ -n "$plan" ] && [ "$plan" -ne "$ran" ]; then
		f=$((f + 1))
		echo "not ok - $1 planned $plan checks but reported $ran"
	fi
	pass=$((pass + p)); fail=$((fail + f)); skipped=$((skipped + k))
	[ "$f" -gt 0 ] && failed_names="$failed_names $1"
	printf '# %-32s %4d passed, %d failed, %d skipped  (%d s)\n' "$1" "$p" "$f" "$k" $(($(date +%s) - $4))
}

# The scenario groups run in two lanes, one per core: the groups named in
# BG_GROUPS in the background, all others in the foreground. Each lane is
# sequential; the background lane's results are counted when it ends.
# BG_GROUPS= runs everything in one lane. The default balances the lanes by
# CPU (user+sys) measured on a clean clone: asan (the ASan/UBSan re-run with
# its build, about 365 s) and faults_trust (about 25 s) against the rest
# (about 395 s, with arm64's cross-build and qemu, about 50 s, and the unit
# binaries; the foreground lane also waits, on fsync and on the kiosk's
# live test, while the background lane computes).
# pagecheck (about 60 s) joined the background lane on 2026-11-27: in a
# clean-clone run the background lane ended about 100 s before the
# foreground one (asan at 468 s, faults_trust 35-45 s after it; the
# foreground's groups 551 s after a 65 s build).
bg=${BG_GROUPS-asan faults_trust pagecheck}
in_bg() { for g in $bg; do [ "$g" = "$1" ] && return 0; done; return 1; }
skip() { for g in ${TESTS_EXCLUDE:-}; do [ "$g" = "$1" ] && return 0; done; return 1; }
run_group() { # $1 script, $2 name: runs it, writes $log/NAME.out, .rc, .t0
	date +%s > "$log/$2.t0"
	sh "$1" > "$log/$2.out" 2>&1
	echo $? > "$log/$2.rc"
}
report_group() { # $1 name
	grep -E '^not ok' -A8 "$log/$1.out" | head -60
	count "$1" "$log/$1.out" "$(cat "$log/$1.rc")" "$(cat "$log/$1.t0")"
}
bg_names=""
for t in tests/sh/*.sh; do
	name=$(basename "$t" .sh)
	case $name in *"${TESTS:-}"*) ;; *) continue ;; esac
	skip "$name" && continue
	in_bg "$name" && bg_names="$bg_names $name"
done
if [ -n "$bg_names" ]; then
	( for name in $bg_names; do run_group "tests/sh/$name.sh" "$name"; done ) &
	bg_pid=$!
fi
# The unit binaries (seconds) run in the foreground lane, after the
# background lane has started.
for t in "$BUILD"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	case $name in *"${TESTS:-}"*) ;; *) continue ;; esac
	t0=$(date +%s)
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$log/$name.out" 2>&1
	rc=$?
	grep -E '^(not ok|#)' "$log/$name.out" | grep -v '^# ok' | head -40
	count "$name" "$log/$name.out" $rc $t0
done
for t in tests/sh/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	case $name in *"${TESTS:-}"*) ;; *) continue ;; esac
	skip "$name" && continue
	in_bg "$name" && continue
	run_group "$t" "$name"
	report_group "$name"
done
if [ -n "$bg_names" ]; then
	wait "$bg_pid"
	for name in $bg_names; do report_group "$name"; done
fi
rm -rf "$log"
[ -n "$failed_names" ] && echo "# failed:$failed_names"
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
