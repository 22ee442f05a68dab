#!/bin/sh
# The kiosk's signed audit log (docs/kiosk.md, "Audit log"): what checking a
# year of records costs. A log of 100 000 check records signed with a kiosk
# device key (written by Python's nacl, the same format), then:
#   audit_verify_ms_100k    certqr-kiosk audit verify: every signature (CPU ms)
#   audit_verify_us_per_record
#   kiosk_start_ms_100k     the kiosk starting on that log and stopping: the
#                           chain hashes all, signatures only after the
#                           signed anchor (CPU ms, play source with no frames)
# CPU time (user + sys) from /usr/bin/time, median of 3 runs.
set -u
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$(pwd)/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench-audit.XXXXXX")
trap 'rm -rf "$T"' EXIT
KI=$B/certqr-kiosk
N=100000
mkdir -p "$T/st" "$T/play" "$T/store"
"$KI" device-key --create --key "$T/device/device.key" > /dev/null 2>&1 || { echo "# audit: no device key" >&2; exit 1; }
/usr/bin/python3 - "$T/device/device.key" "$T/st/audit.log" "$T/st/audit.log.anchor" $N <<'PY' || exit 1
import hashlib, sys, nacl.signing
keyf, log, anchor, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sk = nacl.signing.SigningKey(bytes.fromhex(open(keyf).read().split('seed=')[1].strip()))
kid = hashlib.blake2b(b"certqr/key-id/v1\0" + bytes(sk.verify_key), digest_size=32).digest()[:8]
logid = bytes(range(16))
def seal(prev, body):
    h = hashlib.blake2b(b"certqr/audit/v2\0" + prev + body.encode(), digest_size=32).digest()
    return h, body + " h=" + h.hex() + " s=" + sk.sign(b"certqr/audit-record/v2\0" + h).signature.hex() + "\n"
out = []
h, line = seal(bytes(32), "certqr-audit v2 log=%s created=2026-01-01T08:00:00Z device=%s" % (logid.hex(), kid.hex()))
out.append(line)
for i in range(1, n + 1):
    t = "2026-%02d-%02dT%02d:%02d:%02dZ" % (1 + i // 9000 % 12, 1 + i // 300 % 28, 8 + i // 60 % 9, i % 60, i % 59)
    h, line = seal(h, "%d %s check verdict=authentic colour=green source=camera number=41010200%05d year=2025 rev=1 key=1FA38950A25DEB4E" % (i, t, i % 100000))
    out.append(line)
open(log, "w").write("".join(out))
m = logid + kid + n.to_bytes(8, "big") + h
open(anchor, "w").write("certqr-audit-anchor v2 log=%s device=%s count=%d h=%s s=%s\n" % (logid.hex(), kid.hex(), n, h.hex(), sk.sign(b"certqr/audit-anchor/v2\0" + m).signature.hex()))
PY
cpu_ms() { # command...: CPU ms (user + sys) of one run
	/usr/bin/time -f '%U %S' -o "$T/time" "$@" > /dev/null 2>&1
	awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$T/time"
}
median3() { sort -n | sed -n 2p; }
v=$(for i in 1 2 3; do cpu_ms "$KI" audit verify --log "$T/st/audit.log" --device-pub "$T/device/device.pub"; done | median3)
"$KI" audit verify --log "$T/st/audit.log" --device-pub "$T/device/device.pub" > "$T/out" 2>&1
grep -q "ok: intact: $N records" "$T/out" || { echo "# audit: the benchmark log does not verify: $(cat "$T/out")" >&2; exit 1; }
echo "audit_verify_ms_100k: $v ms"
echo "audit_verify_us_per_record: $(awk -v v="$v" -v n=$N 'BEGIN { printf "%.1f", v * 1000 / n }') us"
cp "$T/st/audit.log" "$T/log.orig"; cp "$T/st/audit.log.anchor" "$T/anchor.orig"
k=$(for i in 1 2 3; do
	cp "$T/log.orig" "$T/st/audit.log"; cp "$T/anchor.orig" "$T/st/audit.log.anchor"
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy cpu_ms "$KI" --source "play:$T/play" --trust "$T/store" --state "$T/st" \
		--window 320x240 --no-sound --virtual-clock --exit-when-done
done | median3)
echo "kiosk_start_ms_100k: $k ms"
