#!/bin/sh
# certqr-issue batch: a 10 000-row export to signed certificate PDFs, end to
# end (key unlock, parsing, signing, QR, PDF, files flushed and journalled),
# against a plain Python baseline (tests/bench/issue_baseline.py: reportlab,
# qrcode, nacl; one process) run on fewer rows and reported per second.
# Prints issue_rate, issue_bytes_per_cert, issue_baseline, issue_ratio, and
# the QR's version and printed size. The machine is shared: rates are wall
# clock under whatever else runs, so the CPU time per certificate (user +
# system, from /usr/bin/time) and the load average are printed beside them.
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
ROWS=${ISSUE_BENCH_ROWS:-10000}
BASE_ROWS=${ISSUE_BENCH_BASELINE_ROWS:-500}
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
W=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
K="$ROOT/keys/test"
"$PY" "$ROOT/tests/data/issue-gen.py" "$ROWS" 1 > "$W/export.csv"
now() { date +%s.%N; }
TIME=/usr/bin/time
echo "issue_load: $(cut -d' ' -f1 /proc/loadavg) load average (1 min) before the run, $(nproc) cores"
t0=$(now)
$TIME -f "%U %S" -o "$W/cpu" "$B/certqr-issue" batch --quiet --key "$K/issuer-zhengzhou-TEST-ONLY.key" --delegation "$K/issuer-zhengzhou-TEST-ONLY.dl" \
	--passphrase-file "$K/PASSPHRASE-TEST-ONLY" --out "$W/out" "$W/export.csv" > "$W/summary"
t1=$(now)
n=$(ls "$W/out" | grep -c '\.pdf$')
[ "$n" -eq "$ROWS" ] || { echo "issue bench: $n PDFs for $ROWS rows" >&2; exit 1; }
bytes=$(cat "$W/out"/*.pdf | wc -c)
rate=$(echo "$ROWS $t0 $t1" | awk '{printf "%.0f", $1 / ($3 - $2)}')
echo "issue_rate: $rate certificates/s"
echo "issue_bytes_per_cert: $((bytes / n)) bytes"
cpu=$(awk -v n="$ROWS" '{printf "%.3f", ($1 + $2) * 1000 / n}' "$W/cpu")
echo "issue_cpu: $cpu ms CPU per certificate (user+system), $(echo "$cpu" | awk -v c="$(nproc)" '{printf "%.0f", c * 1000 / $1}') certificates/s on $(nproc) idle cores"
# the QR of the first certificate: version and printed size (from the page)
f=$(ls "$W/out" | grep '\.pdf$' | head -1)
pdftoppm -r 300 -gray -png "$W/out/$f" "$W/page" 2>/dev/null
zbarimg -q --raw "$W/page-1.png" 2>/dev/null > "$W/qr.txt" || true
len=$(tr -d '\n' < "$W/qr.txt" | wc -c)
v=$(tr -d '\n' < "$W/qr.txt" | qrencode -l M -m 0 -t ASCII -o - 2>/dev/null | awk 'NR==1{print (length($0) / 2 - 17) / 4}')
[ -n "$v" ] && echo "issue_qr: version $v, level M, $len characters, 30 mm wide plus a 4-module quiet zone"
t2=$(now)
$TIME -f "%U %S" -o "$W/pycpu" "$PY" "$ROOT/tests/bench/issue_baseline.py" "$W/export.csv" "$W/py" "$BASE_ROWS"
t3=$(now)
pyn=$(ls "$W/py" | grep -c '\.pdf$')
pybytes=$(cat "$W/py"/*.pdf | wc -c)
base=$(echo "$pyn $t2 $t3" | awk '{printf "%.0f", $1 / ($3 - $2)}')
echo "issue_baseline: $base certificates/s (Python reportlab+qrcode+nacl, one process, $pyn rows, $((pybytes / pyn)) bytes each)"
pycpu=$(awk -v n="$pyn" '{printf "%.3f", ($1 + $2) * 1000 / n}' "$W/pycpu")
echo "issue_baseline_cpu: $pycpu ms CPU per certificate"
echo "issue_ratio: $(echo "$rate $base" | awk '{printf "%.1f", $1 / $2}') x (wall-clock rates; $(echo "$pycpu $cpu" | awk '{printf "%.1f", $1 / $2}') x in CPU per certificate)"
