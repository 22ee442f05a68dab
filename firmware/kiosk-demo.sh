#!/bin/sh
# make kiosk-demo: the kiosk fed from a video file instead of a camera.
# Signs four certificates with the TEST-ONLY keys (genuine, not compliant,
# revoked, and a forged copy), composes 1280x720 camera-like frames, writes
# them as a YUV4MPEG2 video, and plays it through certqr-kiosk: in a window
# when a display is there, else offscreen with a screenshot of every screen.
# Everything goes to $BUILD/kiosk-demo.
set -eu
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.."
D="$BUILD/kiosk-demo"
K=keys/test
P="$K/PASSPHRASE-TEST-ONLY"
rm -rf "$D"
mkdir -p "$D/store" "$D/state" "$D/screens"
cp "$K/root-TEST-ONLY.pub" "$D/store/root.pub"
{ echo "version 1"; echo "date 2026-11-01"
  for c in zhengzhou pingdingshan anyang province; do echo "delegation $PWD/$K/issuer-$c-TEST-ONLY.dl"; done
  echo "revoke 4101020000200 2023 1 falsified_hours"; } > "$D/demo.spec"
"$BUILD/certqr-keys" bundle --root "$K/root-TEST-ONLY.key" --spec "$D/demo.spec" -o "$D/store/trust.bundle" --passphrase-file "$P"
sign() {
	"$BUILD/certqr-issue" sign --key "$K/issuer-zhengzhou-TEST-ONLY.key" --passphrase-file "$P" --name "$1" \
		--id-number 11010519491231002X --number "$2" --year "$3" --hours-public 30 --hours-professional "$4" \
		--issuer-region 410100 --issued "$5"
}
sign 张三丰 4101020000123 2024 60 2025-01-10 > "$D/genuine.txt"
sign 李四 4101020000124 2024 40 2025-01-10 > "$D/notmet.txt"
sign 王五 4101020000200 2023 60 2024-01-10 > "$D/revoked.txt"
awk '{ a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"; b = substr($0, 5); p = int((length(b) - 30) / 3) * 3 + 1
	i = index(a, substr(b, p, 1)); j = i > 1 ? i - 1 : i + 1
	print "CQ1:" substr(b, 1, p - 1) substr(a, j, 1) substr(b, p + 1) }' "$D/genuine.txt" > "$D/forged.txt"
for c in genuine notmet revoked forged; do
	qrencode -l M -s 6 -m 4 -o "$D/$c.png" "$(cat "$D/$c.txt")"
	convert -size 1280x720 xc:'#b8b0a0' "$D/$c.png" -gravity center -geometry +150+40 -composite \
		-colorspace Gray -depth 8 "gray:$D/$c.raw"
done
convert -size 1280x720 xc:'#b8b0a0' -colorspace Gray -depth 8 "gray:$D/blank.raw"
# The video: 5 frames a second, each certificate held for a second.
{
	echo "YUV4MPEG2 W1280 H720 F5:1 Ip A1:1 Cmono"
	for c in blank genuine blank forged blank revoked blank notmet blank; do
		n=0
		while [ $n -lt 5 ]; do echo FRAME; cat "$D/$c.raw"; n=$((n + 1)); done
	done
} > "$D/counter.y4m"
echo "== $D/counter.y4m: $(($(wc -c < "$D/counter.y4m") / 1048576)) MiB, 45 frames of 1280x720"
set -- --source "y4m:$D/counter.y4m" --trust "$D/store" --state "$D/state" --stick "$D/no-stick" \
	--window 1280x720 --fps 5 --verdict-seconds 2 --exit-when-done --state-log "$D/states.jsonl" --screenshot-dir "$D/screens"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${CI:-}" ]; then
	"$BUILD/certqr-kiosk" "$@"
else
	SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$BUILD/certqr-kiosk" "$@" --virtual-clock
fi
echo "== screens shown (state log $D/states.jsonl, screenshots $D/screens):"
sed 's/.*"screen":"\([a-z_]*\)"\(,"status":"\([a-z_]*\)","colour":"\([a-z]*\)"\)\{0,1\}.*"screenshot":"\([^"]*\)".*/   \5  \1 \3 \4/' "$D/states.jsonl"
echo "== audit log:"
"$BUILD/certqr-kiosk" audit verify --log "$D/state/audit.log"
