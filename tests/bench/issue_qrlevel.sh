#!/bin/sh
# Which error-correction level for the certificate's QR: M (version 7, larger
# modules) or Q (version 9, more redundancy)? Issues the same 12 certificates
# at both levels, renders the QR's corner of the page as a camera or a cheap
# scan would see it (100, 125, 150 dpi), degrades it (blur, noise, a red seal
# stamped over a corner of the code), and counts what zbarimg reads.
# Prints issue_qr_reads_<level>_<condition>: N/12 lines.
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
W=$(mktemp -d "${TMPDIR:-/tmp}/certqr-qrlevel.XXXXXX")
trap 'rm -rf "$W"' EXIT
K="$ROOT/keys/test"
"$PY" "$ROOT/tests/data/issue-gen.py" 12 9 > "$W/export.csv"
for lv in M Q; do
	"$B/certqr-issue" batch --quiet --qr-level $lv --key "$K/issuer-zhengzhou-TEST-ONLY.key" \
		--delegation "$K/issuer-zhengzhou-TEST-ONLY.dl" --passphrase-file "$K/PASSPHRASE-TEST-ONLY" \
		--out "$W/$lv" "$W/export.csv" > "$W/$lv.summary"
	printf 'issue_qr_level_%s: %s\n' $lv "$(grep '^QR codes' "$W/$lv.summary" | sed 's/QR codes: //')"
done
reads() { # $1 level, $2 dpi, $3 condition
	ok=0
	for f in "$W/$1"/*.pdf; do
		# the code's corner of the page: x 60..180 pt, y 86..206 pt from the bottom
		px() { echo "$1 $2" | awk '{printf "%d", $1 * $2 / 72}'; }
		pdftoppm -r "$2" -x "$(px 60 "$2")" -y "$(px 636 "$2")" -W "$(px 120 "$2")" -H "$(px 120 "$2")" \
			-png -singlefile "$f" "$W/c" 2>/dev/null
		s=$(px 120 "$2")
		case $3 in
		clean) cp "$W/c.png" "$W/d.png" ;;
		blur) convert "$W/c.png" -blur 0x1.2 "$W/d.png" ;;
		noise) convert "$W/c.png" -attenuate 0.6 +noise Gaussian "$W/d.png" ;;
		seal) # a red stamp over data modules (not a finder pattern)
			convert "$W/c.png" -fill 'rgba(200,30,30,0.8)' -draw "circle $((s * 7 / 10)),$((s * 7 / 10)) $((s * 7 / 10 + s / 7)),$((s * 7 / 10))" "$W/d.png" ;;
		esac
		if zbarimg -q --raw "$W/d.png" 2>/dev/null | grep -q '^CQ1:'; then ok=$((ok + 1)); fi
	done
	echo "$ok"
}
for cond in clean blur noise seal; do
	for dpi in 100 125 150; do
		printf 'issue_qr_reads_%s_%sdpi: M %s/12, Q %s/12\n' $cond $dpi "$(reads M $dpi $cond)" "$(reads Q $dpi $cond)"
	done
done
