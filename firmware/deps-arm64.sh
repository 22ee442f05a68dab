#!/bin/sh
# Installs what `make firmware-arm64` and tests/sh/arm64.sh need on a Debian 12
# amd64 machine: the aarch64 cross compiler, qemu user emulation, and the
# arm64 libraries the kiosk links, side by side with the amd64 ones.
# As root it installs; otherwise it prints the commands and exits 1.
# Quick (one dpkg-query) when everything is already there.
# libzbar-dev:arm64 conflicts with the amd64 -dev packages (through
# libmagick++-dev), so only libzbar0:arm64 is installed; the kiosk links it
# with -l:libzbar.so.0 and the (architecture-independent) amd64 header.
set -eu
pkgs="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
libsodium-dev:arm64 libcmocka-dev:arm64 libzbar0:arm64
libsdl2-dev:arm64 libsdl2-ttf-dev:arm64"
missing=""
for p in $pkgs; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps-arm64: missing:$missing; as root run:" >&2
	echo "  dpkg --add-architecture arm64 && apt-get update && apt-get install$missing" >&2
	exit 1
fi
echo "deps-arm64: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -qq >&2 || true
apt-get install -y -qq --no-install-recommends $missing >&2
