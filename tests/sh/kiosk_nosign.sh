#!/bin/sh
# certqr-kiosk carries no signing code (minisign's verify-only build): it
# links libcertqr.a, libcertqr-io.a and the scan archive, never
# libcertqr-sign.a. Proven on the binary with nm: no signing or KDF function
# imported from libsodium, none of the signing library's functions linked.
. "$(dirname "$0")/../lib.sh"
K="$B/certqr-kiosk"
ok "certqr-kiosk exists" test -x "$K"
nm -D --undefined-only "$K" > "$T/imports" 2> "$T/nm.err"
ok "nm -D lists the imports" test -s "$T/imports"
contains "$T/imports" "crypto_sign_verify_detached" "imports the verify function (the check is meaningful)"
contains "$T/imports" "SDL_CreateWindow" "imports SDL (it is the kiosk binary)"
for f in crypto_sign_detached crypto_sign_keypair crypto_sign_seed_keypair crypto_sign_ed25519_sk_to_pk \
         crypto_pwhash crypto_secretbox_easy crypto_aead_xchacha20poly1305_ietf_encrypt crypto_sign; do
	[ -s "$T/imports" ] && ! grep -qw "$f" "$T/imports"; _report $? "imports no $f"
done
nm "$K" > "$T/syms" 2> "$T/nm.err"
ok "nm lists the linked symbols" test -s "$T/syms"
contains "$T/syms" "cq_judge" "links the verdict (the check is meaningful)"
contains "$T/syms" "cq_audit_append" "links the audit chain"
for f in cq_payload_sign cq_sign_detached cq_delegation_sign cq_seckey_generate cq_seckey_seal cq_seckey_open \
         cq_seckey_free cq_seckey_public cq_passphrase_get; do
	[ -s "$T/syms" ] && ! grep -qw "$f" "$T/syms"; _report $? "links no $f"
done
[ -s "$T/syms" ] && ! grep -q ' [Tt] cq_seckey_' "$T/syms"; _report $? "links no cq_seckey_* function at all"
# The link line itself names no signing archive.
make -C "$ROOT" -s -n -B BUILD="$BUILD" "$BUILD/certqr-kiosk" 2> /dev/null | grep -- '-o .*certqr-kiosk' > "$T/link"
ok "the link command is found" test -s "$T/link"
lacks "$T/link" "libcertqr-sign.a" "the link command names no libcertqr-sign.a"
