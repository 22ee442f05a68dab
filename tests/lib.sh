# Sourced by tests/sh/*.sh: TAP-style assertions over the real programs.
#   ok DESC CMD...            CMD exits 0
#   status N DESC CMD...      CMD exits N
#   contains FILE TEXT DESC   FILE contains TEXT (fixed string)
#   lacks FILE TEXT DESC      FILE is not empty and does not contain TEXT
#   skip DESC WHY             see below
#   plan N, skip_rest         see below
# Output of each command goes to $T/out and $T/err.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-sh.XXXXXX")
trap '[ -n "${CERTQR_KEEP_TMP:-}" ] && echo "# kept $T" >&2 || rm -rf "$T"' EXIT
n=0
# Loops that try many points of one code path (the fault and damage loops of
# tests/sh/faults_*.sh, the page check's corner-jitter sets) try every
# SAMPLE_STRIDE-th point: 1 in the main lane, which keeps every point; the
# ASan re-run (tests/sh/asan.sh) sets CERTQR_SAMPLE_STRIDE, because there the
# loops look for memory errors, neighbouring points take the same code, and
# the parsers behind the damage loops are fuzzed under ASan besides.
SAMPLE_STRIDE=${CERTQR_SAMPLE_STRIDE:-1}
export CERTQR_TEST_PASS="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
_report() { # $1 status (0 ok), $2 desc
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		sed 's/^/#   out: /' "$T/out" 2>/dev/null | head -5
		sed 's/^/#   err: /' "$T/err" 2>/dev/null | head -5
	fi
}
#   test_store DIR            a trust store at DIR holding the test bundle
#                             (tests/trust/bundle.spec, version 3), which
#                             is also left at $T/v3.bundle
test_store() {
	"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$ROOT/tests/trust/bundle.spec" \
		-o "$T/v3.bundle" --passphrase-file "$CERTQR_TEST_PASS" > /dev/null 2>&1
	"$B/certqr-verify" --trust "$1" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
	"$B/certqr-verify" --trust "$1" --install "$T/v3.bundle" > /dev/null
}
ok() { d=$1; shift; "$@" > "$T/out" 2> "$T/err"; _report $? "$d"; }
status() { want=$1; d=$2; shift 2; "$@" > "$T/out" 2> "$T/err"; got=$?
	[ "$got" -eq "$want" ]; r=$?; [ $r -ne 0 ] && echo "#   exit $got, expected $want" >> "$T/err"; _report $r "$d"; }
contains() { grep -qF -- "$2" "$1"; r=$?; [ $r -ne 0 ] && { cp "$1" "$T/out" 2>/dev/null; : > "$T/err"; }; _report $r "$3"; }
# lacks: FILE must exist and hold something, so that a program that crashed or
# printed nothing cannot pass a check for what it must not print.
lacks() { [ -s "$1" ] && ! grep -qF -- "$2" "$1"; r=$?
	[ $r -ne 0 ] && { if [ -s "$1" ]; then cp "$1" "$T/out"; else echo "(empty or missing: $1)" > "$T/out"; fi; : > "$T/err"; }
	_report $r "$3"; }
#   skip DESC WHY             a check that could not run here (counted apart;
#                             a failure under CI)
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
#   plan N                    N checks follow: prints the TAP plan "1..N"
#                             before the first. Declared up front, as a
#                             literal, so that tests/run.sh fails the group
#                             when another number ran: a check lost to an
#                             early exit, a loop over nothing, a block left
#                             out because a tool is missing. (A plan counted
#                             at exit would always match and prove nothing.)
plan() { planned=$1; echo "1..$1"; }
#   skip_rest DESC WHY        a closing part that cannot run here: one skip
#                             line for each check left in the plan, so that
#                             the count still says what was not tested
skip_rest() { while [ "$n" -lt "${planned:-0}" ]; do skip "$1" "$2"; done; }
