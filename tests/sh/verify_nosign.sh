#!/bin/sh
# certqr-verify carries no signing code: it links libcertqr.a and
# libcertqr-io.a only. Proven on the binary itself with nm: no signing or
# key-derivation function is imported from libsodium, and none of the
# signing library's functions is linked in.
. "$(dirname "$0")/../lib.sh"
plan 33
V="$B/certqr-verify"
ok "certqr-verify exists" test -x "$V"
nm -D --undefined-only "$V" > "$T/imports" 2> "$T/nm.err"
ok "nm -D lists the imports" test -s "$T/imports"
contains "$T/imports" "crypto_sign_verify_detached" "imports the verify function (the check is meaningful)"
for f in crypto_sign_detached crypto_sign_keypair crypto_sign_seed_keypair crypto_sign_ed25519_sk_to_pk \
         crypto_pwhash crypto_secretbox_easy crypto_aead_xchacha20poly1305_ietf_encrypt crypto_sign; do
	[ -s "$T/imports" ] && ! grep -qw "$f" "$T/imports"; _report $? "imports no $f"
done
nm "$V" > "$T/syms" 2> "$T/nm.err"
ok "nm lists the linked symbols" test -s "$T/syms"
contains "$T/syms" "cq_judge" "links the verdict (the check is meaningful)"
for f in cq_payload_sign cq_sign_detached cq_delegation_sign cq_seckey_generate cq_seckey_seal cq_seckey_open \
         cq_seckey_free cq_seckey_public cq_passphrase_get; do
	[ -s "$T/syms" ] && ! grep -qw "$f" "$T/syms"; _report $? "links no $f"
done
[ -s "$T/syms" ] && ! grep -q ' [Tt] cq_seckey_' "$T/syms"; _report $? "links no cq_seckey_* function at all"
# The verdict never reads the clock: the core library (where cq_judge,
# the bundle and the rules live), the I/O library and the text verifier's own
# objects reference no clock function; dates come only from the certificate
# and the trust bundle. (Other input kinds linked into the same program may
# time their own progress display; that never reaches the verdict.)
{ nm "$B/libcertqr.a" "$B/libcertqr-io.a"; for o in "$B"/tools/verify/*.o; do nm "$o"; done; } > "$T/core" 2> "$T/nm.err"
contains "$T/core" "cq_judge" "the clock check reads the core library"
for f in time clock_gettime gettimeofday localtime localtime_r gmtime gmtime_r strftime timespec_get; do
	[ -s "$T/core" ] && ! grep -qE "^ *U $f\$" "$T/core"; _report $? "the verdict side references no clock function $f"
done
