#!/usr/bin/env python3
"""Degraded-image corpus for tests/bench/files.sh (the decode rate per
degradation).

From QR texts of issued certificates (one a line), renders certificate pages
at 100-300 dpi and degrades them the way printing, scanning and phone
cameras do. Writes PNG/JPEG files and manifest.tsv:
    file  class  parameter  expected-qr-text
Photo classes are 1280x720 frames (a phone or kiosk camera looking at the
page); class "scan" is the whole A4 page as a flatbed scanner delivers it.
Deterministic for a given --seed. Needs python3-pil, python3-numpy, qrencode.
"""
import argparse, io, os, random, subprocess, sys
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
CLASSES = ["clean", "blur", "noise", "jpeg", "rotation", "perspective",
           "lowcontrast", "uneven", "small", "inverted", "scan"]

def qr_matrix(text):
    png = subprocess.run(["qrencode", "-l", "M", "-s", "1", "-m", "0", "-t", "PNG", "-o", "-", text],
                         check=True, capture_output=True).stdout
    return np.array(Image.open(io.BytesIO(png)).convert("L")) < 128

def font(px):
    try:
        return ImageFont.truetype(FONT, max(8, int(px)))
    except OSError:
        return ImageFont.load_default()

def page(mat, dpi, qr_mm, label):
    """An A4 certificate page; returns (grey image, qr box)."""
    mm = dpi / 25.4
    w, h = int(210 * mm), int(297 * mm)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    d.text((int(40 * mm), int(30 * mm)), "河南省专业技术人员继续教育证书", fill=0, font=font(7 * mm))
    y = 60
    for line in label:
        d.text((int(30 * mm), int(y * mm)), line, fill=30, font=font(4.5 * mm))
        y += 10
    d.rectangle([int(20 * mm), int(20 * mm), w - int(20 * mm), h - int(20 * mm)], outline=60, width=max(1, int(mm)))
    n = mat.shape[0]
    side = int(qr_mm * mm)
    # area-averaged, as a lens and sensor (or a printer's dots) would give
    big = Image.fromarray(np.where(mat, 0, 255).astype(np.uint8)).resize((n * 16, n * 16), Image.NEAREST)
    q = big.resize((side, side), Image.BOX)
    x0, y0 = int(140 * mm), int(220 * mm)
    img.paste(q, (x0, y0))
    return img, (x0, y0, side, n)

def frame(img, box, rng, size=(1280, 720)):
    """A camera-sized window onto the page that contains the whole code,
    with room around it to turn it by any angle."""
    W, H = size
    x0, y0, side, _ = box
    bg = Image.new("L", (W, H), rng.randint(90, 160))
    m = int(side * 0.25) + 20
    lo_x, hi_x = x0 + side + m - W, x0 - m
    lo_y, hi_y = y0 + side + m - H, y0 - m
    ox = rng.randint(min(lo_x, hi_x), max(lo_x, hi_x))
    oy = rng.randint(min(lo_y, hi_y), max(lo_y, hi_y))
    bg.paste(img, (-ox, -oy))
    return bg, (x0 - ox + side / 2, y0 - oy + side / 2)

def perspective_coeffs(src, dst):
    a = []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    A = np.array(a, dtype=float); b = np.array(src, dtype=float).reshape(8)
    return np.linalg.solve(A, b).tolist()

def degrade(cls, img, rng, nrng, center):
    a = lambda: np.asarray(img, dtype=np.float32)
    if cls == "blur":
        r = rng.uniform(1.0, 4.0)
        return img.filter(ImageFilter.GaussianBlur(r)), "radius=%.1f" % r
    if cls == "noise":
        s = rng.uniform(15, 70)
        return Image.fromarray(np.clip(a() + nrng.normal(0, s, a().shape), 0, 255).astype(np.uint8)), "sigma=%.0f" % s
    if cls == "jpeg":
        q = rng.randint(3, 25)
        buf = io.BytesIO(); img.save(buf, "JPEG", quality=q)
        return Image.open(io.BytesIO(buf.getvalue())).convert("L"), "quality=%d" % q
    if cls == "rotation":
        d = rng.uniform(5, 355)
        return img.rotate(d, resample=Image.BILINEAR, fillcolor=128, center=center), "deg=%.0f" % d
    if cls == "perspective":
        W, H = img.size; t = rng.uniform(0.10, 0.30)
        src = [(0, 0), (W, 0), (W, H), (0, H)]
        k = rng.randint(0, 3)
        dst = [list(p) for p in src]
        # pull two adjacent corners inwards: the page seen at an angle
        for i in (k, (k + 1) % 4):
            dst[i][0] += (W / 2 - dst[i][0]) * t; dst[i][1] += (H / 2 - dst[i][1]) * t
        c = perspective_coeffs(src, [tuple(p) for p in dst])
        return img.transform(img.size, Image.PERSPECTIVE, c, Image.BILINEAR, fillcolor=128), "tilt=%.2f" % t
    if cls == "lowcontrast":
        c = rng.uniform(8, 30)
        x = a() / 255.0
        return Image.fromarray((128 - c + 2 * c * x).astype(np.uint8)), "range=%.0f" % (2 * c)
    if cls == "uneven":
        W, H = img.size; s = rng.uniform(0.5, 0.9)
        gx = np.linspace(1.0, 1.0 - s, W)[None, :]; gy = np.linspace(1.0, 0.8, H)[:, None]
        return Image.fromarray(np.clip(a() * gx * gy + 10, 0, 255).astype(np.uint8)), "shade=%.2f" % s
    if cls == "inverted":
        return Image.fromarray((255 - a()).astype(np.uint8)), "inverted"
    return img, "-"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("texts"); ap.add_argument("out")
    ap.add_argument("--per-class", type=int, default=20); ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--classes", default=",".join(CLASSES))
    o = ap.parse_args()
    texts = [t.strip() for t in open(o.texts, encoding="utf-8") if t.strip()]
    mats = [qr_matrix(t) for t in texts]
    os.makedirs(o.out, exist_ok=True)
    rng = random.Random(o.seed); nrng = np.random.default_rng(o.seed)
    man = open(os.path.join(o.out, "manifest.tsv"), "w", encoding="utf-8")
    for cls in o.classes.split(","):
        for i in range(o.per_class):
            k = rng.randrange(len(texts)); mat = mats[k]
            label = ["姓名：测试%d" % k, "年度：2024", "学时：96"]
            if cls == "small":
                mod = rng.uniform(1.2, 2.4)       # pixels per module in the frame
                dpi = mod * mat.shape[0] / (30 / 25.4)
                img, box = page(mat, dpi, 30, label)
                img, _ = frame(img, box, rng); param = "module=%.1fpx" % mod
            elif cls == "scan":
                dpi = rng.choice([150, 200, 300])
                img, box = page(mat, dpi, 30, label)
                img = img.filter(ImageFilter.GaussianBlur(0.6))
                img = Image.fromarray(np.clip(np.asarray(img, np.float32) * 0.92 + 12 + nrng.normal(0, 6, (img.size[1], img.size[0])), 0, 255).astype(np.uint8))
                param = "dpi=%d" % dpi
            else:
                dpi = rng.uniform(100, 300)
                img, box = page(mat, dpi, 30, label)
                img, center = frame(img, box, rng)
                img, param = degrade(cls, img, rng, nrng, center)
                param += ",dpi=%.0f" % dpi
            name = "%s-%03d.%s" % (cls, i, "jpg" if cls in ("jpeg", "scan") else "png")
            path = os.path.join(o.out, name)
            if name.endswith(".jpg"):
                q = int(param.split("quality=")[1].split(",")[0]) if cls == "jpeg" else 85
                img.save(path, "JPEG", quality=q)
            else:
                img.save(path, "PNG", compress_level=1)
            man.write("%s\t%s\t%s\t%s\n" % (name, cls, param, texts[k]))
    man.close()

if __name__ == "__main__":
    sys.exit(main())
