#!/bin/sh
# The QR size target and a round trip through a real encoder and reader:
# certqr-issue sign → qrencode PNG → zbarimg → identical text.
. "$(dirname "$0")/../lib.sh"
plan 17
cd "$ROOT"
ok "qrsize measures every name length" "$B/tests/tools/qrsize" -o "$T"
cp "$T/out" "$T/sizes"
v=$(sed -n 's/^qr_version_name3_M: \([0-9]*\) version$/\1/p' "$T/sizes")
[ -n "$v" ] && [ "$v" -le 8 ]; _report $? "three-character name fits QR version 8 or less at level M (got $v)"
v=$(sed -n 's/^qr_version_name_long_M: \([0-9]*\) version$/\1/p' "$T/sizes")
[ -n "$v" ] && [ "$v" -le 8 ]; _report $? "a 12-character name still fits version 8 at M (got $v)"
[ "$(ls "$T"/name*.txt 2>/dev/null | wc -l)" -eq 5 ]; _report $? "qrsize wrote the five QR texts"
for f in "$T"/name*.txt; do
	[ -s "$f" ] || continue
	label=$(basename "$f" .txt)
	text=$(cat "$f")
	for level in M Q; do
		qrencode -l $level -s 4 -m 4 -o "$T/$label-$level.png" "$text"
		got=$(zbarimg -q --raw -Sdisable -Sqrcode.enable "$T/$label-$level.png" 2>/dev/null)
		[ "$got" = "$text" ]; _report $? "$label at level $level: zbarimg reads back the exact QR text"
	done
done
# alphanumeric mode only: every character is in the QR alphanumeric set
cat "$T"/name*.txt > "$T/all.txt" && [ -s "$T/all.txt" ] && ! grep -qv '^[0-9A-Z $%*+./:-]*$' "$T/all.txt"; _report $? "QR texts use only the QR alphanumeric character set"
# The CJK compatibility table (lib/cjkcompat_table.h) is what Unicode's data
# says: regenerated from Python's unicodedata, byte for byte.
python3 "$ROOT/tools/data/cjkcompat.py" > "$T/cjk.h" && [ "$(grep -c '0x0F\|0x2F' "$T/cjk.h")" -gt 200 ]
_report $? "cjkcompat.py writes the table of 1 002 compatibility ideographs"
ok "lib/cjkcompat_table.h is the generator's output" cmp "$T/cjk.h" "$ROOT/lib/cjkcompat_table.h"
