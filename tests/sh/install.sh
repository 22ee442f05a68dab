#!/bin/sh
# make install honours PREFIX and DESTDIR; make uninstall removes what it put there.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT"
ok "make install with DESTDIR and PREFIX" make -s install BUILD="$BUILD" DESTDIR="$T/root" PREFIX=/opt/cq
for p in certqr-keys certqr-issue; do
	[ -x "$T/root/opt/cq/bin/$p" ]; _report $? "$p installed under DESTDIR/PREFIX/bin"
done
[ -f "$T/root/opt/cq/share/man/man1/certqr-keys.1" ]; _report $? "man page installed"
[ -f "$T/root/opt/cq/share/certqr/rules-henan.txt" ]; _report $? "default rules table installed as data"
ok "installed program runs" "$T/root/opt/cq/bin/certqr-keys" --version
[ -z "$(find "$T/root" -name '*.key')" ]; _report $? "no secret key is installed"
ok "make uninstall" make -s uninstall BUILD="$BUILD" DESTDIR="$T/root" PREFIX=/opt/cq
[ -z "$(find "$T/root" -type f)" ]; _report $? "uninstall removed every installed file"
