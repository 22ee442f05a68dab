"""The holder's name on a kiosk verdict screenshot, compared by pixels.

namepix.py SCREENSHOT PX NAME FACE... -- FACE...

Finds the name on the verdict card (the first line of dark ink right of
the labels, below the card's top edge), and compares its ink with the
name drawn here by Pillow at PX pixels, one character per listed face
(FILE:INDEX, or "box" for the hollow box a font without the character
draws). Prints the overlap (intersection over union of the ink, both
cropped to their ink and scaled to one size) with the first list of faces
and with the second: the right glyphs overlap far more than boxes do.
"""
import sys
import numpy as np
from PIL import Image, ImageDraw, ImageFont

shot, px, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
cut = sys.argv.index('--')
want_faces, wrong_faces = sys.argv[4:cut], sys.argv[cut + 1:]
assert len(want_faces) == len(name) == len(wrong_faces), "one face per character"

im = np.asarray(Image.open(shot).convert('RGB')).astype(int)
H, W, _ = im.shape
card = np.all(np.abs(im[:, W * 8 // 100] - [250, 250, 247]) <= 2, axis=1)   # the card's paper colour
if not card.any():
    sys.exit("no verdict card on %s" % shot)
top = int(np.argmax(card))
ink = im.max(axis=2) < 100                                                   # the card's ink (20,24,28)
region = ink[top:, W * 30 // 100: W * 95 // 100]                            # right of the labels
rows = np.where(region.any(axis=1))[0]
if not len(rows):
    sys.exit("no ink on the card")
start = end = rows[0]
while end + 1 < len(region) and region[end + 1].any():
    end += 1
band = region[start:end + 1]
cols = np.where(band.any(axis=0))[0]
got = band[:, cols[0]:cols[-1] + 1]


def render(faces):
    img = Image.new('L', (px * (len(name) + 2), px * 3), 255)
    d = ImageDraw.Draw(img)
    x = px
    for ch, f in zip(name, faces):
        if f == 'box':
            d.rectangle([x + px // 10, px * 2 - px * 8 // 10, x + px * 9 // 10, px * 2 + px // 10], outline=0,
                        width=max(1, px // 20))
            x += px
            continue
        path, idx = f.rsplit(':', 1)
        font = ImageFont.truetype(path, px, index=int(idx))
        d.text((x, px * 2 - font.getmetrics()[0]), ch, font=font, fill=0)
        x += font.getlength(ch)
    a = np.asarray(img) < 128
    r, c = np.where(a.any(axis=1))[0], np.where(a.any(axis=0))[0]
    return a[r[0]:r[-1] + 1, c[0]:c[-1] + 1]


def iou(a, b):
    h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
    A = np.asarray(Image.fromarray(a.astype(np.uint8) * 255).resize((w, h))) > 127
    B = np.asarray(Image.fromarray(b.astype(np.uint8) * 255).resize((w, h))) > 127
    return (A & B).sum() / max((A | B).sum(), 1)


print("%.3f %.3f" % (iou(got, render(want_faces)), iou(got, render(wrong_faces))))
