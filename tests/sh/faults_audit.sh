#!/bin/sh
# Fault injection on the kiosk's audit log (docs/hardening.md, docs/kiosk.md).
# 1. The kiosk, checking four scanned certificates, is interrupted at every
#    durability step (each write and fsync of the log, each step of the
#    anchor's atomic replacement, the writes of LOG.unrecorded;
#    tests/tools/faultinj.c): killed at each, and failing (ENOSPC) or writing
#    half a line at each write of the log. Afterwards `certqr-kiosk audit
#    verify` must call the log intact after a kill (a crash is not
#    tampering), and "incomplete" after a failed or half write, counting
#    exactly the one record lost (a record that could not be written is
#    lost, and must be reported so, not called intact); every record whose
#    fsync had returned must still be there; a restarted kiosk must go on
#    with a log that verifies the same way. The logs are checked after the
#    last fault, all by one `audit verify` (a --log each).
# 2. A finished log is damaged: a bit flipped in a byte, truncation at a
#    length (every byte of the first and last two lines, every 13th byte in
#    between, every 8th inside a signature; FAULTS_FULL=1: every byte), a
#    bit flipped in every byte of the anchor (every 8th of its signature), a
#    line removed, two lines swapped, a line repeated, the anchor removed:
#    `audit verify` must detect each (its line not "ok"; for an anchor that
#    no longer parses, a message naming it). Each damaged copy is kept in a
#    folder of its own and one `audit verify` checks them all, a --log each.
# Prints "faults: runs N, faults N, data lost N".
# Under the ASan re-run the loops try every SAMPLE_STRIDE-th point (tests/lib.sh).
. "$(dirname "$0")/../lib.sh"
plan 10
KI=$B/certqr-kiosk
INJ=$B/tests/tools/faultinj.so
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
# SDL's dummy video driver, as tests/sh/kiosk.sh: the offscreen driver's
# EGL setup leaks in Mesa, which LeakSanitizer reports under make test-asan
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset CERTQR_TRUST CERTQR_KIOSK_STATE
mkdir -p "$T/play" "$T/store"
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/store/root.pub"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$ROOT/tests/trust/bundle.spec" \
	-o "$T/store/trust.bundle" --passphrase-file "$ROOT/keys/test/PASSPHRASE-TEST-ONLY" > /dev/null 2>&1
sed -n 's/^qr=//p' "$ROOT/tests/vectors/v1.txt" > "$T/typed"
kiosk() { # $1 state dir
	"$KI" --source "play:$T/play" --trust "$T/store" --state "$1" --window 320x240 --no-sound \
		--virtual-clock --exit-when-done --input "$T/typed"
}
verify() { "$KI" audit verify --log "$1/audit.log"; }

# The device key (made by a kiosk's first start otherwise) exists before the
# traced run, so every run below takes the same steps.
"$KI" device-key --create --key "$T/device/device.key" > /dev/null 2>&1
ok "the kiosk's device key made" test -s "$T/device/device.pub"
mkdir "$T/clean"
CQ_FAULT_TRACE=$T/trace LD_PRELOAD=$INJ kiosk "$T/clean" > "$T/out" 2> "$T/err"
_report $? "a clean traced kiosk run (4 scanned certificates)"
ok "its log verifies" verify "$T/clean"
steps=$(wc -l < "$T/trace")
records=$(grep -c . "$T/clean/audit.log")
ok "the run takes durability steps to inject at ($steps; $records log lines)" test "$steps" -ge 20

runs=0 faults=0 lost=0 torn=0 first_start=0
: > "$T/injected.txt"
inject() { # $1 mode, $2 step
	s=$T/s-$1-$2
	mkdir "$s"
	CQ_FAULT_AT=$2 CQ_FAULT_MODE=$1 LD_PRELOAD=$INJ kiosk "$s" > /dev/null 2>&1
	krc=$?
	runs=$((runs + 1)) faults=$((faults + 1))
	# A failure while the log starts stops the kiosk (exit 3) before it
	# shows anything: nothing shown was lost; a half-written first record
	# is cut off by the restart and reported as one lost record.
	expect=$1; [ $krc -eq 3 ] && expect=start
	# records made durable before the fault: log fsyncs that completed
	want=$(awk -v k="$2" '$1 < k && $2 == "fsync" && $3 ~ /audit\.log$/' "$T/trace" | wc -l)
	have=0; [ -e "$s/audit.log" ] && have=$(grep -c '' "$s/audit.log")
	complete=0; [ -e "$s/audit.log" ] && complete=$(tr -cd '\n' < "$s/audit.log" | wc -c)
	[ "$complete" -lt "$have" ] && torn=$((torn + 1))
	# the log as the fault left it, checked with the others below
	[ -e "$s/audit.log" ] && cp -r "$s" "$s.fault"
	kiosk "$s" > /dev/null 2>&1
	runs=$((runs + 1))
	printf '%s %s %s %s %s %s\n' "$1" "$2" "$expect" "$complete" "$want" \
		"$(sed -n "${2}p" "$T/trace" | cut -d' ' -f2,3 | tr ' ' ,)" >> "$T/injected.txt"
}
k=1
while [ $k -le "$steps" ]; do inject kill $k; k=$((k + SAMPLE_STRIDE)); done
for k in $(awk -v s="$SAMPLE_STRIDE" '$2 == "write" && $3 ~ /audit\.log$/ && n++ % s == 0 { print $1 }' "$T/trace"); do
	inject enospc $k
	inject short $k
done
# Every log, as each fault left it and after its restart, checked by one
# audit verify (a --log each; see part 2). What it must say: intact after a
# kill; after a failed or half write, incomplete with exactly that one
# record lost; either for a failure while the log starts.
for d in "$T"/s-*; do printf -- '--log\n%s/audit.log\n' "$d"; done | tr '\n' '\0' |
	xargs -0 "$KI" audit verify --device-pub "$T/device/device.pub" > "$T/iv" 2> "$T/iverr"
r=$(python3 - "$T" "$T/injected.txt" "$T/iv" "$T/iverr" <<'PY'
import os, re, sys
t, cases, out, err = sys.argv[1:5]
said = {}
for ln in open(out, encoding='utf-8', errors='replace'):
    p, _, rest = ln.rstrip('\n').partition('/audit.log: ')
    if rest: said[p] = rest
errs = open(err, encoding='utf-8', errors='replace').read().split('\n')
def judge(d, expect):  # as audit verify on that log alone would have exited
    line = said.get(d)
    vrc = 3 if line is None else 0 if line.startswith('ok: ') else 1
    one = vrc == 1 and line.startswith('incomplete: ') and re.search(r'(^|[^0-9])1 records (were lost|\()', line)
    ok = vrc == 0 if expect == 'kill' else (vrc == 0 or bool(one)) if expect == 'start' else bool(one)
    return ok, 'exit %d: %s' % (vrc, line if line is not None else 'no verdict')
lost = first = 0
for ln in open(cases):
    mode, step, expect, complete, want, op = ln.split()
    s = '%s/s-%s-%s' % (t, mode, step)
    r = 'ok'
    if int(complete) < int(want): r = 'lost records (%s of %s)' % (complete, want)
    if os.path.isdir(s + '.fault'):
        good, why = judge(s + '.fault', expect)
        if not good:
            # The one window with no anchor yet: a brand-new log (header and
            # its new_log record) before the kiosk's first anchor write.
            # Offline, a missing anchor cannot be told from a deleted one.
            if not os.path.exists(s + '.fault/audit.log.anchor') and int(complete) <= 2 and \
               any((s + '.fault/audit.log.anchor: no anchor') in e for e in errs):
                first += 1
            else: r = 'verify: ' + why
    good, why = judge(s, expect)
    if not good: r = 'after restart: ' + why
    if r != 'ok':
        lost += 1
        print('# %s at step %s (%s): %s' % (mode, step, op.replace(',', ' '), r), file=sys.stderr)
print(lost, first)
PY
)
case $r in [0-9]*" "[0-9]*) ;; *) r="1 0"; echo "# the faults could not be judged" ;; esac
lost=$((lost + ${r% *})) first_start=${r#* }
ok "kiosk interrupted at every step ($faults faults): log intact (kill) or reporting its one lost record (failed write), no durable record lost, restart verifies" test $lost -eq 0 -a $faults -gt 0
echo "# unfinished last lines left by the faults: $torn (reported, then cleared by the restart)"
echo "# faults in the first start before the first anchor existed: $first_start (audit verify says 'no anchor' until the kiosk restarts)"

# 2. Damage to a finished log and its anchor.
L=$T/clean/audit.log
A=$T/clean/audit.log.anchor
mkdir "$T/dmg"
undetected=0 tried=0
damage() { # $1 description; $T/dmg/audit.log(.anchor) prepared
	# Each case is kept in a folder of its own and all are checked by one
	# `audit verify` with a --log per case (below): a start of the kiosk
	# program costs 30 times the check of a log (loading its libraries).
	tried=$((tried + 1))
	cp -r "$T/dmg" "$T/cases/$tried"
	printf '%s\t%s\n' "$tried" "$1" >> "$T/cases.txt"
}
mkdir "$T/cases"
: > "$T/cases.txt"
SAMPLE_STRIDE=$SAMPLE_STRIDE python3 - "$L" "$T/flips" <<'PY'
import os, sys
stride, kept = int(os.environ['SAMPLE_STRIDE']), 0
b = open(sys.argv[1], 'rb').read()
os.makedirs(sys.argv[2], exist_ok=True)
first, last = b.index(b'\n'), b.rindex(b'\n', 0, len(b) - 1)
full = os.environ.get('FAULTS_FULL')
# inside a signature (" s=" to the end of a line) every 8th byte: all 128
# hex digits are alike, and each flip costs a run
sig = set()
at = 0
for ln in b.split(b'\n'):
    k = ln.find(b' s=')
    if k >= 0: sig.update(range(at + k + 3, at + len(ln)))
    at += len(ln) + 1
for i in range(len(b)):
    if not full and first < i < last and i % 13:
        continue
    if not full and i in sig and i % 8:
        continue
    kept += 1
    if (kept - 1) % stride: continue
    m = bytearray(b); m[i] ^= 1 << (i % 8)
    open(os.path.join(sys.argv[2], '%05d' % i), 'wb').write(m)
PY
cp "$A" "$T/dmg/audit.log.anchor"
for f in "$T"/flips/*; do cp "$f" "$T/dmg/audit.log"; damage "log: bit flip in byte ${f##*/}"; done
size=$(wc -c < "$L")
i=0 c=0
last2=$(tail -n 2 "$L" | wc -c)
while [ $i -lt "$size" ]; do
	[ $((c % SAMPLE_STRIDE)) -eq 0 ] && { head -c $i "$L" > "$T/dmg/audit.log"; damage "log: truncated to $i bytes"; }
	c=$((c + 1))
	if [ $i -ge $((size - last2)) ] || [ -n "${FAULTS_FULL:-}" ]; then i=$((i + 1)); else i=$((i + 13)); fi
done
lines=$(grep -c '' "$L")
i=2
while [ $i -le "$lines" ]; do
	sed "${i}d" "$L" > "$T/dmg/audit.log"; damage "log: line $i removed"
	sed -n "${i}p" "$L" > "$T/line"; sed "${i}r $T/line" "$L" > "$T/dmg/audit.log"; damage "log: line $i repeated"
	[ $i -lt "$lines" ] && { { sed -n "$((i + 1))p" "$L"; sed -n "${i}p" "$L"; } > "$T/two"; sed -e "${i},$((i + 1))d" "$L" > "$T/rest"
		{ head -n $((i - 1)) "$T/rest"; cat "$T/two"; tail -n +$i "$T/rest"; } > "$T/dmg/audit.log"; damage "log: lines $i and $((i + 1)) swapped"; }
	i=$((i + SAMPLE_STRIDE))
done
cp "$L" "$T/dmg/audit.log"
SAMPLE_STRIDE=$SAMPLE_STRIDE python3 - "$A" "$T/aflips" <<'PY'
import os, sys
stride, kept = int(os.environ['SAMPLE_STRIDE']), 0
b = open(sys.argv[1], 'rb').read()
os.makedirs(sys.argv[2], exist_ok=True)
k = b.find(b' s=') + 3
for i in range(len(b) - 1):   # the final newline is optional
    if not os.environ.get('FAULTS_FULL') and i >= k and i % 8: continue   # the signature: every 8th byte
    kept += 1
    if (kept - 1) % stride: continue
    m = bytearray(b); m[i] ^= 1 << (i % 8)
    open(os.path.join(sys.argv[2], '%05d' % i), 'wb').write(m)
PY
for f in "$T"/aflips/*; do cp "$f" "$T/dmg/audit.log.anchor"; damage "anchor: bit flip in byte ${f##*/}"; done
rm -f "$T/dmg/audit.log.anchor"
damage "anchor removed"
# One line per case on stdout, "CASE/audit.log: STATUS: ...": found when the
# status is not ok (exit 1 for that log alone); an anchor that no longer
# parses is refused with a message naming it and no line (exit 3 alone).
# A case with neither, or a check that crashed, is undetected.
awk -F '\t' -v d="$T/cases" '{ printf "--log\n%s/%s/audit.log\n", d, $1 }' "$T/cases.txt" > "$T/args"
tr '\n' '\0' < "$T/args" | xargs -0 "$KI" audit verify --device-pub "$T/device/device.pub" > "$T/v" 2> "$T/verr"
vrc=$?
# xargs: 123 when a verify said 1 or 3 (expected: every case is damaged);
# 124-127 or a signal: the check itself failed
[ $vrc -eq 123 ] || { undetected=$((undetected + 1)); echo "# audit verify over the cases: xargs exit $vrc"; }
undetected=$((undetected + $(python3 - "$T/cases" "$T/cases.txt" "$T/v" "$T/verr" <<'PY'
import sys
d, cases, out, err = sys.argv[1:5]
said = {}
for ln in open(out, encoding='utf-8', errors='replace'):
    p, _, rest = ln.partition('/audit.log: ')
    if rest: said[p] = rest.split(':', 1)[0]
errs = open(err, encoding='utf-8', errors='replace').read()
bad = 0
for ln in open(cases, encoding='utf-8'):
    k, what = ln.rstrip('\n').split('\t', 1)
    c = '%s/%s' % (d, k)
    st = said.get(c)
    if st is not None and st != 'ok': continue
    if st is None and what.startswith('anchor') and (c + '/audit.log.anchor: ') in errs: continue
    bad += 1
    print('# %s: %s' % (what, 'not detected (ok)' if st else 'no verdict'), file=sys.stderr)
print(bad)
PY
)))
ok "every damage to the log or its anchor detected ($tried cases)" test $undetected -eq 0 -a "$tried" -gt 0
# The several logs of one verify: each reported, the status the worst.
status 1 "one audit verify over an intact log and a damaged one: exit 1" \
	"$KI" audit verify --device-pub "$T/device/device.pub" --log "$T/clean/audit.log" --log "$T/cases/1/audit.log"
contains "$T/out" "$T/clean/audit.log: ok: intact" "...a line for the intact one, ok, beside the damaged one's"
status 3 "a log that cannot be read among them: exit 3" \
	"$KI" audit verify --device-pub "$T/device/device.pub" --log "$T/none/audit.log" --log "$T/clean/audit.log"
contains "$T/out" "$T/clean/audit.log: ok: intact" "...and the log after it still checked and reported"
runs=$((runs + tried)) faults=$((faults + tried)) lost=$((lost + undetected))
echo "# faults: audit log: runs $runs, faults $faults, data lost $lost"
