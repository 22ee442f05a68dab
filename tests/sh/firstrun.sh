#!/bin/sh
# First run, as a new user meets it: before --init every verifier command
# says what to run; `certqr-verify FILE` checks an image or PDF; `files
# --raw` reads codes without a trust store; a .pub and a .key given in each
# other's place are named in one line; a weak passphrase for a root or an
# issuer key is refused unless --weak-ok.
. "$(dirname "$0")/../lib.sh"
plan 77
V="$B/certqr-verify"
K="$B/certqr-keys"
I="$B/certqr-issue"
KT="$ROOT/keys/test"
P="$KT/PASSPHRASE-TEST-ONLY"
unset CERTQR_TRUST
# one_line: the last command's stderr was one line (ok() would overwrite it)
one_line() { cp "$T/err" "$T/err1"; ok "$1" test "$(grep -c . "$T/err1")" -eq 1; }

# --- a certificate to check ------------------------------------------------------
printf 'name,id_number,number,year,hours_public,hours_professional,issuer_region,issued\n张伟,410102198503120516,4101020000701,2025,30,60,410100,2025-12-20\n' > "$T/one.csv"
"$I" batch --key "$KT/issuer-zhengzhou-TEST-ONLY.key" --delegation "$KT/issuer-zhengzhou-TEST-ONLY.dl" --passphrase-file "$P" \
	--out "$T/c" "$T/one.csv" > /dev/null 2>&1
PDF="$T/c/4101020000701-2025-r1.pdf"
pdftoppm -r 150 -png -singlefile "$PDF" "$T/scan" 2> /dev/null
ok "fixture: a certificate PDF and its scan" test -s "$PDF" -a -s "$T/scan.png"
QR=$("$I" sign --key "$KT/issuer-zhengzhou-TEST-ONLY.key" --passphrase-file "$P" --name 张伟 --id-number 410102198503120516 \
	--number 4101020000701 --year 2025 --hours-public 30 --hours-professional 60 --issuer-region 410100 --issued 2025-12-20)

# --- before --init: every command says what to run --------------------------------
S="$T/store"
for cmd in "text:$QR" "file:$PDF" "files:files $PDF" "status:--status" "install:--install $KT/root-TEST-ONLY.pub"; do
	name=${cmd%%:*}; args=${cmd#*:}
	# shellcheck disable=SC2086
	status 2 "no store ($name): could not check" "$V" --trust "$S" $args
	[ "$name" = files ] && status 2 "no store (files): could not check" "$V" files --trust "$S" "$PDF"
	contains "$T/err" "请先运行 certqr-verify --trust $S --init ROOT.pub" "no store ($name): says to run --init, in Chinese"
	contains "$T/err" "first run certqr-verify --trust $S --init ROOT.pub" "no store ($name): and in English"
done
CERTQR_TRUST="$S" "$V" --status > "$T/out" 2> "$T/err"
contains "$T/err" "certqr-verify --trust $S --init" "no store: \$CERTQR_TRUST's directory is named in the hint"
mkdir -p "$T/empty"; cp "$KT/root-TEST-ONLY.pub" "$T/empty/root.pub"
status 2 "a root but no bundle: could not check" "$V" --trust "$T/empty" "$QR"
contains "$T/err" "--trust $T/empty --install BUNDLE" "a root but no bundle: says to --install a bundle"

# --- files --raw needs no store ---------------------------------------------------
status 0 "files --raw without a store reads the code" "$V" files --trust "$S" --raw "$PDF"
contains "$T/out" "$QR" "files --raw without a store: prints the text"
status 2 "files --raw --csv still needs the store (it judges)" "$V" files --trust "$S" --raw --csv "$T/r.csv" "$PDF"

# --- certqr-verify FILE checks the file ---------------------------------------------
ok "store: --init" "$V" --trust "$S" --init "$KT/root-TEST-ONLY.pub"
printf 'version 3\ndate 2026-12-03\ndelegation %s\n' "$KT/issuer-zhengzhou-TEST-ONLY.dl" > "$T/v.spec"
"$K" bundle --root "$KT/root-TEST-ONLY.key" --spec "$T/v.spec" -o "$T/v.bundle" --passphrase-file "$P" > /dev/null 2>&1
ok "store: --install" "$V" --trust "$S" --install "$T/v.bundle"
status 0 "verify FILE.pdf: the file is checked" "$V" --trust "$S" "$PDF"
contains "$T/out" "真实有效 AUTHENTIC" "verify FILE.pdf: authentic"
lacks "$T/out" "NOT A CERTIFICATE" "verify FILE.pdf: not judged as a QR text"
status 0 "verify FILE.png (a scan): checked" "$V" --trust "$S" --json "$T/scan.png"
contains "$T/out" '"name":"张伟"' "verify FILE.png: the signed name"
status 2 "verify missing.pdf: a missing file, not a text" "$V" --trust "$S" "$T/missing.pdf"
contains "$T/out" "No such file" "verify missing.pdf: says so"
status 0 "verify TEXT still judges the text" "$V" --trust "$S" "$QR"
status 1 "verify not-a-file: a text that is not a certificate" "$V" --trust "$S" "hello"

# --- .pub and .key swapped: one line ------------------------------------------------
status 1 "keys delegate: root .pub and issuer .key swapped" "$K" delegate --root "$KT/root-TEST-ONLY.pub" \
	--issuer "$KT/issuer-zhengzhou-TEST-ONLY.key" --bureau x --region 410100 --scope 4101 --from 2025-01-01 \
	--until 2025-12-31 -o "$T/x.dl" --passphrase-file "$P"
contains "$T/err" "this is a secret key (.key), but a public key (.pub) is needed here (two arguments swapped?)" \
	"keys delegate: says the arguments look swapped"
one_line "keys delegate: in one line"
status 1 "keys bundle: a .pub as --root" "$K" bundle --root "$KT/root-TEST-ONLY.pub" --spec "$T/v.spec" -o "$T/y.bundle" \
	--passphrase-file "$P"
contains "$T/err" "this is a public key (.pub), but a secret key (.key) is needed here" "keys bundle: says so (not 'chmod 600')"
one_line "keys bundle: in one line"
status 3 "issue batch: --key and --delegation swapped" "$I" batch --key "$KT/issuer-zhengzhou-TEST-ONLY.dl" \
	--delegation "$KT/issuer-zhengzhou-TEST-ONLY.key" --out "$T/sw" "$T/one.csv"
contains "$T/err" "this is a secret key (.key), but a delegation (.dl) is needed here" "issue batch: says so"
one_line "issue batch: in one line"
status 1 "verify --init: the root's .key" "$V" --trust "$T/s2" --init "$KT/root-TEST-ONLY.key"
contains "$T/err" "this is a secret key (.key), but a public key (.pub) is needed here" "verify --init .key: says so"
status 1 "verify --init: a bundle" "$V" --trust "$T/s2" --init "$T/v.bundle"
contains "$T/err" "this is a trust bundle (.bundle), but a public key (.pub) is needed here" "verify --init .bundle: says so"
status 1 "verify --install: the root's .pub" "$V" --trust "$S" --install "$KT/root-TEST-ONLY.pub"
contains "$T/err" "this is a public key (.pub), but a trust bundle (.bundle) is needed here" "verify --install .pub: says so"
one_line "verify --install .pub: in one line"
status 1 "verify --init: an issuer's .pub" "$V" --trust "$T/s3" --init "$KT/issuer-zhengzhou-TEST-ONLY.pub"
contains "$T/err" "is an issuer key, not a root key" "grammar: an issuer key"

# --- weak passphrases ---------------------------------------------------------------
weak() { # $1 passphrase, $2 reason
	printf '%s\n' "$1" > "$T/pw"
	status 1 "weak: '$1' refused" "$K" generate --issuer --kdf interactive -o "$T/w" --passphrase-file "$T/pw"
	contains "$T/err" "weak passphrase for an issuer key, nothing written: $2" "weak: '$1': $2"
	ok "weak: '$1': no key written" test ! -e "$T/w.key" -a ! -e "$T/w.pub"
}
weak "Henan2025" "shorter than 12 characters"
weak "password2025!" "made of a common word"
weak "Zhengzhou-2025-12" "made of a common word"
weak "410102198503120516" "only digits"
weak "abababababababab" "fewer than 6 different characters"
printf 'Henan2025\n' > "$T/pw"
"$K" generate --issuer --kdf interactive -o "$T/w" --passphrase-file "$T/pw" 2> "$T/zherr"
contains "$T/zherr" "签发密钥的口令太弱，未写入" "weak: said in Chinese too"
printf 'Henan2025\n' > "$T/pw"
status 1 "weak: a root key too" "$K" generate --root --kdf interactive -o "$T/wr" --passphrase-file "$T/pw"
contains "$T/err" "weak passphrase for a root key" "weak: names the root key"
ok "weak: --weak-ok writes the key" "$K" generate --issuer --kdf interactive --weak-ok -o "$T/w" --passphrase-file "$T/pw"
contains "$T/err" "warning: weak passphrase for an issuer key" "weak: --weak-ok still warns"
printf 'correct horse battery staple\n' > "$T/good"
ok "strong: four words are accepted" "$K" generate --issuer --kdf interactive -o "$T/g" --passphrase-file "$T/good"
ok "strong: without a warning" test ! -s "$T/err"
printf '郑州人社局签发密钥二零二五年\n' > "$T/zh"
ok "strong: a Chinese sentence is accepted" "$K" generate --issuer --kdf interactive -o "$T/z" --passphrase-file "$T/zh"
status 1 "passwd: a weak new passphrase is refused" "$K" passwd "$T/g.key" --kdf interactive --passphrase-file "$T/good" \
	--new-passphrase-file "$T/pw"
ok "passwd: the key still opens with the old passphrase" "$K" passwd "$T/g.key" --kdf interactive --passphrase-file "$T/good" \
	--new-passphrase-file "$T/zh"
