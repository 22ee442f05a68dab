#!/usr/bin/python3
"""The PWA's PNG icons (browsers ask for at least 144 px to install a page):
web/src/icon.svg's design (three QR finder squares and a check mark, on a
96-unit grid) drawn with PIL at each size given.
  icon.py OUT_DIR 192 512      writes OUT_DIR/icon-192.png, icon-512.png"""
import sys
from PIL import Image, ImageDraw

out = sys.argv[1]
for size in map(int, sys.argv[2:]):
    k = size / 96.0
    s = lambda *v: [round(x * k) for x in v]
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle(s(0, 0, 96, 96), radius=round(16 * k), fill="#0d47a1")
    for x, y in ((14, 14), (56, 14), (14, 56)):
        d.rounded_rectangle(s(x, y, x + 26, y + 26), radius=round(3 * k), fill="#ffffff")
        d.rectangle(s(x + 6, y + 6, x + 20, y + 20), fill="#0d47a1")
    d.line(s(54, 70, 63, 79, 80, 59), fill="#7cf09c", width=round(7 * k), joint="curve")
    im.save("%s/icon-%d.png" % (out, size))
