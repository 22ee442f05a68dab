#!/bin/sh
# The programs that handle secret keys under valgrind memcheck: no invalid
# access, no use of uninitialised memory, no leak of any kind (definite,
# indirect, possible or still reachable), on success and on the refusal
# paths (wrong passphrase, damaged key). valgrind exits 99 on any finding.
# Secret keys sealed with the minimum KDF limits (tests/fuzz/corpus/
# fuzz_seckey/, passphrase fuzz-passphrase-TEST-ONLY) keep argon2 cheap under
# valgrind; generate and passwd still run argon2id at "interactive".
. "$(dirname "$0")/../lib.sh"
if [ -n "${CERTQR_ASAN_RUN:-}" ]; then
	echo "# valgrind: not under ASan (the two do not mix)"
	exit 0
fi
if ! command -v valgrind > /dev/null; then
	echo "not ok 1 - valgrind is installed (tools/deps/hardening.txt)"
	exit 1
fi
plan 12
K=$B/certqr-keys
I=$B/certqr-issue
P=$ROOT/keys/test/PASSPHRASE-TEST-ONLY
MINPASS=$T/minpass
printf 'fuzz-passphrase-TEST-ONLY\n' > "$MINPASS"
export CERTQR_VG_PASS="a passphrase from the environment, TEST-ONLY"
printf 'a new passphrase, TEST-ONLY\n' > "$T/newpass"
printf 'not the passphrase\n' > "$T/wrongpass"
install -m 600 "$ROOT/tests/fuzz/corpus/fuzz_seckey/root-minkdf.key.txt" "$T/root.key"
install -m 600 "$ROOT/tests/fuzz/corpus/fuzz_seckey/issuer-minkdf.key.txt" "$T/issuer.key"
VG="valgrind -q --suppressions=$ROOT/tests/hardening/valgrind.supp --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --log-file=$T/vg.log"

# Without --track-origins: it finds the same errors and only says where an
# uninitialised value came from, at about 1.7 times the CPU (argon2id's
# 64 MiB under valgrind); on a finding, rerun the command with it.
# vg WANT DESC CMD...: CMD exits WANT under valgrind and valgrind reports nothing.
vg() {
	want=$1; d=$2; shift 2
	$VG "$@" > "$T/out" 2> "$T/err"
	got=$?
	if [ "$got" -eq 99 ] || [ -s "$T/vg.log" ]; then
		cp "$T/vg.log" "$T/err"
		_report 1 "valgrind clean: $d"
	elif [ "$got" -ne "$want" ]; then
		echo "#   exit $got, expected $want" >> "$T/err"
		_report 1 "valgrind clean: $d"
	else
		_report 0 "valgrind clean: $d"
	fi
}

vg 0 "certqr-keys generate --issuer (argon2id interactive, seal, 0600 file)" \
	"$K" generate --issuer --kdf interactive -o "$T/gen" --passphrase-file "$P"
vg 0 "certqr-keys generate --root" \
	"$K" generate --root --kdf interactive -o "$T/genroot" --passphrase-env CERTQR_VG_PASS
vg 0 "certqr-keys public (secret key file, no passphrase)" "$K" public "$T/issuer.key" -o "$T/issuer.pub"
vg 0 "certqr-keys delegate (opens the root key)" \
	"$K" delegate --root "$T/root.key" --issuer "$T/issuer.pub" --bureau "测试市人力资源和社会保障局" \
	--region 410100 --scope 4101 --from 2020-01-01 --until 2030-12-31 -o "$T/issuer.dl" --passphrase-file "$MINPASS"
vg 1 "certqr-keys delegate, wrong passphrase (refused)" \
	"$K" delegate --root "$T/root.key" --issuer "$T/issuer.pub" --bureau "测试局" \
	--region 410100 --scope 4101 --from 2020-01-01 --until 2030-12-31 -o "$T/x.dl" --passphrase-file "$T/wrongpass"
cp "$T/issuer.key" "$T/pw.key"
vg 0 "certqr-keys passwd (open, re-seal at interactive, atomic replace)" \
	"$K" passwd "$T/pw.key" --kdf interactive --passphrase-file "$MINPASS" --new-passphrase-file "$T/newpass"
vg 1 "certqr-keys passwd, wrong passphrase (refused)" \
	"$K" passwd "$T/issuer.key" --kdf interactive --passphrase-file "$T/wrongpass" --new-passphrase-file "$T/newpass"
# A damaged key file: one base64 character changed.
sed '2s/^\(.\{20\}\)./\1A/' "$T/issuer.key" > "$T/bad.key"
cmp -s "$T/bad.key" "$T/issuer.key" && sed -i '2s/^\(.\{20\}\)./\1B/' "$T/bad.key"
chmod 600 "$T/bad.key"
vg 3 "certqr-issue sign, damaged key file (refused)" \
	"$I" sign --key "$T/bad.key" --passphrase-file "$MINPASS" --name 张三丰 --id-number 11010519491231002X \
	--number 4101020000123 --year 2024 --hours-public 32 --hours-professional 64 --issuer-region 410100 --issued 2025-01-06
vg 0 "certqr-issue sign (opens the issuer key, signs one record)" \
	"$I" sign --key "$T/issuer.key" --passphrase-file "$MINPASS" --hex --name 张三丰 --id-number 11010519491231002X \
	--number 4101020000123 --year 2024 --hours-public 32 --hours-professional 64 --issuer-region 410100 --issued 2025-01-06
contains "$T/out" "CQ1:" "certqr-issue sign under valgrind printed a QR text"
vg 3 "certqr-issue sign, wrong passphrase (refused)" \
	"$I" sign --key "$T/issuer.key" --passphrase-file "$T/wrongpass" --name 张三丰 --id-number 11010519491231002X \
	--number 4101020000123 --year 2024 --hours-public 32 --hours-professional 64 --issuer-region 410100 --issued 2025-01-06
cat > "$T/spec" <<SPEC
version 1
date 2026-11-01
delegation issuer.dl
SPEC
vg 0 "certqr-keys bundle (opens the root key, signs a bundle)" \
	"$K" bundle --root "$T/root.key" --spec "$T/spec" -o "$T/b.bundle" --passphrase-file "$MINPASS"
