#!/bin/sh
# Installs the Debian packages certqr needs when run as root; otherwise prints
# the exact apt-get line and exits 1. Quick (one dpkg-query) when all are there.
#   tools/deps.sh          the native build, tests and demo
#   tools/deps.sh arm64    the Raspberry Pi cross-build (make firmware-arm64)
#   tools/deps.sh --list [arm64]   print the package list and stop
# Everything comes from tools/deps/: modules.tab maps each pkg-config module the
# build asks for to its package (config.mk refuses a module not listed there),
# and the *.txt files name the other packages (tools, fonts, test programs);
# arm64.txt holds the cross toolchain and what the arm64 build links without
# pkg-config.
set -eu
here=$(dirname "$0")/deps
list=0
[ "${1:-}" = --list ] && { list=1; shift; }
arch=${1:-native}
words() { sed 's/#.*//' "$@" | tr -s ' \t' '\n\n' | grep -v '^$' || true; }
case $arch in
native)
	extra=$(for f in "$here"/*.txt; do [ "$f" = "$here/arm64.txt" ] || words "$f"; done)
	mods=$(awk '!/^#/ && NF >= 2 {print $2}' "$here/modules.tab") ;;
arm64)
	extra=$(words "$here/arm64.txt")
	mods=$(awk '!/^#/ && NF >= 3 && $3 == "arm64" {print $2 ":arm64"}' "$here/modules.tab") ;;
*) echo "usage: tools/deps.sh [--list] [arm64]" >&2; exit 2 ;;
esac
want=$(printf '%s\n%s\n' "$mods" "$extra" | grep -v '^$' | sort -u)
if [ $list = 1 ]; then printf '%s\n' "$want"; exit 0; fi
have=$(dpkg-query -W -f='${Package}:${Architecture} ${db:Status-Status}\n' $want 2>/dev/null |
	awk '$2 == "installed" {print $1}')
# A package without an architecture is satisfied by any installed one (amd64 or all).
missing=$(printf '%s\n' "$want" | awk -v have="$have" '
	BEGIN { n = split(have, h, "\n"); for (i = 1; i <= n; i++) { ok[h[i]] = 1; sub(/:.*/, "", h[i]); ok[h[i]] = 1 } }
	!($0 in ok) { printf " %s", $0 }')
[ -z "$missing" ] && exit 0
add_arch=""
[ "$arch" = arm64 ] && add_arch="dpkg --add-architecture arm64 && "
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages; as root run:" >&2
	echo "  ${add_arch}apt-get update && apt-get install$missing" >&2
	exit 1
fi
echo "deps ($arch): installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if [ "$arch" = arm64 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
	dpkg --add-architecture arm64
fi
apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || true
# Another apt run (a second build on the same machine) holds the lock: wait.
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >&2
