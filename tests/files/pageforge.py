#!/usr/bin/python3
"""Pages as a forger or a scanner leaves them, for tests/sh/pagecheck.sh.
Positions are in PDF points (origin bottom-left) of the A4 certificate.

  pageforge.py paint IN.png OUT.png DPI X Y W H TEXT SIZE BASELINE
        white box (X,Y,W,H) over the page, TEXT drawn from (X, BASELINE) in
        the issuer's font (wqy-zenhei) at SIZE points: an edited scan
  pageforge.py annot IN.pdf OUT.pdf KIND X Y W H TEXT [FLAGS]
        an annotation (KIND FreeText or Widget) with its own appearance: a
        white box and TEXT in Helvetica 15; FLAGS the annotation flags
        (default 4, printable; 36 = printable but never shown on screen)
  pageforge.py scan IN.png OUT.png ANGLE NOISE [footer] [stamp] [toner] [seal]
        a flatbed scan: turned ANGLE degrees, grey paper, noise, JPEG-like
        softening; with a scanner app's footer line below the frame, a
        round stamp and handwriting in the margin, 600 toner specks (dots
        of 0.5-2.2 px radius, grey 40-140) anywhere on the page, a unit's
        seal (ring, star, its name) pressed over the end of the title
  pageforge.py glare IN.png OUT.png DPI X Y R STRENGTH
        a flash's reflection: light added in a soft disc of radius R points
        at (X, Y), up to STRENGTH of the way to white
  pageforge.py photo IN.png OUT.jpg TILT
        a phone photo: the page in perspective (TILT 0..0.2) on a desk,
        uneven light, noise, JPEG quality 80
  pageforge.py sandwich IN.pdf IMG.png OUT.pdf
        IN's page with IMG (an edited scan of it) drawn over the whole page:
        the text layer stays IN's genuine text, the page shows IMG (an
        OCR-style "sandwich" turned round)
  pageforge.py seal IN.png OUT.png X Y R
        a red seal pressed over the page at centre (X, Y), radius R points:
        a ring, a star and strokes in red ink, multiplied over the print
        (black under it stays black), as a bureau's or employer's stamp
  pageforge.py twopage A.pdf B.pdf OUT.pdf
        A's pages then B's (a certificate with an appendix page)
"""
import re, sys, warnings
warnings.simplefilter("ignore")
from PIL import Image, ImageDraw, ImageFilter, ImageFont
import numpy as np

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
PAGE_H = 841.89

def paint(src, out, dpi, x, y, w, h, text, size, base):
    dpi, x, y, w, h, size, base = float(dpi), float(x), float(y), float(w), float(h), float(size), float(base)
    im = Image.open(src).convert("L")
    s = dpi / 72.0
    d = ImageDraw.Draw(im)
    d.rectangle([x * s, (PAGE_H - y - h) * s, (x + w) * s, (PAGE_H - y) * s], fill=255)
    f = ImageFont.truetype(FONT, int(round(size * s)), index=0)
    if text:
        d.text((x * s, (PAGE_H - base) * s), text, font=f, fill=0, anchor="ls")
    im.save(out)

def annot(src, out, kind, x, y, w, h, text, flags="4"):
    pdf = open(src, "rb").read()
    startxref = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    size = max(int(v) for v in re.findall(rb"/Size (\d+)", pdf))
    root = re.findall(rb"/Root (\d+) 0 R", pdf)[-1]
    page = None
    for mo in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*endobj", pdf, re.S):
        if re.search(rb"/Type\s*/Page\b", mo.group(2)):
            page = mo
    pnum, pdict = int(page.group(1)), page.group(2)
    x, y, w, h = float(x), float(y), float(w), float(h)
    ap = ("1 g 0 0 %.2f %.2f re f 0 g BT /Helv 15 Tf 2 %.2f Td (%s) Tj ET" % (w, h, h * 0.25, text)).encode()
    n_ap, n_font, n_annot = size, size + 1, size + 2
    objs = {}
    objs[n_ap] = b"<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources << /Font << /Helv %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream" % (w, h, n_font, len(ap), ap)
    objs[n_font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    extra = b" /FT /Tx /T (f1) /V (%s)" % text.encode() if kind == "Widget" else b" /Contents (%s) /DA (/Helv 15 Tf 0 g)" % text.encode()
    objs[n_annot] = b"<< /Type /Annot /Subtype /%s /Rect [%.2f %.2f %.2f %.2f] /F %s%s /AP << /N %d 0 R >> /P %d 0 R >>" % (
        kind.encode(), x, y, x + w, y + h, flags.encode(), extra, n_ap, pnum)
    objs[pnum] = pdict[:-2].rstrip() + b" /Annots [%d 0 R] >>" % n_annot
    body = b"\n"
    offs = {}
    base = len(pdf)
    for n in sorted(objs):
        offs[n] = base + len(body)
        body += b"%d 0 obj\n%s\nendobj\n" % (n, objs[n])
    xref_at = base + len(body)
    xref = b"xref\n"
    for n in sorted(objs):
        xref += b"%d 1\n%010d 00000 n \n" % (n, offs[n])
    trailer = b"trailer\n<< /Size %d /Root %s 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size + 3, root, startxref, xref_at)
    open(out, "wb").write(pdf + body + xref + trailer)

def scan(src, out, angle, noise, *extras):
    im = Image.open(src).convert("L")
    W, H = im.size
    d = ImageDraw.Draw(im)
    if "footer" in extras:
        f = ImageFont.truetype(FONT, max(10, W // 70), index=0)
        d.text((W * 0.05, H * 0.985), "扫描全能王 CamScanner  2025-12-21 09:14  第 1 页", font=f, fill=60, anchor="ls")
        d.text((W * 0.05, H * 0.012), "Scanned with CamScanner", font=f, fill=90, anchor="lt")
    if "stamp" in extras:
        r = W * 0.045
        cx, cy = W * 0.975, H * 0.55
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=110, width=max(2, W // 300))
        d.line([(W * 0.005, H * 0.3), (W * 0.02, H * 0.33), (W * 0.01, H * 0.36)], fill=40, width=max(2, W // 400))
    if "seal" in extras:
        k = W / 595.276
        cx, cy, r = 500 * k, (PAGE_H - 770) * k, 40 * k
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=95, width=max(2, int(1.6 * k)))
        d.regular_polygon((cx, cy, 9 * k), 5, fill=95)
        f = ImageFont.truetype(FONT, int(7 * k), index=0)
        d.text((cx, cy + 20 * k), "某某大学人事处", font=f, fill=95, anchor="mm")
    if "toner" in extras:
        rng = np.random.default_rng(11)
        for _ in range(600):
            x, y, r = rng.uniform(0, W), rng.uniform(0, H), rng.uniform(0.5, 2.2)
            d.ellipse([x - r, y - r, x + r, y + r], fill=int(rng.integers(40, 141)))
    im = im.rotate(float(angle), resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(im).astype(np.float32)
    a = a * 0.9 + 12                                     # grey paper, not pure white
    a += np.random.default_rng(7).normal(0, float(noise), a.shape)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    if out.endswith(".jpg"):
        im.save(out, quality=85)
    else:
        im.save(out)

def glare(src, out, dpi, x, y, r, strength):
    im = Image.open(src).convert("L")
    k = float(dpi) / 72.0
    yy, xx = np.mgrid[0:im.height, 0:im.width].astype(np.float32)
    d2 = ((xx - float(x) * k) ** 2 + (yy - (PAGE_H - float(y)) * k) ** 2) / (float(r) * k) ** 2
    a = float(strength) * np.exp(-2.2 * d2 ** 1.6)
    g = np.asarray(im).astype(np.float32)
    Image.fromarray(np.clip(g + (255 - g) * a, 0, 255).astype(np.uint8)).save(out)

def persp_coeffs(dst, src):
    """PIL PERSPECTIVE coefficients mapping output points dst to input src."""
    A, b = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); b.append(v)
    return np.linalg.solve(np.array(A, float), np.array(b, float)).tolist()

def photo(src, out, tilt, blur="0.8"):
    """A camera above the desk, the top of the page farther away: a true
    perspective (PIL's PERSPECTIVE), then light, noise, the lens's blur
    and JPEG."""
    page = Image.open(src).convert("L")
    W, H = page.size
    tilt = float(tilt)
    S = int(max(W, H) * 1.2)
    ox, oy = (S - W) / 2, (S - H) / 2
    # where the page's corners land in the photo: the top edge narrower
    dx = W * tilt / 2
    corners = [(ox + dx, oy + H * tilt * 0.3), (ox - dx * 0.2, oy + H), (ox + W + dx * 0.2, oy + H), (ox + W - dx, oy + H * tilt * 0.3)]
    c = persp_coeffs(corners, [(0, 0), (0, H), (W, H), (W, 0)])
    im = page.transform((S, S), Image.PERSPECTIVE, c, resample=Image.BICUBIC, fillcolor=90)
    a = np.asarray(im).astype(np.float32)
    yy, xx = np.mgrid[0:S, 0:S]
    a *= 0.75 + 0.25 * (xx / S)                          # light from one side
    a += np.random.default_rng(3).normal(0, 5, a.shape)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(float(blur)))
    im.save(out, quality=80)

def desk(pdf, out, seed):
    """A phone photo of the printed page on a desk, as the page corpus makes
    them (tests/pagecorpus/raster.py: perspective pulling each corner its
    own way, a turn, shadow, vignette, blur, noise), its settings drawn from
    SEED: the page fills 85-95 % of a 2448x3264, 3024x4032 or 1536x2048
    frame."""
    import os, random, subprocess, tempfile
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pagecorpus"))
    import raster
    r = random.Random(int(seed))
    frame = r.choice([(2448, 3264), (3024, 4032), (1536, 2048)])
    fill = r.uniform(0.85, 0.95)
    kw = dict(frame=frame, fill=fill, tilt=r.uniform(0.08, 0.16), turn=r.uniform(0, 12), shadow=r.uniform(0.2, 0.7),
              blur=r.uniform(0.6, 1.2), noise=r.uniform(2, 9))
    dpi = max(72, min(300, int(fill * max(frame) / 11.69 * 1.15)))
    with tempfile.TemporaryDirectory() as t:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", pdf, os.path.join(t, "p")], check=True)
        src = Image.open(os.path.join(t, "p.png")).convert("RGB")
    raster.save_jpeg(raster.photo(src, random.Random(int(seed)), **kw), out, 75)

def incremental(pdf, objs, size, root, startxref):
    body, offs, base = b"\n", {}, len(pdf)
    for n in sorted(objs):
        offs[n] = base + len(body)
        body += b"%d 0 obj\n%s\nendobj\n" % (n, objs[n])
    xref_at = base + len(body)
    xref = b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, offs[n]) for n in sorted(objs))
    newsize = max(size, max(objs) + 1)
    trailer = b"trailer\n<< /Size %d /Root %s 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (newsize, root, startxref, xref_at)
    return pdf + body + xref + trailer

def sandwich(src, img, out):
    import zlib
    pdf = open(src, "rb").read()
    startxref = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    size = max(int(v) for v in re.findall(rb"/Size (\d+)", pdf))
    root = re.findall(rb"/Root (\d+) 0 R", pdf)[-1]
    page = None
    for mo in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*endobj", pdf, re.S):
        if re.search(rb"/Type\s*/Page\b", mo.group(2)):
            page = mo
    pnum, pdict = int(page.group(1)), page.group(2)
    im = Image.open(img).convert("L")
    W, H = im.size
    data = zlib.compress(im.tobytes())
    n_img, n_cs = size, size + 1
    objs = {n_img: b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (W, H, len(data)) + data + b"\nendstream"}
    cs = b"q 595.276 0 0 841.89 0 0 cm /Scan Do Q"
    objs[n_cs] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cs), cs)
    contents = re.search(rb"/Contents\s+(\d+ 0 R|\[[^\]]*\])", pdict).group(1)
    if contents.startswith(b"["):
        newc = contents[:-1] + b" %d 0 R]" % n_cs
    else:
        newc = b"[" + contents + b" %d 0 R]" % n_cs
    d = pdict.replace(b"/Contents " + contents, b"/Contents " + newc)
    # the image joins the page's resources
    res = re.search(rb"/Resources\s*(\d+) 0 R", d)
    if res:
        rn = int(res.group(1))
        rd = re.search(rb"%d 0 obj\s*(<<.*?>>)\s*endobj" % rn, pdf, re.S).group(1)
        objs[rn] = rd[:-2].rstrip() + b" /XObject << /Scan %d 0 R >> >>" % n_img if b"/XObject" not in rd else rd.replace(b"/XObject <<", b"/XObject << /Scan %d 0 R" % n_img, 1)
    else:
        m = re.search(rb"/Resources\s*<<", d)
        d = d[:m.end()] + b" /XObject << /Scan %d 0 R >>" % n_img + d[m.end():] if b"/XObject" not in d else d.replace(b"/XObject <<", b"/XObject << /Scan %d 0 R" % n_img, 1)
    objs[pnum] = d
    open(out, "wb").write(incremental(pdf, objs, size, root, startxref))

def seal(src, out, x, y, r):
    from PIL import ImageChops
    im = Image.open(src).convert("RGB")
    W, H = im.size
    k = W / 595.28                                       # pixels per point
    cx, cy, rr = float(x) * k, (PAGE_H - float(y)) * k, float(r) * k
    ink = Image.new("RGB", im.size, (255, 255, 255))
    d = ImageDraw.Draw(ink)
    red = (205, 35, 45)
    d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=red, width=max(3, int(rr / 14)))
    import math
    pts = [(cx + rr * 0.35 * math.cos(math.pi / 2 + i * 4 * math.pi / 5), cy - rr * 0.35 * math.sin(math.pi / 2 + i * 4 * math.pi / 5))
           for i in range(5)]
    d.polygon(pts, fill=red)
    for i in range(5):                                   # the bureau's name, as strokes round the ring
        a = math.pi * (0.15 + 0.14 * i)
        d.line([(cx - rr * 0.8 * math.cos(a), cy - rr * 0.8 * math.sin(a)),
                (cx - rr * 0.62 * math.cos(a), cy - rr * 0.62 * math.sin(a))], fill=red, width=max(2, int(rr / 20)))
    d.line([(cx - rr * 0.5, cy + rr * 0.55), (cx + rr * 0.5, cy + rr * 0.55)], fill=red, width=max(2, int(rr / 20)))
    ImageChops.multiply(im, ink).save(out)

def twopage(a, b, out):
    import subprocess
    subprocess.run(["qpdf", "--empty", "--pages", a, b, "--", out], check=True)

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"paint": paint, "annot": annot, "scan": scan, "photo": photo, "twopage": twopage, "sandwich": sandwich,
     "glare": glare, "seal": seal, "desk": desk}[cmd](*args)
