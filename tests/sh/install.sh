#!/bin/sh
# make install honours PREFIX and DESTDIR; make uninstall removes what it put there.
. "$(dirname "$0")/../lib.sh"
plan 14
cd "$ROOT"
ok "make install with DESTDIR and PREFIX" make -s install BUILD="$BUILD" DESTDIR="$T/root" PREFIX=/opt/cq
for p in certqr-keys certqr-issue; do
	[ -x "$T/root/opt/cq/bin/$p" ]; _report $? "$p installed under DESTDIR/PREFIX/bin"
done
[ -f "$T/root/opt/cq/share/man/man1/certqr-keys.1" ]; _report $? "man page installed"
[ -f "$T/root/opt/cq/share/certqr/rules-henan.txt" ]; _report $? "default rules table installed as data"
ok "installed program runs" "$T/root/opt/cq/bin/certqr-keys" --version
[ -d "$T/root/var/lib/certqr/trust" ]; _report $? "the trust store's directory is created (empty)"
grep -q '^#define CQ_STORE_DEFAULT *"/var/lib/certqr/trust"' include/certqr/store.h; _report $? "it is the programs' default store"
ok "certqr-verify --init fills the installed directory" "$T/root/opt/cq/bin/certqr-verify" --trust "$T/root/var/lib/certqr/trust" \
	--init keys/test/root-TEST-ONLY.pub
rm "$T/root/var/lib/certqr/trust/root.pub"
[ -z "$(find "$T/root" -name '*.key')" ]; _report $? "no secret key is installed"
ok "make uninstall" make -s uninstall BUILD="$BUILD" DESTDIR="$T/root" PREFIX=/opt/cq
[ -z "$(find "$T/root" -type f)" ]; _report $? "uninstall removed every installed file"
[ ! -e "$T/root/var/lib/certqr/trust" ]; _report $? "uninstall removed the empty store directory"
make -s install BUILD="$BUILD" DESTDIR="$T/root2" PREFIX=/opt/cq > /dev/null 2>&1
cp keys/test/root-TEST-ONLY.pub "$T/root2/var/lib/certqr/trust/root.pub"
make -s uninstall BUILD="$BUILD" DESTDIR="$T/root2" PREFIX=/opt/cq > /dev/null 2>&1
[ -f "$T/root2/var/lib/certqr/trust/root.pub" ]; _report $? "uninstall keeps a store that holds a root key"
