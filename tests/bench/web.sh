#!/bin/sh
# Benchmark of the web verifier (web/, docs/web.md), run by `make bench`, in
# Debian's headless Chromium (web/tests/bench.mjs), beside the native
# programs on the same images in the same run:
#  - page load to ready; a camera frame to the verdict (fake camera showing a
#    printed certificate) beside certqr-verify files and lib/scan on that frame;
#  - decode rate on the degraded corpus of tests/bench/files_corpus.py (the
#    texts, seed and size of tests/bench/files.sh, so the same images): the
#    page, zxing-wasm, and the native pipeline (files-scanbench).
# FILES_BENCH_PER_CLASS (default 20), WEB_BENCH_RUNS (default 10).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench-web.XXXXXX")
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
KEY="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key"
per=${FILES_BENCH_PER_CLASS:-20}
runs=${WEB_BENCH_RUNS:-10}
export CERTQR_WEB_NPM="$B/web/npm/node_modules"
HTML="$B/web/certqr-verify.html"

"$B/certqr-verify" --trust "$T/store" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
sed -n 's/.*id="cq-bundle"[^>]*>\([A-Za-z0-9+\/=]*\)<.*/\1/p' "$HTML" | base64 -d > "$T/page.bundle"
"$B/certqr-verify" --trust "$T/store" --install "$T/page.bundle" > /dev/null

# The camera frame: an issued certificate, rendered at 200 dpi, hand-held.
"$B/certqr-issue" batch --key "$KEY" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --passphrase-file "$P" \
	--out "$T/pdf" --quiet "$ROOT/docs/examples/sample-export.csv" > /dev/null 2>&1 || true
pdftoppm -r 200 -png -singlefile "$(ls "$T/pdf/"*.pdf | head -1)" "$T/page"
$PY "$ROOT/web/tests/camera_frame.py" "$T/page.png" "$T/camera.y4m" "$T/camera.png"

# The corpus of tests/bench/files.sh.
sh "$ROOT/tests/bench/degraded_corpus" "$B" "$T" "$per"
echo "# corpus: $(wc -l < "$T/corpus/manifest.tsv") images (tests/bench/files_corpus.py, seed 5)"

node "$ROOT/web/tests/bench.mjs" "$HTML" "$T/corpus" "$T/camera.y4m" "$runs"

# Native, same frame and same corpus.
$PY - "$B" "$T" "$runs" <<'PYEOF'
import os, statistics, subprocess, sys, time
b, t, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
verify, scanbench = os.path.join(b, "certqr-verify"), os.path.join(b, "tests/files-scanbench")
cam = os.path.join(t, "camera.png")
lines = subprocess.run([scanbench, "-e", "fast"], input=(cam + "\n") * (runs + 1), capture_output=True, text=True, check=True).stdout.splitlines()
print("native_frame_decode_ms: %.1f ms" % statistics.median(float(l.split("\t")[1]) for l in lines[1:]))
text = lines[0].split("\t")[4]
def wall(cmd):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter(); subprocess.run(cmd, capture_output=True); ts.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ts)
print("native_frame_run_ms: %.1f ms" % wall([verify, "files", "--trust", os.path.join(t, "store"), "--raw", "--no-progress", "--jobs", "1", cam]))
print("native_judge_run_ms: %.1f ms" % wall([verify, "--trust", os.path.join(t, "store"), "--json", text]))
print("# native on the same 1280x720 frame: lib/scan at its fast effort in-process (files-scanbench -e fast, as the page's camera),"
      " certqr-verify files (start, PNG, thorough scan, judge), certqr-verify on the text (start, bundle, judge); medians of %d" % runs)
man = [l.rstrip("\n").split("\t") for l in open(os.path.join(t, "corpus/manifest.tsv"), encoding="utf-8")]
paths = [os.path.join(t, "corpus", m[0]) for m in man]
out = subprocess.run([scanbench], input="\n".join(paths) + "\n", capture_output=True, text=True, check=True).stdout.splitlines()
res = {l.split("\t")[0]: l.split("\t") for l in out}
per, ms = {}, []
for m, p in zip(man, paths):
    c = per.setdefault(m[1], [0, 0]); c[0] += 1
    f = res[p]
    c[1] += int(f[2]) > 0 and bytes.fromhex(f[4]).decode("utf-8", "replace") == m[3]   # files-scanbench prints the text in hex
    if m[1] != "scan": ms.append(float(f[1]))
for cls, (n, ok) in per.items():
    print("web_decode_rate_%s_native: %.1f %%" % (cls, 100.0 * ok / n))
print("web_decode_rate_all_native: %.1f %%" % (100.0 * sum(c[1] for c in per.values()) / sum(c[0] for c in per.values())))
print("web_median_decode_ms_720p_native: %.1f ms" % statistics.median(ms))
print("# load average %.1f on %d CPUs" % (os.getloadavg()[0], os.cpu_count()))
PYEOF
