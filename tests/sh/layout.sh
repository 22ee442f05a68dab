#!/bin/sh
# A bureau's own layout carried in the signed trust bundle (docs/layout.md,
# docs/trust.md): certqr-issue batch --layout lays a certificate out from
# the bureau's layout text (rows 40 pt lower, a smaller title); a bundle
# carrying that layout for the signing key makes the genuine page (PDF and
# a 200 dpi raster) authentic and the same page with an edited hours value
# composited, in certqr-verify files and at the kiosk; a bundle without it
# judges the page against the built-in layout, which does not fit. Bad
# layouts are refused where they enter: issuing, building the bundle.
. "$(dirname "$0")/../lib.sh"
plan 32
V="$B/certqr-verify"
I="$B/certqr-issue"
KEYS="$B/certqr-keys"
KT="$ROOT/keys/test"
P="$KT/PASSPHRASE-TEST-ONLY"
K="$KT/issuer-zhengzhou-TEST-ONLY.key"
D="$KT/issuer-zhengzhou-TEST-ONLY.dl"
PY=/usr/bin/python3
F="$ROOT/tests/files/forge.py"
unset CERTQR_TRUST

# The bureau's layout: the built-in one with the rows 40 pt lower and the
# title at 22 pt instead of 25.
sed -n '/^    certqr-layout 1$/,/^    qrtext /p' "$ROOT/docs/layout.md" | sed 's/^    //' |
	sed -e 's/^rows 215 221 650 /rows 215 221 610 /' \
	    -e 's/^\(text 297.638 740\) 25 /\1 22 /' > "$T/moved.layout"
grep -q '^rows 215 221 610 ' "$T/moved.layout" && grep -q '^text 297.638 740 22 ' "$T/moved.layout"
r=$?; cp "$T/moved.layout" "$T/out"; _report $r "layout: the bureau's layout, rows 40 pt lower and a 22 pt title"
sed 's/^rows 215 221 610 .*/rows 215 221 610 33 13/' "$T/moved.layout" > "$T/bad.layout"   # a rows line cut short

spec() { # FILE VERSION [EXTRA-LINE]
	{ echo "version $2"; echo "date 2026-11-01"
	  echo "delegation $KT/issuer-zhengzhou-TEST-ONLY.dl"; echo "delegation $KT/issuer-pingdingshan-TEST-ONLY.dl"
	  echo "rules $ROOT/tools/data/rules-henan.txt"; [ -n "${3:-}" ] && echo "$3"; } > "$1"
}
bundle() { # SPEC OUT
	"$KEYS" bundle --root "$KT/root-TEST-ONLY.key" --spec "$1" -o "$2" --passphrase-file "$P"
}
spec "$T/plain.spec" 4
spec "$T/own.spec" 4 "layout $KT/issuer-zhengzhou-TEST-ONLY.pub $T/moved.layout"
spec "$T/bad.spec" 4 "layout $KT/issuer-zhengzhou-TEST-ONLY.pub $T/bad.layout"
spec "$T/unknown.spec" 4 "layout $KT/issuer-luoyang-retired-TEST-ONLY.pub $T/moved.layout"
ok "bundle: built without layouts" bundle "$T/plain.spec" "$T/plain.bundle"
ok "bundle: built with the bureau's layout for Zhengzhou's key" bundle "$T/own.spec" "$T/own.bundle"
test "$(od -An -tu1 -j4 -N1 "$T/own.bundle" | tr -d ' ')" = 2 && test "$(od -An -tu1 -j4 -N1 "$T/plain.bundle" | tr -d ' ')" = 1
_report $? "bundle: format byte 2 with a layout table, 1 without"
ok "bundle: check-bundle accepts it and counts the layout" "$KEYS" check-bundle --root "$KT/root-TEST-ONLY.pub" -v "$T/own.bundle"
contains "$T/out" "1 layouts" "bundle: check-bundle says 1 layouts"
contains "$T/out" "own layout" "bundle: ...and names the key that has its own"
status 1 "bundle: a layout that does not parse is refused when built" bundle "$T/bad.spec" "$T/bad.bundle"
contains "$T/err" "layout of key" "bundle: ...naming the key and the layout's error"
status 1 "bundle: a layout for a key the bundle does not delegate is refused" bundle "$T/unknown.spec" "$T/unknown.bundle"
contains "$T/err" "does not delegate" "bundle: ...saying so"

# Stores: one with the bureau's layout, one without.
for s in own plain; do
	"$V" --trust "$T/$s" --init "$KT/root-TEST-ONLY.pub" > /dev/null && "$V" --trust "$T/$s" --install "$T/$s.bundle" > /dev/null
done

printf '%s\n' "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued" \
	"张伟,410102198503120516,4101020000123,2025,,32,64,,,,410100,2025-12-20" > "$T/export.csv"
issue() { # OUTDIR [options]
	o=$1; shift
	"$I" batch --key "$K" --delegation "$D" --out "$o" --passphrase-file "$P" --quiet "$@" "$T/export.csv"
}
status 3 "issue: a layout that does not parse is refused (exit 3)" issue "$T/bad" --layout "$T/bad.layout"
contains "$T/err" "版式文件无法解析" "issue: ...the reason in Chinese"
contains "$T/err" "the layout does not parse" "issue: ...and in English"
[ "$got" -eq 3 ] && test ! -e "$T/bad/4101020000123-2025-r1.pdf"   # refused, not crashed
_report $? "issue: ...and nothing issued"
ok "issue: a certificate on the bureau's layout" issue "$T/m" --layout "$T/moved.layout"
A="$T/m/4101020000123-2025-r1.pdf"
status 1 "issue: the layout is in the batch fingerprint (a rerun on the built-in layout is a conflict)" issue "$T/m"

mkdir -p "$T/g" "$T/e"
cp "$A" "$T/g/moved.pdf"
pdftoppm -r 200 -png -singlefile "$A" "$T/g/moved200"
qpdf --qdf --object-streams=disable "$A" "$T/a.qdf"
$PY "$F" text "$T/a.qdf" "$T/e1.qdf" "32 学时" "52 学时"
fix-qdf "$T/e1.qdf" > "$T/e/moved-hours.pdf"
pdftoppm -r 200 -png -singlefile "$T/e/moved-hours.pdf" "$T/e/moved-hours200"

status 0 "verify: with the bureau's layout in the bundle the genuine page is authentic (exit 0)" "$V" files --trust "$T/own" --json "$T/g"
cp "$T/out" "$T/g.jsonl"
for f in moved.pdf moved200.png; do
	contains "$T/g.jsonl" "\"source\":\"$T/g/$f\",\"status\":\"authentic\"" "verify: $f authentic"
done
test "$(grep -c '"page_check":"match"' "$T/g.jsonl")" -eq 2
_report $? "verify: both pages judged match"
status 1 "verify: the edited page is exit 1" "$V" files --trust "$T/own" --json "$T/e"
cp "$T/out" "$T/e.jsonl"
for f in moved-hours.pdf moved-hours200.png; do
	contains "$T/e.jsonl" "\"source\":\"$T/e/$f\",\"status\":\"composited\"" "verify: $f composited"
done
test "$(grep -c '"field":"hours_public"' "$T/e.jsonl")" -ge 2
_report $? "verify: each edited page names hours_public"

# Without the layout the built-in one is used: its labels are 40 pt higher.
status 2 "verify: with a bundle lacking the layout the genuine page is not authentic (exit 2, page not judged)" "$V" files --trust "$T/plain" --json "$T/g"
cp "$T/out" "$T/p.jsonl"
lacks "$T/p.jsonl" '"status":"authentic"' "verify: ...neither the PDF nor the raster"
test "$(grep -c '"status":"page_unreadable"' "$T/p.jsonl")" -eq 2
_report $? "verify: ...both page_unreadable (the built-in layout's labels are not where it says)"

# The kiosk: a dropped file goes through the same page check with the same
# lookup (the camera's frames share page_check_grey).
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
mkdir -p "$T/play"
kdrop() { # STORE FILE EXPECTED DESC
	rm -f "$T/K.jsonl"
	"$B/certqr-kiosk" --source "play:$T/play" --trust "$T/$1" --state "$T/kstate-$1" --stick "$T/nostick" --window 640x360 \
		--exit-when-done --no-sound --open "$2" --state-log "$T/K.jsonl" > "$T/out" 2> "$T/err"
	grep -qF -- "$3" "$T/K.jsonl" 2> /dev/null; r=$?; [ $r -ne 0 ] && cp "$T/K.jsonl" "$T/out" 2> /dev/null; _report $r "$4"
}
kdrop own "$T/g/moved.pdf" '"status":"authentic","colour":"green"' "kiosk: the genuine PDF dropped, bundle with the layout: green authentic"
kdrop own "$T/e/moved-hours.pdf" '"colour":"red",' "kiosk: the edited PDF dropped: red"
kdrop own "$T/e/moved-hours.pdf" '"page_check":"differs","page_fields":"hours_public"' "kiosk: ...its page differs in hours_public"
kdrop plain "$T/g/moved.pdf" '"page_check":"unreadable"' "kiosk: the genuine PDF, bundle without the layout: page unreadable"
