#!/bin/sh
# certqr-kiosk speed (docs/kiosk.md, "Speed"), offscreen SDL driver:
#   kiosk_frame_ms_median / _p95   a 1280x720 frame arriving -> verdict on
#       screen (decode, judge, draw, present; the kiosk's own clock, from
#       the state log): 40 certificate frames, each after an empty frame, so
#       each is found by a whole-frame search (--dedup-ms 0)
#   kiosk_frame_instructions        callgrind, per frame while a clean
#       certificate is held under the camera (decode + de-duplication): the
#       steady-state cost that decides whether a Pi keeps up. Target < 30 M.
#   kiosk_verdict_frame_instructions  callgrind, the frame that brings a new
#       verdict (a whole-frame search, judging, drawing the screen, presenting)
#   kiosk_idle_frame_instructions   callgrind, mean over frames with no code
#       (half-resolution search; every fifth also at full resolution)
#   kiosk_held_frame_instr          callgrind, per frame while a whole
#       certificate (not only its code) is held in view, turned landscape to
#       fill the 1280x720 frame (87 dpi): the page check runs once, on the
#       frame that brings the verdict, never on the held ones. Target < 30 M.
#   kiosk_page_check_instr          the page check alone, on that frame
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
K="$B/certqr-kiosk"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
mkdir -p "$T/store" "$T/st" "$T/play" "$T/one" "$T/held" "$T/idle"
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/store/root.pub"
printf 'version 1\ndate 2026-11-01\ndelegation %s\n' "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" > "$T/b.spec"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/b.spec" -o "$T/store/trust.bundle" \
	--passphrase-file "$P" > /dev/null 2>&1 || { echo "kiosk bench: cannot build a bundle" >&2; exit 1; }
QR=$("$B/certqr-issue" sign --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --passphrase-file "$P" \
	--name 张三丰 --id-number 11010519491231002X --number 4101020000123 --year 2024 --hours-public 30 \
	--hours-professional 60 --issuer-region 410100 --issued 2025-01-10)
# A certificate held under the camera: the code fills about a quarter of the
# frame height, on a mottled grey background with camera-like noise.
qrencode -l M -s 5 -m 4 -o "$T/qr.png" "$QR"
convert -size 1280x720 plasma:grey60-grey80 -seed 7 "$T/qr.png" -gravity center -geometry +140+30 -composite \
	-attenuate 0.3 +noise Gaussian -colorspace Gray -depth 8 "$T/frame.pgm" 2> /dev/null ||
	convert -size 1280x720 xc:'#b8b0a0' "$T/qr.png" -gravity center -composite -colorspace Gray -depth 8 "$T/frame.pgm"
convert -size 1280x720 plasma:grey60-grey80 -seed 9 -attenuate 0.3 +noise Gaussian -colorspace Gray -depth 8 \
	"$T/blank.pgm" 2> /dev/null || convert -size 1280x720 xc:'#b8b0a0' -colorspace Gray -depth 8 "$T/blank.pgm"
i=0
while [ $i -lt 80 ]; do
	i=$((i + 1)); ln -s "$T/blank.pgm" "$T/play/$(printf %03d $i).pgm"
	i=$((i + 1)); ln -s "$T/frame.pgm" "$T/play/$(printf %03d $i).pgm"
done
"$K" --source "play:$T/play" --trust "$T/store" --state "$T/st" --stick "$T/none" --window 1280x720 --virtual-clock \
	--exit-when-done --dedup-ms 0 --no-sound --state-log "$T/s.jsonl" 2> "$T/err" ||
	{ echo "kiosk bench: the kiosk failed" >&2; cat "$T/err" >&2; exit 1; }
sed -n 's/.*"latency_ms":\([0-9.]*\).*/\1/p' "$T/s.jsonl" | sort -n > "$T/lat"
n=$(wc -l < "$T/lat")
[ "$n" -ge 36 ] || { echo "kiosk bench: only $n verdicts of 40 certificate frames" >&2; exit 1; }
awk -v n="$n" '{ v[NR] = $1 } END {
	m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	p = int(0.95 * n + 0.999); if (p > n) p = n
	printf "kiosk_frame_ms_median: %.2f ms\nkiosk_frame_ms_p95: %.2f ms\n", m, v[p] }' "$T/lat"
echo "# $n verdicts of 40 certificate frames; median/p95 over those, 1280x720, offscreen driver"

if ! command -v valgrind > /dev/null; then echo "# valgrind missing: no instruction counts" >&2; exit 1; fi
ln -s "$T/frame.pgm" "$T/one/001.pgm"
j=0
while [ $j -lt 11 ]; do j=$((j + 1)); ln -s "$T/frame.pgm" "$T/held/$(printf %03d $j).pgm"; done
cg() { # $1 play dir, $2 out file: prints the instructions inside kiosk_process_frame
	valgrind --tool=callgrind --callgrind-out-file="$2" --toggle-collect=kiosk_process_frame \
		"$K" --source "play:$1" --trust "$T/store" --state "$T/st" --stick "$T/none" --window 1280x720 \
		--virtual-clock --exit-when-done --no-sound > /dev/null 2>&1
	sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$2"
}
for j in 1 2 3 4 5; do ln -s "$T/blank.pgm" "$T/idle/00$j.pgm"; done
one=$(cg "$T/one" "$T/cg1")
idle=$(cg "$T/idle" "$T/cgi")
held=$(cg "$T/held" "$T/cg11")
[ -n "$one" ] && [ -n "$held" ] || { echo "kiosk bench: callgrind gave no counts" >&2; exit 1; }
echo "kiosk_frame_instructions: $(( (held - one) / 10 )) instructions"
echo "kiosk_verdict_frame_instructions: $one instructions"
echo "kiosk_idle_frame_instructions: $((idle / 5)) instructions"
echo "# per held frame = (11 frames - 1 frame) / 10"
echo "# target kiosk_frame_instructions < 30000000: $([ $(( (held - one) / 10 )) -lt 30000000 ] && echo met || echo NOT met)"

# --- a whole certificate held in view: the page check once, not per frame ----
printf '%s\n' "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued" \
	"张三丰,11010519491231002X,4101020000123,2024,,30,60,,,,410100,2025-01-10" > "$T/cert.csv"
"$B/certqr-issue" batch --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" \
	--delegation "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --out "$T/cert" --passphrase-file "$P" --quiet "$T/cert.csv" \
	> /dev/null 2>&1 || { echo "kiosk bench: cannot issue the certificate" >&2; exit 1; }
# A whole certificate is judged only from 110 dpi up (under 1.53 px a
# point its text is not compared): turned landscape in a 1920x1080 frame,
# the page is 1074 px across at 130 dpi. (In a 1280x720 frame a whole page
# comes to at most 87 dpi and is page_unreadable.)
pdftoppm -r 130 -gray -singlefile "$T"/cert/*.pdf "$T/page" 2> /dev/null
convert -size 1920x1080 xc:'#a8a49c' \( "$T/page.pgm" -rotate 90 \) -gravity center -composite \
	-colorspace Gray -depth 8 "$T/certframe.pgm" 2> /dev/null ||
	{ echo "kiosk bench: cannot draw the certificate frame" >&2; exit 1; }
# A whole page puts the code at about 1.9 px a module: read by the kiosk's
# full-resolution search (every fifth frame without a code), so the frames
# before the verdict are searches; 11 and 21 held frames differ by 10 held
# frames after it.
mkdir -p "$T/c11" "$T/c21" "$T/cst"
j=0
while [ $j -lt 21 ]; do
	j=$((j + 1))
	[ $j -le 11 ] && ln -s "$T/certframe.pgm" "$T/c11/$(printf %03d $j).pgm"
	ln -s "$T/certframe.pgm" "$T/c21/$(printf %03d $j).pgm"
done
"$K" --source "play:$T/c21" --trust "$T/store" --state "$T/cst" --stick "$T/none" --window 1280x720 --virtual-clock \
	--exit-when-done --no-sound --state-log "$T/c.jsonl" 2> /dev/null
# the page must have been judged (match or differs), once: a page not
# judged (unreadable, or no code read) would measure a cheaper path
pcr=$(grep -o '"page_check":"[a-z]*"' "$T/c.jsonl" | head -1 | sed 's/.*:"\(.*\)"/\1/')
case $pcr in match | differs) ;; *)
	echo "kiosk bench: the held certificate's page was not judged (${pcr:-no verdict}): $(tail -c 300 "$T/c.jsonl")" >&2; exit 1 ;;
esac
checks=$(grep -c 'page=' "$T/cst/audit.log")
[ "$checks" = 1 ] || { echo "kiosk bench: $checks page checks over 21 frames of one certificate, not 1" >&2; exit 1; }
c11=$(cg "$T/c11" "$T/cgc11")
c21=$(cg "$T/c21" "$T/cgc21")
valgrind --tool=callgrind --callgrind-out-file="$T/cgp" --toggle-collect=cq_page_check \
	"$K" --source "play:$T/c21" --trust "$T/store" --state "$T/st" --stick "$T/none" --window 1280x720 \
	--virtual-clock --exit-when-done --no-sound > /dev/null 2>&1
pc=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$T/cgp")
[ -n "$c11" ] && [ -n "$c21" ] && [ -n "$pc" ] || { echo "kiosk bench: callgrind gave no counts" >&2; exit 1; }
held=$(( (c21 - c11) / 10 ))
echo "kiosk_held_frame_instr: $(( held / 1000000 )).$(( held / 100000 % 10 )) M"
echo "kiosk_page_check_instr: $(( (pc + 500000) / 1000000 )) M"
echo "# a whole certificate (130 dpi, landscape in 1920x1080) held for 21 frames: its page judged once ($pcr), on the"
echo "# frame that brought the verdict; held frame = (21 frames - 11 frames) / 10"
echo "# target kiosk_held_frame_instr < 30 M: $([ $held -lt 30000000 ] && echo met || echo NOT met)"
