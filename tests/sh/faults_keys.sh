#!/bin/sh
# Fault injection on key files (docs/hardening.md); tests/sh/keys.sh has the
# everyday cases. A damaged secret key — truncated at many lengths, one
# base64 character changed at every position, the wrong passphrase, loose
# permissions, an unreadable passphrase source — is refused by
# certqr-issue sign and certqr-keys passwd, each kind with its own message
# (a damaged file never says "wrong passphrase"), and nothing is written:
# the key file and its directory stay byte for byte the same. Then the
# writers are interrupted at every durability step (tests/tools/faultinj.c:
# kill -9, ENOSPC/EIO, short write): passwd leaves the old key or the new
# one, each opening with its own passphrase; generate leaves no key or a
# whole one, never a truncated file at the key's path.
# Prints "faults: runs N, faults N, data lost N".
# Under the ASan re-run the loops try every SAMPLE_STRIDE-th point (tests/lib.sh).
. "$(dirname "$0")/../lib.sh"
plan 39
K=$B/certqr-keys
I=$B/certqr-issue
INJ=$B/tests/tools/faultinj.so
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
PW=$ROOT/keys/test/PASSPHRASE-TEST-ONLY
printf 'a new passphrase, TEST-ONLY\n' > "$T/newpw"
printf 'not the passphrase\n' > "$T/wrongpw"
REC="--name 张三丰 --id-number 11010519491231002X --number 4101020000123 --year 2024 --hours-public 32 --hours-professional 64 --issuer-region 410100 --issued 2025-01-06"
mkdir -p "$T/d"
install -m 600 "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key" "$T/good.key"
runs=0 faults=0 lost=0

# try KEYFILE LABEL: sign and passwd both refuse it; the file and the
# directory's entries are unchanged (ls -A: "." and ".." are left out, since
# ".." is $T, whose time changes when this script writes its own files).
# Leaves the sign error in $T/err.
try() {
	ls -lA --time-style=+%s "$T/d" | md5sum > "$T/before"
	md5sum < "$1" > "$T/sum"
	$I sign --key "$1" --passphrase-file "$PW" $REC > "$T/out" 2> "$T/err"
	r1=$?
	cp "$T/err" "$T/err.sign"
	$K passwd "$1" --kdf interactive --passphrase-file "$PW" --new-passphrase-file "$T/newpw" > /dev/null 2> "$T/err.pw"
	r2=$?
	ls -lA --time-style=+%s "$T/d" | md5sum > "$T/after"
	runs=$((runs + 2)) faults=$((faults + 2))
	cp "$T/err.sign" "$T/err"
	# a refusal is a documented failure status with a message: a crash
	# (status 128 and above) or a silent exit is not one
	if [ $r1 -eq 0 ] || [ $r2 -eq 0 ] || [ $r1 -ge 128 ] || [ $r2 -ge 128 ] || [ ! -s "$T/err.sign" ] || [ ! -s "$T/err.pw" ] ||
		! md5sum < "$1" | cmp -s - "$T/sum" || ! cmp -s "$T/before" "$T/after"; then
		lost=$((lost + 1))
		echo "$2: sign exit $r1, passwd exit $r2: $(cat "$T/err.sign") / $(cat "$T/err.pw")" | tee -a "$T/fail.log" | sed 's/^/# /'
		return 1
	fi
	return 0
}

# Truncations: every length of the comment line, then every 4th character
# of the base64 line (each group of 4 is 3 bytes), and the last one.
size=$(wc -c < "$T/good.key")
first=$(head -1 "$T/good.key" | wc -c)
bad=0 said_passphrase=0 tried=0 truncated_msg=0
i=0 c=0
while [ $i -lt $((size - 1)) ]; do
	c=$((c + 1))
	if [ $(((c - 1) % SAMPLE_STRIDE)) -ne 0 ]; then
		if [ $i -lt "$first" ]; then i=$((i + 1)); else i=$((i + 4)); fi
		continue
	fi
	head -c $i "$T/good.key" > "$T/d/k.key"; chmod 600 "$T/d/k.key"
	try "$T/d/k.key" "truncated to $i bytes" || bad=$((bad + 1))
	grep -q 'wrong passphrase' "$T/err.sign" "$T/err.pw" && said_passphrase=$((said_passphrase + 1))
	grep -q 'truncated or damaged' "$T/err.sign" && truncated_msg=$((truncated_msg + 1))
	tried=$((tried + 1))
	if [ $i -lt "$first" ]; then i=$((i + 1)); else i=$((i + 4)); fi
done
: > "$T/out"; cp "$T/fail.log" "$T/err" 2>/dev/null || : > "$T/err"
[ $bad -eq 0 ]; _report $? "every truncation tried ($tried lengths) is refused; key and directory unchanged"
ok "no truncated key is reported as a wrong passphrase (each refused with its own message)" test $said_passphrase -eq 0 -a $bad -eq 0
ok "whole base64 groups cut off: 'truncated or damaged' ($truncated_msg cases)" test $truncated_msg -gt $((10 / SAMPLE_STRIDE))

# One base64 character replaced, at every position of the second line.
line=$(sed -n 2p "$T/good.key")
len=${#line}
bad=0 said_passphrase=0 checksum=0 tried=0
p=0
while [ $p -lt "$len" ]; do
	c=$(printf '%s' "$line" | cut -c$((p + 1)))
	case $c in A) r=B ;; *) r=A ;; esac
	pre=""; [ $p -gt 0 ] && pre=$(printf '%s' "$line" | cut -c1-$p)
	{ head -1 "$T/good.key"; printf '%s%s%s\n' "$pre" "$r" "$(printf '%s' "$line" | cut -c$((p + 2))-)"; } > "$T/d/k.key"
	chmod 600 "$T/d/k.key"
	try "$T/d/k.key" "base64 character $p changed" || bad=$((bad + 1))
	grep -q 'wrong passphrase' "$T/err.sign" "$T/err.pw" && said_passphrase=$((said_passphrase + 1))
	grep -q 'damaged or was edited' "$T/err.sign" && checksum=$((checksum + 1))
	tried=$((tried + 1))
	p=$((p + SAMPLE_STRIDE))
done
: > "$T/out"; cp "$T/fail.log" "$T/err" 2>/dev/null || : > "$T/err"
[ $bad -eq 0 ]; _report $? "a changed character at every position ($tried) is refused; key and directory unchanged"
ok "no corrupted key is reported as a wrong passphrase (each refused with its own message)" test $said_passphrase -eq 0 -a $bad -eq 0
ok "corruption is reported as damage: 'damaged or was edited' ($checksum of $tried)" test $checksum -gt $((tried * 9 / 10))

# The wrong passphrase: its own message.
cp "$T/good.key" "$T/d/k.key"; chmod 600 "$T/d/k.key"
ls -lA --time-style=+%s "$T/d" | md5sum > "$T/before"
status 3 "sign: wrong passphrase refused" $I sign --key "$T/d/k.key" --passphrase-file "$T/wrongpw" $REC
contains "$T/err" "wrong passphrase" "sign: says 'wrong passphrase'"
status 1 "passwd: wrong passphrase refused" $K passwd "$T/d/k.key" --passphrase-file "$T/wrongpw" --new-passphrase-file "$T/newpw"
contains "$T/err" "wrong passphrase" "passwd: says 'wrong passphrase'"
cp "$T/err" "$T/err.pw"
ok "passwd with the wrong passphrase changed nothing" sh -c "grep -q 'wrong passphrase' '$T/err.pw' && cmp '$T/d/k.key' '$T/good.key'"
runs=$((runs + 2)) faults=$((faults + 2))

# Loose permissions: its own message, with the fix.
for m in 644 640 604 660 606; do
	chmod $m "$T/d/k.key"
	status 3 "sign: mode $m refused" $I sign --key "$T/d/k.key" --passphrase-file "$PW" $REC
	contains "$T/err" "permissions 0$m are too open for a secret key: chmod 600" "sign: mode $m: says so, with chmod 600"
	status 1 "passwd: mode $m refused" $K passwd "$T/d/k.key" --passphrase-file "$PW" --new-passphrase-file "$T/newpw"
	runs=$((runs + 2)) faults=$((faults + 2))
done
chmod 600 "$T/d/k.key"
ok "the refused runs changed no file" cmp "$T/d/k.key" "$T/good.key"

# An unreadable passphrase source is not an empty passphrase.
status 3 "a directory as the passphrase file is refused" $I sign --key "$T/d/k.key" --passphrase-file "$T" $REC
contains "$T/err" "cannot read the passphrase" "...as unreadable, not as a wrong passphrase"
runs=$((runs + 1)) faults=$((faults + 1))

# Nothing overwritten without -f.
cp "$T/good.key" "$T/keep.key"
status 1 "generate over an existing key is refused" $K generate --issuer --kdf interactive -o "$T/d/k" --passphrase-file "$PW"
ok "...and the existing key is unchanged" cmp "$T/d/k.key" "$T/keep.key"
runs=$((runs + 1)) faults=$((faults + 1))

# passwd interrupted at every step.
cp "$T/good.key" "$T/pw.key"
CQ_FAULT_TRACE=$T/trace LD_PRELOAD=$INJ $K passwd "$T/pw.key" --kdf interactive --passphrase-file "$PW" --new-passphrase-file "$T/newpw" > "$T/out" 2> "$T/err"
_report $? "a clean traced passwd"
steps=$(wc -l < "$T/trace")
ok "passwd takes durability steps to inject at ($steps: $(cut -d' ' -f2 "$T/trace" | tr '\n' ' '))" test "$steps" -ge 4
# opens KEY PASSFILE: the key opens with this passphrase
opens() { $I sign --key "$1" --passphrase-file "$2" $REC > /dev/null 2>&1; }
bad=0
for mode in kill enospc short; do
	k=1
	while [ $k -le "$steps" ]; do
		rm -rf "$T/p"; mkdir "$T/p"; install -m 600 "$T/good.key" "$T/p/k.key"
		CQ_FAULT_AT=$k CQ_FAULT_MODE=$mode LD_PRELOAD=$INJ $K passwd "$T/p/k.key" --kdf interactive \
			--passphrase-file "$PW" --new-passphrase-file "$T/newpw" > /dev/null 2>&1
		rc=$?
		runs=$((runs + 1)) faults=$((faults + 1))
		if cmp -s "$T/p/k.key" "$T/good.key" && opens "$T/p/k.key" "$PW"; then state=old
		elif opens "$T/p/k.key" "$T/newpw"; then state=new
		else state=lost; fi
		[ "$state" = lost ] && { lost=$((lost + 1)); bad=$((bad + 1)); }
		[ "$mode" != kill ] && [ $rc -eq 0 ] && [ "$state" = old ] && { lost=$((lost + 1)); bad=$((bad + 1)); }
		echo "# passwd, $mode at step $k: exit $rc, key is the $state one"
		k=$((k + 1))
	done
done
ok "passwd interrupted at each of $steps steps (kill, failure, short write): old key or new key, never lost" test $bad -eq 0

# generate interrupted at every step.
rm -f "$T/trace"
CQ_FAULT_TRACE=$T/trace LD_PRELOAD=$INJ $K generate --issuer --kdf interactive -o "$T/g" --passphrase-file "$PW" > "$T/out" 2> "$T/err"
_report $? "a clean traced generate"
steps=$(wc -l < "$T/trace")
bad=0
for mode in kill enospc short; do
	k=1
	while [ $k -le "$steps" ]; do
		rm -rf "$T/g"; mkdir "$T/g"
		CQ_FAULT_AT=$k CQ_FAULT_MODE=$mode LD_PRELOAD=$INJ $K generate --issuer --kdf interactive -o "$T/g/n" \
			--passphrase-file "$PW" > /dev/null 2>&1
		rc=$?
		runs=$((runs + 1)) faults=$((faults + 1))
		if [ ! -e "$T/g/n.key" ]; then state=none
		elif opens "$T/g/n.key" "$PW"; then state=whole
		else state=truncated; fi
		[ "$state" = truncated ] && { lost=$((lost + 1)); bad=$((bad + 1)); }
		# a run that reports success wrote both files
		[ $rc -eq 0 ] && ! { [ -e "$T/g/n.pub" ] && [ "$state" = whole ]; } && { lost=$((lost + 1)); bad=$((bad + 1)); }
		echo "# generate, $mode at step $k ($(sed -n "${k}p" "$T/trace" | cut -d' ' -f2)): exit $rc, key file: $state"
		k=$((k + 1))
	done
done
ok "generate interrupted at each of $steps steps: no key file or a whole one, never a truncated key" test $bad -eq 0

# Damaged public keys and delegations are refused where they are read.
DL=$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl
head -c 80 "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.pub" > "$T/t.pub"
status 1 "a truncated public key is refused by delegate" $K delegate --root "$ROOT/keys/test/root-TEST-ONLY.key" \
	--issuer "$T/t.pub" --bureau 测试局 --region 410100 --scope 4101 --from 2020-01-01 --until 2030-12-31 -o "$T/x.dl" --passphrase-file "$PW"
ok "...and writes no delegation" test ! -e "$T/x.dl"
sed '2s/^\(.\{30\}\)./\1A/' "$DL" > "$T/bad.dl"
cmp -s "$T/bad.dl" "$DL" && sed -i '2s/^\(.\{30\}\)./\1B/' "$T/bad.dl"
status 1 "a corrupted delegation is refused by check-delegation" $K check-delegation --root "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/bad.dl"
runs=$((runs + 2)) faults=$((faults + 2))
echo "# faults: key files: runs $runs, faults $faults, data lost $lost"
