#!/bin/sh
# The appliance files: firmware/install.sh staged into an image tree
# (DESTDIR), the systemd unit checked by systemd-analyze, the trust store's
# permissions (root key protected by a sticky directory).
. "$(dirname "$0")/../lib.sh"
plan 22
I="$T/img"
ok "install.sh stages an image tree" env DESTDIR="$I" sh "$ROOT/firmware/install.sh" "$B/certqr-kiosk" \
	"$ROOT/keys/test/root-TEST-ONLY.pub"
status 2 "install.sh without arguments is a usage error" sh "$ROOT/firmware/install.sh"
status 1 "install.sh refuses a missing binary" env DESTDIR="$I" sh "$ROOT/firmware/install.sh" "$T/nope" "$ROOT/keys/test/root-TEST-ONLY.pub"
for f in usr/local/bin/certqr-kiosk etc/systemd/system/certqr-kiosk.service etc/udev/rules.d/99-certqr-usb.rules \
	usr/lib/tmpfiles.d/certqr-kiosk.conf var/lib/certqr/trust/root.pub; do
	ok "installed: /$f" test -f "$I/$f"
done
ok "the kiosk binary is executable" test -x "$I/usr/local/bin/certqr-kiosk"
ok "the trust store is sticky (the kiosk cannot replace root.pub)" test -k "$I/var/lib/certqr/trust"
ok "the audit log directory is private (0750)" test "$(stat -c %a "$I/var/lib/certqr/kiosk")" = 750
ok "the device key directory, apart from the log, is 0700" test "$(stat -c %a "$I/var/lib/certqr/device")" = 700
contains "$I/usr/lib/tmpfiles.d/certqr-kiosk.conf" "/var/lib/certqr/device    0700 certqr" "tmpfiles: the device key directory, the kiosk's own"
U="$I/etc/systemd/system/certqr-kiosk.service"
for l in "Restart=always" "User=certqr" "WantedBy=multi-user.target" "PrivateNetwork=yes" "ReadWritePaths=/var/lib/certqr" \
	"ProtectSystem=strict" "--stick /media/certqr-usb"; do
	contains "$U" "$l" "unit: $l"
done
if command -v systemd-analyze > /dev/null; then
	sed "s|/usr/local/bin/certqr-kiosk|$B/certqr-kiosk|" "$U" > "$T/certqr-kiosk.service"
	ok "systemd-analyze verify accepts the unit" systemd-analyze verify "$T/certqr-kiosk.service"
else
	skip "systemd-analyze verify accepts the unit" "systemd-analyze not installed (tools/deps/kiosk.txt lists systemd)"
fi
contains "$I/etc/udev/rules.d/99-certqr-usb.rules" "ro,nosuid,nodev,noexec" "udev: sticks are mounted read-only, noexec"
