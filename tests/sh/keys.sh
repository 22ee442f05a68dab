#!/bin/sh
# certqr-keys through the real program: files, modes, refusals, messages.
. "$(dirname "$0")/../lib.sh"
plan 59
K=$B/certqr-keys
PW="$T/pw"; echo "a long test passphrase" > "$PW"
P="--passphrase-file $PW --kdf interactive"
cd "$T"

ok "generate a root key" $K generate --root -o root $P
ok "generate an issuer key" $K generate --issuer -o iss $P
[ "$(stat -c %a root.key)" = 600 ]; _report $? "secret key file is mode 0600"
[ "$(stat -c %a root.pub)" = 644 ]; _report $? "public key file is mode 0644"
cp root.key root.key.orig
status 1 "generate refuses to overwrite an existing key" $K generate --root -o root $P
contains "$T/err" "exists (use -f" "the refusal says how to force"
cmp -s root.key root.key.orig; _report $? "the refused run left the old key untouched"
ok "generate -f replaces the key" $K generate --root -o root -f $P
test -s root.key -a -s root.key.orig && ! cmp -s root.key root.key.orig; _report $? "the forced run wrote a new key"
[ "$(stat -c %a root.key)" = 600 ]; _report $? "replaced secret key is still mode 0600"
ln -s /tmp/elsewhere link.key
status 1 "a symlink in place of the key file is refused" $K generate --root -o link $P
# (the refusal must have been said, so that a crash does not pass)
[ ! -e /tmp/elsewhere ] && grep -q "link.key exists" "$T/err"; _report $? "nothing was written through the symlink, and the refusal names the file"

ok "public extracts the public key without a passphrase" $K public iss.key -o iss2.pub
cmp -s iss.pub iss2.pub; _report $? "extracted public key equals the generated one"
ok "show describes a key" $K show iss.pub
contains "$T/out" "issuer public key" "show names the role"

D="--bureau 郑州市人力资源和社会保障局 --region 410100 --scope 4101 --from 2024-01-01 --until 2026-12-31"
ok "delegate: the root signs the issuer" $K delegate --root root.key --issuer iss.pub $D -o iss.dl --passphrase-file "$PW"
ok "check-delegation accepts it under the root" $K check-delegation --root root.pub iss.dl
contains "$T/out" "OK: issuer key" "check-delegation says OK"
$K generate --root -o other $P >/dev/null
status 1 "check-delegation refuses it under another root" $K check-delegation --root other.pub iss.dl
contains "$T/out" "another root" "the refusal says the root differs"

echo "not the passphrase" > "$T/wrong"
status 1 "wrong passphrase is refused" $K delegate --root root.key --issuer iss.pub $D -o x.dl --passphrase-file "$T/wrong"
contains "$T/err" "wrong passphrase" "the message says wrong passphrase"
[ ! -e x.dl ] && grep -q "wrong passphrase" "$T/err"; _report $? "no delegation written after the wrong passphrase"
status 1 "an issuer key cannot sign a delegation" $K delegate --root iss.key --issuer iss.pub $D -o y.dl --passphrase-file "$PW"
status 1 "a root key cannot be delegated" $K delegate --root root.key --issuer other.pub $D -o z.dl --passphrase-file "$PW"

# a damaged key file: one base64 character changed
sed '2s/^\(.\{40\}\)./\1A/;2s/^\(.\{40\}\)AA/\1BA/' root.key > bad.key; chmod 600 bad.key
cmp -s bad.key root.key && sed -i '2s/^\(.\{40\}\)A/\1B/' bad.key
status 1 "a damaged secret key is refused" $K delegate --root bad.key --issuer iss.pub $D -o w.dl --passphrase-file "$PW"
contains "$T/err" "damaged" "the message says the file is damaged, not the passphrase"
head -c 100 root.key > trunc.key
status 1 "a truncated secret key is refused" $K public trunc.key
status 1 "a public key is not accepted as a secret key" $K delegate --root root.pub --issuer iss.pub $D -o v.dl --passphrase-file "$PW"

NEWPW="second passphrase, TEST-ONLY"; export NEWPW
ok "passwd re-encrypts under a new passphrase" $K passwd iss.key --passphrase-file "$PW" --new-passphrase-env NEWPW --kdf interactive
status 1 "the old passphrase no longer opens it" $K passwd iss.key --passphrase-file "$PW" --new-passphrase-file "$PW"
ok "passwd with the environment variable" $K passwd iss.key --passphrase-env NEWPW --new-passphrase-file "$PW" --kdf interactive
cmp -s iss.pub iss2.pub; _report $? "the public key is unchanged by passwd"

# setsid: no controlling terminal, so /dev/tty cannot be opened (and nothing can block on a prompt)
status 1 "no terminal and no passphrase source: refused" setsid -w sh -c "$K generate --root -o notty < /dev/null"
contains "$T/err" "passphrase" "the refusal says how to give a passphrase"
status 2 "unknown command is a usage error" $K frobnicate
status 2 "repeated -o is a usage error" $K generate --root -o a -o b $P
contains "$T/err" "generate: unexpected or repeated argument '-o'" "the repeated option is named"
status 2 "an abbreviated long option is refused" $K generate --ro -o ab $P
contains "$T/err" "generate: unexpected or repeated argument '--ro'" "the abbreviation is named as typed"
[ ! -e ab.key ] && grep -q "'--ro'" "$T/err"; _report $? "nothing written after the refused abbreviation"
status 2 "a repeated passphrase option is a usage error" $K delegate --root root.key --issuer iss.pub $D -o r.dl --passphrase-file "$PW" --passphrase-file "$PW"
contains "$T/err" "--passphrase-file given twice" "the repeated passphrase option says so"
ok "--name=value: delegate --root=ROOT.key" $K delegate --root=root.key --issuer=iss.pub $D -o eq.dl --passphrase-file="$PW"
ok "options after the files: check-delegation FILE --root ROOT.pub" $K check-delegation eq.dl --root root.pub
contains "$T/out" "eq.dl: OK: issuer key" "check-delegation checked the file given before --root"
status 2 "check-delegation has no -v" $K check-delegation --root root.pub eq.dl -v
contains "$T/err" "check-delegation: unexpected argument '-v'" "the unknown option is named"
status 2 "show takes files only: an option is a usage error" $K show -v iss.pub
contains "$T/err" "show: unexpected argument '-v'" "show names the option"
ok "-h prints usage to stdout" $K -h
contains "$T/out" "usage: certqr-keys" "usage text on stdout"

# secret key permissions (as ssh): group- or world-readable keys are refused
cp iss.key loose.key; chmod 644 loose.key
status 1 "a group/world-readable secret key is refused" $K passwd loose.key --passphrase-file "$PW" --new-passphrase-file "$PW"
contains "$T/err" "too open" "the message says the permissions are too open"
contains "$T/err" "chmod 600" "and how to fix them"
chmod 600 loose.key
ok "after chmod 600 the same key is accepted" $K passwd loose.key --passphrase-file "$PW" --new-passphrase-file "$PW" --kdf interactive

# an empty key file (an interrupted writer) says so
: > empty.key; chmod 600 empty.key
status 1 "an empty secret key file is refused" $K public empty.key
contains "$T/err" "empty file" "the message says the file is empty"
