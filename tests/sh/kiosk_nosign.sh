#!/bin/sh
# certqr-kiosk carries no certificate-signing code (minisign's verify-only
# build): it links libcertqr.a, libcertqr-io.a and the scan archive, never
# libcertqr-sign.a. Proven on the binary with nm.
#
# What is allowed, exactly: the kiosk signs its own audit log with a device
# key (firmware/kiosk/devkey.c; docs/kiosk.md, "Audit log"). So the binary
# may import libsodium's crypto_sign_detached and crypto_sign_seed_keypair,
# and only devkey.o may reference them; nothing else in the kiosk may. No
# KDF or secret-box function (the encrypted key files of the issuing side),
# no function of the signing library (payloads, delegations, secret keys),
# and no link against libcertqr-sign.a. The device key cannot stand in for a
# certificate key: no root delegates it, and it signs only the audit
# contexts (tests/unit/test_audit.c, tests/sh/hostile_audit.sh).
. "$(dirname "$0")/../lib.sh"
plan 30
K="$B/certqr-kiosk"
ok "certqr-kiosk exists" test -x "$K"
nm -D --undefined-only "$K" > "$T/imports" 2> "$T/nm.err"
ok "nm -D lists the imports" test -s "$T/imports"
contains "$T/imports" "crypto_sign_verify_detached" "imports the verify function (the check is meaningful)"
contains "$T/imports" "SDL_CreateWindow" "imports SDL (it is the kiosk binary)"
for f in crypto_sign_keypair crypto_sign_ed25519_sk_to_pk crypto_pwhash crypto_secretbox_easy \
         crypto_aead_xchacha20poly1305_ietf_encrypt crypto_sign; do
	[ -s "$T/imports" ] && ! grep -qw "$f" "$T/imports"; _report $? "imports no $f"
done
# The two signing imports, for the device key only.
for f in crypto_sign_detached crypto_sign_seed_keypair; do
	contains "$T/imports" "$f" "imports $f (the device key signs the audit log)"
	users=$(for o in "$B"/firmware/kiosk/*.o; do nm --undefined-only "$o" 2> /dev/null | grep -qw "$f" && basename "$o"; done | tr '\n' ' ')
	ok "only devkey.o references $f (found in: $users)" test "$users" = "devkey.o "
done
nm "$K" > "$T/syms" 2> "$T/nm.err"
ok "nm lists the linked symbols" test -s "$T/syms"
contains "$T/syms" "cq_judge" "links the verdict (the check is meaningful)"
contains "$T/syms" "cq_audit_append" "links the audit chain"
contains "$T/syms" "devkey_open" "links the device key"
for f in cq_payload_sign cq_sign_detached cq_delegation_sign cq_seckey_generate cq_seckey_seal cq_seckey_open \
         cq_seckey_free cq_seckey_public cq_passphrase_get; do
	[ -s "$T/syms" ] && ! grep -qw "$f" "$T/syms"; _report $? "links no $f"
done
[ -s "$T/syms" ] && ! grep -q ' [Tt] cq_seckey_' "$T/syms"; _report $? "links no cq_seckey_* function at all"
# The link line itself names no signing archive.
make -C "$ROOT" -s -n -B BUILD="$BUILD" "$BUILD/certqr-kiosk" 2> /dev/null | grep -- '-o .*certqr-kiosk' > "$T/link"
ok "the link command is found" test -s "$T/link"
lacks "$T/link" "libcertqr-sign.a" "the link command names no libcertqr-sign.a"
