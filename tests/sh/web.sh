#!/bin/sh
# The web verifier (web/, docs/web.md) in Debian's headless Chromium, driven
# by playwright-core: the page's verdicts against certqr-verify's
# (differential), then the page as a person uses it (web/tests/e2e.mjs):
# a fake camera showing a printed certificate, a dropped PDF and photo, a
# USB scanner, the holder check, trust bundle updates, no network request,
# screenshots at phone and desktop size (kept under $BUILD/web/test-artefacts).
. "$(dirname "$0")/../lib.sh"
plan 68
HTML="$B/web/certqr-verify.html"
export CERTQR_WEB_NPM="$B/web/npm/node_modules"
V="$B/certqr-verify"
K="$B/certqr-keys"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
ART="$B/web/test-artefacts"
HOLDER=11010519491231002X
unset CERTQR_TRUST

ok "page: built, under 3 MB" sh -c "[ -s '$HTML' ] && [ \$(wc -c < '$HTML') -lt 3000000 ]"
# The page's own trust: its embedded root key and bundle, taken out of the
# HTML, installed in a store for certqr-verify, so both judge with the same.
embedded() { sed -n "s/.*id=\"$1\"[^>]*>\([A-Za-z0-9+\/=]*\)<.*/\1/p" "$HTML" | base64 -d; }
embedded cq-root > "$T/root.pub"
embedded cq-bundle > "$T/page.bundle"
S="$T/store"
ok "page: its embedded root key initialises a store" "$V" --trust "$S" --init "$T/root.pub"
ok "page: its embedded bundle installs with certqr-verify" "$V" --trust "$S" --install "$T/page.bundle"

# --- the differential test ---------------------------------------------------
# Every vector (tests/vectors, docs/format.md), the forgery suite's texts and
# the demo certificates' QR texts.
mkdir -p "$T/vec" "$T/corpus" "$T/demo"
i=0
{ sed -n 's/^qr=//p' "$ROOT/tests/vectors/"*.txt; sed -n 's/^    \(CQ1:.*\)$/\1/p' "$ROOT/docs/format.md"; } |
while IFS= read -r q; do i=$((i + 1)); printf '%s' "$q" > "$T/vec/v$i.txt"; done
"$B/tests/trust-corpus" "$ROOT/keys/test" "$T/corpus" > /dev/null
"$B/certqr-issue" batch --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" \
	--delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --passphrase-file "$P" --out "$T/demo/pdf" --quiet \
	"$ROOT/docs/examples/sample-export.csv" > /dev/null 2>&1
"$V" files --trust "$S" --raw --no-progress "$T/demo/pdf" 2> /dev/null | cut -f4 | sort -u > "$T/demo/texts"
i=0
while IFS= read -r q; do i=$((i + 1)); printf '%s' "$q" > "$T/demo/d$i.txt"; done < "$T/demo/texts"
: > "$T/cases"
for f in "$T"/vec/*.txt; do printf 'vectors\t%s\n' "$f"; done >> "$T/cases"
for f in "$T"/corpus/*.txt; do printf 'forgery suite\t%s\n' "$f"; done >> "$T/cases"
for f in "$T"/demo/d*.txt; do printf 'demo certificates\t%s\n' "$f"; done >> "$T/cases"
nvec=$(ls "$T"/vec/*.txt | wc -l) ncorp=$(ls "$T"/corpus/*.txt | wc -l) ndemo=$(ls "$T"/demo/d*.txt | wc -l)
echo "# differential: $nvec vectors, $ncorp forgery-suite texts, $ndemo demo certificates"
[ "$nvec" -ge 5 ] && [ "$ncorp" -ge 30 ] && [ "$ndemo" -ge 5 ]
_report $? "differential: the inputs exist ($nvec vectors, $ncorp forgery texts, $ndemo demo certificates)"
set --
while IFS="$(printf '\t')" read -r g f; do set -- "$@" -f "$f"; done < "$T/cases"
"$V" --trust "$S" --json "$@" > "$T/native.jsonl" 2> /dev/null
"$V" --trust "$S" --json --holder-id "$HOLDER" "$@" > "$T/native-holder.jsonl" 2> /dev/null
node "$ROOT/web/tests/differential.mjs" "$HTML" "$T/cases" "$T/native.jsonl" "$T/native-holder.jsonl" "$HOLDER" \
	> "$T/diff.out" 2> "$T/diff.err"
rc=$?
grep '^#' "$T/diff.out"
grep -q '^PASS' "$T/diff.out"; _report $? "differential: the page ran (exit $rc)"
while IFS="$(printf '\t')" read -r r d; do
	case $r in PASS) _report 0 "$d" ;; FAIL) cp "$T/diff.err" "$T/err"; _report 1 "$d" ;; esac
done < "$T/diff.out"

# The machine-readable verdict vectors (tests/vectors/verdicts.txt) are
# judged against their own bundle: the same page, built with it embedded.
node "$ROOT/web/tools/assemble.mjs" --core "$B/web/certqr-core.js" --bundle "$ROOT/tests/vectors/verdicts.bundle" \
	--root "$ROOT/keys/test/root-TEST-ONLY.pub" --pdfjs "$B/web/npm/node_modules/pdfjs-dist" --out "$T/vectors.html" > /dev/null
"$V" --trust "$T/vstore" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null 2>&1
"$V" --trust "$T/vstore" --install "$ROOT/tests/vectors/verdicts.bundle" > /dev/null 2>&1
/usr/bin/python3 - "$ROOT/tests/vectors/verdicts.txt" "$V" "$T/vstore" "$HOLDER" "$T" <<'PY'
import subprocess, sys
vec, verify, store, holder, t = sys.argv[1:6]
texts = [bytes.fromhex(l.rstrip("\n").split("\t")[3]) for l in open(vec, encoding="utf-8") if l.strip() and not l.startswith("#")]
with open(t + "/vcases", "w") as f:
    for i, b in enumerate(texts, 1):
        f.write("verdict vectors\thex:%s\targv:%d\n" % (b.hex(), i))
for name, extra in (("vnative.jsonl", []), ("vnative-holder.jsonl", ["--holder-id", holder])):
    with open(t + "/" + name, "wb") as out:
        subprocess.run([verify, "--trust", store, "--json"] + extra + texts, stdout=out, stderr=subprocess.DEVNULL)
PY
nv=$(wc -l < "$T/vcases")
[ "$nv" -ge 100 ]; _report $? "differential: the verdict vectors exist ($nv)"
node "$ROOT/web/tests/differential.mjs" "$T/vectors.html" "$T/vcases" "$T/vnative.jsonl" "$T/vnative-holder.jsonl" "$HOLDER" \
	> "$T/vdiff.out" 2> "$T/vdiff.err"
rc=$?
grep '^#' "$T/vdiff.out"
grep -q '^PASS' "$T/vdiff.out"; _report $? "differential: the vectors' page ran (exit $rc)"
while IFS="$(printf '\t')" read -r r d; do
	case $r in PASS) _report 0 "$d" ;; FAIL) cp "$T/vdiff.err" "$T/err"; _report 1 "$d" ;; esac
done < "$T/vdiff.out"

# The trust-bundle vectors through the page's bundle check.
node "$ROOT/web/tests/bundles.mjs" "$HTML" "$ROOT/tests/trust/bundles.txt" > "$T/bv.out" 2> "$T/bv.err"
rc=$?
grep '^#' "$T/bv.out"
grep -q '^PASS' "$T/bv.out"; _report $? "bundle vectors: the page ran (exit $rc)"
while IFS="$(printf '\t')" read -r r d; do
	case $r in PASS) _report 0 "$d" ;; FAIL) cp "$T/bv.err" "$T/err"; _report 1 "$d" ;; esac
done < "$T/bv.out"

# --- the page as a person uses it ---------------------------------------------
# A demo certificate, rendered at 200 dpi, seen by a hand-held camera.
pdf=$(ls "$T/demo/pdf/"*.pdf | head -1)
pdftoppm -r 200 -png -singlefile "$pdf" "$T/page" 2> /dev/null
/usr/bin/python3 "$ROOT/web/tests/camera_frame.py" "$T/page.png" "$T/camera.y4m" "$T/camera.png"
# (--raw judges too: the frame's page is only partly in view, so it may be
# exit 2, page not judged; never 1)
"$V" files --trust "$S" --raw --no-progress "$T/camera.png" > "$T/out" 2> "$T/err"
rc=$?
test "$rc" -ne 1 && grep -q "	CQ1:" "$T/out"
_report $? "camera frame: certqr-verify reads the certificate in it (exit $rc)"
text=$(cut -f4 "$T/out" | head -1)
"$V" --trust "$S" --json "$text" > "$T/native-one.json" 2> /dev/null
num=$(basename "$pdf" | cut -d- -f1)
holder=$(grep ",$num," "$ROOT/docs/examples/sample-export.csv" | cut -d, -f2)
# Bundles: newer (4), older (2), altered, another root's.
mkspec() { # $1 file, $2 version
	{ echo "version $2"; echo "date 2026-12-0$2"
	  for d in zhengzhou pingdingshan anyang province luoyang-retired kaifeng-compromised; do
		echo "delegation $ROOT/keys/test/issuer-$d-TEST-ONLY.dl"; done
	  echo "rules $ROOT/tools/data/rules-henan.txt"; } > "$1"
}
mkspec "$T/v4.spec" 4
mkspec "$T/v2.spec" 2
printf 'version 9\ndate 2026-12-09\n' > "$T/foreign.spec"
for v in v4 v2; do "$K" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/$v.spec" -o "$T/$v.bundle" --passphrase-file "$P" > /dev/null 2>&1; done
"$K" bundle --root "$ROOT/keys/test/foreign-root-TEST-ONLY.key" --spec "$T/foreign.spec" -o "$T/foreign.bundle" --passphrase-file "$P" > /dev/null 2>&1
# A two-page PDF: two demo certificates.
set -- $(ls "$T/demo/pdf/"*.pdf | sed -n '2p;3p')
qpdf --empty --pages "$1" "$2" -- "$T/two-pages.pdf"
pdf2nums="$(basename "$1" | cut -d- -f1) $(basename "$2" | cut -d- -f1)"
cp "$T/v4.bundle" "$T/bad.bundle"
printf '\001' | dd of="$T/bad.bundle" bs=1 seek=200 conv=notrunc 2> /dev/null
/usr/bin/python3 - "$T" "$HTML" "$B/web/pwa" "$pdf" "$text" "$holder" "$ART" "$pdf2nums" > "$T/e2e.json" <<'PY'
import json, sys
t, html, pwa, pdf, text, holder, art, nums = sys.argv[1:9]
print(json.dumps({"html": html, "pwa": pwa, "y4m": t + "/camera.y4m", "pdf": pdf, "photo": t + "/camera.png",
    "pdf2": t + "/two-pages.pdf", "pdf2Numbers": nums.split(),
    "native": open(t + "/native-one.json", encoding="utf-8").read().strip(), "text": text, "holder": holder,
    "otherHolder": "11010519491231002X", "artefacts": art,
    "bundles": {"newer": t + "/v4.bundle", "older": t + "/v2.bundle", "bad": t + "/bad.bundle",
                "foreign": t + "/foreign.bundle", "embedded": t + "/page.bundle"}}))
PY
rm -rf "$ART"   # no screenshot of an earlier run may pass for this one's
node "$ROOT/web/tests/e2e.mjs" "$T/e2e.json" > "$T/e2e.out" 2> "$T/e2e.err"
rc=$?
grep -q '^PASS' "$T/e2e.out"; _report $? "browser: the page ran (exit $rc)"
while IFS="$(printf '\t')" read -r r d; do
	case $r in PASS) _report 0 "$d" ;; FAIL) cp "$T/e2e.err" "$T/err"; _report 1 "$d" ;; esac
done < "$T/e2e.out"
for f in phone-camera phone-pdf desktop-en desktop-zh phone-pwa-offline; do
	[ -s "$ART/$f.png" ]; _report $? "screenshot kept: $ART/$f.png"
done
