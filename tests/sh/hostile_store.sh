#!/bin/sh
# Hostile use of the trust store and of key files, through the
# real programs:
# 1. Two `--install` runs at once, v3 and v2, over a v1 store, raced 100
#    times: the store must end with v3 every time (before the lock: v2 in
#    27 of 100), its floor at v3, and v2 either refused as a rollback or
#    installed before v3.
# 2. The version floor survives a damaged trust.bundle (truncated, a header
#    byte changed, junk, removed): v2 is still refused as a rollback; the
#    floor's own bundle repairs the store. A trust.bundle replaced by an
#    older signed bundle is refused at load; a damaged or foreign floor is
#    refused with a message.
# 3. A store that others can write is refused (exit 2, a message naming the
#    file and the chmod), the kiosk's sticky group layout excepted.
# 4. A passphrase file with a NUL byte is refused, not cut at the NUL
#    (before: "abc\0zzzzzz" opened a key sealed under "abc").
. "$(dirname "$0")/../lib.sh"
plan 78
V=$B/certqr-verify
K=$B/certqr-keys
I=$B/certqr-issue
unset CERTQR_TRUST
ROOTPUB=$ROOT/keys/test/root-TEST-ONLY.pub
QR=$(sed -n 's/^qr=//p' "$ROOT/tests/vectors/v1.txt" | head -1)
sed -e "s|\.\./\.\./|$ROOT/|g" -e "s|^revocations revoked.txt|revocations $ROOT/tests/trust/revoked.txt|" \
	"$ROOT/tests/trust/bundle.spec" > "$T/base.spec"
for v in 1 2 3; do
	sed "s/^version 3/version $v/" "$T/base.spec" > "$T/v$v.spec"
	"$K" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/v$v.spec" -o "$T/v$v.bundle" \
		--passphrase-file "$CERTQR_TEST_PASS" > /dev/null 2>&1
done
ok "bundles v1, v2, v3 built" test -s "$T/v1.bundle" -a -s "$T/v2.bundle" -a -s "$T/v3.bundle"
ok "store created" "$V" --trust "$T/v1store" --init "$ROOTPUB"
ok "v1 installed" "$V" --trust "$T/v1store" --install "$T/v1.bundle"
contains "$T/v1store/trust.floor" "version=1 " "the install recorded the floor (version 1)"

# --- 1. racing installs --------------------------------------------------
cat > "$T/race.sh" <<EOF
left=0 first2=0 refused2=0 odd=0
i=0
while [ \$i -lt 100 ]; do
	rm -rf "$T/r"; cp -rp "$T/v1store" "$T/r"
	"$V" --trust "$T/r" --install "$T/v3.bundle" > "$T/r3" 2>&1 & p3=\$!
	"$V" --trust "$T/r" --install "$T/v2.bundle" > "$T/r2" 2>&1 & p2=\$!
	wait \$p3; s3=\$?; wait \$p2; s2=\$?
	cmp -s "$T/r/trust.bundle" "$T/v3.bundle" || left=\$((left + 1))
	grep -q "version=3 " "$T/r/trust.floor" || left=\$((left + 1))
	# v3 always installs; v2 is refused as a rollback or went first
	[ \$s3 -eq 0 ] || odd=\$((odd + 1))
	if [ \$s2 -eq 1 ] && grep -q "refused, rollback" "$T/r2"; then refused2=\$((refused2 + 1))
	elif [ \$s2 -eq 0 ]; then first2=\$((first2 + 1))
	else odd=\$((odd + 1)); fi
	i=\$((i + 1))
done
echo "\$left \$first2 \$refused2 \$odd" > "$T/race.result"
EOF
/usr/bin/time -v sh "$T/race.sh" 2> "$T/race.time"
read left first2 refused2 odd < "$T/race.result"
echo "# race: 100 runs of v3 and v2 at once: v2 refused $refused2, v2 first then v3 $first2, v2 left installed $left;" \
	"$(sed -n 's/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): /elapsed /p' "$T/race.time")," \
	"$(sed -n 's/^.*Maximum resident set size (kbytes): /max RSS /p' "$T/race.time") KB"
ok "race: 100 concurrent installs of v3 and v2 always leave v3 (and its floor) installed" test "$left" -eq 0
ok "race: every v3 install succeeded; every v2 was refused as a rollback or ran first" test "$odd" -eq 0
ok "race: both orders happened, and the counts add up" test $((first2 + refused2)) -eq 100

# --- 2. the floor outlives a damaged bundle ------------------------------
S=$T/s
fresh() { rm -rf "$S"; cp -rp "$T/v1store" "$S"; "$V" --trust "$S" --install "$T/v3.bundle" > /dev/null; }
damage() { # $1 label, then a shell command that damages $S/trust.bundle
	what=$1; shift
	fresh
	sh -c "$*"
	status 1 "damaged bundle ($what): v2 is still refused as a rollback" "$V" --trust "$S" --install "$T/v2.bundle"
	contains "$T/err" "refused, rollback: bundle version 2" "damaged bundle ($what): the refusal names the rollback"
	contains "$S/trust.floor" "version=3 " "damaged bundle ($what): the floor still says 3"
}
damage "truncated to 10 bytes" "head -c 10 '$T/v3.bundle' > '$S/trust.bundle'"
damage "version byte changed" "printf '\\001' | dd of='$S/trust.bundle' bs=1 seek=16 conv=notrunc 2>/dev/null"
damage "magic changed" "printf 'X' | dd of='$S/trust.bundle' bs=1 seek=0 conv=notrunc 2>/dev/null"
damage "replaced by junk" "head -c 1641 /dev/zero > '$S/trust.bundle'"
damage "removed" "rm '$S/trust.bundle'"
status 0 "the floor's own bundle (v3) reinstalls over the damage" "$V" --trust "$S" --install "$T/v3.bundle"
ok "and the store holds v3 again, byte for byte" cmp "$S/trust.bundle" "$T/v3.bundle"
status 0 "the repaired store judges a genuine certificate authentic" "$V" --trust "$S" --json "$QR"
fresh
cp "$T/v2.bundle" "$S/trust.bundle"
status 2 "trust.bundle replaced by hand with an older signed bundle: refused at load" "$V" --trust "$S" --json "$QR"
contains "$T/err" "rolled back: the installed bundle is version 2" "the refusal says the bundle was rolled back"
status 0 "installing v3 again restores it" "$V" --trust "$S" --install "$T/v3.bundle"
fresh
printf 'certqr-trust-floor v1 root=B1781097C002AD72 version=9\n' > "$S/trust.floor"
status 2 "a damaged floor is refused at load" "$V" --trust "$S" --json "$QR"
contains "$T/err" "the version floor is damaged" "the refusal names the damaged floor"
status 2 "and no bundle installs over a damaged floor" "$V" --trust "$S" --install "$T/v3.bundle"
fresh
sed 's/root=B1781097C002AD72/root=0000000000000001/' "$S/trust.floor" > "$T/f" && cp "$T/f" "$S/trust.floor"
status 1 "a floor of another root is refused" "$V" --trust "$S" --install "$T/v3.bundle"
contains "$T/err" "names another root key" "the refusal names the other root"
fresh
rm "$S/trust.floor"
status 1 "a store from before floors (no trust.floor): the verified bundle sets the floor, v2 refused" \
	"$V" --trust "$S" --install "$T/v2.bundle"
status 0 "reinstalling v3 records its floor" "$V" --trust "$S" --install "$T/v3.bundle"
contains "$S/trust.floor" "version=3 " "the floor is written again"

# --- 3. stores that others can write -------------------------------------
unsafe() { # $1 label: the store $S as left by the caller must be refused
	status 2 "unsafe store ($1): refused for judging" "$V" --trust "$S" --json "$QR"
	contains "$T/err" "unsafe trust store" "unsafe store ($1): the message says why"
	status 2 "unsafe store ($1): refused for installing" "$V" --trust "$S" --install "$T/v3.bundle"
}
fresh; chmod 0777 "$S"; unsafe "directory 0777"
fresh; chmod 0775 "$S"; unsafe "directory 0775, not sticky"
fresh; chmod 0666 "$S/root.pub"; unsafe "root.pub 0666"
fresh; chmod 0664 "$S/root.pub"; unsafe "root.pub 0664"
fresh; chmod 0666 "$S/trust.bundle"; unsafe "trust.bundle 0666"
fresh; chmod 0664 "$S/trust.floor"; unsafe "trust.floor 0664"
fresh; mv "$S/root.pub" "$T/elsewhere.pub"; ln -s "$T/elsewhere.pub" "$S/root.pub"; unsafe "root.pub a symlink"
fresh; chmod 0644 "$S/root.pub"; contains "$S/trust.floor" "version=3" "a safe store again (0755, files 0644)"
status 0 "a safe store judges" "$V" --trust "$S" --json "$QR"
mkdir -p "$T/open" && chmod 0777 "$T/open"
"$V" --trust "$T/open/st" --init "$ROOTPUB" > /dev/null 2>&1
status 2 "a store inside a directory everyone can write is refused (it could be renamed away)" \
	"$V" --trust "$T/open/st" --status
mkdir -p "$T/tmpish" && chmod 1777 "$T/tmpish"
ok "a store inside a sticky directory such as /tmp is accepted" "$V" --trust "$T/tmpish/st" --init "$ROOTPUB"
fresh; chmod 1775 "$S"; chgrp "$(id -g)" "$S"
status 0 "the kiosk's layout (sticky, writable by the caller's own group) is accepted" "$V" --trust "$S" --json "$QR"
( umask 002; "$V" --trust "$T/um" --init "$ROOTPUB" > /dev/null 2>&1 )
ok "--init under umask 002 still makes a 0755 store" test "$(stat -c %a "$T/um")" = 755
if [ "$(id -u)" -eq 0 ] && id nobody > /dev/null 2>&1; then
	fresh; chown nobody "$S"; unsafe "directory owned by another user"
	fresh; chown nobody "$S/root.pub"; unsafe "root.pub owned by another user"
else
	skip "unsafe store: files owned by another user" "not root: cannot give files to another user"
fi

# --- 4. a passphrase file with a NUL byte ---------------------------------
printf 'a TEST-ONLY passphrase' > "$T/p-abc"
printf 'a TEST-ONLY passphrase\000zzzzzz\n' > "$T/p-nul"
ok "a key sealed under 'a TEST-ONLY passphrase'" "$K" generate --issuer -o "$T/k" --kdf interactive --passphrase-file "$T/p-abc"
status 1 "passwd with that passphrase, a NUL and more is refused (it used to open with the bytes before the NUL)" \
	"$K" passwd "$T/k.key" --kdf interactive --passphrase-file "$T/p-nul" --new-passphrase-file "$T/p-abc"
contains "$T/err" "holds a NUL byte" "the refusal says why"
REC="--name 张三丰 --id-number 11010519491231002X --number 4101020000123 --year 2024 --hours-public 32 --hours-professional 64 --issuer-region 410100 --issued 2025-01-06"
status 3 "sign with the NUL passphrase file is refused" "$I" sign --key "$T/k.key" --passphrase-file "$T/p-nul" $REC
cp "$T/out" "$T/sign.out"
contains "$T/err" "holds a NUL byte" "sign: the refusal says why"
ok "sign printed no certificate" test ! -s "$T/sign.out"
status 1 "generate with a NUL passphrase file is refused" "$K" generate --issuer -o "$T/k2" --kdf interactive --passphrase-file "$T/p-nul"
ok "and wrote no key" test ! -e "$T/k2.key"
ok "the key still opens with its passphrase alone" "$I" sign --key "$T/k.key" --passphrase-file "$T/p-abc" $REC
