#!/bin/sh
# Benchmark of verifying files (the decode rate, and its speed), run by `make bench`:
#  - a corpus generated from issued certificates (rendered at 100-300 dpi,
#    degraded per class: blur, noise, JPEG quality, rotation, perspective,
#    low contrast, uneven light, small scale, inverted, A4 scans), decode
#    rate per class for certqr, plain zbar, zbarimg and ZXingReader, and
#    median time per 1280x720 image (tests/bench/files_bench.py);
#  - the capture corpus (tests/bench/captures.py): certificate pages issued
#    by certqr-issue as scanners, faxes, copiers, phones, monitors, webcams,
#    screenshots and chat apps deliver them, and generic QR codes in phone
#    photos; reads per class for certqr, zbarimg, ZXingReader and their
#    union, CPU times for reads and misses, hint accuracy
#    (tests/bench/captures_bench.py). Generating it takes minutes, so it is
#    kept in $BUILD/bench-cache/, keyed by the generator's hash and options;
#  - the batch rate over a folder of 1 000 PDFs issued by certqr-issue batch.
# FILES_BENCH_PER_CLASS (default 20), CAPTURE_PER_CLASS (default 20) and
# FILES_BENCH_PDFS (default 1000).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench-files.XXXXXX")
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
KEY="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key"
per=${FILES_BENCH_PER_CLASS:-20}
npdf=${FILES_BENCH_PDFS:-1000}

"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$ROOT/tests/trust/bundle.spec" \
	-o "$T/v3.bundle" --passphrase-file "$P" > /dev/null 2>&1
"$B/certqr-verify" --trust "$T/store" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
"$B/certqr-verify" --trust "$T/store" --install "$T/v3.bundle" > /dev/null

t0=$(date +%s)
sh "$ROOT/tests/bench/degraded_corpus" "$B" "$T" "$per"
echo "# corpus: $(($(wc -l < "$T/corpus/manifest.tsv"))) images in $(($(date +%s) - t0)) s"
$PY "$ROOT/tests/bench/files_bench.py" "$T/corpus" "$B/tests/files-scanbench" "$B/certqr-verify" "$T/store"

# The capture corpus: eight certificates issued as PDFs, photographed,
# scanned, faxed... (deterministic: cached by generator hash and options).
cap=${CAPTURE_PER_CLASS:-20}
key=$(cat "$ROOT/tests/bench/captures.py" "$ROOT/tests/bench/files_export.py" | sha256sum | cut -c1-16)-$cap
C="$B/bench-cache/captures-$key"
if [ ! -f "$C/manifest.jsonl" ]; then
	rm -rf "$B/bench-cache"/captures-*
	$PY "$ROOT/tests/bench/files_export.py" 8 > "$T/cap.csv"
	"$B/certqr-issue" batch --key "$KEY" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --out "$T/cappdf" \
		--passphrase-file "$P" --quiet "$T/cap.csv" > /dev/null
	t0=$(date +%s)
	$PY "$ROOT/tests/bench/captures.py" "$T/cappdf" "$C.tmp" --per-class "$cap" && mv "$C.tmp" "$C"
	echo "# capture corpus: $(wc -l < "$C/manifest.jsonl") images generated in $(($(date +%s) - t0)) s (cached in $C)"
else
	echo "# capture corpus: $(wc -l < "$C/manifest.jsonl") images from the cache ($C)"
fi
$PY "$ROOT/tests/bench/captures_bench.py" "$C" "$B/tests/files-scanbench"

# Batch rate: a folder of issued PDFs, both cores, reports on.
$PY "$ROOT/tests/bench/files_export.py" "$npdf" > "$T/export.csv"
"$B/certqr-issue" batch --key "$KEY" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --out "$T/pdfs" \
	--passphrase-file "$P" --quiet "$T/export.csv" > /dev/null
$PY - "$B/certqr-verify" "$T/store" "$T/pdfs" "$npdf" "$T" <<'PYEOF'
import os, resource, subprocess, sys, time
verify, store, pdfs, n, tmp = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def run(extra):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([verify, "files", "--trust", store, "--quiet", "--no-progress"] + extra + [pdfs],
                       capture_output=True, text=True)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        sys.exit("files bench: certqr-verify files exited %d: %s" % (p.returncode, p.stderr[-300:]))
    return dt, cpu
dt, cpu = run(["--jsonl", os.path.join(tmp, "r.jsonl"), "--csv", os.path.join(tmp, "r.csv")])
rows = sum(1 for l in open(os.path.join(tmp, "r.jsonl")) if '"status":"authentic"' in l)
if rows != n:
    sys.exit("files bench: %d of %d PDFs authentic" % (rows, n))
load = os.getloadavg()[0]
print("pdf_batch_rate: %.0f PDFs/s" % (n / dt))
print("pdf_batch_cpu_per_pdf: %.1f ms" % (cpu * 1e3 / n))
dt2, cpu2 = run(["--html", os.path.join(tmp, "r.html")])
print("pdf_batch_rate_with_html_thumbnails: %.0f PDFs/s" % (n / dt2))
print("# %d PDFs issued by certqr-issue batch, all authentic; wall %.1f s, CPU %.1f s, load average %.1f on %d CPUs"
      % (n, dt, cpu, load, os.cpu_count()))
PYEOF
