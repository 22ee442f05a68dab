#!/bin/sh
# The certificate a clerk recognises (issue 15): the bureau's own seal image
# (certqr-issue batch --seal FILE.png) printed in the layout's seal area,
# strictly checked; the page check expects a seal's ink there and nowhere
# else: a certificate with a seal is authentic as a PDF and as a 200 dpi
# raster (colour and grey), the same page with an edited hours value is
# composited. The printed look: the key id and the verification line at
# 8 pt or more (pdftotext -bbox), the seal's colour in the seal area of a
# screenshot kept as a test artefact ($BUILD/artefacts/certificate).
. "$(dirname "$0")/../lib.sh"
plan 63
V="$B/certqr-verify"
I="$B/certqr-issue"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
K="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key"
D="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl"
PY=/usr/bin/python3
F="$ROOT/tests/files/forge.py"
S="$T/store"
ART="$B/artefacts/certificate"
unset CERTQR_TRUST

test_store "$S"

# Seal images: a red ring, the bureau's name round it and a star, on a clear
# ground (the good one); and the ways a clerk's file goes wrong.
$PY - "$T" <<'EOF'
import math, sys
from PIL import Image, ImageDraw, ImageFont
t = sys.argv[1]
N, red = 600, (205, 25, 35, 255)
im = Image.new("RGBA", (N, N), (0, 0, 0, 0))
d = ImageDraw.Draw(im)
d.ellipse([12, 12, N - 12, N - 12], outline=red, width=22)
f = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 62)
name = "郑州市人力资源和社会保障局"
for i, ch in enumerate(name):
    a = math.radians(-160 + 320 * i / (len(name) - 1))
    g = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
    ImageDraw.Draw(g).text((40, 40), ch, font=f, fill=red, anchor="mm")
    g = g.rotate(-math.degrees(a), resample=Image.BICUBIC)
    x, y = N / 2 + 205 * math.sin(a), N / 2 - 205 * math.cos(a)
    im.alpha_composite(g, (round(x - 40), round(y - 40)))
pts = [(N / 2 + (95 if k % 2 == 0 else 38) * math.sin(math.pi * k / 5), N / 2 - (95 if k % 2 == 0 else 38) * math.cos(math.pi * k / 5)) for k in range(10)]
d.polygon(pts, fill=red)
im.save(t + "/seal.png")
blue = Image.new("RGBA", im.size, (20, 40, 190, 255)); blue.putalpha(im.getchannel("A")); blue.save(t + "/seal-blue.png")
im.convert("RGB").save(t + "/opaque.png")                       # no alpha channel
Image.new("RGBA", (600, 600), (205, 25, 35, 255)).save(t + "/solid.png")   # alpha, nothing clear
Image.new("RGBA", (600, 600), (0, 0, 0, 0)).save(t + "/empty.png")         # nothing printed
im.resize((40, 40)).save(t + "/tiny.png")
im.resize((2100, 2100)).save(t + "/huge.png")
im.convert("RGB").save(t + "/photo.jpg", "JPEG")
EOF
head -c 5000 "$T/seal.png" > "$T/truncated.png"

printf '%s\n' "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued" \
	"张伟,410102198503120516,4101020000123,2025,,32,64,,,,410100,2025-12-20" > "$T/export.csv"
issue() { # OUTDIR [--seal FILE]
	o=$1; shift
	"$I" batch --key "$K" --delegation "$D" --out "$o" --passphrase-file "$P" --quiet "$@" "$T/export.csv"
}

# --- a bad seal file: a clear error in both languages, nothing issued ----------
for c in "opaque.png:没有透明通道:no transparency" "solid.png:背景不透明:not transparent" \
	"empty.png:几乎全透明:almost entirely transparent" "tiny.png:40×40:40x40 pixels" \
	"huge.png:2100×2100:2100x2100 pixels" "photo.jpg:不是 PNG:not a PNG" "truncated.png:已损坏:damaged PNG" \
	"missing.png:无法读取:missing.png"; do
	f=${c%%:*} rest=${c#*:}
	zh=${rest%%:*} en=${rest#*:}
	status 3 "bad seal $f: refused (exit 3)" issue "$T/bad-$f" --seal "$T/$f"
	contains "$T/err" "$zh" "bad seal $f: the reason in Chinese"
	contains "$T/err" "$en" "bad seal $f: and in English"
	[ "$got" -eq 3 ] && test ! -e "$T/bad-$f/4101020000123-2025-r1.pdf"   # refused, not crashed
	_report $? "bad seal $f: no certificate issued"
done

# --- issued with a seal --------------------------------------------------------
ok "issue: one certificate with the bureau's seal" issue "$T/s" --seal "$T/seal.png"
ok "issue: the same without (the placeholder)" issue "$T/p"
ok "issue: the same with the libharu writer" issue "$T/h" --seal "$T/seal.png" --pdf-engine libharu
A="$T/s/4101020000123-2025-r1.pdf"
pdfimages -list "$T/h/4101020000123-2025-r1.pdf" > "$T/h.txt"
grep -Eq 'smask +600 +600 +gray ' "$T/h.txt"
r=$?; cp "$T/h.txt" "$T/out"; _report $r "libharu: the seal carries its alpha as a soft mask too"
ok "seal: the PDF is valid (qpdf --check)" qpdf --check "$A"
ok "seal: the text extracts" pdftotext -layout "$A" "$T/a.txt"
for w in "姓名： 张伟" "合计： 96 学时" "发证日期： 2025 年 12 月 20 日" "核验：扫描二维码"; do
	contains "$T/a.txt" "$w" "seal: pdftotext finds \"$w\""
done
lacks "$T/a.txt" "发证机关印章" "seal: the placeholder's caption is not printed under a real seal"
pdftotext -layout "$T/p/4101020000123-2025-r1.pdf" "$T/p.txt"
contains "$T/p.txt" "发证机关印章" "placeholder: printed when no seal is given"
pdfimages -list "$A" > "$T/images.txt"
grep -Eq 'image +600 +600 +rgb ' "$T/images.txt" && grep -Eq 'smask +600 +600 +gray ' "$T/images.txt"
r=$?; cp "$T/images.txt" "$T/out"; _report $r "seal: the page carries the seal as an RGB image with its alpha as a soft mask"
# the seal is part of the batch's fingerprint: the same run again resumes
issue "$T/s" --seal "$T/seal.png" > "$T/out" 2> "$T/err"
contains "$T/out" "issued: 1 (new 0, issued before 1)" "seal: a rerun with the same seal resumes (nothing issued twice)"
cp "$T/s/4101020000123-2025-r1.pdf" "$T/before.pdf"
status 1 "seal: a rerun with another seal does not replace the issued certificate (exit 1)" issue "$T/s" --seal "$T/seal-blue.png"
contains "$T/s/rejects.csv" "other content" "seal: ...reported as a conflict in rejects.csv"
ok "seal: ...and the certificate's bytes are unchanged" cmp "$T/before.pdf" "$T/s/4101020000123-2025-r1.pdf"

# --- the page check: authentic with the seal, composited when edited -----------
mkdir -p "$T/g" "$T/e"
cp "$A" "$T/g/seal.pdf"
cp "$T/h/4101020000123-2025-r1.pdf" "$T/g/seal-libharu.pdf"
pdftoppm -r 200 -png -singlefile "$A" "$T/g/seal-colour200"
pdftoppm -r 200 -gray -png -singlefile "$A" "$T/g/seal-grey200"
status 0 "page check: a certificate with a seal image is authentic (PDF of each writer, 200 dpi colour and grey)" \
	"$V" files --trust "$S" --json "$T/g"
cp "$T/out" "$T/g.jsonl"
for f in seal.pdf seal-libharu.pdf seal-colour200.png seal-grey200.png; do
	contains "$T/g.jsonl" "\"source\":\"$T/g/$f\",\"status\":\"authentic\"" "page check: $f authentic"
done
test "$(grep -c '"page_check":"match"' "$T/g.jsonl")" -eq 4
_report $? "page check: four pages judged match"
qpdf --qdf --object-streams=disable "$A" "$T/a.qdf"
$PY "$F" text "$T/a.qdf" "$T/e1.qdf" "32 学时" "52 学时"
fix-qdf "$T/e1.qdf" > "$T/e/seal-hours.pdf"
pdftoppm -r 200 -png -singlefile "$T/e/seal-hours.pdf" "$T/e/seal-hours-colour200"
pdftoppm -r 200 -gray -png -singlefile "$T/e/seal-hours.pdf" "$T/e/seal-hours-grey200"
status 1 "page check: the sealed certificate with an edited hours value is exit 1" "$V" files --trust "$S" --json "$T/e"
cp "$T/out" "$T/e.jsonl"
for f in seal-hours.pdf seal-hours-colour200.png seal-hours-grey200.png; do
	contains "$T/e.jsonl" "\"source\":\"$T/e/$f\",\"status\":\"composited\"" "page check: $f composited"
done
test "$(grep -c '"field":"hours_public"' "$T/e.jsonl")" -ge 3
_report $? "page check: each edited page names hours_public"

# --- the look: sizes and the seal's colour, on a kept screenshot ---------------
pdftotext -bbox "$A" "$T/bbox.html"
$PY - "$T/bbox.html" > "$T/sizes.txt" <<'EOF'
import re, sys
# a word's box is its font's ascent to descent: sizes relative to the
# 13 pt label 姓名： on the same page (layout: rows ... 13 15 ...)
t = open(sys.argv[1], encoding="utf-8").read()
words = [(float(m[4]) - float(m[2]), m[5]) for m in
         re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', t)]
k = [h for h, w in words if w == "姓名："][0] / 13
for h, w in words:
    if re.fullmatch(r"[0-9A-F]{16}", w) or w.startswith("核验") or w.startswith("签名密钥"):
        print("%s %.2f" % (w[:6], h / k))
EOF
test "$(wc -l < "$T/sizes.txt")" -ge 3 && awk '$2 < 7.95 { bad = 1 } END { exit bad }' "$T/sizes.txt"
r=$?; cp "$T/sizes.txt" "$T/out"; _report $r "look: the key id and the verification line are 8 pt or more (pdftotext -bbox)"
rm -rf "$ART" && mkdir -p "$ART"   # never a stale screenshot from an earlier run
pdftoppm -r 100 -png -singlefile "$A" "$ART/certificate-seal" &&
	pdftoppm -r 100 -png -singlefile "$T/p/4101020000123-2025-r1.pdf" "$ART/certificate-placeholder" && cp "$A" "$ART/"
ok "artefacts: kept in $ART" test -s "$ART/certificate-seal.png"
# the seal area (lib/layout.c: seal 372 172 124 124): the share of its pixels
# in the seal's red, against the thin placeholder ring; and none of that red
# among the value rows
$PY - "$ART/certificate-seal.png" "$ART/certificate-placeholder.png" > "$T/red.txt" <<'EOF'
import sys
from PIL import Image
def share(path, box):
    im = Image.open(path).convert("RGB"); k = im.width / 595.276
    x0, y0, x1, y1 = box
    c = im.crop((round(x0 * k), round(im.height - y1 * k), round(x1 * k), round(im.height - y0 * k)))
    px = list(c.getdata())
    return sum(1 for r, g, b in px if r > 150 and g < 90 and b < 90) / len(px)
for p in sys.argv[1:]:
    print("%.3f %.3f" % (share(p, (372, 172, 496, 296)), share(p, (215, 380, 540, 660))))
EOF
set -- $(cat "$T/red.txt")
cp "$T/red.txt" "$T/out"
$PY -c "import sys; a, b, c, d = map(float, sys.argv[1:]); sys.exit(not (a > 0.10 and c < 0.05 and b == 0 and d == 0))" "$@"
_report $? "look: the screenshot's seal area is the seal's red (with a seal over 10 %, the placeholder under 5 %, the rows none)"
