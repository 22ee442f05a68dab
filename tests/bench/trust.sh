#!/bin/sh
# Trust bundle and verdict benchmarks. Prints "name: value unit".
# Library figures come from the trust-bench helper (100 000 revocations);
# the program figure runs certqr-verify over 20 000 scanned lines.
set -u
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$(pwd)/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$B/tests/trust-bench" "$T/genuine" || exit 1
"$B/certqr-verify" --trust "$T/store" --init "$T/genuine.root.pub" > /dev/null || exit 1
"$B/certqr-verify" --trust "$T/store" --install "$T/genuine.bundle" > /dev/null || exit 1
n=20000
line=$(cat "$T/genuine")
awk -v n=$n -v l="$line" 'BEGIN { for (i = 0; i < n; i++) print l }' > "$T/lines"
start=$(date +%s.%N)
"$B/certqr-verify" --trust "$T/store" --json -f "$T/lines" > "$T/out" || { echo "# certqr-verify failed" >&2; exit 1; }
end=$(date +%s.%N)
got=$(grep -c '"status":"authentic"' "$T/out")
[ "$got" -eq "$n" ] || { echo "# only $got of $n authentic" >&2; exit 1; }
awk -v n=$n -v s="$start" -v e="$end" 'BEGIN { printf "verify_rate_program: %.0f verifications/s (certqr-verify --json, %d lines, 100k-revocation bundle, including load)\n", n / (e - s), n }'
start=$(date +%s.%N)
"$B/certqr-verify" --trust "$T/store" "$line" > /dev/null || exit 1
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "verify_one_program_ms: %.1f ms (one text: start, load 100k bundle, judge, print)\n", (e - s) * 1000 }'
