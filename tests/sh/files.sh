#!/bin/sh
# certqr-verify files: images and PDFs through the real programs.
# Every verdict from a PNG and from a PDF; composited PDFs made the way a
# forger edits them (text replaced in the content stream; another
# certificate's QR image put on the page); two certificates on a page;
# pages without a code; corrupt files in a batch that goes on; reports in
# JSON Lines, CSV and HTML, the HTML opened in headless Chromium.
. "$(dirname "$0")/../lib.sh"
plan 89
V="$B/certqr-verify"
I="$B/certqr-issue"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
PY=/usr/bin/python3
F="$ROOT/tests/files/forge.py"
S="$T/store"
unset CERTQR_TRUST

test_store "$S"

sign() { # key number year region issued [extra options]
	k=$1 num=$2 y=$3 reg=$4 iss=$5; shift 5
	"$I" sign --key "$ROOT/keys/test/issuer-$k-TEST-ONLY.key" --passphrase-file "$P" --name 张伟 \
		--id-number 410102198503120516 --number "$num" --year "$y" --hours-public 32 --hours-professional 64 \
		--issuer-region "$reg" --issued "$iss" "$@"
}

# --- every verdict, from an image and from a PDF -----------------------------
mkdir -p "$T/v/sub"
good=$(sign zhengzhou 4101020000301 2024 410100 2025-01-06)
{
	echo "authentic $good"
	echo "forged $($PY "$F" flip "$good")"
	echo "unknown_issuer $(sign undelegated 4101020000302 2024 410100 2025-01-06)"
	echo "out_of_scope $(sign zhengzhou 4104020000303 2024 410100 2025-01-06)"
	echo "outside_key_window $(sign luoyang-retired 4103020000304 2024 410300 2025-01-06)"
	echo "key_compromised $(sign anyang 4105020000305 2024 410500 2025-01-06)"
	echo "revoked $(sign zhengzhou 4101020000200 2023 410100 2024-01-10)"
	echo "superseded $(sign zhengzhou 4101020000203 2023 410100 2024-01-10)"
	echo "malformed CQ1:ABCD"
	echo "not_a_certificate https://example.org/not-a-certificate"
} > "$T/verdicts.txt"
while read -r st text; do
	qrencode -l M -s 6 -m 4 -o "$T/v/$st.png" "$text"
	$PY "$F" imgpdf "$T/v/sub/$st.pdf" "$T/v/$st.png"
done < "$T/verdicts.txt"
# A bare code has no certificate page around it: the page check cannot
# judge it, so an authentic signature is "page_unreadable" (exit 2).
status 2 "files: a directory of every verdict is exit 2 (some not authentic, a page not judged)" \
	"$V" files --trust "$S" --json "$T/v"
cp "$T/out" "$T/verdicts.jsonl"
while read -r st text; do
	row=$st
	[ "$st" = authentic ] && row=page_unreadable
	contains "$T/verdicts.jsonl" "\"source\":\"$T/v/$st.png\",\"status\":\"$row\",\"signature\":\"$st\"" "files: image gives $st"
	contains "$T/verdicts.jsonl" "\"source\":\"$T/v/sub/$st.pdf\",\"status\":\"$row\",\"signature\":\"$st\"" "files: PDF (recursed into sub/) gives $st"
done < "$T/verdicts.txt"
contains "$T/verdicts.jsonl" "\"file\":\"$T/v/sub/authentic.pdf\",\"page\":1,\"pages\":1" "files: JSON rows carry file and page"
grep '"status":"forged"' "$T/verdicts.jsonl" > "$T/forged.jsonl"
[ -s "$T/forged.jsonl" ] && grep -q '"certificate":null' "$T/forged.jsonl" && ! grep -q '"certificate":{' "$T/forged.jsonl"
_report $? "files: a forged code shows no certificate fields"

status 2 "files: one authentic code without its page is exit 2" "$V" files --trust "$S" "$T/v/authentic.png"
contains "$T/out" "页面无法判读 PAGE NOT JUDGED" "files: human output in both languages"
contains "$T/out" "张伟" "files: human output shows the signed name"
$PY "$F" photo "$T/photo.jpg" "$T/v/authentic.png"
status 2 "files: a phone photo (JPEG, turned, noisy) of an authentic code alone is exit 2" "$V" files --trust "$S" --json "$T/photo.jpg"
contains "$T/out" "\"source\":\"$T/photo.jpg\",\"status\":\"page_unreadable\",\"signature\":\"authentic\"" "files: JPEG photo: signature authentic, page not judged"
status 2 "files: --raw prints the text as read" "$V" files --trust "$S" --raw "$T/v/sub/authentic.pdf"
contains "$T/out" "$T/v/sub/authentic.pdf	1	" "files: --raw names file and page"
contains "$T/out" "$good" "files: --raw gives the exact QR text"

# --- issued PDFs, and composited ones ----------------------------------------
printf '%s\n' "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued" \
	"张伟,410102198503120516,4101020000123,2025,,32,64,,,,410100,2025-12-20" \
	"李秀英,410103199007152624,4101030004567,2025,,30,60,,,,410100,2025-12-20" \
	"张伟,410102198503120516,4101020000124,2024,,30,62,,,,410100,2025-01-20" > "$T/export.csv"
ok "issue: certqr-issue batch makes the certificate PDFs the next checks use" \
	"$I" batch --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" \
	--out "$T/issued" --passphrase-file "$P" --quiet "$T/export.csv"
A="$T/issued/4101020000123-2025-r1.pdf"
Bp="$T/issued/4101030004567-2025-r1.pdf"
ok "files: certificates issued as PDFs by certqr-issue batch verify" "$V" files --trust "$S" --json "$T/issued"
contains "$T/out" "\"status\":\"authentic\"" "files: issued PDF is authentic"
lacks "$T/out" "\"composited\":true" "files: genuine PDFs are not composited"
contains "$T/out" "\"text_layer\":true" "files: the page text was compared"
contains "$T/out" "\"read_by\":\"embedded-image/" "files: the QR came from the embedded image"
contains "$T/out" "{\"name\":\"张伟\",\"id_hint\":\"0516\",\"years\":[{\"year\":2024" "files: people summary across the batch, several years"

ok "files: the employer's summary of one person over two years" "$V" files --trust "$S" \
	--holder-id 410102198503120516 --years 2024-2025 "$A" "$T/issued/4101020000124-2024-r1.pdf"
contains "$T/out" "2024  达标 met  4101020000124" "summary: 2024 met"
contains "$T/out" "2025  达标 met  4101020000123" "summary: 2025 met"
contains "$T/out" "按人汇总 per person" "files: people across the batch in the human output"
status 1 "files: a year missing from the range is exit 1" "$V" files --trust "$S" \
	--holder-id 410102198503120516 --years 2023-2025 "$A" "$T/issued/4101020000124-2024-r1.pdf"
contains "$T/out" "缺少 missing: 2023" "summary: names the missing year"

qpdf --qdf --object-streams=disable "$A" "$T/a.qdf"
qpdf --qdf --object-streams=disable "$Bp" "$T/b.qdf"
$PY "$F" text "$T/a.qdf" "$T/e1.qdf" "32 学时" "52 学时"
$PY "$F" text "$T/e1.qdf" "$T/e2.qdf" "张伟" "关和"
fix-qdf "$T/e2.qdf" > "$T/edited.pdf"
$PY "$F" swapqr "$T/a.qdf" "$T/b.qdf" "$T/s.qdf"
fix-qdf "$T/s.qdf" > "$T/swapped.pdf"
status 1 "composited: text edited in the content stream is exit 1" "$V" files --trust "$S" --json "$T/edited.pdf"
contains "$T/out" "\"status\":\"composited\",\"signature\":\"authentic\"" "composited: edited text reported as composited"
contains "$T/out" "{\"field\":\"name\",\"signed\":\"张伟\",\"page\":\"关和\"" "composited: names the name with both values"
contains "$T/out" "{\"field\":\"hours_public\",\"signed\":\"32\",\"page\":\"52\",\"by\":\"page\"}" "composited: names the hours with both values, read from the page"
status 1 "composited: another certificate's QR image on the page is exit 1" "$V" files --trust "$S" "$T/swapped.pdf"
contains "$T/out" "合成证书 COMPOSITED" "composited: human headline"
contains "$T/out" "number: 签名 signed \"4101030004567\", 页面 page \"4101020000123\"" "composited: number differs, both values"
contains "$T/out" "name: 签名 signed \"李秀英\", 页面 page \"张伟\"" "composited: name differs, both values"
contains "$T/out" "id_number: 签名 signed \"…2624\", 页面 page \"…0516\"" "composited: printed ID does not match the signed binding"

# --- two certificates on a page; conflicting codes; no code ------------------
other=$(sign zhengzhou 4101020000310 2024 410100 2025-01-06)
qrencode -l M -s 6 -m 4 -o "$T/other.png" "$other"
$PY "$F" twoqr "$T/two.png" "$T/v/authentic.png" "$T/other.png"
$PY "$F" twoqr "$T/clash.png" "$T/v/authentic.png" "$T/v/forged.png"
status 1 "page with two certificates is exit 1" "$V" files --trust "$S" --json "$T/two.png"
contains "$T/out" "\"page_certificates\":2" "two certificates: counted on the page"
contains "$T/out" "this page holds 2 certificates" "two certificates: flagged in words"
status 1 "page with a code claiming the same number is exit 1" "$V" files --trust "$S" --json "$T/clash.png"
contains "$T/out" "\"conflict\":true" "conflict: flagged"
$PY "$F" blank "$T/blank.png"
$PY "$F" blur "$T/blurred.png" "$T/v/authentic.png" 9
status 2 "page with no code is exit 2 (could not check), not forged" "$V" files --trust "$S" --json "$T/blank.png" "$T/blurred.png"
contains "$T/out" "\"status\":\"no_code\",\"reason\":\"未找到二维码：请让证书二维码完整地在画面内，并靠近拍摄 no QR code found: get the certificate's whole code in the picture, and move closer\",\"hint\":\"no-code\"" "no code: says so, and what to do"
contains "$T/out" "\"hint\":\"too-blurred\"" "no code: hint too blurred"
lacks "$T/out" "forged" "no code: not counted as forged"
# A code whose text is longer than any certificate's (1 500 bytes, the
# scanner's bound is 1 024): its own verdict and reason, never a cut text.
$PY -c "print('HTTPS://EXAMPLE.CN/' + 'A' * 1481, end='')" > "$T/long.txt"
qrencode -l L -s 3 -m 4 -r "$T/long.txt" -o "$T/long.png"
status 1 "a code with a 1 500-byte text is exit 1 (not a certificate)" "$V" files --trust "$S" --json "$T/long.png"
contains "$T/out" "\"status\":\"not_a_certificate\"" "too long: not a certificate"
contains "$T/out" "holds 1500 bytes of text, more than the 1024 a certificate can have" "too long: the reason gives both lengths"
status 1 "--raw: the too-long code is named on stderr" "$V" files --trust "$S" --raw "$T/long.png"
contains "$T/err" "page 1: the QR code holds 1500 bytes" "too long: --raw says so on stderr"

# --- corrupt files in a batch that goes on ------------------------------------
mkdir -p "$T/batch/deeper"
cp "$T/v/authentic.png" "$T/batch/a.png"
cp "$A" "$T/batch/deeper/a.pdf"
n=$(wc -c < "$T/v/authentic.png"); head -c $((n / 2)) "$T/v/authentic.png" > "$T/batch/cut.png"
head -c 3000 "$A" > "$T/batch/deeper/cut.pdf"
printf 'not a picture' > "$T/batch/fake.jpg"
printf '%s\n' "$T/batch" "$T/edited.pdf" "$T/two.png" > "$T/list.txt"
status 2 "batch: corrupt image and PDF give exit 2" "$V" files --trust "$S" --progress --jobs 2 \
	--list "$T/list.txt" --jsonl "$T/r.jsonl" --csv "$T/r.csv" --html "$T/r.html"
contains "$T/err" "7/7 files checked" "batch: progress on stderr"
contains "$T/out" "$T/batch/cut.png: 无法检查 CANNOT CHECK" "batch: corrupt PNG reported"
contains "$T/out" "damaged PNG" "batch: says the PNG is damaged"
contains "$T/r.jsonl" "\"source\":\"$T/batch/deeper/cut.pdf\",\"status\":\"unreadable\",\"reason\":\"not a readable PDF" "batch: corrupt PDF reported"
contains "$T/r.jsonl" "\"source\":\"$T/batch/fake.jpg\",\"status\":\"unreadable\",\"reason\":\"not a PNG, JPEG or PDF file" "batch: file judged by content, not name"
contains "$T/r.jsonl" "\"source\":\"$T/batch/deeper/a.pdf\",\"status\":\"authentic\"" "batch: goes on after a corrupt file"
contains "$T/r.jsonl" "\"source\":\"$T/edited.pdf\",\"status\":\"composited\"" "batch: composited in the JSON Lines report"
contains "$T/r.csv" "file,page,status,signature,name,id_hint,number,year" "csv: header"
contains "$T/r.csv" "$T/edited.pdf,1,composited,authentic,张伟,	0516,	4101020000123,2025,32,64,96" "csv: composited row with signed fields (numbers kept as text)"
contains "$T/r.csv" "name: 签名 signed 张伟, 页面 page 关和" "csv: differences"
test "$(grep -c "^$T" "$T/r.csv")" -eq 8
_report $? "csv: one row per code, page without code, or unreadable file (8)"

# A file that never finishes (here a FIFO nobody writes to) is given up on
# after --timeout; its worker is killed and the rest of the batch is checked.
# The FIFO hangs for ever whatever the timeout; 5 s leaves the genuine file
# (under 0.5 s of CPU) ten times its need on a loaded machine.
mkfifo "$T/stuck.pdf"
status 2 "batch: a file that hangs is given up on (exit 2)" "$V" files --trust "$S" --timeout 5 --json "$T/stuck.pdf" "$T/v/authentic.png"
contains "$T/out" "\"source\":\"$T/stuck.pdf\",\"status\":\"unreadable\",\"reason\":\"gave up after 5 s" "batch: says it gave up"
contains "$T/out" "\"source\":\"$T/v/authentic.png\",\"status\":\"page_unreadable\",\"signature\":\"authentic\"" "batch: the next file is still checked"
status 2 "usage: --timeout out of range" "$V" files --trust "$S" --timeout 0 "$T/v/authentic.png"

# --- the HTML report in a real browser ---------------------------------------
contains "$T/r.html" "data:image/jpeg;base64," "html: thumbnails inline"
lacks "$T/r.html" "http://" "html: nothing fetched from the network"
if command -v chromium > /dev/null 2>&1; then
	cr() { timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
		--user-data-dir="$T/chrome" "$@" 2> /dev/null; }
	cr --dump-dom "file://$T/r.html" > "$T/dom.html"
	test "$(grep -o '<tr class="v-' "$T/dom.html" | wc -l)" -eq 8
	_report $? "html: Chromium shows 8 result rows"
	contains "$T/dom.html" 'data-sorted="2:-1"' "html: the inline script ran (sorted by verdict)"
	first=$(grep -o '<tr class="v-[a-z-]*"' "$T/dom.html" | head -1)
	test "$first" = '<tr class="v-composited"'
	_report $? "html: most serious first after sorting (got $first)"
	cr --screenshot="$T/shot.png" --window-size=1400,3000 "file://$T/r.html" > /dev/null
	$PY - "$T/shot.png" > "$T/colours" <<'PYEOF'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
want = {"green": (27, 127, 59), "red": (176, 0, 32), "grey": (85, 85, 85)}
count = dict.fromkeys(want, 0)
for p in im.getdata():
    for k, c in want.items():
        if all(abs(a - b) < 6 for a, b in zip(p, c)):
            count[k] += 1
print(" ".join("%s=%d" % kv for kv in count.items()))
for k in want:
    if count[k] < 200:
        print("missing", k)
PYEOF
	lacks "$T/colours" "missing" "html: verdict colours rendered (green authentic, red composited, grey unreadable)"
else
	echo "not ok - chromium is not installed (tools/deps/files.txt lists it)"
fi
