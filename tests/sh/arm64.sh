#!/bin/sh
# The Raspberry Pi build: `make firmware-arm64` cross-compiles the kiosk and
# the core unit tests for aarch64, and each unit test binary runs under
# qemu-aarch64 user emulation. The cross toolchain and arm64 libraries are
# installed by `tools/deps.sh arm64` (firmware/deps-arm64.sh), from the lists
# in tools/deps/; a machine where they cannot be installed fails here, saying
# what is missing, since the Pi build is part of what certqr promises.
. "$(dirname "$0")/../lib.sh"
# 14 fixed checks, and two for each unit test the Pi build has (every one
# but test_scan): that it was built, and its run under qemu
units=$(ls "$ROOT"/tests/unit/test_*.c | grep -vc '/test_scan\.c$')
plan $((14 + 2 * units))
QEMU=qemu-aarch64-static
ok "the arm64 toolchain and libraries are installed (tools/deps.sh arm64)" sh "$ROOT/tools/deps.sh" arm64
ok "make firmware-arm64 builds" make -C "$ROOT" --no-print-directory BUILD="$BUILD" firmware-arm64
A="$B/arm64"
readelf -h "$A/certqr-kiosk" > "$T/elf" 2>&1
contains "$T/elf" "AArch64" "certqr-kiosk is an AArch64 executable"
nm -D --undefined-only "$A/certqr-kiosk" > "$T/imports" 2>&1
# As on amd64 (tests/sh/kiosk_nosign.sh): no certificate-signing import; the
# device key's crypto_sign_detached is referenced by devkey.o alone.
for f in crypto_sign_keypair crypto_pwhash crypto_secretbox_easy crypto_aead_xchacha20poly1305_ietf_encrypt; do
	lacks "$T/imports" "$f" "the arm64 kiosk imports no $f either"
done
users=$(for o in "$A"/firmware/kiosk/*.o; do nm --undefined-only "$o" | grep -qw crypto_sign_detached && basename "$o"; done | tr '\n' ' ')
ok "the arm64 kiosk signs only with its device key (crypto_sign_detached in: $users)" test "$users" = "devkey.o "
contains "$T/imports" "crypto_sign_verify_detached" "...and does import the verify function"
n_units=0
for t in "$A"/tests/unit/test_*; do
	case $t in *.o | *.d) continue ;; esac
	[ -x "$t" ] || continue
	name=$(basename "$t")
	n_units=$((n_units + 1))
	(cd "$ROOT" && CMOCKA_MESSAGE_OUTPUT=TAP "$QEMU" -L / "$t") > "$T/$name.tap" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$T/$name.tap"); f=$(grep -c '^not ok ' "$T/$name.tap")
	cp "$T/$name.tap" "$T/out"; : > "$T/err"
	[ $rc -eq 0 ] && [ "$f" -eq 0 ] && [ "$p" -gt 0 ]
	_report $? "arm64 under qemu: $name ($p passed, $f failed)"
done
# Every unit test but test_scan (which draws codes with libqrencode, not linked
# for the Pi; firmware/kiosk.mk) must have been built and run above.
for src in "$ROOT"/tests/unit/test_*.c; do
	name=$(basename "$src" .c)
	[ "$name" = test_scan ] && continue
	ok "arm64: $name was built" test -x "$A/tests/unit/$name"
done
ok "arm64: the core unit tests were built and run" test "$n_units" -ge 5
# The arm64 kiosk reads an audit log written on amd64: the format is the same.
mkdir -p "$T/st" "$T/empty"
SDL_VIDEODRIVER=dummy "$B/certqr-kiosk" --source "play:$T/empty" --state "$T/st" --trust "$T/none" --stick "$T/none" --window 640x360 \
	--exit-when-done --no-sound > /dev/null 2>&1 </dev/null
ok "amd64 kiosk wrote a log" test -s "$T/st/audit.log"
ok "arm64 kiosk (qemu) verifies it" "$QEMU" -L / "$A/certqr-kiosk" audit verify --log "$T/st/audit.log"
contains "$T/out" "ok: intact" "arm64 audit verify says intact"
ok "arm64 -h" "$QEMU" -L / "$A/certqr-kiosk" -h
