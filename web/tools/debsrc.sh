#!/bin/sh
# Unpacks the Debian source packages that `make web` compiles to WebAssembly,
# at the version of the binary package the native build links, so the page
# and certqr-verify run the same library code:
#   web/tools/debsrc.sh OUTDIR SOURCE:BINARY...   e.g. libsodium:libsodium-dev
# OUTDIR/SOURCE/ receives the patched tree (dpkg-source -x, Debian's patches
# applied). Downloads go through apt-get source, which needs a deb-src entry:
# when the machine has none, one is added for the Debian archive the machine
# already uses (root only; otherwise the exact commands are printed).
set -eu
out=$1; shift
mkdir -p "$out/dl"
added=/etc/apt/sources.list.d/certqr-deb-src.sources
have_src() { apt-get source --print-uris -qq "$1" > /dev/null 2>&1; }
first=${1%%:*}
if ! have_src "$first"; then
	if [ "$(id -u)" != 0 ]; then
		echo "debsrc: apt has no deb-src entry; as root run:" >&2
		echo "  sed 's/^Types: deb\$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > $added && apt-get update" >&2
		exit 1
	fi
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$added"
	else
		grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > "${added%.sources}.list"
	fi
	echo "debsrc: added a deb-src entry ($added) and updating apt" >&2
	apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
fi
for spec in "$@"; do
	src=${spec%%:*} bin=${spec#*:}
	ver=$(dpkg-query -W -f='${source:Version}\n' "$bin:$(dpkg --print-architecture)" 2>/dev/null | head -1)
	[ -n "$ver" ] || { echo "debsrc: $bin is not installed (run tools/deps.sh)" >&2; exit 1; }
	[ -f "$out/$src/.certqr-version" ] && [ "$(cat "$out/$src/.certqr-version")" = "$ver" ] && continue
	rm -rf "$out/$src"
	(cd "$out/dl" && apt-get source --download-only -qq "$src=$ver" >&2)
	dsc=$(ls "$out/dl/${src}_"*.dsc | grep -F "_${ver#*:}.dsc")
	dpkg-source -q -x "$dsc" "$out/$src" >&2
	echo "$ver" > "$out/$src/.certqr-version"
done
