#!/bin/sh
# make demo: issues the sample certificates with the TEST-ONLY keys, renders
# one, reads its QR back from the pixels and verifies it offline.
# Everything goes to $BUILD/demo.
set -eu
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.."
D="$BUILD/demo"
K=keys/test
P="$K/PASSPHRASE-TEST-ONLY"
rm -rf "$D"
mkdir -p "$D"

echo "== Issuing docs/examples/sample-export.csv with the TEST-ONLY Zhengzhou bureau key"
rc=0
"$BUILD/certqr-issue" batch --key "$K/issuer-zhengzhou-TEST-ONLY.key" --delegation "$K/issuer-zhengzhou-TEST-ONLY.dl" \
	--passphrase-file "$P" --out "$D/certificates" docs/examples/sample-export.csv || rc=$?
[ "$rc" -le 1 ] || exit "$rc"   # 1: the sample has a bad row on purpose
echo "-- $D/certificates/rejects.csv:"
sed 's/^/   /' "$D/certificates/rejects.csv"
echo "-- $D/certificates/below-rule.csv:"
sed 's/^/   /' "$D/certificates/below-rule.csv"
ls -l "$D/certificates" | grep '\.pdf$' | awk '{printf "   %7d bytes  %s\n", $5, $9}'

f="$D/certificates/4101020000123-2025-r1.pdf"
echo "== Rendering $f at 300 dpi and scanning the page"
pdftoppm -r 300 -png -singlefile "$f" "$D/certificate"
echo "   page image: $D/certificate.png"
zbarimg -q --raw "$D/certificate.png" > "$D/qr.txt" 2>/dev/null
echo "   QR text: $(cut -c1-60 "$D/qr.txt")..."

if [ -x "$BUILD/certqr-verify" ] && [ -x "$BUILD/certqr-keys" ]; then
	echo "== Verifying the scanned text offline (trust store from the TEST-ONLY root)"
	"$BUILD/certqr-keys" bundle --root "$K/root-TEST-ONLY.key" --spec tests/trust/bundle.spec \
		-o "$D/trust.bundle" --passphrase-file "$P" > /dev/null 2>&1
	"$BUILD/certqr-verify" --trust "$D/store" --init "$K/root-TEST-ONLY.pub" > /dev/null
	"$BUILD/certqr-verify" --trust "$D/store" --install "$D/trust.bundle" > /dev/null
	"$BUILD/certqr-verify" --trust "$D/store" --holder-id 410102198503120516 -f "$D/qr.txt"
fi

echo "== Art. 7 hours calculator"
printf 'activity,rank,quantity\nconference-national,,3\nproject-provincial,2,1\nexam-intermediate,,1\n' > "$D/activities.csv"
"$BUILD/certqr-issue" hours --year 2025 "$D/activities.csv" | sed 's/^/   /'
