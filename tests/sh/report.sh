#!/bin/sh
# The committee's reports (certqr-verify files --html/--csv/--json) through
# the real program, on certificates issued by certqr-issue batch: compliance
# in its own column and in the badge colour, the same certificate in two
# applications as one row, people with each year once, in pinyin order,
# sorting by name and total hours, the heading's time and bundle age,
# counters at zero greyed, Chinese with English as a switch, a page opened
# full size. The HTML opened in headless Chromium: the state the page
# reports (DOM attributes after its script ran) and pixels of screenshots,
# kept under $BUILD/artefacts/report.
. "$(dirname "$0")/../lib.sh"
plan 32
V="$B/certqr-verify"
I="$B/certqr-issue"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
PY=/usr/bin/python3
S="$T/store"
ART="$B/artefacts/report"
unset CERTQR_TRUST
rm -rf "$ART"   # no screenshot of an earlier run may pass for this one's
mkdir -p "$ART"

test_store "$S"

# Six people, one of them with two years and short of hours in none; 李秀英
# short of public and professional hours; 单 read as a surname (shàn).
printf '%s\n' "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued" \
	"张伟,410102198503120516,4101020000123,2025,,32,64,,,,410100,2025-12-20" \
	"张伟,410102198503120516,4101020000124,2024,,30,62,,,,410100,2025-01-20" \
	"李秀英,410103199007152624,4101030004567,2025,,20,40,,,,410100,2025-12-20" \
	"赵六,410102199001011234,4101020000125,2025,,40,70,,,,410100,2025-12-20" \
	"艾力·买买提,410102198805054569,4101020000126,2025,,30,60,,,,410100,2025-12-20" \
	"单田芳,410102197003037893,4101020000127,2025,,36,80,,,,410100,2025-12-20" > "$T/export.csv"
ok "issue: six certificates for the committee's folder" \
	"$I" batch --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" \
	--out "$T/issued" --passphrase-file "$P" --quiet "$T/export.csv"
# Two applications carry the same certificate of 张伟's 2025.
mkdir -p "$T/apps/a1" "$T/apps/a2"
cp "$T/issued/"*.pdf "$T/apps/a1/"
cp "$T/issued/4101020000123-2025-r1.pdf" "$T/apps/a2/zhang-copy.pdf"
ok "files: the folder is all authentic (exit 0)" "$V" files --trust "$S" --quiet --no-progress \
	--json --html "$T/r.html" --csv "$T/r.csv" "$T/apps"
cp "$T/out" "$T/r.jsonl"
cp "$T/r.html" "$ART/report.html"

# --- JSON: people, each year once, in pinyin order ----------------------------
grep '^{"people"' "$T/r.jsonl" > "$T/people.json"
$PY - "$T/people.json" > "$T/people.txt" <<'PYEOF'
import json, sys
p = json.load(open(sys.argv[1]))["people"]
print("order", " ".join(x["name"] for x in p))
for x in p:
    print("years", x["name"], " ".join("%d:%s:%d:%d" % (y["year"], y["compliance"], y["copies"], len(y["files"])) for y in x["years"]))
PYEOF
contains "$T/people.txt" "order 艾力·买买提 李秀英 单田芳 张伟 赵六" "json: people in pinyin order (单 as the surname shàn, the middle dot skipped)"
contains "$T/people.txt" "years 张伟 2024:met:1:1 2025:met:2:2" "json: each year once, the copies and their files counted"
contains "$T/people.txt" "years 李秀英 2025:not_met:1:1" "json: a short year says not_met"

# --- CSV: one row per certificate, the shortfall in its own column -------------
contains "$T/r.csv" "file,page,status,signature,name,id_hint,number,year,hours_public,hours_professional,hours_total,issuer,compliance,shortfall,differences,reason,page_check,holder,also_in" "csv: header with shortfall and also_in"
test "$(grep -c '4101020000123' "$T/r.csv")" -eq 1
_report $? "csv: the certificate found in two files is one row"
contains "$T/r.csv" "$T/apps/a2/zhang-copy.pdf" "csv: ...naming the other file"
contains "$T/r.csv" "not_met,\"未达标：差 公需 10、专业 20、合计 30 学时 / short by 10 public, 20 professional, 30 total hours" "csv: shortfall per category"
test "$(grep -c "^$T" "$T/r.csv")" -eq 6
_report $? "csv: six rows for seven files (one certificate twice)"

# --- HTML in a browser ----------------------------------------------------------
contains "$T/r.html" "报告生成于 " "html: the report's time in the heading"
contains "$T/r.html" "信任库第 3 版（2026-11-01，已发布 " "html: the bundle's version, date and age in the heading"
lacks "$T/r.html" "http://" "html: nothing fetched from the network"
if ! command -v chromium > /dev/null 2>&1; then
	echo "not ok - chromium is not installed (tools/deps/files.txt lists it)"
	exit 0
fi
cr() { timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
	--user-data-dir="$T/chrome" "$@" 2> /dev/null; }
dom() { cr --dump-dom "file://$T/r.html#$1" > "$T/dom-$2.html"; }
# rows as the page shows them: name, total hours, verdict badge class
rows() { $PY - "$1" <<'PYEOF'
import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
tb = d[d.index('<table id="rows"'):]
tb = tb[:tb.index("</table>")]
for tr in re.findall(r"<tr class=.*?</tr>", tb, re.S):
    name = re.search(r'<td class="name"[^>]*>([^<]*)<', tr).group(1)
    hours = re.search(r'<td class="hours" data-key="(-?\d+)"', tr).group(1)
    comp = re.search(r'data-compliance="([a-z-]+)"', tr).group(1)
    print(name, hours, comp)
PYEOF
}
dom "" default
contains "$T/dom-default.html" 'data-sorted="2:-1"' "html: the script ran (sorted by verdict, most serious first)"
rows "$T/dom-default.html" > "$T/rows-default.txt"
test "$(wc -l < "$T/rows-default.txt")" -eq 6
_report $? "html: six rows (the copy merged)"
test "$(head -1 "$T/rows-default.txt")" = "李秀英 60 short"
_report $? "html: the authentic certificate short of hours sorts above the clean ones"
contains "$T/dom-default.html" "同一证书见于 2 个文件" "html: the merged row says it was found in two files"
contains "$T/dom-default.html" 'data-lang="zh"' "html: Chinese by default"
dom "sort=name" name
rows "$T/dom-name.html" | cut -d' ' -f1 | tr '\n' ' ' > "$T/names.txt"
echo >> "$T/names.txt"
contains "$T/names.txt" "艾力·买买提 李秀英 单田芳 张伟 张伟 赵六 " "html: sorted by name in pinyin order"
contains "$T/dom-name.html" 'data-sorted="3:1"' "html: ...and the table says so"
dom "sort=hours" hours
rows "$T/dom-hours.html" | cut -d' ' -f2 | tr '\n' ' ' > "$T/hours.txt"
echo >> "$T/hours.txt"
contains "$T/hours.txt" "116 110 96 92 90 60 " "html: sorted by total hours, most first"
dom "lang=en&view=0" en
contains "$T/dom-en.html" 'data-lang="en"' "html: the English switch (from the link)"
contains "$T/dom-en.html" '<html lang="en"' "html: ...sets the document's language"
contains "$T/dom-en.html" 'data-view="0"' "html: a page opened full size"
# Pixels: the default view (the orange badge of a short certificate, the
# greyed zero counters, the green ones), the English view, the open page.
cr --screenshot="$ART/report-zh.png" --window-size=1400,1400 "file://$T/r.html" > /dev/null
cr --screenshot="$ART/report-en.png" --window-size=1400,1400 "file://$T/r.html#lang=en" > /dev/null
cr --screenshot="$ART/report-page.png" --window-size=1400,1000 "file://$T/r.html#view=1" > /dev/null
$PY - "$ART" > "$T/pixels.txt" <<'PYEOF'
import sys
from PIL import Image
art = sys.argv[1]
def count(path, rgb, tol=6, box=None):
    im = Image.open(path).convert("RGB")
    if box: im = im.crop(box)
    return sum(1 for p in im.getdata() if all(abs(a - b) < tol for a, b in zip(p, rgb)))
zh = art + "/report-zh.png"
print("orange", count(zh, (211, 84, 0)))
print("green", count(zh, (27, 127, 59)))
print("zero-grey", count(zh, (221, 221, 221)))
print("red", count(zh, (176, 0, 32)))
# the open page: a dark overlay with the page at full size (wider than the
# 240-pixel thumbnail) in the middle
im = Image.open(art + "/report-page.png").convert("RGB")
w, h = im.size
best = 0
for y in range(20, 140, 4):  # the page's white top margin, under the overlay's note
    run = 0
    for x in range(w):
        run = run + 1 if min(im.getpixel((x, y))) > 200 else 0
        best = max(best, run)
dark = sum(1 for p in im.getdata() if max(p) < 60)
print("page-run", best)
print("dark-share", int(100 * dark / (w * h)))
PYEOF
cp "$T/pixels.txt" "$ART/pixels.txt"
v() { sed -n "s/^$1 //p" "$T/pixels.txt"; }
test "$(v orange)" -gt 300
_report $? "html pixels: the short certificate's badge is orange ($(v orange) px)"
test "$(v green)" -gt 300
_report $? "html pixels: authentic and met badges are green ($(v green) px)"
test "$(v zero-grey)" -gt 1000
_report $? "html pixels: counters at zero are greyed ($(v zero-grey) px)"
test "$(v red)" -lt 50
_report $? "html pixels: no red in an all-authentic folder ($(v red) px)"
test "$(v page-run)" -gt 600
_report $? "html pixels: the opened page is shown full size ($(v page-run) px of page across)"
test "$(v dark-share)" -gt 8
_report $? "html pixels: ...over a dark overlay ($(v dark-share) % dark)"
cmp -s "$ART/report-zh.png" "$ART/report-en.png"
test $? -ne 0
_report $? "html pixels: the English switch changes what is drawn"

# The pinyin table is generated data: regenerated from Debian's unicode-data
# it is the same file (tools/data/pinyin.py).
if [ -r /usr/share/unicode/Unihan_Readings.txt.bz2 ]; then
	$PY "$ROOT/tools/data/pinyin.py" > "$T/pinyin_table.h" 2> /dev/null
	ok "lib/pinyin_table.h is what tools/data/pinyin.py makes from unicode-data" cmp "$T/pinyin_table.h" "$ROOT/lib/pinyin_table.h"
else
	echo "not ok - unicode-data is not installed (tools/deps/files.txt lists it)"
fi
