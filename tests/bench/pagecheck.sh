#!/bin/sh
# The page check (docs/verifying-files.md, "The page check"):
#   pagecheck_pages_per_s / _no_check     born-digital PDFs issued by
#       certqr-issue, 2 workers (--jobs 2), pages/s with the page check and
#       without it (--no-page-check: the page is still rendered and scanned)
#   pagecheck_cpu_ms_per_pdf / _no_check  CPU time per PDF (all processes)
#   pagecheck_photo_rate                  phone photos of whole certificates/s
#   pagecheck_instructions_per_page       callgrind, the check alone on a
#       150 dpi scan (tests/tools/pagebench); _born_: on an issued PDF's
#       150 dpi render
#   pagecheck_*: accuracy on a degraded corpus (tests/bench/pagecheck_corpus.py):
#       genuine pages judged match, forgeries caught naming the right field,
#       forged numbers read exactly, per capture class and per field
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
KEY="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key"
FONT=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
npdf=${PAGECHECK_BENCH_PDFS:-200}
ncert=${PAGECHECK_BENCH_CERTS:-4}

mkdir -p "$T/store"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$ROOT/tests/trust/bundle.spec" \
	-o "$T/v3.bundle" --passphrase-file "$P" > /dev/null 2>&1
"$B/certqr-verify" --trust "$T/store" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
"$B/certqr-verify" --trust "$T/store" --install "$T/v3.bundle" > /dev/null

# --- rate: born-digital PDFs --------------------------------------------------
$PY "$ROOT/tests/bench/files_export.py" "$npdf" > "$T/export.csv"
"$B/certqr-issue" batch --key "$KEY" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --out "$T/pdfs" \
	--passphrase-file "$P" --quiet "$T/export.csv" > /dev/null
rm -f "$T/pdfs"/*.csv "$T/pdfs"/*.journal 2> /dev/null
$PY - "$B/certqr-verify" "$T/store" "$T/pdfs" "$T" <<'PYEOF'
import glob, json, os, resource, subprocess, sys, time
verify, store, pdfs, tmp = sys.argv[1:5]
n = len(glob.glob(os.path.join(pdfs, "*.pdf")))
def run(extra, want):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = os.path.join(tmp, "r.jsonl")
    p = subprocess.run([verify, "files", "--trust", store, "--quiet", "--no-progress", "--jsonl", out, "--jobs", "2"] + extra + [pdfs],
                       capture_output=True, text=True)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    got = sum(1 for l in open(out) if '"status":"%s"' % want in l)
    if got != n:
        sys.exit("pagecheck bench: %d of %d PDFs %s (exit %d): %s" % (got, n, want, p.returncode, p.stderr[-300:]))
    return dt, cpu
dt0, cpu0 = run(["--no-page-check"], "page_unreadable")
dt1, cpu1 = run([], "authentic")
print("pagecheck_pages_per_s: %.1f pages/s" % (n / dt1))
print("pagecheck_pages_per_s_no_check: %.1f pages/s" % (n / dt0))
print("pagecheck_cpu_ms_per_pdf: %.0f ms" % (cpu1 * 1e3 / n))
print("pagecheck_cpu_ms_per_pdf_no_check: %.0f ms" % (cpu0 * 1e3 / n))
print("# %d PDFs, all authentic with a matching page; wall %.1f s (%.1f without the check), CPU %.1f s (%.1f); "
      "load average %.1f on %d CPUs; an idle 2-core machine does about 2000/(CPU ms per page) pages/s"
      % (n, dt1, dt0, cpu1, cpu0, os.getloadavg()[0], os.cpu_count()))
PYEOF

# --- accuracy: the degraded corpus --------------------------------------------
$PY - "$ncert" > "$T/c.csv" <<'PYEOF'
import random, sys
rng = random.Random(5)
print("name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued")
names = ["张伟", "李秀英", "王小明", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
ids = ["410102198503120516", "410103199007152624", "41010319900715008X", "11010519491231002X"]
for i in range(int(sys.argv[1])):
    print("%s,%s,41010200%05d,%d,,%d,%d,,,,410100,2025-12-20" % (names[i % len(names)], ids[i % len(ids)],
          rng.randrange(100000), rng.choice([2023, 2024, 2025]), rng.randrange(24, 60), rng.randrange(60, 99)))
PYEOF
"$B/certqr-issue" batch --key "$KEY" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --out "$T/cpdf" \
	--passphrase-file "$P" --quiet "$T/c.csv" > /dev/null
$PY - "$T/c.csv" "$T/cpdf" <<'PYEOF'
import csv, glob, json, os, sys
out = []
for r in csv.DictReader(open(sys.argv[1])):
    f = glob.glob(os.path.join(sys.argv[2], r["number"] + "-*.pdf"))
    if not f:
        continue   # a row the batch refused (its rejects report says why)
    f = f[0]
    out.append({"file": os.path.basename(f), "name": r["name"], "id_number": r["id_number"], "number": r["number"],
                "year": r["year"], "hours_public": r["hours_public"], "hours_professional": r["hours_professional"],
                "hours_total": str(int(r["hours_public"]) + int(r["hours_professional"])),
                "issuer": "郑州市人力资源和社会保障局", "issued_zh": "2025 年 12 月 20 日"})
if not out:
    sys.exit("pagecheck bench: no certificate was issued for the corpus")
json.dump(out, open(os.path.join(sys.argv[2], "records.json"), "w"), ensure_ascii=False)
PYEOF
[ -s "$T/cpdf/records.json" ] || exit 1
t0=$(date +%s)
$PY "$ROOT/tests/bench/pagecheck_corpus.py" make "$T/cpdf" "$T/corpus" || exit 1
echo "# corpus: $(wc -l < "$T/corpus/manifest.tsv") captures of $ncert certificates in $(($(date +%s) - t0)) s"
cut -f1 "$T/corpus/manifest.tsv" > "$T/list"
"$B/certqr-verify" files --trust "$T/store" --quiet --no-progress --jsonl "$T/corpus.jsonl" --list "$T/list" 2> /dev/null
$PY "$ROOT/tests/bench/pagecheck_corpus.py" score "$T/corpus" "$T/corpus.jsonl"

# --- rate: phone photos -------------------------------------------------------
ls "$T/corpus"/*-genuine-photo.jpg > "$T/photos"
$PY - "$B/certqr-verify" "$T/store" "$T/photos" <<'PYEOF'
import os, resource, subprocess, sys, time
verify, store, lst = sys.argv[1:4]
files = [l.strip() for l in open(lst) if l.strip()] * 4
open(lst + ".x4", "w").write("\n".join(files) + "\n")
r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
p = subprocess.run([verify, "files", "--trust", store, "--quiet", "--no-progress", "--list", lst + ".x4"], capture_output=True, text=True)
dt = time.perf_counter() - t0; r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
print("pagecheck_photo_rate: %.1f photos/s" % (len(files) / dt))
print("pagecheck_photo_cpu: %.0f ms" % (cpu * 1e3 / len(files)))
print("# %d phone photos (about 2100x2100, JPEG), exit %d, load average %.1f" % (len(files), p.returncode, os.getloadavg()[0]))
PYEOF

# --- instructions: the check alone ---------------------------------------------
if command -v valgrind > /dev/null; then
	f=$(ls "$T/corpus"/*-150.png | head -1)
	valgrind --tool=callgrind --callgrind-out-file="$T/cg" --toggle-collect=cq_page_check \
		"$B/tests/tools/pagebench" "$T/store" "$FONT" "$f" 1 > /dev/null 2>&1
	ir=$(callgrind_annotate "$T/cg" 2> /dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
	[ -n "$ir" ] && echo "pagecheck_instructions_per_page: $((ir / 1000000)) M"
	echo "# callgrind, cq_page_check on a 150 dpi scan of an issued certificate (grey paper, noise, a turn)"
	pdftoppm -r 150 -png -singlefile "$(ls "$T/pdfs"/*.pdf | head -1)" "$T/born150"
	valgrind --tool=callgrind --callgrind-out-file="$T/cgb" --toggle-collect=cq_page_check \
		"$B/tests/tools/pagebench" "$T/store" "$FONT" "$T/born150.png" 1 > /dev/null 2>&1
	ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$T/cgb")
	[ -n "$ir" ] && echo "pagecheck_born_instructions_per_page: $((ir / 1000000)) M"
	echo "# callgrind, cq_page_check on an issued PDF rendered at 150 dpi in colour, as certqr-verify files renders it"
fi
