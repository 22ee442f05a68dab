#!/bin/sh
# Installs the kiosk appliance: run as root on the Raspberry Pi (Raspberry
# Pi OS arm64, bookworm), or with DESTDIR=/path/to/mounted/image-root to stage
# an SD-card image. Usage:
#   sh firmware/install.sh BINARY ROOT.pub [BUNDLE]
# BINARY is build/arm64/certqr-kiosk (make firmware-arm64), ROOT.pub the
# province root public key, BUNDLE an optional first trust bundle (else one
# arrives later on a USB stick). See docs/kiosk.md.
set -eu
[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: install.sh BINARY ROOT.pub [BUNDLE]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
D=${DESTDIR:-}
BIN=$1 ROOTPUB=$2 BUNDLE=${3:-}
for f in "$BIN" "$ROOTPUB" ${BUNDLE:+"$BUNDLE"}; do
	[ -f "$f" ] || { echo "install.sh: $f: no such file" >&2; exit 1; }
done
install -D -m 0755 "$BIN" "$D/usr/local/bin/certqr-kiosk"
install -D -m 0644 "$here/certqr-kiosk.service" "$D/etc/systemd/system/certqr-kiosk.service"
install -D -m 0644 "$here/99-certqr-usb.rules" "$D/etc/udev/rules.d/99-certqr-usb.rules"
install -D -m 0644 "$here/certqr-kiosk.tmpfiles" "$D/usr/lib/tmpfiles.d/certqr-kiosk.conf"
[ -f "$here/../docs/kiosk.md" ] && install -D -m 0644 "$here/../docs/kiosk.md" "$D/usr/local/share/doc/certqr/kiosk.md"
if [ -z "$D" ] && ! id certqr > /dev/null 2>&1; then
	useradd --system --home-dir /var/lib/certqr --no-create-home --shell /usr/sbin/nologin certqr
	for g in video render input audio; do getent group $g > /dev/null && usermod -aG $g certqr; done
fi
owner=certqr
[ -n "$D" ] && owner=root   # staging an image: chown happens at first boot (tmpfiles)
# /var/lib/certqr is the small writable partition on a read-only root.
install -d -m 0755 "$D/var/lib/certqr" "$D/media/certqr-usb"
# The trust store: root.pub belongs to root; the directory is sticky and
# group-writable so the kiosk can replace trust.bundle (its own file) but
# can never delete or replace the root key.
install -d -m 1775 "$D/var/lib/certqr/trust"
install -m 0644 "$ROOTPUB" "$D/var/lib/certqr/trust/root.pub"
[ -n "$BUNDLE" ] && install -m 0644 "$BUNDLE" "$D/var/lib/certqr/trust/trust.bundle"
install -d -m 0750 "$D/var/lib/certqr/kiosk"
# The device key that signs the audit log lives apart from the log. On the
# device it is made now and its public key printed for registration; in a
# staged image each card makes its own at first start.
install -d -m 0700 "$D/var/lib/certqr/device"
if [ -z "$D" ]; then
	chgrp certqr /var/lib/certqr/trust
	chown certqr:certqr /var/lib/certqr/kiosk /var/lib/certqr/device
	if [ ! -e /var/lib/certqr/device/device.key ]; then
		echo "the kiosk's device key: keep this line off the device; audit logs are verified with it:"
		/usr/local/bin/certqr-kiosk device-key --create --key /var/lib/certqr/device/device.key
		chown certqr:certqr /var/lib/certqr/device/device.key /var/lib/certqr/device/device.pub
	fi
	[ -n "$BUNDLE" ] && chown certqr:certqr /var/lib/certqr/trust/trust.bundle
	systemctl daemon-reload
	udevadm control --reload || true
	systemctl enable certqr-kiosk.service
	echo "installed; start with: systemctl start certqr-kiosk (or reboot)"
fi
