#!/bin/sh
# The page check (include/certqr/pagecheck.h) through the real programs:
# certificates issued by certqr-issue, edited the ways the held-out page-check
# corpus edited them (content-stream text, annotations and form fields
# over a value, a hidden-on-screen annotation that prints, a value moved
# off its line, a reworded label, a full-width X in the ID number, another
# person's ID number, raster edits, image-only and sandwich PDFs, a photo
# of an edited page, a code from another certificate), and genuine controls
# (re-saved, re-printed to PDF, scanned at 150-300 dpi with a scanner app's
# footer, a stamp and handwriting in the margin, photographed in
# perspective, a second page). Each forgery must give its exact differing
# field; each control "match" and exit 0. (15 forgeries, 12 controls.) Then
# a name edit only the reader (Tesseract) catches, a speckled and a sealed
# grey scan that must match, glare photos that must be unreadable, soft
# photos of small pages (authentic, or unreadable saying why, never
# composited; an edit under the same softness still composited), desk
# photos in the page corpus's photo model that must match; and nine of
# them again with the code's corners moved by -2..2 pixels.
. "$(dirname "$0")/../lib.sh"
# desk photos: three in the main lane, one in the ASan re-run (their code
# paths are the other photos'; SAMPLE_STRIDE, tests/lib.sh)
DESK="113 123 135"
[ "$SAMPLE_STRIDE" -gt 1 ] && DESK=113
plan $((104 + 2 * $(echo $DESK | wc -w)))
V="$B/certqr-verify"
I="$B/certqr-issue"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
PY=/usr/bin/python3
F="$ROOT/tests/files/forge.py"
PF="$ROOT/tests/files/pageforge.py"
S="$T/store"
unset CERTQR_TRUST

test_store "$S"

printf '%s\n' "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued" \
	"张伟,410102198503120516,4101020000123,2025,,32,64,,,,410100,2025-12-20" \
	"李秀英,410103199007152624,4101030004567,2025,2,30,60,24,,,410100,2025-12-20" \
	"王小明,41010319900715008X,4101030004568,2024,,30,62,,abroad,5,410100,2025-01-20" \
	"阿依古丽·买买提,410102199203150048,4101020000124,2025,,32,64,,,,410100,2025-12-20" > "$T/export.csv"
ok "issue: four certificates to forge and to keep (plain; compulsory hours and a revision; an ID ending in X and a reduction; a long name)" \
	"$I" batch --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" \
	--out "$T/issued" --passphrase-file "$P" --quiet "$T/export.csv"
A="$T/issued/4101020000123-2025-r1.pdf"
Bp="$T/issued/4101030004567-2025-r2.pdf"
X="$T/issued/4101030004568-2024-r1.pdf"
G="$T/g" E="$T/e"
mkdir -p "$G" "$E" "$T/r"
pdftoppm -r 150 -gray -png -singlefile "$A" "$T/r/a150"
pdftoppm -r 200 -gray -png -singlefile "$A" "$T/r/a200"
pdftoppm -r 300 -gray -png -singlefile "$A" "$T/r/a300"
pdftoppm -r 150 -gray -png -singlefile "$X" "$T/r/x150"

# --- genuine controls -------------------------------------------------------
cp "$A" "$Bp" "$X" "$G/"
qpdf --linearize "$A" "$G/resaved.pdf"
pdftocairo -pdf "$A" "$G/reprinted.pdf"
$PY "$PF" scan "$T/r/a150.png" "$G/scan150-footer.jpg" -0.4 6 footer
$PY "$PF" scan "$T/r/a200.png" "$G/scan200.png" 1.5 3
$PY "$PF" scan "$T/r/a300.png" "$G/scan300-footer-stamp.png" 0.6 4 footer stamp
$PY "$PF" photo "$T/r/a200.png" "$G/photo-tilt8.jpg" 0.08
$PY "$PF" photo "$T/r/a200.png" "$G/photo-tilt15.jpg" 0.15
$PY "$F" imgpdf "$G/imageonly.pdf" "$T/r/a150.png"
$PY "$F" blank "$T/blankpage.png"
$PY "$F" imgpdf "$T/blank.pdf" "$T/blankpage.png"
$PY "$PF" twopage "$A" "$T/blank.pdf" "$T/appendix.pdf"
ok "controls: every genuine capture is exit 0" "$V" files --trust "$S" --json "$G"
cp "$T/out" "$T/controls.jsonl"
for f in 4101020000123-2025-r1.pdf 4101030004567-2025-r2.pdf 4101030004568-2024-r1.pdf resaved.pdf reprinted.pdf \
	scan150-footer.jpg scan200.png scan300-footer-stamp.png photo-tilt8.jpg photo-tilt15.jpg imageonly.pdf; do
	contains "$T/controls.jsonl" "\"source\":\"$G/$f\",\"status\":\"authentic\"" "control $f: authentic"
done
test "$(grep -c '"page_check":"match"' "$T/controls.jsonl")" -eq 11
_report $? "controls: 11 pages judged match"
contains "$T/controls.jsonl" "\"page_id_number\":\"match\"" "controls: the printed ID number is read and bound to the signed hash"
# a page without a code was not checked, beside a genuine page too (an
# appendix, or a decoy copy with its code painted over): exit 2, never 0
status 2 "controls: a genuine page with a code-less second page is exit 2 (a page not checked)" \
	"$V" files --trust "$S" --json "$T/appendix.pdf"
contains "$T/out" "\"source\":\"$T/appendix.pdf\",\"status\":\"authentic\"" "controls: the appendix's certificate page is authentic"
contains "$T/out" "\"source\":\"$T/appendix.pdf\",\"status\":\"no_code\"" "controls: the appendix page is reported"

# --- forgeries ----------------------------------------------------------------
# summary of a JSON Lines run: FILE STATUS PAGE_CHECK FIELD,FIELD (sorted)
summary() {
	$PY -c '
import json, sys, os
for l in open(sys.argv[1]):
    d = json.loads(l)
    if "file" not in d or "page_check" not in d: continue
    f = sorted(set(x["field"] for x in d.get("differences", [])))
    print(os.path.basename(d["file"]), d["status"], d["page_check"], ",".join(f) or "-")
' "$1"
}
qpdf --qdf --object-streams=disable "$A" "$T/a.qdf"
qpdf --qdf --object-streams=disable "$Bp" "$T/b.qdf"
$PY "$F" text "$T/a.qdf" "$T/e1.qdf" "32 学时" "52 学时"
fix-qdf "$T/e1.qdf" > "$E/stream-hours.pdf"
$PY "$F" text "$T/a.qdf" "$T/e2.qdf" "公需科目" "公需学时"
fix-qdf "$T/e2.qdf" > "$E/label-reworded.pdf"
$PY "$F" swapqr "$T/a.qdf" "$T/b.qdf" "$T/s.qdf"
fix-qdf "$T/s.qdf" > "$E/qr-from-another.pdf"
$PY "$PF" annot "$A" "$E/freetext-hours.pdf" FreeText 219 512 60 18 52
$PY "$PF" annot "$A" "$E/widget-total.pdf" Widget 219 446 60 18 196
$PY "$PF" annot "$A" "$E/printonly-hours.pdf" FreeText 219 512 60 18 52 36
$PY "$PF" paint "$T/r/a150.png" "$E/raster-hours.png" 150 221 512 40 18 "52 学时" 15 518
$PY "$PF" paint "$T/r/a200.png" "$E/raster-name.png" 200 221 645 60 20 "关和" 15 650
$PY "$PF" paint "$T/r/a150.png" "$E/raster-moved.png" 150 221 512 60 18 "32 学时" 15 523
$PY "$PF" paint "$T/r/a150.png" "$E/raster-year.png" 150 221 545 60 18 "2026" 15 551
$PY "$PF" paint "$T/r/a150.png" "$E/impersonated-id.png" 150 221 611 180 20 "410103199007152624" 15 617
$PY "$PF" paint "$T/r/x150.png" "$E/fullwidth-x.png" 150 221 611 180 20 "41010319900715008Ｘ" 15 617
$PY "$F" imgpdf "$E/imageonly-hours.pdf" "$E/raster-hours.png"
$PY "$PF" sandwich "$A" "$E/raster-hours.png" "$E/sandwich-hours.pdf"
$PY "$PF" photo "$E/raster-hours.png" "$E/photo-edited.jpg" 0.1
status 1 "forgeries: a folder of composited pages is exit 1" "$V" files --trust "$S" --json --html "$T/r.html" "$E"
cp "$T/out" "$T/forgeries.jsonl"
summary "$T/forgeries.jsonl" > "$T/forgeries.txt"
while read -r f want; do
	contains "$T/forgeries.txt" "$f composited differs $want" "forgery $f: composited, differing $want"
done <<EOF
stream-hours.pdf hours_public
label-reworded.pdf label
freetext-hours.pdf hours_public
widget-total.pdf hours_total
printonly-hours.pdf hours_public
raster-hours.png hours_public
raster-name.png name
raster-year.png year
impersonated-id.png id_number
fullwidth-x.png id_number
imageonly-hours.pdf hours_public
sandwich-hours.pdf hours_public
photo-edited.jpg hours_public
EOF
grep -q "^raster-moved.png composited differs .*hours_public" "$T/forgeries.txt"
_report $? "forgery raster-moved.png: a value moved off its line differs (hours_public)"
grep -q "^qr-from-another.pdf composited differs .*name.*number" "$T/forgeries.txt"
_report $? "forgery qr-from-another.pdf: another certificate's code, name and number differ"
cp "$T/forgeries.txt" "$T/out"
test "$(grep -c ' composited differs ' "$T/forgeries.txt")" -eq 15
_report $? "forgeries: all 15 composited by the page check"
contains "$T/forgeries.jsonl" "{\"field\":\"hours_public\",\"signed\":\"32\",\"page\":\"52\",\"by\":\"page\"}" "forgery: the page's value is read (52 for 32)"
contains "$T/forgeries.jsonl" "\"status\":\"composited\",\"signature\":\"authentic\"" "forgery: the signature's own verdict is kept beside the status"
lacks "$T/forgeries.jsonl" "\"status\":\"authentic\"" "forgeries: none reads authentic"
contains "$T/r.html" 'class="crop"' "html: a crop of each differing region"

# --- the second opinion: what the page shows, read (Tesseract) ----------------
# One stroke changed in a long name (提→捷) differs from the signed glyph
# by about as much ink as a genuine capture's noise: the ink comparison
# alone (pagebench, which gives the page check no reader) calls it match;
# certqr-verify files reads the doubtful name, and the character read
# explains the page's ink where the signed one does not.
N="$T/issued/4101020000124-2025-r1.pdf"
pdftoppm -r 200 -gray -png -singlefile "$N" "$T/r/n200"
$PY "$PF" paint "$T/r/n200.png" "$T/ocr-name.png" 200 221 645 125 20 "阿依古丽·买买捷" 15 650
"$B/tests/tools/pagebench" "$S" /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc "$T/ocr-name.png" 1 1 > "$T/out" 2> "$T/err"
grep -q '^jitter .*\] match - ' "$T/out"
_report $? "second opinion: the one-stroke name edit passes the ink comparison alone (pagebench: match)"
status 1 "second opinion: certqr-verify files calls the same page composited (exit 1)" \
	"$V" files --trust "$S" --json "$T/ocr-name.png"
contains "$T/out" '{"field":"name","signed":"阿依古丽·买买提","page":"阿依古丽·买买捷","by":"page"}' \
	"second opinion: the difference says what the page shows (买买捷)"
status 0 "second opinion: the genuine page of the same certificate stays authentic (exit 0)" \
	"$V" files --trust "$S" --json "$T/r/n200.png"
contains "$T/out" '"page_check":"match"' "second opinion: its page matches"

# --- captures that are not edits ------------------------------------------------
# Toner specks all over a grey scan are no added ink, nor a seal's ring
# over the red title where grey cannot drop its colour; glare that washes
# out the values makes the page unreadable (exit 2), never composited.
$PY "$PF" scan "$T/r/a200.png" "$T/toner.png" 0.8 4 toner
status 0 "capture: a grey scan speckled with toner is authentic (exit 0)" "$V" files --trust "$S" --json "$T/toner.png"
contains "$T/out" '"page_check":"match"' "capture: the speckled scan's page matches"
$PY "$PF" scan "$T/r/a200.png" "$T/seal.png" -0.5 3 seal
status 0 "capture: a grey scan with a unit's seal pressed over the title is authentic (exit 0)" \
	"$V" files --trust "$S" --json "$T/seal.png"
contains "$T/out" '"page_check":"match"' "capture: the sealed scan's page matches"
$PY "$PF" glare "$T/r/a200.png" "$T/glare.png" 200 300 560 130 0.93
$PY "$PF" photo "$T/glare.png" "$T/glare.jpg" 0.05
status 2 "capture: a photo whose flash glare washes out the values is exit 2" "$V" files --trust "$S" --json "$T/glare.jpg"
contains "$T/out" '"status":"page_unreadable","signature":"authentic"' "capture: the glare photo is page_unreadable, not composited"
contains "$T/out" 'glare' "capture: the reason names the glare"
# Glare across the ID number's first digits leaves them too faint to read:
# their places are judged as the digits they look most like, washed out,
# not as other digits (this page was called composited).
$PY "$PF" glare "$T/r/a200.png" "$T/glare-id.png" 200 320 600 90 0.85
$PY "$PF" photo "$T/glare-id.png" "$T/glare-id.jpg" 0.05
status 2 "capture: glare across the ID number's first digits is exit 2" "$V" files --trust "$S" --json "$T/glare-id.jpg"
contains "$T/out" '"status":"page_unreadable","signature":"authentic"' "capture: the glare over the ID number is page_unreadable, not composited"
# Soft photos (a lens blur of 1.2 px) of small pages, 112-135 dpi: the labels
# show how soft the capture is, a value glyph a little past its limit there
# is in doubt, and a number or an ID number that cannot be read is no other
# number. Each was called composited.
pdftoppm -r 112 -gray -png -singlefile "$A" "$T/r/a112"
pdftoppm -r 115 -gray -png -singlefile "$A" "$T/r/a115"
pdftoppm -r 135 -gray -png -singlefile "$A" "$T/r/a135"
$PY "$PF" photo "$T/r/a115.png" "$T/soft115.jpg" 0.06 1.2
status 0 "capture: a soft 115 dpi photo of the genuine page is authentic (exit 0)" "$V" files --trust "$S" --json "$T/soft115.jpg"
contains "$T/out" '"page_check":"match"' "capture: the soft 115 dpi photo's page matches"
$PY "$PF" photo "$T/r/a135.png" "$T/soft135.jpg" 0.1 1.2
status 2 "capture: a soft, tilted 135 dpi photo of the genuine page is exit 2" "$V" files --trust "$S" --json "$T/soft135.jpg"
contains "$T/out" '"status":"page_unreadable","signature":"authentic"' "capture: the soft 135 dpi photo is page_unreadable, not composited"
contains "$T/out" 'too blurred to compare' "capture: the reason says the picture is too blurred"
$PY "$PF" photo "$T/r/a112.png" "$T/soft112.jpg" 0.06 1.2
status 2 "capture: a soft 112 dpi photo whose ID number cannot be read is exit 2" "$V" files --trust "$S" --json "$T/soft112.jpg"
contains "$T/out" '"status":"page_unreadable","signature":"authentic"' "capture: the soft 112 dpi photo is page_unreadable, not composited"
contains "$T/out" 'ID number cannot be read' "capture: the reason says the ID number cannot be read"
# Desk photos whose perspective pulls each corner its own way: the seal's
# light grey caption, faded, was "found" 6-12 px off and bent the geometry
# across the page (113 and 123 were composited). Light print fixes geometry
# only where two of its places agree, in a strict look; without it at all,
# 135's issuer line was composited.
for seed in $DESK; do
	$PY "$PF" desk "$A" "$T/desk$seed.jpg" $seed
	status 0 "capture: desk photo $seed of the genuine page is authentic (exit 0)" "$V" files --trust "$S" --json "$T/desk$seed.jpg"
	contains "$T/out" '"page_check":"match"' "capture: desk photo $seed's page matches"
done
# and softness hides no edit: the same soft photo of an edited page
$PY "$PF" paint "$T/r/a135.png" "$T/soft-edit.png" 135 221 512 40 18 "52 学时" 15 518
$PY "$PF" photo "$T/soft-edit.png" "$T/soft-edit.jpg" 0.1 1.2
status 1 "capture: a soft 135 dpi photo of a page with edited hours is composited (exit 1)" \
	"$V" files --trust "$S" --json "$T/soft-edit.jpg"
contains "$T/out" '"field":"hours_public"' "capture: the soft photo's edit names the public hours"

# --- the code's corners a pixel or two off -------------------------------------
# Decoders place a corner a pixel or two apart (zbar and zxing-cpp differ so);
# the verdict must not follow. Each capture judged again with 12 sets of
# corners moved by -2..2 pixels (tests/tools/pagebench): genuine scans and a
# photo stay match, forgeries name their one field, a steep photo is never
# called composited. The ASan re-run tries fewer sets (SAMPLE_STRIDE,
# tests/lib.sh: the first 3 of 12 at its stride of 5).
JIT=$(((12 + SAMPLE_STRIDE - 1) / SAMPLE_STRIDE))
jitter() { # FILE WANT: every one of the $JIT lines "WANT"
	"$B/tests/tools/pagebench" "$S" /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc "$1" 1 $JIT > "$T/jit.txt" 2> "$T/err"
	r=$?
	lines=$(grep -c '^jitter ' "$T/jit.txt")
	good=$(grep -c "^jitter .*\] $2 runs " "$T/jit.txt")
	cp "$T/jit.txt" "$T/out"
	[ $r -eq 0 ] && [ "$lines" -eq $JIT ] && [ "$good" -eq $JIT ]
}
for c in "$G/scan150-footer.jpg:match -" "$G/scan200.png:match -" "$G/scan300-footer-stamp.png:match -" \
	"$G/photo-tilt8.jpg:match -" "$E/photo-edited.jpg:differs hours_public" "$E/raster-hours.png:differs hours_public" \
	"$E/raster-name.png:differs name" "$E/impersonated-id.png:differs id_number"; do
	jitter "${c%%:*}" "${c#*:}"
	_report $? "corners ±2 px: $(basename "${c%%:*}") stays ${c#*:} in $JIT of $JIT"
done
"$B/tests/tools/pagebench" "$S" /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc "$G/photo-tilt15.jpg" 1 $JIT > "$T/jit.txt" 2> "$T/err"
test $? -eq 0 && test "$(grep -c '^jitter ' "$T/jit.txt")" -eq $JIT && ! grep -q '^jitter .*\] differs ' "$T/jit.txt" &&
	test "$(grep -c '^jitter .*\] match - ' "$T/jit.txt")" -ge 1
r=$?; cp "$T/jit.txt" "$T/out"
_report $r "corners ±2 px: a steep photo (tilt 0.15) is match or unreadable, never composited"

# --- what cannot be judged ----------------------------------------------------
good=$("$I" sign --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --passphrase-file "$P" --name 张伟 \
	--id-number 410102198503120516 --number 4101020000301 --year 2024 --hours-public 32 --hours-professional 64 \
	--issuer-region 410100 --issued 2025-01-06)
qrencode -l M -s 6 -m 4 -o "$T/bare.png" "$good"
status 2 "unreadable: a bare code without its page is exit 2, never authentic" "$V" files --trust "$S" --json "$T/bare.png"
contains "$T/out" "\"status\":\"page_unreadable\",\"signature\":\"authentic\"" "unreadable: page_unreadable beside the authentic signature"
contains "$T/out" "\"page_check\":\"unreadable\"" "unreadable: page_check says so"
status 2 "unreadable: human output says the page was not judged" "$V" files --trust "$S" "$T/bare.png"
contains "$T/out" "页面无法判读 PAGE NOT JUDGED" "unreadable: headline in both languages"
contains "$T/err" "无法判读 unreadable" "unreadable: the summary counts it"

# --- holder binding typed by the clerk, in every report ------------------------
status 1 "holder: --holder-id of another person is exit 1" "$V" files --trust "$S" --json --csv "$T/h.csv" \
	--holder-id 410103199007152624 "$A"
contains "$T/out" "\"holder\":\"mismatch\"" "holder: the JSON row has the holder field"
contains "$T/out" "\"status\":\"other_holder\",\"signature\":\"authentic\"" "holder: the JSON row's status is other_holder, not authentic"
contains "$T/h.csv" ",mismatch" "holder: the CSV row shows the mismatch"
status 1 "holder: the employer's summary counts another holder" "$V" files --trust "$S" \
	--holder-id 410103199007152624 --years 2025 "$A"
contains "$T/out" "certificates of another person" "holder: --years names the other holder's certificate"
contains "$T/err" "1 持证人不符 another holder" "holder: the summary line counts it as a problem"

# --- the kiosk: a dropped file gets the same page check ------------------------
kiosk_open() { # FILE: state log in $T/k.jsonl
	rm -f "$T/k.jsonl"
	mkdir -p "$T/kempty" "$T/kstate"
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout 120 "$B/certqr-kiosk" --trust "$S" --state "$T/kstate" \
		--source "play:$T/kempty" --window 640x480 --virtual-clock --exit-when-done --no-sound \
		--open "$1" --state-log "$T/k.jsonl"
}
ok "kiosk: --open with an edited PDF runs" kiosk_open "$E/stream-hours.pdf"
contains "$T/k.jsonl" "\"status\":\"authentic\",\"colour\":\"red\"" "kiosk: the edited PDF is red, not green"
contains "$T/k.jsonl" "\"page_check\":\"differs\",\"page_fields\":\"hours_public\"" "kiosk: names the differing field"
ok "kiosk: --open with a genuine PDF runs" kiosk_open "$A"
contains "$T/k.jsonl" "\"colour\":\"green\"" "kiosk: the genuine PDF is green"
contains "$T/k.jsonl" "\"page_check\":\"match\"" "kiosk: its page matches"
ok "kiosk: --open with a bare code runs" kiosk_open "$T/bare.png"
lacks "$T/k.jsonl" "\"colour\":\"green\"" "kiosk: a dropped code without its page is never green"
contains "$T/kstate/audit.log" "page=differs fields=hours_public" "kiosk: the audit log records the page result"
ok "kiosk: --open with the one-stroke name edit runs" kiosk_open "$T/ocr-name.png"
contains "$T/k.jsonl" "\"page_check\":\"differs\",\"page_fields\":\"name\"" "kiosk: its reader catches the name edit too (red, name)"

# --- the kiosk and certqr-verify files judge a dropped picture alike ----------
# A red seal pressed over the values (multiplied: the print under it stays
# black): both read the picture through its colour dropout plane, so both
# say match; the same seal on the page with edited hours: both say differs,
# naming hours_public. The verdicts are compared, not only each one.
pdftoppm -r 150 -png -singlefile "$A" "$T/r/a150c"
pdftoppm -r 150 -png -singlefile "$E/stream-hours.pdf" "$T/r/e150c"
$PY "$PF" seal "$T/r/a150c.png" "$T/sealed-genuine.png" 255 520 45
$PY "$PF" seal "$T/r/e150c.png" "$T/sealed-edited.png" 255 520 45
alike() { # FILE WANT: files' and the kiosk's page_check both WANT
	"$V" files --trust "$S" --json "$1" > "$T/alike.json" 2> /dev/null
	kiosk_open "$1" > /dev/null 2>&1
	f=$(grep -o '"page_check":"[a-z]*"' "$T/alike.json" | head -1)
	k=$(grep -o '"page_check":"[a-z]*"' "$T/k.jsonl" | head -1)
	echo "files $f, kiosk $k"
	[ -n "$f" ] && [ "$f" = "$k" ] && [ "$f" = "\"page_check\":\"$2\"" ]
}
ok "kiosk = files: a genuine page under a red seal is match in both" alike "$T/sealed-genuine.png" match
contains "$T/k.jsonl" "\"status\":\"authentic\",\"colour\":\"green\"" "kiosk: the sealed genuine picture is green"
ok "kiosk = files: an edited page under a red seal is differs in both" alike "$T/sealed-edited.png" differs
contains "$T/k.jsonl" "\"page_check\":\"differs\",\"page_fields\":\"hours_public\"" "kiosk: the sealed edited picture names hours_public"
contains "$T/alike.json" "\"field\":\"hours_public\"" "files: the sealed edited picture names hours_public"

# --- low resolution: never composited ------------------------------------
# Genuine pages rendered between 60 and 110 dpi were read "differs" at many
# scales (a digit's ink off by more than the limit at 96 and 104 dpi): under
# 110 dpi a page is unreadable (exit 2), never composited; at 112 dpi it is
# judged and matches.
mkdir -p "$T/low"
for d in 70 96 104 112; do pdftoppm -r $d -gray -png -singlefile "$A" "$T/low/a$d"; done
"$V" files --trust "$S" --json "$T/low/a70.png" "$T/low/a96.png" "$T/low/a104.png" > "$T/low.jsonl" 2> "$T/err"
r=$?
[ $r -eq 2 ] && [ "$(grep -c '"status":"page_unreadable"' "$T/low.jsonl")" -eq 3 ] && ! grep -q '"status":"composited"' "$T/low.jsonl"
r=$?; cp "$T/low.jsonl" "$T/out"; _report $r "genuine pages at 70, 96 and 104 dpi: page_unreadable (exit 2), none composited"
ok "the genuine page at 112 dpi is judged and matches (exit 0)" "$V" files --trust "$S" --json "$T/low/a112.png"
contains "$T/out" '"page_check":"match"' "...its page_check is match"
