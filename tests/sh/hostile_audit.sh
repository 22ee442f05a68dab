#!/bin/sh
# The kiosk's audit log under attack and on a full card, through
# the real program (SDL's dummy video driver, virtual clock):
# 1. 50 records appended with correct hashes by someone without the device
#    key (before: "intact", exit 0, and covered by the anchor at the next
#    start): audit verify says forged at the first of them; the kiosk
#    restarted on it warns on screen and records check_failed, so the break
#    stays visible after the anchor moves on; a log re-signed with another
#    key is told apart by the registered device key; records cut off with
#    the anchor deleted are recorded as a failed check at the restart.
# 2. The state folder full (a real tmpfs): 80 verdicts typed (before: 80
#    shown, 27 recorded, audit verify "intact"): every check is either in the
#    log or counted as lost, the clerk sees the black "not recording" band on
#    every screen while records fail, and audit verify says "incomplete" with
#    the exact count, before and after space comes back.
# 3. The device key: made at the first start in a 0700 directory apart from
#    the log, mode 0600; a log of another device key is set aside, not
#    continued; the CSV export guards cells (a record carrying "+1+1", signed
#    with the device key itself, exports as text).
. "$(dirname "$0")/../lib.sh"
plan 53
KI=$B/certqr-kiosk
PY=/usr/bin/python3
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset CERTQR_TRUST CERTQR_KIOSK_STATE
mkdir -p "$T/play" "$T/store"
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/store/root.pub"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$ROOT/tests/trust/bundle.spec" \
	-o "$T/store/trust.bundle" --passphrase-file "$CERTQR_TEST_PASS" > /dev/null 2>&1
sed -n 's/^qr=//p' "$ROOT/tests/vectors/v1.txt" > "$T/typed4"
kiosk() { # $1 state dir, $2 input file, rest: more options
	st=$1 in=$2; shift 2
	"$KI" --source "play:$T/play" --trust "$T/store" --state "$st" --window 640x360 --no-sound \
		--virtual-clock --exit-when-done --input "$in" "$@"
}
DEV=$T/device   # beside every state directory under $T
REGISTERED=$T/registered.pub

# --- 3a. the device key --------------------------------------------------
mkdir -p "$T/s1"
ok "the kiosk starts and logs 4 checks" kiosk "$T/s1" "$T/typed4"
contains "$T/err" "device key created at" "the first start says it made a device key"
ok "device key: mode 0600" test "$(stat -c %a "$DEV/device.key")" = 600
ok "device key: in a 0700 directory" test "$(stat -c %a "$DEV")" = 700
ok "device key: not in the log's directory (which holds the log)" test ! -e "$T/s1/device.key" -a -s "$T/s1/audit.log"
ok "certqr-kiosk device-key prints the public key" "$KI" device-key --key "$DEV/device.key"
cp "$T/out" "$REGISTERED"   # what an administrator registers at installation
ok "...the same as device.pub" cmp "$REGISTERED" "$DEV/device.pub"
contains "$REGISTERED" "certqr-kiosk-device-pub v1 id=" "device.pub names the key id"
ok "a clean log verifies with the registered key" "$KI" audit verify --log "$T/s1/audit.log" --device-pub "$REGISTERED"
contains "$T/out" "ok: intact: 7 records signed by device" "...intact, 7 records, signed"

# --- 1. forged records appended -------------------------------------------
cp -r "$T/s1" "$T/s2"
$PY - "$T/s2/audit.log" 50 <<'PY'
import hashlib, os, sys
p, n = sys.argv[1], int(sys.argv[2])
last = open(p).read().splitlines()[-1]
h = bytes.fromhex(last.split(' h=')[1].split(' s=')[0]); seq = int(last.split()[0])
out = []
for i in range(n):   # correct hashes; the forger has no device key
    seq += 1
    body = "%d 2026-11-21T09:%02d:00Z check verdict=authentic colour=green source=camera number=4101020000%03d year=2024 rev=1 key=1FA38950A25DEB4E" % (seq, i % 60, i)
    h = hashlib.blake2b(b"certqr/audit/v2\0" + h + body.encode(), digest_size=32).digest()
    out.append(body + " h=" + h.hex() + " s=" + os.urandom(64).hex())
open(p, "a").write("\n".join(out) + "\n")
PY
status 1 "50 appended records with correct hashes: audit verify exit 1" \
	"$KI" audit verify --log "$T/s2/audit.log" --device-pub "$REGISTERED"
contains "$T/out" "forged: line 9: record 8 is not signed by device key" "...forged, at the first appended record"
status 1 "audit export stops at the forgery" "$KI" audit export --log "$T/s2/audit.log" --device-pub "$REGISTERED"
ok "...exporting the 7 genuine records only" test "$(grep -c '"seq"' "$T/out")" -eq 7
ok "the kiosk restarts on the forged log" kiosk "$T/s2" "$T/typed4" --state-log "$T/s2.jsonl"
contains "$T/s2.jsonl" '"audit_problem":true' "...and shows the audit warning"
contains "$T/err" "record 8 is not signed by device key" "...and says why on stderr"
contains "$T/s2/audit.log" "log event=check_failed status=forged line=9" "...and records that the check failed"
status 1 "after the restart (the anchor moved past them) the forgery is still found" \
	"$KI" audit verify --log "$T/s2/audit.log" --device-pub "$REGISTERED"
contains "$T/out" "forged: line 9" "...at the same line"
ok "a second restart still warns" kiosk "$T/s2" /dev/null --state-log "$T/s2b.jsonl"
contains "$T/s2b.jsonl" '"audit_problem":true' "...(the check_failed record keeps the warning up)"
# A forger who re-signs the whole log and anchor with a key of his own, and
# replaces the device's own device.pub, is told by the registered key.
cp -r "$T/s1" "$T/s3"
$PY - "$T/s3/audit.log" "$T/s3/audit.log.anchor" "$T/forger.pub" <<'PY'
import hashlib, os, sys, nacl.signing
log, anchor, pubout = sys.argv[1:4]
sk = nacl.signing.SigningKey(os.urandom(32)); pk = bytes(sk.verify_key)
kid = hashlib.blake2b(b"certqr/key-id/v1\0" + pk, digest_size=32).digest()[:8]
lines = open(log).read().splitlines()
prev = bytes(32); out = []
for i, l in enumerate(lines):
    body = l.split(' h=')[0]
    if i == 0: body = body.rsplit(' device=', 1)[0] + ' device=' + kid.hex()
    h = hashlib.blake2b(b"certqr/audit/v2\0" + prev + body.encode(), digest_size=32).digest()
    s = sk.sign(b"certqr/audit-record/v2\0" + h).signature
    out.append(body + " h=" + h.hex() + " s=" + s.hex()); prev = h
open(log, "w").write("\n".join(out) + "\n")
logid = bytes.fromhex(out[0].split('log=')[1][:32]); n = len(out) - 1
m = logid + kid + n.to_bytes(8, 'big') + prev
s = sk.sign(b"certqr/audit-anchor/v2\0" + m).signature
open(anchor, "w").write("certqr-audit-anchor v2 log=%s device=%s count=%d h=%s s=%s\n" % (logid.hex(), kid.hex(), n, prev.hex(), s.hex()))
open(pubout, "w").write("certqr-kiosk-device-pub v1 id=%s pk=%s\n" % (kid.hex().upper(), pk.hex()))
PY
status 1 "a log re-signed with another key: the registered key refuses it" \
	"$KI" audit verify --log "$T/s3/audit.log" --device-pub "$REGISTERED"
contains "$T/out" "names device key" "...the header names another device key"
mkdir -p "$T/s3k/st"; cp "$T/s3/audit.log" "$T/s3/audit.log.anchor" "$T/s3k/st/"
ok "the kiosk, given such a log, starts" kiosk "$T/s3k/st" /dev/null --device-key "$DEV/device.key" --state-log "$T/s3k.jsonl"
contains "$T/s3k.jsonl" '"audit_problem":true' "...warns"
ok "...sets it aside rather than appending to it" sh -c "ls '$T/s3k/st' | grep -q '^audit.log.other-device-'"
ok "...and starts a new log that verifies" "$KI" audit verify --log "$T/s3k/st/audit.log" --device-pub "$REGISTERED"
contains "$T/s3k/st/audit.log" "event=new_log previous=other_device" "...saying why"

# Records cut off the end and the anchor deleted with them: the restarted
# kiosk warns and records it before a new anchor covers the spot.
cp -r "$T/s1" "$T/s5"
head -n -2 "$T/s1/audit.log" > "$T/s5/audit.log"; rm "$T/s5/audit.log.anchor"
ok "records cut off and the anchor deleted: the kiosk restarts" kiosk "$T/s5" /dev/null --state-log "$T/s5.jsonl"
contains "$T/s5.jsonl" '"audit_problem":true' "...warns"
contains "$T/s5/audit.log" "log event=check_failed status=unanchored" "...records the missing anchor"
status 1 "...and audit verify says the check failed before (not intact)" \
	"$KI" audit verify --log "$T/s5/audit.log" --device-pub "$REGISTERED"
contains "$T/out" "failed_before" "...failed_before"

# --- 3b. the CSV export guards cells ---------------------------------------
# Only the device key can add a record; with it (this test holds it) a value
# the alphabet allows, "+1+1", must still export as text.
cp -r "$T/s1" "$T/s4"
$PY - "$T/s4/audit.log" "$T/s4/audit.log.anchor" "$DEV/device.key" <<'PY'
import hashlib, sys, nacl.signing
log, anchor, keyf = sys.argv[1:4]
seed = bytes.fromhex(open(keyf).read().split('seed=')[1].strip())
sk = nacl.signing.SigningKey(seed); pk = bytes(sk.verify_key)
kid = hashlib.blake2b(b"certqr/key-id/v1\0" + pk, digest_size=32).digest()[:8]
lines = open(log).read().splitlines()
last = lines[-1]; prev = bytes.fromhex(last.split(' h=')[1].split(' s=')[0]); seq = int(last.split()[0]) + 1
body = "%d 2026-11-21T10:00:00Z check verdict=+1+1 colour=green source=-2+3 number=4101020000123" % seq
h = hashlib.blake2b(b"certqr/audit/v2\0" + prev + body.encode(), digest_size=32).digest()
open(log, "a").write(body + " h=" + h.hex() + " s=" + sk.sign(b"certqr/audit-record/v2\0" + h).signature.hex() + "\n")
logid = bytes.fromhex(lines[0].split('log=')[1][:32])
m = logid + kid + seq.to_bytes(8, 'big') + h
open(anchor, "w").write("certqr-audit-anchor v2 log=%s device=%s count=%d h=%s s=%s\n" % (logid.hex(), kid.hex(), seq, h.hex(), sk.sign(b"certqr/audit-anchor/v2\0" + m).signature.hex()))
PY
ok "a record signed with the device key verifies (whoever holds the key can write: keep it apart)" \
	"$KI" audit verify --log "$T/s4/audit.log" --device-pub "$REGISTERED"
ok "audit export --format csv" "$KI" audit export --log "$T/s4/audit.log" --device-pub "$REGISTERED" --format csv
contains "$T/out" "\"'+1+1\"" "CSV: a cell starting with + is exported as text"
contains "$T/out" "\"'-2+3\"" "CSV: a cell starting with - too"
lacks "$T/out" ",+1+1," "CSV: no bare formula cell"

# --- 2. a full state folder -------------------------------------------------
F=$T/full
mkdir -p "$F"
if ! mount -t tmpfs -o size=64k tmpfs "$F" 2> /dev/null; then
	skip_rest "full card: a real full state partition" "cannot mount a tmpfs (not root, or no mount permission)"
	exit 0
fi
trap 'umount "$F" 2> /dev/null; rm -rf "$T"' EXIT
mkdir "$F/st"
cp -rp "$DEV" "$F/device"
i=0; while [ $i -lt 80 ]; do echo "CQ1:NOTREAL$i"; i=$((i + 1)); done > "$T/typed80"
# fill the card: leave room for the start and a few records
dd if=/dev/zero of="$F/pad" bs=1k count=40 2> /dev/null
/usr/bin/time -v "$KI" --source "play:$T/play" --trust "$T/store" --state "$F/st" --window 640x360 --no-sound \
	--virtual-clock --exit-when-done --input "$T/typed80" --state-log "$T/full.jsonl" --screenshot-dir "$T/shots" \
	> "$T/out" 2> "$T/full.err"
_report $? "full card: the kiosk runs through 80 typed checks"
rec=$(grep -c ' check ' "$F/st/audit.log")
lost=$(sed -n 's/.*checks=\([0-9]*\) first.*/\1/p' "$F/st/audit.log.unrecorded")
echo "# full card: 80 checks shown, $rec recorded, $lost counted as not recorded;" \
	"$(sed -n 's/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): /elapsed /p' "$T/full.err")," \
	"$(sed -n 's/^.*Maximum resident set size (kbytes): /max RSS /p' "$T/full.err") KB"
ok "full card: some checks could not be recorded (the card really filled up)" test "$rec" -lt 80
ok "full card: every check is recorded or counted as lost ($rec + $lost = 80)" test $((rec + lost)) -eq 80
contains "$T/full.err" "audit log: record not written" "full card: each failed record is said on stderr"
ok "full card: the clerk saw the 'not recording' warning on screen" grep -q '"audit_unrecorded":[1-9]' "$T/full.jsonl"
last=$(grep '"screen":"verdict"' "$T/full.jsonl" | tail -1 | sed 's/.*"screenshot":"\([^"]*\)".*/\1/')
$PY - "$T/shots/$last" <<'PY' > "$T/band"
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('RGB'); w, h = im.size
band = im.getpixel((3, h // 11 + 3)); below = im.getpixel((3, h // 4))
print("band", band, "screen", below)
sys.exit(0 if band == (0, 0, 0) and below != (0, 0, 0) else 1)
PY
_report $? "full card: the last verdict screen carries the black band under the title ($(cat "$T/band"))"
status 1 "full card: audit verify says incomplete (before: intact, exit 0)" \
	"$KI" audit verify --log "$F/st/audit.log" --device-pub "$REGISTERED"
contains "$T/out" ": incomplete: " "...incomplete"
contains "$T/out" "($lost checks," "...with the number of checks not recorded"
rm "$F/pad"
ok "space back: the kiosk restarts" kiosk "$F/st" /dev/null --state-log "$T/full2.jsonl"
ok "...and the warning is gone" sh -c "! grep -q '\"audit_unrecorded\":[1-9]' '$T/full2.jsonl'"
contains "$F/st/audit.log" "log event=records_lost count=" "...the log now records the loss itself"
status 1 "...and audit verify still says incomplete" "$KI" audit verify --log "$F/st/audit.log" --device-pub "$REGISTERED"
contains "$T/out" ", $lost of them checks shown at the counter" "...with the same count"
