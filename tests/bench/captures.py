#!/usr/bin/python3
"""A realistic capture corpus for the decoder benchmark: certificates as a
phone, a scanner or a fax captures them, so the decode rate is measured on
what counters receive.

    captures.py PDF_DIR OUT_DIR [--per-class N] [--seed S] [--classes a,b] [--jobs J]

PDF_DIR holds certificate PDFs issued by certqr-issue (the bench issues
them). Each is rendered once at 600 dpi with pdftoppm (the "paper"), and its
QR code is located on that render with ZXingReader (only to know where the
code is and how many pixels a module gets: the layout can change). Every
image of the corpus is then made from paper or from a screen the way a
device makes it: an office scanner, a fax, a photocopier, a phone on a desk,
a phone pointed at a monitor, a webcam, a screenshot, a chat app. Classes
other than `generic_*` show real certificate pages; `generic_photo` shows QR
codes of other contents, versions (1-25) and levels, as users photograph
them. Class `hint` holds images nobody can read, each with the reason a
decoder should give (too small, blurred, dark, nothing there, damaged).

Writes PNG/JPEG files and manifest.jsonl, one object per image:
  {"file", "class", "size": [w, h], "ppm": pixels per module at the code,
   "param": what was done, "text": the expected QR text ("" for class hint),
   "hint": the expected hint (class hint only)}

Deterministic for a given --seed, whatever --jobs: each image draws from its
own generator seeded by (seed, class, index). Needs Debian's python3 with
PIL and numpy, poppler-utils (pdftoppm), qrencode and zxing-cpp-tools.
"""
import argparse, io, json, math, os, subprocess, sys, tempfile, warnings
from multiprocessing import Pool
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

PAPER_DPI = 600
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
CLASSES = ["scan_office", "fax", "photocopy", "phone_1600", "phone_4032", "monitor", "damaged",
           "webcam_640", "webcam_1280", "screenshot", "chat", "generic_photo", "hint"]

# ---------------------------------------------------------------- sources

def qr_matrix(text, level="M", version=0):
    cmd = ["qrencode", "-l", level, "-s", "1", "-m", "0", "-t", "PNG", "-o", "-"]
    if version:
        cmd += ["-v", str(version)]
    png = subprocess.run(cmd + ["--", text], check=True, capture_output=True).stdout
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # qrencode's palette PNG: PIL warns about its transparency
        return np.array(Image.open(io.BytesIO(png)).convert("L")) < 128

def locate(png_path):
    """Corners (TL, TR, BR, BL) and text of the code on a clean render."""
    out = subprocess.run(["ZXingReader", "-format", "QRCode", png_path], capture_output=True, text=True).stdout
    text = pos = level = None
    for line in out.splitlines():
        if line.startswith("Text:"):
            text = line.split('"', 1)[1].rsplit('"', 1)[0]
        elif line.startswith("Position:"):
            pos = [tuple(float(v) for v in p.split("x")) for p in line.split(":", 1)[1].split()]
        elif line.startswith("EC Level:"):
            level = line.split(":", 1)[1].strip()
    if not text or not pos:
        sys.exit("captures: cannot locate the code on %s" % png_path)
    return text, pos, level

class Paper:
    """A certificate page at PAPER_DPI with its code's corners and size."""
    def __init__(self, pdf, work):
        base = os.path.join(work, os.path.basename(pdf)[:-4])
        if not os.path.exists(base + ".pgm"):
            subprocess.run(["pdftoppm", "-gray", "-r", str(PAPER_DPI), "-singlefile", pdf, base], check=True)
        self.img = np.array(Image.open(base + ".pgm").convert("L"))
        if not os.path.exists(base + ".json"):
            # located on a 150 dpi render (quicker), corners scaled back
            subprocess.run(["pdftoppm", "-gray", "-r", "150", "-singlefile", "-png", pdf, base + "-150"], check=True)
            text, quad, level = locate(base + "-150.png")
            os.unlink(base + "-150.png")
            k = PAPER_DPI / 150
            with open(base + ".json", "w") as f:
                json.dump([text, [(x * k, y * k) for x, y in quad], level], f)
        with open(base + ".json") as f:
            self.text, self.quad, level = json.load(f)
        self.modules = qr_matrix(self.text, level or "M").shape[0]
        q = np.array(self.quad)
        self.side = float(np.mean([np.hypot(*(q[i] - q[(i + 1) % 4])) for i in range(4)]))
        self.module = self.side / self.modules          # paper pixels per module
        self.centre = q.mean(axis=0)

    def at(self, dpi):
        """The page at another resolution (area-averaged, as optics and
        sensors integrate light), and the scale factor."""
        s = dpi / PAPER_DPI
        im = Image.fromarray(self.img)
        w, h = max(1, round(im.width * s)), max(1, round(im.height * s))
        return np.asarray(im.resize((w, h), Image.BOX), dtype=np.float32), w / im.width

def font(px):
    try:
        return ImageFont.truetype(FONT, max(8, int(px)))
    except OSError:
        return ImageFont.load_default()

GENERIC_WORDS = ["河南", "继续教育", "证书", "扫码", "关注", "公众号", "优惠", "活动", "报名", "官网"]

def generic_text(rng):
    """Contents users meet: URLs, numbers, Chinese text, vCards, Wi-Fi."""
    kind = rng.choice(["url", "url", "num", "zh", "vcard", "wifi", "long"])
    a = "abcdefghijklmnopqrstuvwxyz0123456789"
    rnd = lambda n: "".join(a[i] for i in rng.integers(0, len(a), n))
    if kind == "url":
        return "https://www.%s.cn/%s?id=%s" % (rnd(int(rng.integers(4, 10))), rnd(int(rng.integers(3, 40))), rnd(8))
    if kind == "num":
        return "".join(str(d) for d in rng.integers(0, 10, int(rng.integers(8, 120))))
    if kind == "zh":
        return "".join(rng.choice(GENERIC_WORDS) for _ in range(int(rng.integers(2, 30))))
    if kind == "vcard":
        return "BEGIN:VCARD\nVERSION:3.0\nN:%s\nTEL:+86 371 %08d\nEMAIL:%s@example.cn\nEND:VCARD" % (
            rnd(6), int(rng.integers(0, 10**8)), rnd(7))
    if kind == "wifi":
        return "WIFI:T:WPA;S:%s;P:%s;;" % (rnd(8), rnd(12))
    return "https://www.example.cn/a/" + rnd(int(rng.integers(150, 700)))

def generic_print(rng, text, level):
    """A printed generic code on a poster, label or package: returns the
    surface (float32, 1 px = 0.1 mm), the code's corners, modules."""
    mat = qr_matrix(text, level)
    n = mat.shape[0]
    mod_mm = rng.uniform(0.35, 1.5)
    px = 10.0 * mod_mm                                    # surface pixels per module
    side = int(round(n * px))
    quiet = int(round(rng.uniform(2, 4) * px))
    W = int(side + 2 * quiet + rng.uniform(60, 400)); H = int(side + 2 * quiet + rng.uniform(60, 400))
    bgc = int(rng.integers(40, 255))
    surf = Image.new("L", (W, H), bgc)
    d = ImageDraw.Draw(surf)
    for _ in range(int(rng.integers(2, 8))):              # other graphics around the code
        x0, y0 = int(rng.integers(0, W)), int(rng.integers(0, H))
        d.rectangle([x0, y0, x0 + int(rng.integers(20, 300)), y0 + int(rng.integers(10, 120))], fill=int(rng.integers(0, 255)))
    for _ in range(int(rng.integers(0, 4))):
        d.text((int(rng.integers(0, W)), int(rng.integers(0, H))), rng.choice(GENERIC_WORDS), fill=int(rng.integers(0, 200)), font=font(rng.uniform(30, 120)))
    x0 = int(rng.integers(quiet, W - side - quiet + 1)); y0 = int(rng.integers(quiet, H - side - quiet + 1))
    d.rectangle([x0 - quiet, y0 - quiet, x0 + side + quiet, y0 + side + quiet], fill=int(rng.integers(215, 256)))
    dark = int(rng.integers(0, 60))
    code = Image.fromarray(np.where(mat, dark, 255).astype(np.uint8)).resize((side, side), Image.NEAREST)
    inverted = rng.random() < 0.1
    if inverted:                                          # light modules on dark (dark mode, some packaging)
        d.rectangle([x0 - quiet, y0 - quiet, x0 + side + quiet, y0 + side + quiet], fill=dark)
        code = Image.fromarray((255 + dark - np.asarray(code, np.int32)).astype(np.uint8))
    surf.paste(code, (x0, y0))
    quad = [(x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side)]
    return np.asarray(surf, np.float32), quad, n, "v%d-%s,mod=%.2fmm%s" % ((n - 17) // 4, level, mod_mm, ",inverted" if inverted else "")

# ---------------------------------------------------------------- geometry

def sample(src, xs, ys, fill):
    """Bilinear sample of src at (xs, ys); fill where outside."""
    H, W = src.shape
    x0 = np.floor(xs); y0 = np.floor(ys)
    fx = (xs - x0).astype(np.float32); fy = (ys - y0).astype(np.float32)
    x0 = x0.astype(np.int32); y0 = y0.astype(np.int32)
    inside = (x0 >= 0) & (y0 >= 0) & (x0 < W - 1) & (y0 < H - 1)
    x0 = np.clip(x0, 0, W - 2); y0 = np.clip(y0, 0, H - 2)
    flat = src.ravel(); i = y0 * np.int32(W) + x0
    top = flat[i] * (1 - fx) + flat[i + 1] * fx
    bot = flat[i + W] * (1 - fx) + flat[i + W + 1] * fx
    out = top * (1 - fy) + bot * fy
    return np.where(inside, out, fill).astype(np.float32)

def rot(axis, a):
    c, s = math.cos(a), math.sin(a)
    if axis == "x":
        return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])
    if axis == "y":
        return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])

class Camera:
    """A pinhole camera with radial distortion looking at a plane.
    Plane coordinates are source pixels; `aim` is the plane point at the
    image centre, `ppu` output pixels per source pixel there (fronto-parallel),
    `tilt` the angle between the plane and the sensor, about an axis at
    `axis_angle`, `roll` the rotation in the image."""
    def __init__(self, W, H, aim, ppu, tilt, axis_angle, roll, k1, shift=(0, 0)):
        self.W, self.H = W, H
        self.f = 0.8 * math.hypot(W, H)                   # about a phone's 70 degree field
        self.k1 = k1
        R = rot("z", roll) @ rot("z", axis_angle) @ rot("x", tilt) @ rot("z", -axis_angle)
        D = self.f / ppu                                  # distance in source pixels
        # plane point p (x, y, 0) -> camera: R (p - aim) + (0, 0, D)
        A = np.array([[R[0, 0], R[0, 1], -R[0, :2] @ aim],
                      [R[1, 0], R[1, 1], -R[1, :2] @ aim],
                      [R[2, 0], R[2, 1], -R[2, :2] @ aim + D]])
        K = np.array([[self.f, 0, W / 2 + shift[0]], [0, self.f, H / 2 + shift[1]], [0, 0, 1]])
        self.Hm = K @ A                                   # plane -> ideal image
        self.Hi = np.linalg.inv(self.Hm)

    def undistort(self, u, v):
        """Ideal (pinhole) image coordinates of output pixels."""
        cx, cy, s = self.W / 2, self.H / 2, math.hypot(self.W, self.H) / 2
        x, y = (u - cx) / s, (v - cy) / s
        r2 = x * x + y * y
        k = 1 + self.k1 * r2
        return cx + x * k * s, cy + y * k * s

    def distort(self, ui, vi):
        """Output pixel of an ideal image point (fixed-point iteration)."""
        u, v = ui, vi
        for _ in range(8):
            a, b = self.undistort(u, v)
            u, v = u + (ui - a), v + (vi - b)
        return u, v

    def project(self, pts):
        out = []
        for x, y in pts:
            p = self.Hm @ np.array([x, y, 1.0])
            out.append(self.distort(p[0] / p[2], p[1] / p[2]))
        return out

    def render(self, src, fill):
        """The output image (float32) seeing src, `fill` (a number or an
        image) where src is not."""
        v, u = np.mgrid[0:self.H, 0:self.W].astype(np.float32)
        ui, vi = self.undistort(u, v)
        Hi = self.Hi.astype(np.float32)
        den = Hi[2, 0] * ui + Hi[2, 1] * vi + Hi[2, 2]
        xs = (Hi[0, 0] * ui + Hi[0, 1] * vi + Hi[0, 2]) / den
        ys = (Hi[1, 0] * ui + Hi[1, 1] * vi + Hi[1, 2]) / den
        return sample(src, xs, ys, fill)

def quad_ppm(quad, modules):
    q = np.array(quad)
    return float(np.mean([np.hypot(*(q[i] - q[(i + 1) % 4])) for i in range(4)])) / modules

def inside(quad, W, H, margin):
    return all(margin <= x <= W - margin and margin <= y <= H - margin for x, y in quad)

# ---------------------------------------------------------------- effects

def gauss(a, sigma):
    if sigma < 0.15:
        return a
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return np.asarray(im.filter(ImageFilter.GaussianBlur(sigma)), np.float32)

def motion(a, length, angle):
    """Linear motion blur: the mean of shifted copies along a direction
    (edges repeat the border)."""
    n = int(round(length))
    if n < 2:
        return a
    H, W = a.shape
    pad = n
    p = np.pad(a, pad, mode="edge")
    acc = np.zeros_like(a)
    for k in range(n):
        t = k - (n - 1) / 2
        dx, dy = int(round(t * math.cos(angle))), int(round(t * math.sin(angle)))
        acc += p[pad + dy:pad + dy + H, pad + dx:pad + dx + W]
    return acc / n

def lowfreq(rng, W, H, cells, lo, hi):
    """A smooth random field (desk grain, paper, light)."""
    small = rng.uniform(lo, hi, (max(2, cells * H // max(W, H)), max(2, cells * W // max(W, H))))
    return np.asarray(Image.fromarray(small.astype(np.float32), mode="F").resize((W, H), Image.BICUBIC), np.float32)

def desk(rng, W, H):
    base = rng.uniform(50, 170)
    grain = lowfreq(rng, W, H, 6, -30, 30) + lowfreq(rng, W, H, 60, -8, 8)
    return base + grain

def smooth_field(W, H, f):
    """f(u, v) on a coarse grid, resized to W x H: light varies slowly."""
    w, h = max(2, W // 8), max(2, H // 8)
    v, u = np.mgrid[0:h, 0:w].astype(np.float32)
    small = f(u * W / w, v * H / h).astype(np.float32)
    return np.asarray(Image.fromarray(small, mode="F").resize((W, H), Image.BILINEAR), np.float32)

def shadow(rng, W, H, strength):
    """A soft shadow (a hand, the phone) over part of the frame."""
    a = rng.uniform(0, 2 * math.pi)
    px, py = rng.uniform(0, W), rng.uniform(0, H)
    soft = rng.uniform(0.03, 0.2) * max(W, H)
    return smooth_field(W, H, lambda u, v: 1 - strength / (1 + np.exp(-((u - px) * math.cos(a) + (v - py) * math.sin(a)) / soft)))

def vignette(W, H, k):
    return smooth_field(W, H, lambda u, v: 1 - k * ((u - W / 2) ** 2 + (v - H / 2) ** 2) / ((W / 2) ** 2 + (H / 2) ** 2))

def sensor(rng, a, read, shot):
    """Photon and read noise (sigma grows with the signal)."""
    sig = np.sqrt(read ** 2 + shot * np.clip(a, 0, 255))
    return a + rng.standard_normal(a.shape, dtype=np.float32) * sig

def to_u8(a):
    return Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8))

def jpeg(im, q):
    buf = io.BytesIO(); im.save(buf, "JPEG", quality=int(q))
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")

def phone_finish(rng, a, jq):
    """A phone's processing: denoise-ish blur, sharpening, JPEG."""
    im = to_u8(a)
    if rng.random() < 0.7:
        im = im.filter(ImageFilter.UnsharpMask(radius=2, percent=int(rng.integers(40, 160)), threshold=3))
    return jpeg(im, jq)

def stain(rng, a, cx, cy, r):
    """A coffee ring: darker inside, a darker rim."""
    H, W = a.shape
    y0, y1 = max(0, int(cy - 1.3 * r)), min(H, int(cy + 1.3 * r))
    x0, x1 = max(0, int(cx - 1.3 * r)), min(W, int(cx + 1.3 * r))
    v, u = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    ex = rng.uniform(0.7, 1.3)
    d = np.sqrt(((u - cx) / ex) ** 2 + ((v - cy) * ex) ** 2) / r
    body = np.where(d < 1, rng.uniform(0.72, 0.9), 1.0)
    rim = 1 - rng.uniform(0.15, 0.35) * np.exp(-((d - 1) / 0.04) ** 2)
    a[y0:y1, x0:x1] *= (body * rim).astype(np.float32)

def crease(rng, a, cx, cy, width, shiftpx):
    """A fold through (cx, cy): a dark valley with a bright ridge beside
    it, and the paper on one side displaced a little."""
    H, W = a.shape
    ang = rng.uniform(0, math.pi)
    v, u = np.mgrid[0:H, 0:W].astype(np.float32)
    d = (u - cx) * math.sin(ang) - (v - cy) * math.cos(ang)
    if shiftpx > 0.2:
        side = (d > 0).astype(np.float32)
        a[:] = sample(a, u - side * shiftpx * math.cos(ang), v - side * shiftpx * math.sin(ang), a)
    a *= (1 - rng.uniform(0.2, 0.45) * np.exp(-(d / width) ** 2)
          + rng.uniform(0.05, 0.15) * np.exp(-((d - 2 * width) / width) ** 2)).astype(np.float32)

def scribble(rng, a, cx, cy, size, width):
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    pts = [(cx + rng.uniform(-size, size), cy + rng.uniform(-size, size)) for _ in range(int(rng.integers(2, 5)))]
    d.line(pts, fill=int(rng.integers(20, 90)), width=max(1, int(width)))
    a[:] = np.asarray(im, np.float32)

# ---------------------------------------------------------------- classes

def pick_paper(rng, papers):
    return papers[int(rng.integers(0, len(papers)))]

def scan_like(rng, p, dpi, skew, extra=None):
    """The page through a flatbed: skew, optics, paper and toner levels."""
    img = Image.fromarray(p.img)
    if abs(skew) > 0.05:
        img = img.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    a, s = np.asarray(img.resize((round(img.width * dpi / PAPER_DPI), round(img.height * dpi / PAPER_DPI)), Image.BOX), np.float32), dpi / PAPER_DPI
    if extra:
        extra(a, s)
    a = gauss(a, rng.uniform(0.4, 0.9))
    white, black = rng.uniform(225, 250), rng.uniform(15, 55)
    a = black + (white - black) * a / 255.0
    return a, s

def rotate_quad(p, skew, s):
    """Where the code's corners go under scan_like's rotation and scale."""
    H, W = p.img.shape
    c, sn = math.cos(math.radians(skew)), math.sin(math.radians(skew))
    out = []
    for x, y in p.quad:
        dx, dy = x - W / 2, y - H / 2
        out.append(((W / 2 + dx * c + dy * sn) * s, (H / 2 - dx * sn + dy * c) * s))
    return out

def toner(rng, a, density, size):
    H, W = a.shape
    n = int(density * H * W / 1e4)
    ys, xs = rng.integers(0, H, n), rng.integers(0, W, n)
    for k in range(int(size)):
        a[np.clip(ys + k, 0, H - 1), np.clip(xs, 0, W - 1)] *= rng.uniform(0.2, 0.6)

def c_scan_office(rng, papers):
    p = pick_paper(rng, papers)
    dpi = int(rng.choice([150, 200, 300])); skew = rng.uniform(-4, 4)
    a, s = scan_like(rng, p, dpi, skew)
    toner(rng, a, rng.uniform(0.5, 4), rng.integers(1, 3))
    if rng.random() < 0.4:                                 # a streak from dirt on the glass
        x = int(rng.integers(0, a.shape[1])); a[:, x:x + int(rng.integers(1, 3))] *= rng.uniform(0.5, 0.85)
    a = sensor(rng, a, rng.uniform(1, 4), 0.02)
    q = rotate_quad(p, skew, s)
    fmt = "jpg" if rng.random() < 0.6 else "png"
    im = to_u8(a)
    if fmt == "jpg":
        im = jpeg(im, rng.integers(60, 92))
    return im, fmt, q, p.modules, p.text, "dpi=%d,skew=%.1f" % (dpi, skew)

def c_fax(rng, papers):
    p = pick_paper(rng, papers)
    fine = rng.random() < 0.6
    skew = rng.uniform(-2, 2)
    a, s = scan_like(rng, p, 204, skew)
    q = rotate_quad(p, skew, s)
    if not fine:                                           # standard mode: 98 lines per inch
        h = a.shape[0] * 98 // 204
        a = np.asarray(Image.fromarray(a, mode="F").resize((a.shape[1], h), Image.BOX), np.float32)
        q = [(x, y * 98 / 204) for x, y in q]
    a = sensor(rng, a, rng.uniform(5, 20), 0)
    if rng.random() < 0.5:
        bw = np.asarray(to_u8(a).convert("1", dither=Image.FLOYDSTEINBERG), np.float32) * 255
    else:
        bw = np.where(a < rng.uniform(110, 160), 0, 255).astype(np.float32)
    H, W = bw.shape                                        # line dropouts and speckle
    for y in rng.integers(0, H, int(rng.integers(0, 12))):
        bw[y] = 255 if rng.random() < 0.5 else bw[max(0, y - 1)]
    flip = rng.random(bw.shape) < rng.uniform(0, 0.004)
    bw[flip] = 255 - bw[flip]
    return Image.fromarray(bw.astype(np.uint8)), "png", q, p.modules, p.text, "%s,skew=%.1f" % ("fine" if fine else "standard", skew)

def c_photocopy(rng, papers):
    p = pick_paper(rng, papers)
    gens = int(rng.integers(1, 4))
    img = Image.fromarray(p.img)
    a = np.asarray(img.resize((img.width // 2, img.height // 2), Image.BOX), np.float32)   # 300 dpi
    for _ in range(gens):
        a = gauss(a, rng.uniform(0.5, 1.1))
        g = rng.uniform(1.1, 1.6)
        a = 255 * (np.clip(a, 0, 255) / 255) ** g           # darker, more contrast
        a = np.where(a > rng.uniform(200, 235), 255, a)    # light grey lost
        toner(rng, a, rng.uniform(1, 6), rng.integers(1, 4))
        a = a * rng.uniform(0.9, 1.0) + rng.uniform(0, 20)
    dpi = int(rng.choice([200, 300])); skew = rng.uniform(-2, 2)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).rotate(skew, resample=Image.BICUBIC, fillcolor=int(rng.integers(200, 255)))
    sc = dpi / 300
    im = im.resize((round(im.width * sc), round(im.height * sc)), Image.BOX)
    a = sensor(rng, np.asarray(im, np.float32), 3, 0.02)
    q = rotate_quad(p, skew, 0.5 * sc)
    return jpeg(to_u8(a), rng.integers(70, 90)), "jpg", q, p.modules, p.text, "generations=%d,dpi=%d,skew=%.1f" % (gens, dpi, skew)

def photo_of_page(rng, p, W, H, fill, close_ppm, tilt_max, damage=None):
    """A phone photo of a certificate on a desk. Returns the float image,
    the code's corners and a description."""
    for attempt in range(50):
        tilt = math.radians(rng.uniform(0, tilt_max)); axis = rng.uniform(0, 2 * math.pi)
        roll = math.radians(rng.uniform(-180, 180) if rng.random() < 0.3 else rng.uniform(-12, 12))
        k1 = rng.uniform(-0.12, 0.03)
        ph, pw = p.img.shape
        if close_ppm:                                      # aimed at the code
            ppu = close_ppm / p.module
            aim = p.centre + rng.uniform(-0.6, 0.6, 2) * p.side
        else:                                              # the whole page in view
            ppu = fill * min(W, H) / max(ph, pw) * rng.uniform(0.9, 1.25)
            aim = np.array([pw / 2, ph / 2]) + rng.uniform(-0.1, 0.1, 2) * np.array([pw, ph])
        cam = Camera(W, H, aim, ppu, tilt, axis, roll, k1)
        quad = cam.project(p.quad)
        if inside(quad, W, H, 8 * quad_ppm(quad, p.modules) + 4):
            break
    # source resolution: about 1.6 source pixels per output pixel at the nearest point
    dpi = min(PAPER_DPI, max(50, PAPER_DPI * ppu * 1.6 / math.cos(tilt)))
    src, s = p.at(dpi)
    if damage:
        damage(src, s)
    paper = rng.uniform(0.86, 1.0)
    src = src * paper
    cam2 = Camera(W, H, aim * s, ppu / s, tilt, axis, roll, k1)
    bg = desk(rng, W, H)
    a = cam2.render(src, bg)
    light = rng.uniform(0.55, 1.05) * vignette(W, H, rng.uniform(0, 0.35))
    if rng.random() < 0.7:
        light = light * shadow(rng, W, H, rng.uniform(0.2, 0.6))
    a = a * light
    desc = "tilt=%.0f,roll=%.0f,k1=%.2f" % (math.degrees(tilt), math.degrees(roll), k1)
    return a, quad, desc

def camera_finish(rng, a, W, scale_blur=1.0, motion_max=8):
    """Optics and motion (lengths scale with the frame), sensor, sharpening."""
    k = W / 1600
    sig = rng.uniform(0.3, 1.3) * k * scale_blur
    a = gauss(a, sig)
    m = rng.uniform(0, motion_max) * k if rng.random() < 0.6 else 0
    a = motion(a, m, rng.uniform(0, math.pi))
    a = sensor(rng, a, rng.uniform(1, 4), rng.uniform(0.02, 0.15))
    return a, "blur=%.1f,motion=%.0f" % (sig, m)

def c_phone(rng, papers, W, H):
    p = pick_paper(rng, papers)
    close = rng.uniform(2.5, 10) if rng.random() < 0.3 else 0
    a, quad, d = photo_of_page(rng, p, W, H, rng.uniform(0.6, 0.97), close, 35)
    a, d2 = camera_finish(rng, a, W)
    jq = rng.integers(70, 93)
    return phone_finish(rng, a, jq), "jpg", quad, p.modules, p.text, "%s,%s,%s,q=%d" % ("close" if close else "page", d, d2, jq)

def c_phone_1600(rng, papers):
    return c_phone(rng, papers, 1600, 1200)

def c_phone_4032(rng, papers):
    return c_phone(rng, papers, 4032, 3024)

def c_damaged(rng, papers):
    p = pick_paper(rng, papers)
    kinds = []
    def damage(a, s):
        cx, cy = p.centre * s; side = p.side * s; mod = p.module * s
        for kind in rng.choice(["crease", "stain", "scribble", "crease2"], int(rng.integers(1, 3)), replace=False):
            kinds.append(str(kind))
            ox, oy = rng.uniform(-0.4, 0.4, 2) * side
            if kind.startswith("crease"):
                crease(rng, a, cx + ox, cy + oy, rng.uniform(0.3, 1.2) * mod, rng.uniform(0, 0.5) * mod)
            elif kind == "stain":
                stain(rng, a, cx + ox, cy + oy, rng.uniform(0.2, 0.5) * side)
            else:
                scribble(rng, a, cx + ox, cy + oy, 0.4 * side, rng.uniform(0.3, 0.9) * mod)
    if rng.random() < 0.5:
        dpi = int(rng.choice([150, 200, 300])); skew = rng.uniform(-3, 3)
        a, s = scan_like(rng, p, dpi, skew, extra=damage)
        q = rotate_quad(p, skew, s)
        a = sensor(rng, a, 2, 0.02)
        return jpeg(to_u8(a), rng.integers(70, 92)), "jpg", q, p.modules, p.text, "scan,dpi=%d,%s" % (dpi, "+".join(kinds))
    a, quad, d = photo_of_page(rng, p, 1600, 1200, rng.uniform(0.7, 0.97), rng.uniform(3, 7) if rng.random() < 0.4 else 0, 25, damage)
    a, d2 = camera_finish(rng, a, 1600, motion_max=4)
    return phone_finish(rng, a, rng.integers(75, 92)), "jpg", quad, p.modules, p.text, "photo,%s,%s" % ("+".join(kinds), d)

def c_monitor(rng, papers):
    """A phone photo of a monitor showing the PDF: screen pixels made of
    R, G, B stripes and a black matrix (moire when the camera's sampling
    beats with them), PWM flicker caught by the rolling shutter as bands."""
    p = pick_paper(rng, papers)
    spm = rng.uniform(2.0, 4.5)                            # screen pixels per module
    sdpi = PAPER_DPI * spm / p.module
    page, s = p.at(sdpi)
    SW, SH = 1440, 900
    screen = np.full((SH, SW), rng.uniform(60, 110), np.float32)
    cx, cy = p.centre * s
    ox = int(cx - rng.uniform(0.25, 0.75) * SW); oy = int(cy - rng.uniform(0.25, 0.75) * SH)
    ys0, xs0 = max(0, oy), max(0, ox)
    ys1, xs1 = min(page.shape[0], oy + SH), min(page.shape[1], ox + SW)
    screen[ys0 - oy:ys1 - oy, xs0 - ox:xs1 - ox] = page[ys0:ys1, xs0:xs1]
    quad_s = [(x * s - ox, y * s - oy) for x, y in p.quad]
    sub = 3                                                # subpixels per screen pixel
    mask = np.ones((sub, sub), np.float32)
    mask[:, 0] *= 3 * 0.30; mask[:, 1] *= 3 * 0.59; mask[:, 2] *= 3 * 0.11
    mask[sub - 1, :] *= rng.uniform(0.2, 0.6)              # black matrix between rows
    big = np.kron(screen, np.ones((sub, sub), np.float32)) * np.tile(mask, (SH, SW))
    W, H = (1600, 1200) if rng.random() < 0.6 else (4032, 3024)
    ppm = rng.uniform(2.5, 7.0) * W / 1600                 # camera pixels per module
    for attempt in range(50):
        tilt = math.radians(rng.uniform(0, 25)); axis = rng.uniform(0, 2 * math.pi)
        roll = math.radians(rng.uniform(-10, 10)); k1 = rng.uniform(-0.08, 0.02)
        aim = np.mean(quad_s, axis=0) * sub + rng.uniform(-0.5, 0.5, 2) * spm * p.modules * sub
        cam = Camera(W, H, aim, ppm / (spm * sub), tilt, axis, roll, k1)
        quad = cam.project([(x * sub, y * sub) for x, y in quad_s])
        if inside(quad, W, H, 8 * quad_ppm(quad, p.modules) + 4):
            break
    a = cam.render(big, rng.uniform(10, 40)) * rng.uniform(0.6, 1.0)
    v = np.arange(H, dtype=np.float32)[:, None]
    amp, period = rng.uniform(0.08, 0.35), rng.uniform(30, 300) * W / 1600
    a = a * (1 - amp * (0.5 + 0.5 * np.sin(2 * math.pi * v / period + rng.uniform(0, 6.3))))
    a, d2 = camera_finish(rng, a, W, scale_blur=0.6, motion_max=3)
    jq = rng.integers(70, 92)
    return phone_finish(rng, a, jq), "jpg", quad, p.modules, p.text, "%dx%d,screen_px_per_module=%.1f,tilt=%.0f,bands=%.2f/%.0fpx,%s" % (
        W, H, spm, math.degrees(tilt), amp, period, d2)

def c_webcam(rng, papers, W, H):
    """A certificate held up to a webcam: fixed focus, little light, glare
    from a window or lamp, MJPEG."""
    p = pick_paper(rng, papers)
    conds = list(rng.choice(["defocus", "dim", "glare"], int(rng.integers(1, 3)), replace=False))
    ppm = rng.uniform(1.8, 5.0) * W / 1280 if W > 640 else rng.uniform(1.6, 3.5)
    a, quad, d = photo_of_page(rng, p, W, H, 0.9, ppm, 20)
    sig = rng.uniform(0.8, 2.0) * ppm / 3 if "defocus" in conds else rng.uniform(0.3, 0.7)
    a = gauss(a, sig)
    a = motion(a, rng.uniform(0, 3), rng.uniform(0, math.pi))
    if "glare" in conds:
        q = np.array(quad); c = q.mean(axis=0) + rng.uniform(-0.5, 0.5, 2) * quad_ppm(quad, p.modules) * p.modules
        r = rng.uniform(0.15, 0.45) * quad_ppm(quad, p.modules) * p.modules
        v, u = np.mgrid[0:H, 0:W].astype(np.float32)
        a = a + rng.uniform(150, 400) * np.exp(-((u - c[0]) ** 2 + ((v - c[1]) * rng.uniform(0.6, 1.6)) ** 2) / (r * r))
    if "dim" in conds:
        b = rng.uniform(0.08, 0.25)
        a = sensor(rng, a * b, rng.uniform(1.5, 3), 0.3)
        a = a / (b * rng.uniform(1.0, 2.5))                # the camera's gain: noise amplified
    else:
        a = sensor(rng, a, 2, 0.1)
    jq = rng.integers(45, 80)
    return jpeg(to_u8(a), jq), "jpg", quad, p.modules, p.text, "%s,blur=%.1f,q=%d" % ("+".join(conds), sig, jq)

def c_webcam_640(rng, papers):
    return c_webcam(rng, papers, 640, 480)

def c_webcam_1280(rng, papers):
    return c_webcam(rng, papers, 1280, 720)

def c_screenshot(rng, papers):
    """The PDF in a viewer at 50-100 % zoom on a 1x-2x screen: a small,
    anti-aliased code (or, in viewers without smoothing, nearest pixels)."""
    p = pick_paper(rng, papers)
    dpr = float(rng.choice([1, 1, 1.25, 1.5, 2]))
    zoom = rng.uniform(0.5, 1.0) if dpr < 2 else rng.uniform(0.5, 0.6)
    dpi = 96 * zoom * dpr
    s = dpi / PAPER_DPI
    mode = rng.choice(["box", "bilinear", "nearest"], p=[0.5, 0.3, 0.2])
    # subpixel phase: shift the page before resampling
    img = Image.fromarray(p.img)
    dx, dy = rng.uniform(0, 1 / s, 2)
    img = img.transform(img.size, Image.AFFINE, (1, 0, dx, 0, 1, dy), resample=Image.BILINEAR, fillcolor=255) if mode != "nearest" else img
    w, h = round(img.width * s), round(img.height * s)
    page = np.asarray(img.resize((w, h), {"box": Image.BOX, "bilinear": Image.BILINEAR, "nearest": Image.NEAREST}[mode]), np.float32)
    SW, SH = int(rng.integers(1100, 1920) * dpr), int(rng.integers(700, 1080) * dpr)
    scr = np.full((SH, SW), rng.choice([82, 128, 230, 245]), np.float32)
    scr[:int(40 * dpr)] = rng.uniform(200, 250)            # toolbar
    q0 = [((x - (dx if mode != "nearest" else 0)) * s, (y - (dy if mode != "nearest" else 0)) * s) for x, y in p.quad]
    qc = np.mean(q0, axis=0)
    ox = int(qc[0] - rng.uniform(0.2, 0.8) * SW); oy = int(qc[1] - rng.uniform(0.3, 0.8) * SH)
    ys0, xs0 = max(0, oy), max(0, ox)
    ys1, xs1 = min(h, oy + SH), min(w, ox + SW)
    ty = max(int(40 * dpr), ys0 - oy)
    scr[ty:ys1 - oy, xs0 - ox:xs1 - ox] = page[ys0 + (ty - (ys0 - oy)):ys1, xs0:xs1]
    quad = [(x - ox, y - oy) for x, y in q0]
    im = to_u8(scr)
    fmt = "png"
    if rng.random() < 0.2:
        im, fmt = jpeg(im, rng.integers(80, 95)), "jpg"
    return im, fmt, quad, p.modules, p.text, "zoom=%.0f%%,dpr=%.2f,%s" % (100 * zoom, dpr, mode)

def c_chat(rng, papers):
    """A photo or screenshot sent through a chat app: 1080 px wide, JPEG
    q60, and forwarded once more (the same again)."""
    src = rng.choice(["phone_1600", "phone_4032", "screenshot"], p=[0.4, 0.4, 0.2])
    im, _, quad, n, text, d = GEN[src](rng, papers)
    for _ in range(2):
        if im.width > 1080:
            s = 1080 / im.width
            im = im.resize((1080, round(im.height * s)), Image.BILINEAR)
            quad = [(x * s, y * s) for x, y in quad]
        im = jpeg(im, 60)
    return im, "jpg", quad, n, text, "from=%s,%s" % (src, d)

def c_generic_photo(rng, papers):
    text = generic_text(rng)
    level = str(rng.choice(["L", "M", "Q", "H"]))
    surf, q0, n, d0 = generic_print(rng, text, level)
    W, H = (1600, 1200) if rng.random() < 0.5 else (4032, 3024)
    ppm = rng.uniform(2.0, 9.0) * (W / 1600) ** 0.5
    mod = quad_ppm(q0, n)
    cyl = rng.random() < 0.25
    if cyl:                                                # on a bottle or a can: bend the surface
        R = rng.uniform(1.0, 3.0) * mod * n
        Hh, Ww = surf.shape
        v, u = np.mgrid[0:Hh, 0:Ww].astype(np.float32)
        xc = np.mean([x for x, _ in q0])
        t = np.clip((u - xc) / R, -1, 1)
        surf = sample(surf, xc + R * np.arcsin(t), v, 60)
        q0 = [(xc + R * math.sin((x - xc) / R), y) for x, y in q0]
    for attempt in range(50):
        tilt = math.radians(rng.uniform(0, 40)); axis = rng.uniform(0, 2 * math.pi)
        roll = math.radians(rng.uniform(-180, 180)); k1 = rng.uniform(-0.1, 0.03)
        aim = np.mean(q0, axis=0) + rng.uniform(-0.5, 0.5, 2) * mod * n
        cam = Camera(W, H, aim, ppm / mod, tilt, axis, roll, k1)
        quad = cam.project(q0)
        if inside(quad, W, H, 8 * quad_ppm(quad, n) + 4):
            break
    a = cam.render(surf, desk(rng, W, H))
    light = rng.uniform(0.5, 1.05) * vignette(W, H, rng.uniform(0, 0.35))
    if rng.random() < 0.5:
        light = light * shadow(rng, W, H, rng.uniform(0.2, 0.5))
    a = a * light
    if rng.random() < 0.2:                                 # glossy print: a reflection
        c = np.mean(quad, axis=0); r = rng.uniform(0.1, 0.3) * quad_ppm(quad, n) * n
        v, u = np.mgrid[0:H, 0:W].astype(np.float32)
        a = a + rng.uniform(80, 250) * np.exp(-((u - c[0] - rng.uniform(-r, r)) ** 2 + (v - c[1] - rng.uniform(-r, r)) ** 2) / (r * r))
    a, d2 = camera_finish(rng, a, W)
    jq = rng.integers(70, 93)
    return phone_finish(rng, a, jq), "jpg", quad, n, text, "%s,%dx%d,%s,tilt=%.0f,%s" % (d0, W, H, "cylinder" if cyl else "flat", math.degrees(tilt), d2)

def c_hint(rng, papers, i):
    """Unreadable on purpose; the reason is known. Five kinds in turn."""
    p = pick_paper(rng, papers)
    kind = ["too-small", "too-blurred", "low-contrast", "no-code", "damaged"][i % 5]
    W, H = 1600, 1200
    if kind == "too-small":
        a, quad, d = photo_of_page(rng, p, W, H, 0, rng.uniform(0.55, 0.9), 10)
        a = sensor(rng, gauss(a, 0.4), 2, 0.05)
    elif kind == "too-blurred":
        a, quad, d = photo_of_page(rng, p, W, H, 0, rng.uniform(3, 6), 15)
        m = quad_ppm(quad, p.modules)
        a = sensor(rng, gauss(a, rng.uniform(1.1, 1.6) * m), 2, 0.05)
    elif kind == "low-contrast":
        a, quad, d = photo_of_page(rng, p, W, H, 0, rng.uniform(3, 6), 15)
        lo = rng.uniform(20, 120)
        a = sensor(rng, lo + a * rng.uniform(0.015, 0.035), 1.5, 0)
    elif kind == "no-code":
        def blank(a, s):
            q = np.array(p.quad) * s
            a[int(q[:, 1].min()) - 4:int(q[:, 1].max()) + 4, int(q[:, 0].min()) - 4:int(q[:, 0].max()) + 4] = 255 * 0.95
        a, quad, d = photo_of_page(rng, p, W, H, rng.uniform(0.7, 0.95), 0, 20, blank)
        a = sensor(rng, a, 2, 0.05)
    else:
        def cover(a, s):                                   # a sticker over half the code
            q = np.array(p.quad) * s
            x0, x1, y0, y1 = q[:, 0].min(), q[:, 0].max(), q[:, 1].min(), q[:, 1].max()
            if rng.random() < 0.5:
                a[int(y0 + 0.3 * (y1 - y0)):int(y1 - 0.1 * (y1 - y0)), int(x0) - 2:int(x1) + 2] = 240
            else:
                a[int(y0) - 2:int(y1) + 2, int(x0 + 0.3 * (x1 - x0)):int(x1 - 0.1 * (x1 - x0))] = 240
        a, quad, d = photo_of_page(rng, p, W, H, 0, rng.uniform(3, 6), 15, cover)
        a = sensor(rng, gauss(a, 0.5), 2, 0.05)
    return jpeg(to_u8(a), 88), "jpg", quad, p.modules, "", "%s,%s" % (kind, d), kind

GEN = {"scan_office": c_scan_office, "fax": c_fax, "photocopy": c_photocopy, "phone_1600": c_phone_1600,
       "phone_4032": c_phone_4032, "monitor": c_monitor, "damaged": c_damaged, "webcam_640": c_webcam_640,
       "webcam_1280": c_webcam_1280, "screenshot": c_screenshot, "chat": c_chat, "generic_photo": c_generic_photo}

# ---------------------------------------------------------------- driver

PAPERS = None

def init(pdfs, work):
    global PAPERS
    PAPERS = [Paper(p, work) for p in pdfs]

def make(job):
    seed, cls, i, out = job
    rng = np.random.default_rng([seed, CLASSES.index(cls), i])
    hint = None
    if cls == "hint":
        im, fmt, quad, n, text, param, hint = c_hint(rng, PAPERS, i)
    else:
        im, fmt, quad, n, text, param = GEN[cls](rng, PAPERS)
    name = "%s-%03d.%s" % (cls, i, fmt)
    if fmt == "png":
        im.save(os.path.join(out, name), "PNG", compress_level=1)
    else:
        im.save(os.path.join(out, name), "JPEG", quality=95)   # already JPEG-degraded: keep it
    row = {"file": name, "class": cls, "size": [im.width, im.height], "ppm": round(quad_ppm(quad, n), 2),
           "param": param, "text": text}
    if hint:
        row["hint"] = hint
    return row

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs"); ap.add_argument("out")
    ap.add_argument("--per-class", type=int, default=20); ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--classes", default=",".join(CLASSES)); ap.add_argument("--jobs", type=int, default=2)
    o = ap.parse_args()
    pdfs = sorted(os.path.join(o.pdfs, f) for f in os.listdir(o.pdfs) if f.endswith(".pdf"))
    if not pdfs:
        sys.exit("captures: no PDFs in %s" % o.pdfs)
    os.makedirs(o.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="paper.", dir=o.out)
    for p in pdfs:                                         # render once, before the workers start
        Paper(p, work)
    classes = o.classes.split(",")
    jobs = [(o.seed, c, i, o.out) for c in classes for i in range(o.per_class)]
    with Pool(o.jobs, initializer=init, initargs=(pdfs, work)) as pool:
        rows = pool.map(make, jobs, chunksize=1)
    with open(os.path.join(o.out, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for name in os.listdir(work):
        os.unlink(os.path.join(work, name))
    os.rmdir(work)

if __name__ == "__main__":
    main()
