#!/bin/sh
# Installs the Debian packages certqr needs when run as root; otherwise
# prints the exact apt-get line. Quick (one dpkg-query) when all are there.
# Package lists: one per component, in tools/deps/*.txt.
set -eu
here=$(dirname "$0")
want=$(sed 's/#.*//' "$here"/deps/*.txt | tr -s ' \t' '\n\n' | grep -v '^$' | sort -u)
have=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' $want 2>/dev/null | awk '$2=="installed"{print $1}')
missing=""
for p in $want; do
	printf '%s\n' "$have" | grep -qx "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || true
	apt-get install -y -qq --no-install-recommends $missing >&2
else
	echo "deps: missing Debian packages; as root run:" >&2
	echo "  apt-get install$missing" >&2
	exit 1
fi
