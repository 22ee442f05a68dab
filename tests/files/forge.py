#!/usr/bin/python3
"""Forgeries for tests/sh/files.sh, made the way a forger edits a PDF: after
`qpdf --qdf --object-streams=disable`, change the page's content stream or
swap an image, then repair offsets with `fix-qdf`.

  forge.py text IN.qdf OUT.qdf OLD NEW    replace the visible text OLD by NEW
        (glyph ids looked up in the font's ToUnicode CMap, as a forger would
        reuse glyphs already embedded in the subset font)
  forge.py swapqr A.qdf B.qdf OUT.qdf     put B's QR image into A's page
  forge.py imgpdf OUT.pdf PNG...          one page per PNG, images only (no text)
  forge.py twoqr OUT.png A.png B.png      two codes side by side on one page
  forge.py flip TEXT                      the QR text with one signed hours bit changed
  forge.py blank OUT.png                  a page of text without any code
  forge.py blur OUT.png IN.png RADIUS     a badly focused photo of IN
  forge.py photo OUT.jpg IN.png           IN photographed: placed on a grey desk,
                                          turned 17 degrees, noisy, JPEG quality 40
"""
import re, sys, warnings
warnings.simplefilter("ignore")

def obj(pdf, n):
    m = re.search(rb"(?m)^%d 0 obj(.*?)endobj" % n, pdf, re.S)
    return m.group(1) if m else b""

def fonts(pdf):
    """Font resource name -> {glyph id: character}, from each font's ToUnicode CMap."""
    out = {}
    for name, n in re.findall(rb"/(F\d+) (\d+) 0 R", pdf):
        t = re.search(rb"/ToUnicode (\d+) 0 R", obj(pdf, int(n)))
        if not t:
            continue
        m = {}
        for g, u in re.findall(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>", obj(pdf, int(t.group(1)))):
            m[int(g, 16)] = chr(int(u[:4], 16))
        out[name.decode()] = m
    return out

def text(a, b, old, new):
    """Replaces OLD by NEW in the shown strings; when the string's own font
    lacks a glyph, switches to another embedded font that has them all (and
    back), as a forger editing the content stream would."""
    pdf = open(a, "rb").read()
    fm = fonts(pdf)
    done = 0
    cur = {"font": None, "size": b"12"}
    def repl(mo):
        nonlocal done
        if mo.group(1):
            cur["font"], cur["size"] = mo.group(1).decode(), mo.group(2)
            return mo.group(0)
        hexs = mo.group(3).decode()
        gids = [int(hexs[i:i + 4], 16) for i in range(0, len(hexs), 4)]
        m = fm.get(cur["font"], {})
        if not all(g in m for g in gids):
            return mo.group(0)
        s = "".join(m[g] for g in gids)
        if old not in s:
            return mo.group(0)
        t = s.replace(old, new)
        for fname in [cur["font"]] + sorted(fm):
            rev = {v: k for k, v in fm[fname].items()}
            if all(ch in rev for ch in t):
                done += 1
                enc = b"<" + "".join("%04x" % rev[ch] for ch in t).encode() + b"> Tj"
                if fname == cur["font"]:
                    return enc
                return b"/%s %s Tf " % (fname.encode(), cur["size"]) + enc + b" /%s %s Tf" % (cur["font"].encode(), cur["size"])
        sys.exit("forge: no embedded font has every glyph of %r" % t)
    pdf = re.sub(rb"/(F\d+) ([\d.]+) Tf|<([0-9A-Fa-f]+)> Tj", repl, pdf)
    if not done:
        sys.exit("forge: %r not found in any text string" % old)
    open(b, "wb").write(pdf)

IMG = re.compile(rb"(<<(?:(?!>>).)*?/Subtype /Image.*?>>\s*stream\r?\n)(.*?)(\r?\nendstream)", re.S)

def swapqr(a, b, out):
    pa, pb = open(a, "rb").read(), open(b, "rb").read()
    ma, mb = IMG.search(pa), IMG.search(pb)
    if not ma or not mb:
        sys.exit("forge: no image stream")
    da, db = ma.group(1), mb.group(1)
    for key in (rb"/Width", rb"/Height"):
        v = re.search(key + rb" (\d+)", db).group(1)
        da = re.sub(key + rb" \d+", key + b" " + v, da)
    pa = pa[:ma.start()] + da + mb.group(2) + ma.group(3) + pa[ma.end():]
    open(out, "wb").write(pa)

def imgpdf(out, pngs):
    from PIL import Image
    ims = [Image.open(p).convert("L") for p in pngs]
    ims[0].save(out, "PDF", resolution=150, save_all=True, append_images=ims[1:])

def twoqr(out, a, b):
    from PIL import Image
    A, B = Image.open(a).convert("L"), Image.open(b).convert("L")
    page = Image.new("L", (A.width + B.width + 120, max(A.height, B.height) + 80), 255)
    page.paste(A, (40, 40)); page.paste(B, (A.width + 80, 40))
    page.save(out)

B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

def b45dec(s):
    v = [B45.index(c) for c in s]
    out = bytearray()
    for i in range(0, len(v), 3):
        c = v[i:i + 3]
        n = sum(x * 45 ** k for k, x in enumerate(c))
        out += n.to_bytes(2 if len(c) == 3 else 1, "big")
    return bytes(out)

def b45enc(b):
    out = ""
    for i in range(0, len(b), 2):
        c = b[i:i + 2]
        n = int.from_bytes(c, "big")
        for _ in range(3 if len(c) == 2 else 2):
            out += B45[n % 45]; n //= 45
    return out

def flip(t):
    p = bytearray(b45dec(t[4:]))
    p[24] ^= 2          # hours_public, low byte (body offset 23..24)
    print("CQ1:" + b45enc(bytes(p)))

def blank(out):
    from PIL import Image, ImageDraw
    im = Image.new("L", (1240, 1754), 255)
    d = ImageDraw.Draw(im)
    for y in range(100, 1600, 60):
        d.text((100, y), "Continuing education record, no code on this page %d" % y, fill=0)
    im.save(out)

def blur(out, src, r):
    from PIL import Image, ImageFilter
    Image.open(src).convert("L").filter(ImageFilter.GaussianBlur(float(r))).save(out)

def photo(out, src):
    import random
    from PIL import Image
    rng = random.Random(3)
    im = Image.open(src).convert("L")
    desk = Image.new("L", (im.width * 2, im.height * 2), 120)
    desk.paste(im, (im.width // 2, im.height // 2))
    desk = desk.rotate(17, resample=Image.BILINEAR, fillcolor=120)
    px = desk.load()
    for y in range(desk.height):
        for x in range(desk.width):
            px[x, y] = max(0, min(255, px[x, y] + rng.randint(-25, 25)))
    desk.save(out, "JPEG", quality=40)

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"text": lambda: text(*args), "swapqr": lambda: swapqr(*args),
     "imgpdf": lambda: imgpdf(args[0], args[1:]), "twoqr": lambda: twoqr(*args),
     "flip": lambda: flip(*args), "photo": lambda: photo(*args), "blank": lambda: blank(*args), "blur": lambda: blur(*args)}[cmd]()
