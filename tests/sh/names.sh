#!/bin/sh
# Every name, everywhere (GB 18030-2022): one font chain (tools/data/fonts.txt)
# for the certificate PDF, the kiosk and the HTML report. Names from every CJK
# block the standard requires (URO with U+9FEB-9FEF, Extensions A-F) and
# minority names with · are issued, embedded, read back and drawn; a name the
# chain cannot draw is refused naming the character. The kiosk's green screen
# is checked by its pixels.
. "$(dirname "$0")/../lib.sh"
plan 40
I="$B/certqr-issue"
V="$B/certqr-verify"
KIOSK="$B/certqr-kiosk"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
KEY="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key"
DL="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl"
PY=/usr/bin/python3
ZEN=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:0
HANA=/usr/share/fonts/truetype/hanazono/HanaMinA.ttf:0
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset CERTQR_TRUST CERTQR_KIOSK_STATE

# --- the data matches the fonts -------------------------------------------------
ok "fontcover: the installed chain's coverage" sh -c "'$B/tests/tools/fontcover' > '$T/cover'"
grep '^cover ' "$ROOT/tools/data/fonts.txt" > "$T/cover.data"
ok "fonts.txt: its cover lines are what the installed fonts draw" cmp "$T/cover" "$T/cover.data"

# --- issuing: one name per block ----------------------------------------------
# URO, URO U+9FEF (BabelStone Han only), Ext. A (刘䶮, the issue's example),
# B (张𠈌), C, D, E, F, and minority names with ·; then Ext. G, which no font
# of the chain has.
cat > "$T/names.csv" <<'CSV'
name,id_number,number,year,hours_public,hours_professional,issuer_region,issued
张伟,11010519491231002X,4101020000301,2025,30,60,410100,2025-12-20
陈鿯,11010519491231002X,4101020000302,2025,30,60,410100,2025-12-20
刘䶮,11010519491231002X,4101020000303,2025,30,60,410100,2025-12-20
张𠈌,11010519491231002X,4101020000304,2025,30,60,410100,2025-12-20
王𪜀,11010519491231002X,4101020000305,2025,30,60,410100,2025-12-20
李𫝀,11010519491231002X,4101020000306,2025,30,60,410100,2025-12-20
赵𫠠,11010519491231002X,4101020000307,2025,30,60,410100,2025-12-20
孙𬺰,11010519491231002X,4101020000308,2025,30,60,410100,2025-12-20
阿依古丽·买买提,11010519491231002X,4101020000309,2025,30,60,410100,2025-12-20
扎西·𠈌珠,11010519491231002X,4101020000310,2025,30,60,410100,2025-12-20
王𰻞,11010519491231002X,4101020000311,2025,30,60,410100,2025-12-20
CSV
status 1 "issue: every block's name issued, the one the fonts lack refused" "$I" batch --key "$KEY" --delegation "$DL" \
	--passphrase-file "$P" --out "$T/n" "$T/names.csv"
contains "$T/out" "issued: 10 (new 10" "issue: ten names issued"
contains "$T/n/rejects.csv" "12,name,姓名中的「𰻞」（U+30EDE）不在所有核验端都能显示的字库内" \
	"issue: the refused name names the character and U+XXXX, in Chinese"
contains "$T/n/rejects.csv" "character 𰻞 (U+30EDE) of the name is not in the fonts every verifier draws with" \
	"issue: and in English, with what to do"
contains "$T/n/rejects.csv" "切勿改用别的字" "issue: what to do: never substitute another character"
i=301
for name in 张伟 陈鿯 刘䶮 张𠈌 王𪜀 李𫝀 赵𫠠 孙𬺰 阿依古丽·买买提 扎西·𠈌珠; do
	f="$T/n/4101020000$i-2025-r1.pdf"
	pdftotext -enc UTF-8 "$f" "$T/text" 2> /dev/null
	contains "$T/text" "姓名： $name" "pdf: $name is in the text layer, exactly"
	i=$((i + 1))
done
fonts() { pdffonts "$1" 2> /dev/null | awk 'NR > 2 && $5 == "yes" {print $1}' | sed 's/^[A-Z]*+//' | tr '\n' ' '; }
ok "pdf: 张伟 needs WenQuanYi only" test "$(fonts "$T/n/4101020000301-2025-r1.pdf")" = "WenQuanYiZenHei WenQuanYiZenHei "
ok "pdf: 张𠈌 embeds HanaMinA for 𠈌" test "$(fonts "$T/n/4101020000304-2025-r1.pdf")" = "WenQuanYiZenHei WenQuanYiZenHei HanaMinA "
ok "pdf: 孙𬺰 embeds HanaMinB for Ext. F" test "$(fonts "$T/n/4101020000308-2025-r1.pdf")" = "WenQuanYiZenHei WenQuanYiZenHei HanaMinB "
ok "pdf: 陈鿯 embeds BabelStone Han for U+9FEF" test "$(fonts "$T/n/4101020000302-2025-r1.pdf")" = "WenQuanYiZenHei WenQuanYiZenHei BabelStoneHan "
ok "pdf: qpdf --check on a three-font page" qpdf --check "$T/n/4101020000304-2025-r1.pdf"
status 1 "libharu engine: a name from two faces" "$I" batch --key "$KEY" --delegation "$DL" --passphrase-file "$P" \
	--pdf-engine libharu --out "$T/h" "$ROOT/tests/names/two-faces.csv"
pdftotext -enc UTF-8 "$T/h/4101020000320-2025-r1.pdf" "$T/texth" 2> /dev/null
contains "$T/texth" "姓名： 王鿐" "libharu engine: U+9FD0 from HanaMinA is in the text layer"
ok "libharu engine: HanaMinA embedded" sh -c "pdffonts '$T/h/4101020000320-2025-r1.pdf' | grep -q HanaMinA"
contains "$T/h/rejects.csv" "the libharu engine cannot embed characters beyond U+FFFF such as U+2020C" \
	"libharu engine: refuses Extension B with a reason (libharu 2.3.0 reads only the BMP)"
status 1 "sign: refuses a name the fonts lack" "$I" sign --key "$KEY" --passphrase-file "$P" --name 王𰻞 \
	--id-number 11010519491231002X --number 4101020000311 --year 2025 --hours-public 30 --hours-professional 60 \
	--issuer-region 410100 --issued 2025-12-20
contains "$T/err" "U+30EDE" "sign: names the character"

# --- verifying: the signed name comes back, and the report names the chain ------
mkdir -p "$T/store"
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/store/root.pub"
printf 'version 3\ndate 2026-12-03\ndelegation %s\n' "$DL" > "$T/v.spec"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/v.spec" -o "$T/store/trust.bundle" \
	--passphrase-file "$P" > /dev/null 2>&1
status 0 "verify files: the rare names' certificates are authentic" "$V" files --trust "$T/store" --json \
	--html "$T/report.html" "$T/n/4101020000303-2025-r1.pdf" "$T/n/4101020000304-2025-r1.pdf" "$T/n/4101020000308-2025-r1.pdf"
for name in 刘䶮 张𠈌 孙𬺰; do contains "$T/out" "\"name\":\"$name\"" "verify files: $name read back from the QR"; done
contains "$T/report.html" 'font-family:"WenQuanYi Zen Hei","HanaMinA","HanaMinB","BabelStone Han"' \
	"HTML report: font-family names the chain"

# --- the kiosk: 刘䶮 and 张𠈌 on the green screen, by their pixels ---------------
sign() { "$I" sign --key "$KEY" --passphrase-file "$P" --name "$1" --id-number 11010519491231002X --number "$2" \
	--year 2024 --hours-public 30 --hours-professional 60 --issuer-region 410100 --issued 2025-01-10; }
frame() { qrencode -l M -s 6 -m 4 -o "$T/$1.png" "$2" && convert -size 1280x720 xc:'#b8b0a0' "$T/$1.png" -gravity center \
	-geometry +150+40 -composite -colorspace Gray -depth 8 "$T/$1.pgm"; }
convert -size 1280x720 xc:'#b8b0a0' -colorspace Gray -depth 8 "$T/blank.pgm"
frame liu "$(sign 刘䶮 4101020000401)"
frame zhang "$(sign 张𠈌 4101020000402)"
mkdir -p "$T/play" "$T/shots" "$T/state"
i=0
for f in blank liu liu blank blank blank blank blank blank blank blank blank blank blank zhang zhang blank; do
	i=$((i + 1)); ln -s "$T/$f.pgm" "$T/play/$(printf %04d $i).pgm"
done
ok "kiosk: plays the two certificates" "$KIOSK" --source "play:$T/play" --trust "$T/store" --state "$T/state" \
	--stick "$T/nostick" --window 1280x720 --virtual-clock --exit-when-done --fps 10 --verdict-seconds 1 --no-sound \
	--state-log "$T/k.jsonl" --screenshot-dir "$T/shots"
contains "$T/k.jsonl" '"status":"authentic","colour":"green","holder":"not_checked","source":"camera","name":"刘䶮"' \
	"kiosk: 刘䶮 is a green verdict"
contains "$T/k.jsonl" '"colour":"green","holder":"not_checked","source":"camera","name":"张𠈌"' "kiosk: 张𠈌 is a green verdict"
# The name's ink against the name drawn by Pillow from the chain's faces
# (WenQuanYi for 刘 and 䶮; HanaMinA for 𠈌), and against a box where the rare
# character is (what the kiosk drew before: "刘 □"). 79 px: the verdict's
# name size at 720 lines (11 % of the height).
pixels() { # $1 screenshot, $2 name, $3 face of the 2nd character, $4 description
	$PY "$ROOT/tests/names/namepix.py" "$1" 79 "$2" "$ZEN" "$3" -- "$ZEN" box > "$T/iou" 2> "$T/err"
	read -r right box < "$T/iou"
	echo "# $2: ink overlap with the right glyphs $right, with a box $box"
	ok "$4" $PY -c "import sys; sys.exit(not ($right >= 0.75 and $box <= 0.5))"
}
shot() { ls "$T/shots/"*-verdict.png | sed -n "${1}p"; }
pixels "$(shot 1)" 刘䶮 "$ZEN" "kiosk: the green screen shows 刘䶮, not 刘□ (pixels)"
pixels "$(shot 2)" 张𠈌 "$HANA" "kiosk: the green screen shows 张𠈌 with 𠈌 from HanaMinA (pixels)"
ok "kiosk: the screen is green" test "$(convert "$(shot 1)" -format '%[pixel:p{20,100}]' info: | sed 's/srgba*(\([0-9,]*\)).*/\1/')" = "20,122,58"
# kept as test artefacts, to look at: the two green screens and a certificate
# with a name from three faces
A="$B/artefacts/names"
mkdir -p "$A" && cp "$(shot 1)" "$A/kiosk-green-liu-yan.png" && cp "$(shot 2)" "$A/kiosk-green-zhang.png" &&
	cp "$T/n/4101020000304-2025-r1.pdf" "$A/certificate-zhang.pdf"
ok "artefacts: kept in $A" test -s "$A/kiosk-green-liu-yan.png"
