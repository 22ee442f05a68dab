#!/bin/sh
# Fault injection on trust-store updates (docs/hardening.md): installing
# bundle version 4 over version 3 is interrupted at every durability step
# (each write, fsync, rename, directory fsync; tests/tools/faultinj.c) by
# a kill -9, by a failing call (ENOSPC/EIO) and by a short write on a full
# disk. After each, the store must load, hold exactly version 3 or exactly
# version 4, judge a genuine certificate authentic, and a plain re-run must
# install version 4. Then damaged stores: every truncation length and a
# flipped bit in every byte of the installed bundle, and damaged root keys,
# must each be refused (exit 2) with a message, never judged with.
# Prints "faults: runs N, faults N, data lost N" for docs/hardening.md.
# Damage is tried at every byte of the first 160 and then every 7th byte;
# FAULTS_FULL=1 tries every byte (about a minute more).
# Under the ASan re-run the loops try every SAMPLE_STRIDE-th point (tests/lib.sh).
. "$(dirname "$0")/../lib.sh"
plan 12
V=$B/certqr-verify
K=$B/certqr-keys
INJ=$B/tests/tools/faultinj.so
P=$ROOT/keys/test/PASSPHRASE-TEST-ONLY
# the sanitizer runtime must come first; the injector is not instrumented
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
QR=$(sed -n 's/^qr=//p' "$ROOT/tests/vectors/v1.txt" | head -1)

sed -e "s|\.\./\.\./|$ROOT/|g" -e "s|^revocations revoked.txt|revocations $ROOT/tests/trust/revoked.txt|" \
	"$ROOT/tests/trust/bundle.spec" > "$T/v3.spec"
sed 's/^version 3/version 4/' "$T/v3.spec" > "$T/v4.spec"
ok "bundle v3 built" "$K" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/v3.spec" -o "$T/v3.bundle" --passphrase-file "$P"
ok "bundle v4 built" "$K" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/v4.spec" -o "$T/v4.bundle" --passphrase-file "$P"
ok "store created" "$V" --trust "$T/base" --init "$ROOT/keys/test/root-TEST-ONLY.pub"
ok "v3 installed" "$V" --trust "$T/base" --install "$T/v3.bundle"

# A clean install, traced: its steps are the injection points.
cp -r "$T/base" "$T/traced"
CQ_FAULT_TRACE=$T/trace LD_PRELOAD=$INJ "$V" --trust "$T/traced" --install "$T/v4.bundle" > "$T/out" 2> "$T/err"
_report $? "a clean traced install of v4"
steps=$(wc -l < "$T/trace")
ok "the install takes durability steps to inject at ($steps: $(cut -d' ' -f2 "$T/trace" | tr '\n' ' '))" test "$steps" -ge 4

runs=0 faults=0 lost=0 leftovers=0
for mode in kill enospc short; do
	k=1
	while [ "$k" -le "$steps" ]; do
		s=$T/s-$mode-$k
		cp -r "$T/base" "$s"
		CQ_FAULT_AT=$k CQ_FAULT_MODE=$mode LD_PRELOAD=$INJ "$V" --trust "$s" --install "$T/v4.bundle" > "$T/out" 2> "$T/err"
		rc=$?
		runs=$((runs + 1)) faults=$((faults + 1))
		if cmp -s "$s/trust.bundle" "$T/v3.bundle"; then state=v3
		elif cmp -s "$s/trust.bundle" "$T/v4.bundle"; then state=v4
		else state=damaged; fi
		"$V" --trust "$s" --json "$QR" > "$T/judge" 2>&1
		judged=$?
		if [ "$state" = damaged ] || [ "$judged" -ne 0 ]; then lost=$((lost + 1)); fi
		# a failed call must be reported; a kill leaves no exit status to check
		if [ "$mode" != kill ] && [ "$rc" -eq 0 ] && [ "$state" = v3 ]; then lost=$((lost + 1)); fi
		echo "# $mode at step $k ($(sed -n "${k}p" "$T/trace" | cut -d' ' -f2)): exit $rc, store holds $state, judge exit $judged"
		"$V" --trust "$s" --install "$T/v4.bundle" > /dev/null 2>&1
		runs=$((runs + 1))
		cmp -s "$s/trust.bundle" "$T/v4.bundle" || lost=$((lost + 1))
		left=$(ls -a "$s" | grep -c '\.tmp\.')
		leftovers=$((leftovers + left))
		k=$((k + 1))
	done
done
ok "every interrupted install ($faults faults) left v3 or v4, loadable, judging authentic; every re-run installed v4" test "$lost" -eq 0 -a "$faults" -gt 0
echo "# temporary files left behind by the kills: $leftovers (ignored by the loader)"

# Damaged installed bundles: every truncation and a bit flip in every byte.
size=$(wc -c < "$T/v3.bundle")
bad=0 tried=0
i=0 c=0
while [ $i -lt "$size" ]; do
	c=$((c + 1))
	if [ $(((c - 1) % SAMPLE_STRIDE)) -ne 0 ]; then
		if [ $i -lt 160 ] || [ -n "${FAULTS_FULL:-}" ]; then i=$((i + 1)); else i=$((i + 7)); fi
		continue
	fi
	mkdir -p "$T/t" && cp "$T/base/root.pub" "$T/t/"
	head -c $i "$T/v3.bundle" > "$T/t/trust.bundle"
	"$V" --trust "$T/t" --json "$QR" > "$T/out" 2> "$T/err"
	rc=$?
	tried=$((tried + 1))
	{ [ $rc -eq 2 ] && [ -s "$T/err" ]; } || { bad=$((bad + 1)); echo "# truncated to $i bytes: exit $rc"; }
	if [ $i -lt 160 ] || [ -n "${FAULTS_FULL:-}" ]; then i=$((i + 1)); else i=$((i + 7)); fi
done
ok "every truncation of the installed bundle tried ($tried lengths) is refused with a message" test $bad -eq 0 -a $tried -gt 0
runs=$((runs + tried)) faults=$((faults + tried)) lost=$((lost + bad))
SAMPLE_STRIDE=$SAMPLE_STRIDE python3 - "$T/v3.bundle" "$T/flips" <<'PY'
import os, sys
stride, kept = int(os.environ['SAMPLE_STRIDE']), 0
b = open(sys.argv[1], 'rb').read()
os.makedirs(sys.argv[2], exist_ok=True)
full = os.environ.get('FAULTS_FULL')
for i in range(len(b)):
    if i >= 160 and not full and i % 7: continue
    kept += 1
    if (kept - 1) % stride: continue
    m = bytearray(b); m[i] ^= 1 << (i % 8)
    open(os.path.join(sys.argv[2], '%05d' % i), 'wb').write(m)
PY
bad=0 tried=0
for f in "$T"/flips/*; do
	cp "$f" "$T/t/trust.bundle"
	"$V" --trust "$T/t" --json "$QR" > "$T/out" 2> "$T/err"
	rc=$?
	tried=$((tried + 1))
	{ [ $rc -eq 2 ] && [ -s "$T/err" ]; } || { bad=$((bad + 1)); echo "# bit flip in byte ${f##*/}: exit $rc"; }
done
ok "a bit flip in each byte tried of the installed bundle ($tried bytes) is refused with a message" test $bad -eq 0
runs=$((runs + tried)) faults=$((faults + tried)) lost=$((lost + bad))
# Damaged root keys.
cp "$T/v3.bundle" "$T/t/trust.bundle"
head -c 60 "$T/base/root.pub" > "$T/t/root.pub"
status 2 "a truncated root.pub is refused" "$V" --trust "$T/t" --json "$QR"
sed '2s/^\(.\{10\}\)./\1Z/' "$T/base/root.pub" > "$T/t/root.pub"
cmp -s "$T/t/root.pub" "$T/base/root.pub" && sed -i '2s/^\(.\{10\}\)./\1Y/' "$T/t/root.pub"
status 2 "a corrupted root.pub is refused" "$V" --trust "$T/t" --json "$QR"
cp "$ROOT/keys/test/foreign-root-TEST-ONLY.pub" "$T/t/root.pub"
status 2 "a bundle under another root is refused" "$V" --trust "$T/t" --json "$QR"
runs=$((runs + 3)) faults=$((faults + 3))
echo "# faults: trust store: runs $runs, faults $faults, data lost $lost"
