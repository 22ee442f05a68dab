#!/bin/sh
# The counter clerk's screens (certqr-kiosk under SDL's dummy driver), through
# the real program: the live preview with its target box, the scanner's
# hints while a code is in view but not read (靠近一些, 对焦不清, 光线太暗), the
# typed ID number masked but for its last four, no jargon (no audit hash,
# no hex key id) on any screen, the bundle's age and its warning, and the
# message and exit status without a display. What the screen says comes
# from the state log ("said": every text drawn); colours from screenshots,
# kept under $BUILD/artefacts/kiosk.
. "$(dirname "$0")/../lib.sh"
plan 32
KIOSK="$B/certqr-kiosk"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
PY=/usr/bin/python3
ART="$B/artefacts/kiosk"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset CERTQR_TRUST CERTQR_KIOSK_STATE
ID=11010519491231002X
rm -rf "$ART"   # no screenshot of an earlier run may pass for this one's
mkdir -p "$ART" "$T/store"
for t in convert qrencode; do
	command -v $t > /dev/null || { echo "not ok 1 - $t is missing (tools/deps/kiosk.txt)"; exit 1; }
done

# A bundle dated 2025-06-01: older than 90 days on any day this test runs.
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/store/root.pub"
{ echo "version 3"; echo "date 2025-06-01"
  for d in zhengzhou pingdingshan anyang province; do echo "delegation $ROOT/keys/test/issuer-$d-TEST-ONLY.dl"; done
  echo "compromised $ROOT/keys/test/issuer-anyang-TEST-ONLY.pub"; } > "$T/b.spec"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/b.spec" -o "$T/store/trust.bundle" \
	--passphrase-file "$P" > /dev/null 2>&1
sign() { # key number
	"$B/certqr-issue" sign --key "$ROOT/keys/test/issuer-$1-TEST-ONLY.key" --passphrase-file "$P" --name 张三丰 \
		--id-number "$ID" --number "$2" --year 2024 --hours-public 30 --hours-professional 60 --issuer-region 410100 \
		--issued 2025-01-10
}
GEN=$(sign zhengzhou 4101020000123)
UNKNOWN=$(sign undelegated 4101020000124)
COMPROMISED=$(sign anyang 4105020000125)
FORGED=$(printf '%s\n' "$GEN" | awk '{
	a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"; b = substr($0, 5); p = int((length(b) - 30) / 3) * 3 + 1
	i = index(a, substr(b, p, 1)); j = i > 1 ? i - 1 : i + 1
	print "CQ1:" substr(b, 1, p - 1) substr(a, j, 1) substr(b, p + 1) }')
frame() { # name text module-px [convert options]: a code on a grey desk, 1280x720
	fn=$1 txt=$2 m=$3; shift 3
	if [ -n "$txt" ]; then
		qrencode -l M -s "$m" -m 4 -o "$T/$fn.qr.png" "$txt"
		convert -size 1280x720 xc:'#b8b0a0' "$T/$fn.qr.png" -gravity center -composite "$@" -colorspace Gray -depth 8 "$T/$fn.pgm"
	else
		convert -size 1280x720 xc:"#b8b0a0" -colorspace Gray -depth 8 "$T/$fn.pgm"
	fi
}
frame blank "" 1
frame small "$GEN" 1 -resize 130%                            # 1.3 px a module: seen, too small
frame blurred "$GEN" 6 -blur 0x8                             # focus far off
frame dark "$GEN" 6 -blur 0x2 +level 2%,6% -attenuate 0.3 +noise Gaussian   # a dim counter
frame genuine "$GEN" 6
frame unknown "$UNKNOWN" 6
frame compromised "$COMPROMISED" 6
frame forged "$FORGED" 6
ok "frames: drawn from certqr-issue output" test -s "$T/dark.pgm" -a -s "$T/forged.pgm"

mkdir -p "$T/play"
i=0
add() { c=0; while [ $c -lt "$2" ]; do i=$((i + 1)); c=$((c + 1)); ln -s "$T/$1.pgm" "$T/play/$(printf %04d $i)-$1.pgm"; done; }
# (after a code too small to see at half resolution, the full-resolution
# pass's hint stands for five frames; then three empty frames clear it)
add blank 2; add small 9; add blank 9; add blurred 6; add blank 9; add dark 6; add blank 9
add genuine 2; add blank 14; add unknown 2; add blank 14; add compromised 2; add blank 14; add forged 2; add blank 14
# 14 digits of an ID number typed and not yet entered
printf '%s' "41010219850312" > "$T/typed"
ok "the kiosk plays the sequence and exits 0" "$KIOSK" --source "play:$T/play" --trust "$T/store" --state "$T/state" \
	--stick "$T/nostick" --window 1280x720 --virtual-clock --exit-when-done --fps 10 --verdict-seconds 1 --no-sound \
	--input "$T/typed" --state-log "$T/s.jsonl" --screenshot-dir "$T/shots"
cp "$T/s.jsonl" "$ART/state.jsonl"
$PY - "$T/s.jsonl" > "$T/lines.txt" <<'PYEOF'
import json, re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    said = d.get("said", "")
    print(d["n"], d["screen"], d.get("hint", "-") or "none", d.get("status", "-"), d.get("typed", "-"),
          "preview" if d.get("preview") else "nopreview", d.get("bundle_old"), d.get("screenshot", "-"),
          "|" + said.replace("\n", "|"))
PYEOF
hints=$(awk '$2 == "idle" && $3 != "-" { print $3 }' "$T/lines.txt" | uniq | tr '\n' ' ')
ok "hints in order as the frames come: none too-small none too-blurred none low-contrast none" \
	test "$hints" = "none too-small none too-blurred none low-contrast none "
contains "$T/lines.txt" "|靠近一些|" "the too-small hint says 靠近一些"
contains "$T/lines.txt" "|对焦不清|" "the blurred hint says 对焦不清"
contains "$T/lines.txt" "|光线太暗|" "the dark hint says 光线太暗"
ok "idle screens show the camera picture once frames come" grep -q ' idle [a-z-]* - [^ ]* preview ' "$T/lines.txt"
contains "$T/lines.txt" "身份证号：••••••••••0312" "the typed ID number is echoed, masked but its last four"
lacks "$T/s.jsonl" "4101021985" "the typed digits never appear unmasked (state log, screen)"
verdicts=$(awk '$2 == "verdict" { print $4 }' "$T/lines.txt" | tr '\n' ' ')
ok "verdicts: authentic unknown_issuer key_compromised forged" test "$verdicts" = "authentic unknown_issuer key_compromised forged "
grep -o '"said":"[^"]*"' "$T/s.jsonl" > "$T/said.txt"
ok "no hex key id on any screen" sh -c "[ -s '$T/said.txt' ] && ! grep -Eq '[0-9A-F]{16}' '$T/said.txt'"
lacks "$T/said.txt" "审计" "no audit seal on any screen"
lacks "$T/said.txt" "no_delegation" "no reason codes on any screen"
contains "$T/said.txt" "签发机关不在本机信任库的授权名单中" "the unknown issuer in the clerk's words"
contains "$T/said.txt" "天未更新（超过 90 天）" "the bundle older than 90 days: a warning on screen"
contains "$T/s.jsonl" '"bundle_old":true' "...and in the state log"
ok "the footer gives the bundle's age" grep -q '信任库 第 3 版 · 2025-06-01（[0-9]* 天前）' "$T/said.txt"

# Pixels: the hint screen (amber target box and words over the picture, the
# desk's grey, the QR's black), the typed band, a red verdict.
shot() { awk -v h="$1" '$2 == "idle" && $3 == h && $8 != "-" { print $8; exit }' "$T/lines.txt"; }
small=$(shot too-small)
cp "$T/shots/$small" "$ART/idle-too-small.png" 2> /dev/null
cp "$T/shots/$(awk '$4 == "forged" && $8 != "-" { print $8; exit }' "$T/lines.txt")" "$ART/verdict-forged.png" 2> /dev/null
cp "$T/shots/$(awk '$4 == "unknown_issuer" && $8 != "-" { print $8; exit }' "$T/lines.txt")" "$ART/verdict-unknown-issuer.png" 2> /dev/null
$PY - "$ART/idle-too-small.png" "$ART/verdict-forged.png" > "$T/pixels.txt" <<'PYEOF'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
w, h = im.size
def near(p, c, t=8): return all(abs(a - b) <= t for a, b in zip(p, c))
px = list(im.getdata())
mid = [im.getpixel((x, y)) for y in range(h // 4, h * 3 // 4, 2) for x in range(w // 4, w * 3 // 4, 2)]
print("amber", sum(near(p, (214, 137, 0)) for p in px))
print("desk", sum(near(p, (178, 178, 178), 12) for p in mid))
print("black-in-middle", sum(max(p) < 40 for p in mid))
print("blue-band", sum(near(p, (30, 90, 160)) for p in px))
print("navy-corner", 1 if near(im.getpixel((20, 100)), (24, 38, 56)) else 0)
v = Image.open(sys.argv[2]).convert("RGB")
print("red", sum(near(p, (178, 34, 34)) for p in v.getdata()))
PYEOF
cp "$T/pixels.txt" "$ART/pixels.txt"
v() { sed -n "s/^$1 //p" "$T/pixels.txt"; }
test "$(v amber)" -gt 2000
_report $? "pixels: the hint screen has the amber target box and words ($(v amber) px)"
test "$(v desk)" -gt 10000
_report $? "pixels: the camera picture (the desk) fills the middle ($(v desk) px)"
test "$(v black-in-middle)" -gt 20
_report $? "pixels: ...with the code's dark modules in it ($(v black-in-middle) px)"
test "$(v blue-band)" -gt 20000
_report $? "pixels: the typed ID's band ($(v blue-band) px)"
test "$(v navy-corner)" -eq 1
_report $? "pixels: the idle screen's navy background"
test "$(v red)" -gt 200000
_report $? "pixels: a forged code's screen is red ($(v red) px)"

# The same bundle with a longer limit: its age shown, no warning.
mkdir -p "$T/fresh"
ok "--bundle-max-age 3650: no warning" "$KIOSK" --source "play:$T/fresh" --trust "$T/store" --state "$T/state2" \
	--stick "$T/nostick" --window 640x360 --exit-when-done --no-sound --bundle-max-age 3650 --state-log "$T/s2.jsonl"
contains "$T/s2.jsonl" '"bundle_old":false' "...the state log says the bundle is not old"
lacks "$T/s2.jsonl" "天未更新" "...and the screen has no warning"
status 2 "--bundle-max-age 0 is a usage error" "$KIOSK" --bundle-max-age 0

# Without a display: exit 3 (could not start) with one clear message.
env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 "$KIOSK" --source "play:$T/fresh" --trust "$T/store" \
	--state "$T/state3" --stick "$T/nostick" --exit-when-done --no-sound > "$T/nd.out" 2> "$T/nd.err"
rc=$?
ok "no display (X11 without DISPLAY): exit 3" test $rc -eq 3
contains "$T/nd.err" "没有可用的显示器" "...says so in Chinese"
contains "$T/nd.err" "no display to show the kiosk on" "...and in English"
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$KIOSK" --source "play:$T/fresh" --trust "$T/store" \
	--state "$T/state4" --stick "$T/nostick" --exit-when-done --no-sound > "$T/nd.out" 2> "$T/nd.err"
rc=$?
ok "no display (no driver chosen, no X, no Wayland, no KMS device): exit 3" test $rc -eq 3
contains "$T/nd.err" "没有可用的显示器" "...with the same message"
