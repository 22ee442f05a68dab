#!/bin/sh
# The parent's memory over a batch (it must not grow with the batch): N copies of a PNG holding 8
# codes, checked with all three reports; the parent's peak resident size
# (VmHWM, sampled from /proc until it exits; the workers are apart) for 10
# and for FILES_MEMORY_N (default 1000) files. Flat when rows are streamed.
# CERTQR_VERIFY=path measures another build of certqr-verify.
set -u
B=${BUILD:-build}
V=${CERTQR_VERIFY:-$B/certqr-verify}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$ROOT/tests/trust/bundle.spec" \
	-o "$T/v3.bundle" --passphrase-file "$ROOT/keys/test/PASSPHRASE-TEST-ONLY" > /dev/null 2>&1
"$V" --trust "$T/store" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
"$V" --trust "$T/store" --install "$T/v3.bundle" > /dev/null
QR=$(sed -n 's/^qr=//p' "$ROOT/tests/vectors/v1.txt" | head -1)
"$B/tests/tools/hostilegen" grid "$T/grid.png" 8 "$QR" || exit 1
for n in 10 "${FILES_MEMORY_N:-1000}"; do
	rm -rf "$T/in" && mkdir "$T/in"
	i=0
	while [ $i -lt "$n" ]; do ln "$T/grid.png" "$T/in/$(printf '%05d' $i).png"; i=$((i + 1)); done
	"$V" files --trust "$T/store" --quiet --jsonl "$T/r.jsonl" --csv "$T/r.csv" --html "$T/r.html" "$T/in" \
		> /dev/null 2> "$T/err" &
	pid=$!
	hwm=0
	while kill -0 $pid 2> /dev/null; do
		h=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$pid/status 2> /dev/null)
		[ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
		sleep 0.05
	done
	wait $pid
	rows=$(grep -c '"file":' "$T/r.jsonl" 2> /dev/null || echo 0)
	[ "$rows" -eq $((8 * n)) ] || { echo "# files_memory: $rows rows for $n files, expected $((8 * n))" >&2; exit 1; }
	echo "files_parent_peak_rss_${n}_files: $hwm KiB"
done
