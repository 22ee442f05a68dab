"""Pixels: the certificate page rendered, edited the way a photo-editing app
edits it, and captured the way it reaches a committee (scans, phone photos,
scanner apps, stamps, handwriting, staples, sandwich PDFs).

Every function that draws at random takes a random.Random, so a corpus is
the same on every run. Sizes are in PDF points (1/72 in) on the page and in
pixels in the image; k = dpi / 72 converts.
"""
import io
import math
import os
import subprocess
import tempfile

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from pdfedit import FONT, Page

HAND_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
PAGE_W, PAGE_H = 595.28, 841.89


def render(pdf, dpi, page=1, gray=False, box=None):
    """The page as a viewer shows it (CropBox, /Rotate), by poppler; with
    BOX (x0, y0, x1, y1 in points from the bottom left), only that part."""
    with tempfile.TemporaryDirectory() as d:
        cmd = ["pdftoppm", "-cropbox", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile"]
        if gray:
            cmd.append("-gray")
        if box:
            k = dpi / 72.0
            cmd += ["-x", str(round(box[0] * k)), "-y", str(round((PAGE_H - box[3]) * k)),
                    "-W", str(round((box[2] - box[0]) * k)), "-H", str(round((box[3] - box[1]) * k))]
        subprocess.run(cmd + [pdf, os.path.join(d, "p")], check=True)
        im = Image.open(os.path.join(d, "p.png"))
        im.load()
    return im.convert("L" if gray else "RGB")


def font(size_px, path=FONT):
    return ImageFont.truetype(path, max(1, round(size_px)), index=0)


def pixel_edit(img, dpi, src, edits, font_path=FONT):
    """Each edited value erased to paper white and the new value drawn in the
    issuing font (or FONT_PATH) at the same size and baseline: what a forger
    does with a photo editor's eraser and text tool on a clean render or a
    good scan."""
    import born
    p = Page(src)
    k = dpi / 72.0
    img = img.copy()
    d = ImageDraw.Draw(img)
    white = 255 if img.mode == "L" else (255, 255, 255)
    for r, new in born.targets(p, edits):
        _, (x0, y0, x1, y1) = born.white_box(p, r, [r.text, new], pad=0.8)
        d.rectangle([x0 * k, (PAGE_H - y1) * k, x1 * k, (PAGE_H - y0) * k], fill=white)
        rgb = born.fill_of(p, r)
        ink = round(255 * rgb[0]) if img.mode == "L" else tuple(round(255 * c) for c in rgb)
        d.text((r.x * k, (PAGE_H - r.y) * k), new, font=font(r.size * k, font_path), fill=ink, anchor="ls")
    return img


def paste_qr(img, dpi, src, qr_src):
    """Another certificate's QR code cut from its page and pasted over this
    page's code (same place and size on every issued page)."""
    other = render(qr_src, dpi, gray=img.mode == "L")
    k = dpi / 72.0
    # lib/layout.c (qr 70 120 50): the QR image (quiet zone included) at x 70, y 120, about 167 pt
    box = (round(68 * k), round((PAGE_H - 290) * k), round(240 * k), round((PAGE_H - 118) * k))
    out = img.copy()
    out.paste(other.crop(box), box[:2])
    return out


# ---- marks a genuine page collects -----------------------------------------
def stamp(img, dpi, cx, cy, rng, text="河南省职称改革工作领导小组办公室", radius=48):
    """A red ink seal (ring, text round the ring, star) pressed at cx, cy
    points, ink uneven; multiplied into the page as ink is."""
    k = dpi / 72.0
    R = radius * k
    size = int(2 * R + 8)
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    c = size / 2
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=max(2, round(3.2 * k)))
    f = font(R * 0.26)
    n = len(text)
    for i, ch in enumerate(text):
        a = math.radians(-150 + 300 * i / max(1, n - 1))
        gx, gy = c + math.sin(a) * R * 0.76, c - math.cos(a) * R * 0.76
        g = Image.new("L", (round(R * 0.32),) * 2, 0)
        ImageDraw.Draw(g).text((g.width / 2, g.height / 2), ch, font=f, fill=255, anchor="mm")
        g = g.rotate(-math.degrees(a), resample=Image.BICUBIC)
        layer.paste(255, (round(gx - g.width / 2), round(gy - g.height / 2)), g)
    star = [(c + math.sin(math.radians(36 * j)) * R * (0.28 if j % 2 == 0 else 0.11),
             c - math.cos(math.radians(36 * j)) * R * (0.28 if j % 2 == 0 else 0.11)) for j in range(10)]
    d.polygon(star, fill=255)
    a = np.asarray(layer, dtype=np.float32) / 255.0
    a *= np.clip(rng.uniform(0.6, 1.0) + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 0.25, a.shape), 0.15, 1.0)
    layer = Image.fromarray((a * 255).astype(np.uint8)).rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    return _ink(img, layer, (200, 30, 40), round(cx * k - size / 2), round((PAGE_H - cy) * k - size / 2))


def _ink(img, alpha, rgb, x, y):
    """Multiplies colour RGB into IMG through ALPHA placed at x, y."""
    rgb_img = img.convert("RGB")
    base = np.asarray(rgb_img, dtype=np.float32)
    full = np.zeros(base.shape[:2], dtype=np.float32)
    a = np.asarray(alpha, dtype=np.float32) / 255.0
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(base.shape[1], x + a.shape[1]), min(base.shape[0], y + a.shape[0])
    full[y0:y1, x0:x1] = a[y0 - y:y1 - y, x0 - x:x1 - x]
    col = np.array(rgb, dtype=np.float32) / 255.0
    out = base * (1 - full[..., None] * (1 - col))
    res = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    return res.convert(img.mode) if img.mode == "L" else res


def handwriting(img, dpi, x, y, lines, rng, angle=None, size=13, rgb=(25, 45, 150)):
    """Blue-ink notes at x, y points (top left), slightly slanted and
    wavering, with a scribbled signature under them."""
    k = dpi / 72.0
    f = font(size * k, HAND_FONT)
    w = int(max(f.getlength(t) for t in lines) + 40 * k)
    h = int((len(lines) + 1.6) * size * 1.5 * k)
    layer = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(layer)
    cy = size * k
    for t in lines:
        cx = 4 * k
        for ch in t:
            d.text((cx, cy + rng.uniform(-1.2, 1.2) * k), ch, font=f, fill=255, anchor="ls")
            cx += f.getlength(ch) * rng.uniform(0.95, 1.12)
        cy += size * 1.5 * k
    pts, px, py = [], 6 * k, cy + 2 * k
    for i in range(60):   # the signature: a wavering loop stroke
        px += rng.uniform(1.2, 2.6) * k
        py = cy + 2 * k + math.sin(i / 3.2) * 5 * k + rng.uniform(-1.5, 1.5) * k
        pts.append((px, py))
    d.line(pts, fill=255, width=max(1, round(1.1 * k)), joint="curve")
    layer = layer.filter(ImageFilter.GaussianBlur(0.35 * k / 2))
    layer = layer.rotate(rng.uniform(-6, 6) if angle is None else angle, resample=Image.BICUBIC, expand=True)
    return _ink(img, layer, rgb, round(x * k), round((PAGE_H - y) * k))


def staples(img, dpi, rng, holes=True):
    """A staple in the top left corner and two punched holes on the left edge,
    as they show in a scan (dark where the lid shows through)."""
    k = dpi / 72.0
    out = img.convert("RGB")
    d = ImageDraw.Draw(out)
    x, y = 22 * k, 24 * k
    a = math.radians(rng.uniform(30, 55))
    L = 34 * k
    x2, y2 = x + math.cos(a) * L, y + math.sin(a) * L
    d.line([(x + 1.5 * k, y + 1.5 * k), (x2 + 1.5 * k, y2 + 1.5 * k)], fill=(150, 150, 150), width=round(2.4 * k))
    d.line([(x, y), (x2, y2)], fill=(70, 70, 75), width=round(1.6 * k))
    d.line([(x, y - 0.5 * k), (x2, y2 - 0.5 * k)], fill=(200, 200, 205), width=max(1, round(0.4 * k)))
    if holes:
        for cy in (PAGE_H / 2 - 80, PAGE_H / 2 + 80):
            r = 8 * k
            d.ellipse([14 * k - r, (PAGE_H - cy) * k - r, 14 * k + r, (PAGE_H - cy) * k + r], fill=(60, 60, 60))
    return out.convert(img.mode) if img.mode == "L" else out


def app_bands(img, dpi, header, footer, band=True):
    """A scanner app's header and footer lines: either printed in the page's
    outer margin, or (band) on strips the app adds above and below."""
    k = dpi / 72.0
    f = font(7.5 * k, HAND_FONT)
    if band:
        pad = round(22 * k)
        out = Image.new(img.mode, (img.width, img.height + 2 * pad), 255 if img.mode == "L" else (255, 255, 255))
        out.paste(img, (0, pad))
        d = ImageDraw.Draw(out)
        grey = 110 if img.mode == "L" else (110, 110, 110)
        d.text((16 * k, pad * 0.6), header, font=f, fill=grey, anchor="ls")
        d.text((out.width - 16 * k, out.height - pad * 0.4), footer, font=f, fill=grey, anchor="rs")
        return out
    out = img.copy()
    d = ImageDraw.Draw(out)
    grey = 120 if img.mode == "L" else (120, 120, 120)
    d.text((40 * k, 16 * k), header, font=f, fill=grey, anchor="ls")
    d.text((img.width - 40 * k, img.height - 12 * k), footer, font=f, fill=grey, anchor="rs")
    return out


def glare(img, dpi, cx, cy, r, strength):
    """A flash reflection: light added in a soft disc of radius R points at
    cx, cy, up to STRENGTH of the way to white."""
    k = dpi / 72.0
    h, w = img.height // 8 + 1, img.width // 8 + 1
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32) * 8
    d2 = ((xx - cx * k) ** 2 + (yy - (PAGE_H - cy) * k) ** 2) / (r * k) ** 2
    a = strength * np.exp(-2.2 * d2 ** 1.6)
    m = _smooth(255 * a, img.size)
    white = Image.new(img.mode, img.size, 255 if img.mode == "L" else (255, 255, 255))
    return Image.composite(white, img, m)


def cover(img, dpi, x0, y0, x1, y1, rng):
    """An opaque sticky note (pale yellow, a soft shadow) over the box."""
    k = dpi / 72.0
    out = img.convert("RGB")
    d = ImageDraw.Draw(out)
    box = [x0 * k, (PAGE_H - y1) * k, x1 * k, (PAGE_H - y0) * k]
    d.rectangle([box[0] + 3 * k, box[1] + 3 * k, box[2] + 3 * k, box[3] + 3 * k], fill=(200, 200, 190))
    d.rectangle(box, fill=(252, 240, 150))
    return out.convert(img.mode) if img.mode == "L" else out


def pen_marks(img, dpi, rng):
    """A reviewer's red pen: the total's value circled, the name underlined,
    a tick beside the hours (none of it over a value's strokes)."""
    k = dpi / 72.0
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    wd = max(1, round(1.3 * k))
    # tools/issue/pdf.c: values start at x 221; 合计 on the 7th line (y 452), 姓名 on the 1st (650)
    d.ellipse([212 * k, (PAGE_H - 470) * k, 290 * k, (PAGE_H - 444) * k], outline=255, width=wd)
    d.line([(219 * k, (PAGE_H - 645) * k), (275 * k, (PAGE_H - 646.5) * k)], fill=255, width=wd)
    d.line([(300 * k, (PAGE_H - 520) * k), (306 * k, (PAGE_H - 527) * k), (320 * k, (PAGE_H - 508) * k)], fill=255, width=wd)
    return _ink(img, layer, (210, 30, 30), 0, 0)


# ---- captures -------------------------------------------------------------
def _noise(img, rng, sigma):
    """Gaussian sensor noise of SIGMA grey levels (the same on every channel)."""
    n = np.random.default_rng(rng.randrange(1 << 30)).normal(128, sigma, (img.height, img.width))
    n = Image.fromarray(np.clip(n, 0, 255).astype(np.uint8))
    if img.mode != "L":
        n = Image.merge("RGB", (n, n, n))
    return ImageChops.add(img, n, 1.0, -128)


def _smooth(small, size):
    """A smooth field computed small, scaled up to SIZE."""
    return Image.fromarray(np.clip(small, 0, 255).astype(np.uint8)).resize(size, Image.BILINEAR)


def scan(img, rng, skew=0.0, noise=3.0, toner=0, blur=0.5, grey=False, paper=(250, 248, 242), bed=252):
    """A flatbed scan of the print: paper tint, lens softness, a skew of a
    few degrees on the glass, sensor noise, toner specks; grey or colour."""
    im = ImageChops.multiply(img.convert("RGB"), Image.new("RGB", img.size, paper))
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    if skew:
        im = im.rotate(skew, resample=Image.BICUBIC, fillcolor=(bed,) * 3)
    if toner:
        d = ImageDraw.Draw(im)
        for _ in range(toner):
            x, y = rng.uniform(0, im.width), rng.uniform(0, im.height)
            r = rng.uniform(0.5, 2.2)
            g = rng.randint(40, 140)
            d.ellipse([x - r, y - r, x + r, y + r], fill=(g, g, g))
    if noise:
        im = _noise(im, rng, noise)
    return im.convert("L") if grey else im


def _coeffs(dst, src):
    """PIL PERSPECTIVE coefficients mapping output points DST to input SRC."""
    A, b = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); b.append(v)
    return np.linalg.solve(np.array(A, dtype=np.float64), np.array(b, dtype=np.float64)).tolist()


def photo(page, rng, frame=(2448, 3264), fill=0.86, tilt=0.06, turn=4.0, shadow=0.35, blur=1.0,
          noise=4.0, desk=(120, 96, 70), landscape=False):
    """A phone photo of the printed page on a desk: the page covers FILL of
    the frame's height, its corners pulled by up to TILT of its size
    (perspective), turned by up to TURN degrees, a shadow gradient from one
    side (down to 1-SHADOW of the light), a vignette, lens blur and sensor
    noise. Returns an RGB image (JPEG it with save_jpeg)."""
    W, H = (frame[1], frame[0]) if landscape else frame
    long = fill * (W if landscape else H)
    short = long * PAGE_W / PAGE_H
    if landscape:   # the page lies across the frame: photographed sideways
        page = page.rotate(90, expand=True)
        pw, ph = long, short
    else:
        pw, ph = short, long
    src = page.convert("RGB").resize((max(1, round(pw)), max(1, round(ph))), Image.BILINEAR, reducing_gap=2.0)
    cx, cy = W / 2 + rng.uniform(-0.03, 0.03) * W, H / 2 + rng.uniform(-0.03, 0.03) * H
    t = math.radians(rng.uniform(-turn, turn))
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * pw / 2, sy * ph / 2
        x += rng.uniform(-tilt, tilt) * pw / 2
        y += rng.uniform(-tilt, tilt) * ph / 2
        corners.append((cx + x * math.cos(t) - y * math.sin(t), cy + x * math.sin(t) + y * math.cos(t)))
    rect = [(0, 0), (src.width, 0), (src.width, src.height), (0, src.height)]
    co = _coeffs(corners, rect)
    rgba = src.convert("RGBA")
    warped = rgba.transform((W, H), Image.PERSPECTIVE, co, resample=Image.BILINEAR, fillcolor=(0, 0, 0, 0))
    # desk, light and shadow are smooth: computed on a grid 16 times smaller
    g = np.random.default_rng(rng.randrange(1 << 30))
    h, w = H // 16 + 1, W // 16 + 1
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    grain = g.normal(0, 5, (h, w))
    desk_im = Image.merge("RGB", [_smooth(desk[ch] + grain + 12 * np.sin(xx / 2.3 + yy / 25.0), (W, H)) for ch in range(3)])
    desk_im = desk_im.convert("RGBA")
    desk_im.alpha_composite(warped)
    ang = rng.uniform(0, 2 * math.pi)
    ramp = (np.cos(ang) * (xx / w - 0.5) + np.sin(ang) * (yy / h - 0.5)) + 0.5
    light = (1.0 - shadow * np.clip(ramp, 0, 1)) * (1.0 - 0.35 * ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2))
    tint = (1.0, 0.98, 0.93)
    light_im = Image.merge("RGB", [_smooth(255 * light * t, (W, H)) for t in tint])
    im = ImageChops.multiply(desk_im.convert("RGB"), light_im)
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        im = _noise(im, rng, noise)
    return im


# ---- files -------------------------------------------------------------------
def save_jpeg(img, path, quality, dpi=None):
    kw = {"quality": quality}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    img.save(path, "JPEG", **kw)


def save_png(img, path, dpi=None):
    img.save(path, "PNG", dpi=(dpi, dpi) if dpi else None) if dpi else img.save(path, "PNG")


def image_pdf(imgs, path, dpi, quality=85, rotate=0):
    """A scanned PDF: one page per image at DPI, each a JPEG (DCTDecode);
    with rotate, each page's image stored turned and /Rotate set so that a
    viewer shows it upright (as some scanners write landscape sensors)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name
    pdf = pikepdf.new()
    for im in imgs:
        stored = im.rotate(rotate, expand=True) if rotate else im
        buf = io.BytesIO()
        stored.save(buf, "JPEG", quality=quality)
        w, h = stored.width * 72.0 / dpi, stored.height * 72.0 / dpi
        xo = pdf.make_stream(buf.getvalue(), Type=Name.XObject, Subtype=Name.Image, Width=stored.width,
                             Height=stored.height, BitsPerComponent=8, Filter=Name.DCTDecode,
                             ColorSpace=Name.DeviceGray if stored.mode == "L" else Name.DeviceRGB)
        page = pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, w, h]),
                                       Resources=Dictionary(XObject=Dictionary(Im0=xo)),
                                       Contents=pdf.make_stream(b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (w, h))))
        if rotate:
            page.obj.Rotate = rotate % 360   # PIL turned it counter-clockwise; /Rotate turns clockwise
        pdf.pages.append(page)
    pdf.save(path, static_id=True)


def sandwich(img, path, dpi, runs, quality=80):
    """An OCR-style PDF: the scanned image, and over it the text runs in
    invisible render mode (3 Tr) at their places on the page, as
    OCRmyPDF-like tools write. RUNS: (text, x, y, size) in points."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    if "WQYZH" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQYZH", FONT, subfontIndex=0))
    w, h = img.width * 72.0 / dpi, img.height * 72.0 / dpi
    c = canvas.Canvas(path, pagesize=(w, h), invariant=1)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    c.drawImage(ImageReader(buf), 0, 0, w, h)
    for t, x, y, size in runs:
        o = c.beginText()
        o.setTextRenderMode(3)
        o.setFont("WQYZH", size)
        o.setTextOrigin(x, y)
        o.textOut(t)
        c.drawText(o)
    c.showPage()
    c.save()


ATTACHMENT = [
    ("继续教育学时明细（附件）", 18),
    ("姓名：{name}    证书管理号：{number}", 12),
    ("序号  课程名称                              类别      学时", 11),
    ("1     专业技术人员职业道德与诚信建设            公需科目  12", 11),
    ("2     数字经济与创新驱动发展                    公需科目  10", 11),
    ("3     行业新技术应用专题                        专业科目  24", 11),
    ("4     岗位实务案例研讨                          专业科目  20", 11),
    ("5     学术会议（省级，2 天）                    专业科目  8", 11),
    ("本明细由学员单位打印，仅供核对，不作为证书使用。", 10),
]


def attachment_image(dpi, name, number):
    """A second page that travels with certificates: the course list the
    applicant's unit printed (text, numbers, no code)."""
    k = dpi / 72.0
    im = Image.new("RGB", (round(PAGE_W * k), round(PAGE_H * k)), (255, 255, 255))
    d = ImageDraw.Draw(im)
    y = 90
    for t, size in ATTACHMENT:
        d.text((60 * k, y * k), t.format(name=name, number=number), font=font(size * k, HAND_FONT), fill=(20, 20, 20))
        y += size * 2.4
    return im


def attachment_pdf(path, name, number):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    if "WQYZH" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQYZH", FONT, subfontIndex=0))
    c = canvas.Canvas(path, pagesize=(PAGE_W, PAGE_H), invariant=1)
    y = PAGE_H - 90
    for t, size in ATTACHMENT:
        c.setFont("WQYZH", size)
        c.drawString(60, y, t.format(name=name, number=number))
        y -= size * 2.4
    c.showPage()
    c.save()
