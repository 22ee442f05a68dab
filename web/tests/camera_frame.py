#!/usr/bin/python3
"""A phone camera's view of a printed certificate, for Chromium's fake camera
(--use-file-for-fake-video-capture) in tests/sh/web.sh and the benchmark.

  camera_frame.py PAGE.png OUT.y4m OUT.png

PAGE.png is an issued certificate PDF rendered at 200 dpi (pdftoppm). The
frame is a 1280x720 window onto its lower left, where certqr-issue prints the
QR code, turned by 4 degrees, slightly blurred, unevenly lit and noisy, as a
hand-held phone sees it. Written as a YUV4MPEG2 file (4:2:0, 2 identical
frames; Chromium loops it) and as PNG (the same frame, for certqr-verify).
Deterministic (fixed seed)."""
import sys
import numpy as np
from PIL import Image, ImageFilter

W, H = 1280, 720
src, out_y4m, out_png = sys.argv[1:4]
page = Image.open(src).convert("RGB")
pw, ph = page.size
# the lower-left window: the QR code sits at about 9-27 % of the width and
# 77-88 % of the height of the A4 page (docs/issuing.md: bottom left)
x0, y0 = int(pw * 0.02), int(ph * 0.64)
frame = Image.new("RGB", (W, H), (120, 110, 95))
frame.paste(page.crop((x0, y0, x0 + W, y0 + H)), (0, 0))
frame = frame.rotate(4, resample=Image.BILINEAR, fillcolor=(120, 110, 95))
frame = frame.filter(ImageFilter.GaussianBlur(0.8))
a = np.asarray(frame, dtype=np.float32)
light = np.linspace(1.0, 0.75, W)[None, :, None] * np.linspace(1.0, 0.9, H)[:, None, None]
rng = np.random.default_rng(16)
a = np.clip(a * light + rng.normal(0, 6, a.shape), 0, 255).astype(np.uint8)
Image.fromarray(a).save(out_png)
r, g, b = (a[..., i].astype(np.float32) for i in range(3))
y = 0.299 * r + 0.587 * g + 0.114 * b
u = (b - y) * 0.564 + 128
v = (r - y) * 0.713 + 128
sub = lambda c: c.reshape(H // 2, 2, W // 2, 2).mean(axis=(1, 3))
planes = b"".join(np.clip(p, 0, 255).astype(np.uint8).tobytes() for p in (y, sub(u), sub(v)))
with open(out_y4m, "wb") as f:
    f.write(b"YUV4MPEG2 W%d H%d F30:1 Ip A1:1 C420jpeg\n" % (W, H))
    for _ in range(2):
        f.write(b"FRAME\n" + planes)
