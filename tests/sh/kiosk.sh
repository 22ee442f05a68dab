#!/bin/sh
# certqr-kiosk driven headless (SDL offscreen driver) through the real
# program: camera frames composed from certqr-issue output, the state log
# and screenshots checked, the audit log verified and tampered with.
#   A: a played sequence (virtual clock): idle, genuine (repeated frames),
#      forged, revoked, not compliant, not a certificate, genuine again.
#   B: a followed directory standing in for the camera, in real time: camera
#      missing -> back, a typed ID number (match, mismatch), a USB scanner
#      line, a trust update from a directory standing in for the USB stick
#      (installed, refused foreign, refused rollback), camera unplugged and
#      plugged back, clean stop.
#   C: the audit log: intact, edited, truncated, anchor removed, replaced,
#      a torn last record (power cut) recovered at the next start and
#      reported as a lost record. Every run's state directory is under $T,
#      so the kiosk's device key is $T/device/device.key (made at its first
#      start); logs copied elsewhere are verified with its device.pub.
. "$(dirname "$0")/../lib.sh"
plan 95
KIOSK="$B/certqr-kiosk"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset CERTQR_TRUST CERTQR_KIOSK_STATE
DEVPUB="$T/device/device.pub"
ID=11010519491231002X          # the holder of the genuine certificates
OTHER_ID=410102199003071230    # a valid ID number of someone else

for t in convert qrencode; do
	command -v $t > /dev/null || { echo "not ok 1 - $t is missing (tools/deps/kiosk.txt)"; exit 1; }
done

# --- trust store and bundles -------------------------------------------------
mkdir -p "$T/store"
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/store/root.pub"
mkspec() { # $1 name, $2 version, rest: extra lines
	f=$1 v=$2; shift 2
	{ echo "version $v"; echo "date 2026-12-0$v"
	  for d in zhengzhou pingdingshan anyang province; do echo "delegation $ROOT/keys/test/issuer-$d-TEST-ONLY.dl"; done
	  for l in "$@"; do echo "$l"; done; } > "$T/$f.spec"
	"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/$f.spec" -o "$T/$f.bundle" \
		--passphrase-file "$P" > /dev/null 2>&1
}
mkspec v3 3 "revoke 4101020000200 2023 1 falsified_hours"
mkspec v4 4 "revoke 4101020000200 2023 1 falsified_hours" "revoke 4101020000124 2024 1 impersonation"
mkspec v2 2
printf 'version 9\ndate 2026-12-09\n' > "$T/foreign.spec"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/foreign-root-TEST-ONLY.key" --spec "$T/foreign.spec" \
	-o "$T/foreign.bundle" --passphrase-file "$P" > /dev/null 2>&1
cp "$T/v3.bundle" "$T/store/trust.bundle"

# --- frames: a QR code on a grey desk, 1280x720, like the kiosk camera ------
sign() { # name number year public professional issued
	"$B/certqr-issue" sign --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --passphrase-file "$P" \
		--name "$1" --id-number "$ID" --number "$2" --year "$3" --hours-public "$4" \
		--hours-professional "$5" --issuer-region 410100 --issued "$6"
}
frame() { # $1 name, $2 QR text (empty: no code)
	if [ -n "$2" ]; then
		qrencode -l M -s 6 -m 4 -o "$T/$1.qr.png" "$2"
		convert -size 1280x720 xc:'#b8b0a0' "$T/$1.qr.png" -gravity center -geometry +150+40 -composite \
			-colorspace Gray -depth 8 "$T/$1.pgm"
	else
		convert -size 1280x720 xc:'#b8b0a0' -colorspace Gray -depth 8 "$T/$1.pgm"
	fi
}
GEN=$(sign 张三丰 4101020000123 2024 30 60 2025-01-10)
NOTMET=$(sign 李四 4101020000124 2024 30 40 2025-01-10)
REV=$(sign 王五 4101020000200 2023 30 60 2024-01-10)
# A forged seal: one base45 digit of the signature moved by one, so the
# text still decodes but the signature no longer verifies.
FORGED=$(printf '%s\n' "$GEN" | awk '{
	a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"; b = substr($0, 5); p = int((length(b) - 30) / 3) * 3 + 1
	i = index(a, substr(b, p, 1)); j = i > 1 ? i - 1 : i + 1
	print "CQ1:" substr(b, 1, p - 1) substr(a, j, 1) substr(b, p + 1) }')
frame blank ""
frame genuine "$GEN"
frame notmet "$NOTMET"
frame revoked "$REV"
frame forged "$FORGED"
frame other "https://example.org/not-a-certificate"
# a certqr code of a format this kiosk does not read (a later version)
frame newer "CQ2:$(printf '%s' "$GEN" | cut -c5-)"
ok "frames: composed from certqr-issue output" test -s "$T/genuine.pgm" -a -s "$T/forged.pgm"

# --- A: the played sequence ------------------------------------------------
mkdir -p "$T/play" "$T/shotsA" "$T/stateA"
i=0
add() { # $1 frame, $2 count
	c=0
	while [ $c -lt "$2" ]; do
		i=$((i + 1)); c=$((c + 1))
		ln -s "$T/$1.pgm" "$T/play/$(printf %04d $i)-$1.pgm"
	done
}
add blank 2; add genuine 4; add blank 12; add forged 2; add blank 12; add revoked 2; add blank 12
add notmet 3; add blank 12; add other 2; add blank 40; add newer 2; add blank 12; add genuine 2; add blank 12
ok "A: the kiosk plays the sequence and exits 0" "$KIOSK" --source "play:$T/play" --trust "$T/store" \
	--state "$T/stateA" --stick "$T/nostick" --window 1280x720 --virtual-clock --exit-when-done --fps 10 \
	--verdict-seconds 1 --state-log "$T/A.jsonl" --screenshot-dir "$T/shotsA"
screens=$(sed 's/.*"screen":"\([a-z_]*\)".*/\1/' "$T/A.jsonl" | tr '\n' ' ')
want="idle verdict idle verdict idle verdict idle verdict idle verdict idle verdict idle verdict idle "
ok "A: screens in order: $want" test "$screens" = "$want"
grep '"screen":"verdict"' "$T/A.jsonl" | sed 's/.*"status":"\([a-z_]*\)","colour":"\([a-z]*\)".*/\1:\2/' | tr '\n' ' ' > "$T/A.verdicts"
echo >> "$T/A.verdicts"
contains "$T/A.verdicts" "authentic:green forged:red revoked:red authentic:amber not_a_certificate:red unknown_version:red authentic:green " \
	"A: verdicts and colours: genuine green, forged red, revoked red, not compliant amber, other QR red, newer format red"
contains "$T/A.jsonl" '"status":"unknown_version","colour":"red","holder":"not_checked","source":"camera","reason":"证书二维码的格式版本不受本核验程序支持' \
	"A: a newer format shows no fields"
contains "$T/A.jsonl" '"advice":"本机无法核验此版本的证书"' "A: a newer format asks for an updated verifier, not 'do not trust'"
contains "$T/A.jsonl" '"advice":"请勿采信此证书"' "A: a forged code: do not trust it"
ok "A: four repeated frames of one code gave one verdict (and it re-triggers only after leaving view)" \
	test "$(grep -c '"number":"4101020000123"' "$T/A.jsonl")" -eq 2
contains "$T/A.jsonl" '"name":"张三丰","number":"4101020000123","year":2024,"hours_total":90,"compliance":"met"' \
	"A: the genuine verdict shows the signed name, number, year, hours"
contains "$T/A.jsonl" '"name":"李四","number":"4101020000124","year":2024,"hours_total":70,"compliance":"not_met"' \
	"A: the not-compliant verdict says so"
lacks "$T/A.jsonl" '"status":"forged","colour":"red","holder":"not_checked","source":"camera","name"' \
	"A: a forged code shows no name (only signed fields are displayed)"
contains "$T/A.jsonl" "已被撤销，原因：学时造假" "A: the revoked verdict gives the reason in Chinese"
contains "$T/A.jsonl" '"checks_today":7' "A: the day counter reached 7"
ok "A: one screenshot per screen" test "$(ls "$T/shotsA" | wc -l)" -eq 15
pix() { convert "$1" -format '%[pixel:p{20,100}]' info: 2>/dev/null | sed 's/^srgba*(\([0-9]*,[0-9]*,[0-9]*\).*/srgb(\1)/'; }
for s in 0002:"srgb(20,122,58)":green 0004:"srgb(178,34,34)":red 0008:"srgb(214,137,0)":amber 0001:"srgb(24,38,56)":navy; do
	f=$(ls "$T/shotsA/${s%%:*}"-*.png); c=${s#*:}; c=${c%:*}
	ok "A: screenshot ${s%%:*} is ${s##*:}" test "$(pix "$f")" = "$c"
done
ok "A: screenshots are 1280x720" test "$(identify -format '%wx%h' "$T/shotsA/0002-verdict.png")" = 1280x720

# The same frames from a video file (YUV4MPEG2, as ffmpeg writes it).
{ echo "YUV4MPEG2 W1280 H720 F10:1 Ip A1:1 C420jpeg"
  for f in blank genuine genuine blank forged; do
	echo FRAME; convert "$T/$f.pgm" gray:-; head -c 460800 /dev/zero | tr '\0' '\200'
  done; } > "$T/clip.y4m"
mkdir -p "$T/stateY"
ok "A: a Y4M video file plays through the same path" "$KIOSK" --source "y4m:$T/clip.y4m" --trust "$T/store" \
	--state "$T/stateY" --stick "$T/nostick" --window 640x360 --virtual-clock --exit-when-done --fps 10 --no-sound \
	--state-log "$T/Y.jsonl"
ok "A: the video gave two verdicts: authentic, then forged" \
	test "$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' "$T/Y.jsonl" | tr '\n' ' ')" = "authentic forged "

# The audit log of run A.
LOG="$T/stateA/audit.log"
ok "A: audit verify: intact" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$LOG"
contains "$T/out" "ok: intact" "A: audit verify says intact"
ok "A: the log holds 7 checks" test "$(grep -c ' check verdict=' "$LOG")" -eq 7
lacks "$LOG" "$ID" "A: the audit log never holds the ID number"
lacks "$LOG" "张三丰" "A: nor the holder's name"
ok "A: audit export (JSON Lines)" "$KIOSK" audit export --device-pub "$DEVPUB" --log "$LOG"
contains "$T/out" '"type":"check","verdict":"revoked","colour":"red","source":"camera","number":"4101020000200","year":"2023"' \
	"A: export has the revoked check"
contains "$T/out" '{"audit":"ok"' "A: export ends with the chain status"
ok "A: audit export (CSV)" "$KIOSK" audit export --device-pub "$DEVPUB" --log "$LOG" --format csv
contains "$T/out" "authentic,	4101020000124,2024,1,,camera," "A: CSV row of the not-compliant check (the number kept as text)"
cp "$T/out" "$T/audit.csv"
ok "A: the CSV export starts with a UTF-8 byte-order mark" sh -c "head -c 3 '$T/audit.csv' | od -An -tx1 | grep -q 'ef bb bf'"

# --- C: tampering with the audit log -------------------------------------------
cp "$LOG" "$T/edited.log"; cp "$LOG.anchor" "$T/edited.log.anchor"
sed -i 's/verdict=revoked colour=red/verdict=authentic colour=green/' "$T/edited.log"
status 1 "C: an edited record is detected" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/edited.log"
contains "$T/out" "edited: line 6: record 5: hash does not match" "C: it names the edited line"
head -n -2 "$LOG" > "$T/trunc.log"; cp "$LOG.anchor" "$T/trunc.log.anchor"
status 1 "C: records cut off the end are detected (anchor)" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/trunc.log"
contains "$T/out" "truncated" "C: it says truncated"
status 0 "C: ...which the chain alone cannot see (--no-anchor)" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/trunc.log" --no-anchor
cp "$LOG" "$T/noanchor.log"
status 1 "C: a missing anchor is refused" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/noanchor.log"
contains "$T/err" "no anchor" "C: it says the anchor is missing"
grep -v ' check verdict=revoked' "$LOG" > "$T/removed.log"; cp "$LOG.anchor" "$T/removed.log.anchor"
status 1 "C: a removed record is detected" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/removed.log"
cp "$LOG.anchor" "$T/replaced.log.anchor"
mkdir -p "$T/fresh"; "$KIOSK" --source "play:$T/fresh" --trust "$T/store" --state "$T/fresh" --stick "$T/nostick" \
	--window 640x360 --exit-when-done --no-sound > /dev/null 2>&1
cp "$T/fresh/audit.log" "$T/replaced.log"
status 1 "C: a log replaced by a fresh one is detected" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/replaced.log"
contains "$T/out" "foreign" "C: it says the anchor belongs to another log"
status 2 "C: audit verify usage error" "$KIOSK" audit verify --bogus x
# A power cut while a record was written: the torn tail is only a warning,
# and the next start cuts it off and logs that it did.
cp "$LOG" "$T/stateA/audit.log.bak"
printf '13 2026-11-21T10:00:00Z check verdict=auth' >> "$LOG"
status 1 "C: a torn last record (power cut) is a lost record: incomplete" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$LOG"
contains "$T/out" "unfinished last record ignored" "C: ...with a note"
ok "C: the kiosk starts on a torn log" "$KIOSK" --source "play:$T/fresh" --trust "$T/store" --state "$T/stateA" \
	--stick "$T/nostick" --window 640x360 --exit-when-done --no-sound
contains "$LOG" "log event=torn_record_removed bytes=" "C: the restart logged the removed torn record"
status 1 "C: and the log verifies afterwards, reporting the cut record as lost" \
	"$KIOSK" audit verify --device-pub "$DEVPUB" --log "$LOG"
contains "$T/out" "incomplete: " "C: ...as incomplete"
contains "$T/out" "1 cut off by power cuts" "C: ...naming the power cut"
# The kiosk started on an edited log says so on screen and keeps the evidence.
mkdir -p "$T/stateE"; cp "$T/edited.log" "$T/stateE/audit.log"; cp "$T/edited.log.anchor" "$T/stateE/audit.log.anchor"
ok "C: the kiosk starts on an edited log" "$KIOSK" --source "play:$T/fresh" --trust "$T/store" --state "$T/stateE" \
	--stick "$T/nostick" --window 1280x720 --exit-when-done --no-sound --state-log "$T/E.jsonl" --screenshot-dir "$T/stateE"
contains "$T/E.jsonl" '"audit_problem":true' "C: ...and reports the audit problem on screen"
contains "$T/err" "record 5: hash does not match" "C: ...and on stderr"
status 1 "C: the edit stays detectable after more records" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/stateE/audit.log"

# --- B: live: camera missing and back, typed ID, scanner, USB stick ------------
mkdir -p "$T/stateB" "$T/shotsB"
: > "$T/typed"
"$KIOSK" --source "dir:$T/cam" --trust "$T/store" --state "$T/stateB" --stick "$T/stick" --window 1280x720 \
	--verdict-seconds 3 --dedup-ms 3000 --input "$T/typed" --state-log "$T/B.jsonl" --screenshot-dir "$T/shotsB" \
	> "$T/B.out" 2> "$T/B.err" &
KPID=$!
wait_for() { # $1 fixed text expected in a new state-log line after line $2; $3 desc
	w=0
	while [ $w -lt 300 ]; do
		if [ -f "$T/B.jsonl" ] && tail -n +"$(($2 + 1))" "$T/B.jsonl" | grep -qF -- "$1"; then _report 0 "$3"; return; fi
		kill -0 $KPID 2> /dev/null || break
		sleep 0.1; w=$((w + 1))
	done
	cp "$T/B.jsonl" "$T/out" 2> /dev/null; cp "$T/B.err" "$T/err"; _report 1 "$3"
}
lines() { wc -l < "$T/B.jsonl" 2> /dev/null || echo 0; }
# A frame arrives whole, as from a camera: written under a hidden name, then renamed.
frame_in() { cp "$T/$1.pgm" "$T/cam/.incoming" && mv "$T/cam/.incoming" "$T/cam/$2.pgm"; }
wait_for '"screen":"camera_missing"' 0 "B: no camera at start: the camera-missing screen"
L=$(lines); mkdir "$T/cam"
wait_for '"screen":"idle","camera":"ok"' "$L" "B: the camera appears: back to idle by itself"
L=$(lines); frame_in genuine 0001
wait_for '"status":"authentic","colour":"green"' "$L" "B: a genuine frame: green verdict"
L=$(lines); echo "$ID" >> "$T/typed"
wait_for '"holder":"match"' "$L" "B: the holder's ID number typed: match"
L=$(lines); echo "$OTHER_ID" >> "$T/typed"
wait_for '"status":"authentic","colour":"red","holder":"mismatch"' "$L" "B: someone else's ID number: red, mismatch"
L=$(lines); echo "$OTHER_ID" | sed 's/0$/1/' >> "$T/typed"
wait_for '"screen":"notice"' "$L" "B: an ID number with a wrong check digit: a notice"
L=$(lines); echo "$REV" >> "$T/typed"
wait_for '"status":"revoked","colour":"red","holder":"not_checked","source":"scanner"' "$L" "B: a USB scanner line: judged (revoked)"
L=$(lines); mv "$T/cam" "$T/cam.unplugged"
wait_for '"screen":"camera_missing"' "$L" "B: the camera is unplugged: camera-missing screen"
L=$(lines); mv "$T/cam.unplugged" "$T/cam"; frame_in notmet 0002
wait_for '"status":"authentic","colour":"amber"' "$L" "B: plugged back: frames are read again (amber)"
# A bundle appears on the stick whole (hidden name, then renamed: the kiosk
# never reads half a copy); another name is news to the kiosk at once, so no
# waiting between them.
stick_in() { cp "$1" "$T/stick/.incoming" && mv "$T/stick/.incoming" "$T/stick/$2"; }
L=$(lines); mkdir "$T/stick"; stick_in "$T/foreign.bundle" foreign.bundle
wait_for '"screen":"trust_update","ok":false' "$L" "B: a foreign bundle on the stick is refused on screen"
contains "$T/B.jsonl" "不是由本省根密钥签发" "B: ...saying it is not signed by the province root"
L=$(lines); rm "$T/stick/foreign.bundle"; stick_in "$T/v2.bundle" v2.bundle
wait_for '"screen":"trust_update","ok":false,"message":"信任包版本不比已安装的新' "$L" "B: an older bundle is refused (rollback)"
L=$(lines); rm "$T/stick/v2.bundle"; stick_in "$T/v4.bundle" certqr-trust.bundle
wait_for '"screen":"trust_update","ok":true' "$L" "B: a newer bundle on the stick is installed"
contains "$T/B.jsonl" "已安装第 4 版信任包" "B: ...and the screen says which version"
ok "B: the store now holds version 4" cmp "$T/v4.bundle" "$T/store/trust.bundle"
L=$(lines); frame_in notmet 0003
wait_for '"status":"revoked","colour":"red"' "$L" "B: the new bundle is used at once (certificate now revoked)"
kill -TERM $KPID; wait $KPID; rc=$?
ok "B: SIGTERM stops the kiosk cleanly (exit 0)" test $rc -eq 0
ok "B: audit verify after the live run" "$KIOSK" audit verify --device-pub "$DEVPUB" --log "$T/stateB/audit.log"
for e in "camera state=missing" "camera state=back" "holder verdict=authentic number=4101020000123 year=2024 holder=match" \
	"holder=mismatch" "source=scanner" "trust result=refused reason=foreign_root" "trust result=refused reason=rollback" \
	"trust result=installed version=4" "kiosk event=stop"; do
	contains "$T/stateB/audit.log" "$e" "B: audit log records: $e"
done
lacks "$T/stateB/audit.log" "$ID" "B: the typed ID number is not in the audit log"
lacks "$T/stateB/audit.log" "$OTHER_ID" "B: nor the other one"
[ -n "${KIOSK_SHOTS:-}" ] && cp -r "$T/shotsA" "$T/shotsB" "$T/stateE" "$KIOSK_SHOTS/"  # to look at them

# --- D: files dropped on the window (laptop), through the same handler -------
mkdir -p "$T/stateD" "$T/empty"
printf 'name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued\n张三丰,%s,4101020000123,2024,,30,60,,,,410100,2025-01-10\n' \
	"$ID" > "$T/one.csv"
"$B/certqr-issue" batch --key "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" --delegation \
	"$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" --passphrase-file "$P" --out "$T/pdf" --quiet "$T/one.csv" > /dev/null 2>&1
drop() { # $1 file, $2 expected text in the state log, $3 desc
	rm -f "$T/D.jsonl"
	"$KIOSK" --source "play:$T/empty" --trust "$T/store" --state "$T/stateD" --stick "$T/nostick" --window 640x360 \
		--exit-when-done --no-sound --open "$1" --state-log "$T/D.jsonl" > "$T/out" 2> "$T/err"
	grep -qF -- "$2" "$T/D.jsonl" 2> /dev/null; r=$?; [ $r -ne 0 ] && cp "$T/D.jsonl" "$T/out" 2> /dev/null; _report $r "$3"
}
if [ -f "$T/pdf/4101020000123-2024-r1.pdf" ]; then
	drop "$T/pdf/4101020000123-2024-r1.pdf" '"status":"authentic","colour":"green","holder":"not_checked","source":"file","name":"张三丰"' \
		"D: a certificate PDF from certqr-issue dropped: authentic"
else
	_report 1 "D: certqr-issue batch made a PDF to drop"
fi
drop "$T/forged.qr.png" '"status":"forged","colour":"red"' "D: a PNG of a forged code dropped: forged"
drop "$T/blank.pgm" '"screen":"notice"' "D: an image without a code: a notice"
contains "$T/D.jsonl" "文件中没有找到二维码" "D: ...saying no QR code was found"
printf 'not an image' > "$T/junk.png"
drop "$T/junk.png" '"screen":"notice"' "D: an unreadable file: a notice"
# a code holding more text than any certificate: said so, never judged cut
/usr/bin/python3 -c "print('A' * 1500, end='')" > "$T/long.txt"
qrencode -l L -s 3 -m 4 -r "$T/long.txt" -o "$T/long.png"
drop "$T/long.png" 'holds 1500 bytes of text, more than any certificate' "D: a 1 500-byte code: a notice with its length"
contains "$T/D.jsonl" "二维码内容过长" "D: ...in Chinese first"

# --- command line ---------------------------------------------------------------
ok "-h prints usage" "$KIOSK" -h
contains "$T/out" "usage: certqr-kiosk" "-h: usage on stdout"
status 2 "an unknown option is a usage error" "$KIOSK" --frobnicate
status 2 "a bad source is a usage error" "$KIOSK" --source "ftp:x" --state "$T/fresh" --trust "$T/store" --window 640x360
status 2 "a repeated option is refused" "$KIOSK" --fps 5 --fps 6
