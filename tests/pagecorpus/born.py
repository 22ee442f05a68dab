"""Born-digital forgeries: a genuine certificate PDF edited so that the page a
person sees shows other values, each the way a forger's tool would do it.

Every technique takes (src, out, edits[, extra]) where edits is a list of
(field, old, new): the value run of FIELD has OLD replaced by NEW ("year"
also edits the title's "（2025 年度）" unless the edit names "year_line").
"""
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name

from pdfedit import Face, Page, edited_text

PAGE_W, PAGE_H = 595.28, 841.89


def targets(p, edits):
    out = []
    for field, old, new in edits:
        names = {"year": ["year", "title_year"], "year_line": ["year"],
                 "hours_compulsory": ["hours_public"]}.get(field, [field])
        for f in names:
            if f in p.fields and old in p.fields[f].text:
                r = p.fields[f]
                out.append((r, edited_text(r, old, new)))
    if not out:
        raise SystemExit("pagecorpus: no run to edit for %r" % (edits,))
    return out


def white_box(p, r, texts, pad=0.5):
    """A white rectangle over the run's old value and the new one."""
    boxes = [r.bbox(p.face, t) for t in texts]
    x0, y0 = min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad
    x1, y1 = max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad
    return b"q 1 1 1 rg %.2f %.2f %.2f %.2f re f Q" % (x0, y0, x1 - x0, y1 - y0), (x0, y0, x1, y1)


def fill_of(p, r):
    """The run's fill colour (the rg just before its BT)."""
    operands, op = p.ins[r.bt - 1]
    return tuple(float(v) for v in operands) if str(op) == "rg" else (0, 0, 0)


# ---- the text layer and the page say the same (edits a PDF editor makes) ----
def text(src, out, edits):
    """Content-stream text replaced: glyph codes looked up in the embedded
    subset's ToUnicode map, another embedded font or a new font copy when
    the subset lacks a glyph (what "edit text" in a PDF editor does)."""
    p = Page(src)
    for r, new in targets(p, edits):
        p.replace_run(r, p.text_items(r.font, r.size, r.x, r.y, new, fill_of(p, r)))
    p.save(out)


def offset_line(src, out, edits, dy=-4.5):
    """The old value deleted and the new one typed a few points below its
    label's line, so a reader that pairs labels and values by line misses it."""
    p = Page(src)
    for r, new in targets(p, edits):
        p.replace_run(r, p.text_items(r.font, r.size, r.x + 1.5, r.y + dy, new, fill_of(p, r)))
    p.save(out)


def reword_label(src, out, edits, labels):
    """Labels reworded (公需学时 for 公需科目) and the value edited: a check that
    finds values by their exact label no longer finds this one."""
    p = Page(src)
    for field, new_label in labels.items():
        r = p.labels[field]
        x = r.x + p.face.width(r.text, r.size) - p.face.width(new_label, r.size)
        p.replace_run(r, p.text_items(r.font, r.size, x, r.y, new_label, fill_of(p, r)))
    for r, new in targets(p, edits):
        p.replace_run(r, p.text_items(r.font, r.size, r.x, r.y, new, fill_of(p, r)))
    p.save(out)


def move_lines(p, fields, dy):
    """Moves the label and value of each field by dy points."""
    for f in fields:
        for r in (p.labels[f], p.fields[f]):
            p.replace_run(r, p.text_items(r.font, r.size, r.x, r.y + dy, r.text, fill_of(p, r)))


def add_line(src, out, after, label, value):
    """A line the issuer never printed (e.g. 学时认定：援派工作满一年, the art. 8
    aid credit that counts as the whole year's hours), typed after AFTER's
    line; the lines below it move down one step."""
    p = Page(src)
    lab, val = p.labels[after], p.fields[after]
    below = [f for f, r in p.fields.items() if f != "title_year" and r.y < val.y]
    move_lines(p, below, -33)
    x = lab.x + p.face.width(lab.text, lab.size) - p.face.width(label, lab.size)
    p.add(p.text_items(lab.font, lab.size, x, lab.y - 33, label, fill_of(p, lab)))
    p.add(p.text_items(val.font, val.size, val.x, val.y - 33, value, fill_of(p, val)))
    p.save(out)


def drop_line(src, out, field):
    """A printed line deleted (the art. 8 reduction, which explains why the
    hours are below the rule) and the lines below moved up."""
    p = Page(src)
    gone = p.fields[field]
    p.drop_run(p.labels[field])
    p.drop_run(gone)
    below = [f for f, r in p.fields.items() if f != "title_year" and r.y < gone.y]
    move_lines(p, below, 33)
    p.save(out)


def incremental(src, out, edits):
    """An incremental update appended to the genuine file: the page object is
    rewritten with an edited content stream; the original revision stays
    intact in front (a reader of the first revision sees the genuine page)."""
    p = Page(src)
    for r, new in targets(p, edits):
        f, codes = p.encode(r.font, new)
        if f != r.font and not f.startswith("/F"):
            raise SystemExit("pagecorpus: incremental edits reuse the embedded glyphs only")
        p.replace_run(r, p.text_items(r.font, r.size, r.x, r.y, new, fill_of(p, r)))
    data = open(src, "rb").read()
    content = zlib.compress(p.content())
    pdf = pikepdf.open(src)
    page = pdf.pages[0].obj
    pnum = page.objgen[0]
    size = int(pdf.trailer.Size)
    cnum = size
    page_dict = dict(page.items())
    body = b"<<"
    for k, v in page_dict.items():
        if k == "/Contents":
            body += b" /Contents %d 0 R" % cnum
        else:
            body += b" " + k.encode() + b" " + v.unparse(resolved=False)
    body += b" >>"
    start = data.rindex(b"startxref")
    prev = int(data[start:].split()[1])
    upd = bytearray(b"\n")
    base = len(data)
    off_page = base + len(upd)
    upd += b"%d 0 obj\n%s\nendobj\n" % (pnum, body)
    off_c = base + len(upd)
    upd += b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (cnum, len(content)) + content + b"\nendstream\nendobj\n"
    xref = base + len(upd)
    upd += b"xref\n%d 1\n%010d 00000 n \n%d 1\n%010d 00000 n \n" % (pnum, off_page, cnum, off_c)
    root = pdf.trailer.Root.objgen[0]
    info = b" /Info %d 0 R" % pdf.trailer.Info.objgen[0] if "/Info" in pdf.trailer else b""
    upd += b"trailer\n<< /Size %d /Root %d 0 R%s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (cnum + 1, root, info, prev, xref)
    open(out, "wb").write(data + bytes(upd))


# ---- the page and its text layer disagree -----------------------------------
def whitebox_outline(src, out, edits, font=None):
    """A white box over the value, the new value drawn as glyph outlines
    (paths, no text): the text layer keeps the genuine value. With FONT,
    the outlines come from another font (a forger without the issuer's)."""
    p = Page(src)
    face = Face.get(font) if font else None
    for r, new in targets(p, edits):
        box, _ = white_box(p, r, [r.text, new])
        p.add(box)
        p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r), face))
    p.save(out)


def decoy_page(src, out, edits, drop_qr=False):
    """Two pages: first an edited copy of the certificate (values as
    outlines) whose QR code is painted over, or with DROP_QR not drawn at
    all, then the genuine page. A committee member reads page 1; the only
    visible code is on page 2, whose page is genuine."""
    p = Page(src)
    for r, new in targets(p, edits):
        box, _ = white_box(p, r, [r.text, new])
        p.add(box)
        p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r)))
    if drop_qr:
        p.deleted.update(i for i, (_, op) in enumerate(p.ins) if str(op) == "Do")
        del p.page.Resources.XObject[list(p.page.Resources.XObject.keys())[0]]
    else:
        p.add(b"q 1 1 1 rg 66 92 108 108 re f Q")
    p.commit()
    genuine = pikepdf.open(src)
    p.pdf.pages.append(genuine.pages[0])
    p.pdf.save(out, static_id=True)


def tr3_outline(src, out, edits):
    """The old text kept in invisible render mode (3 Tr) where it was, the new
    value drawn over it as outlines."""
    p = Page(src)
    for r, new in targets(p, edits):
        p.replace_run(r, p.text_items(r.font, r.size, r.x, r.y, r.text, fill_of(p, r), mode=3))
        p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r)))
    p.save(out)


def white_text(src, out, edits):
    """The old value kept as white text (invisible on white paper, present in
    the text layer), the new value drawn as outlines."""
    p = Page(src)
    for r, new in targets(p, edits):
        p.replace_run(r, p.text_items(r.font, r.size, r.x, r.y, r.text, (1, 1, 1)))
        p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r)))
    p.save(out)


def clip_hidden(src, out, edits):
    """The old value drawn inside an empty clip path (never painted, still in
    the text layer); the new value as outlines."""
    p = Page(src)
    for r, new in targets(p, edits):
        p.wrap_run(r, b"q 0 0 0.01 0.01 re W n", b"Q")
        p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r)))
    p.save(out)


def ocg_hidden(src, out, edits):
    """The old value moved into an optional-content group that is off by
    default (a hidden layer); the new value as outlines."""
    p = Page(src)
    oc = p.pdf.make_indirect(Dictionary(Type=Name.OCG, Name="原件"))
    p.pdf.Root.OCProperties = Dictionary(OCGs=Array([oc]), D=Dictionary(Order=Array([oc]), OFF=Array([oc])))
    if "/Properties" not in p.page.Resources:
        p.page.Resources.Properties = Dictionary()
    p.page.Resources.Properties.OC1 = oc
    for r, new in targets(p, edits):
        p.wrap_run(r, b"/OC /OC1 BDC", b"EMC")
        p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r)))
    p.save(out)


def actualtext(src, out, edits):
    """The new value shown in real glyphs inside a marked-content span whose
    /ActualText carries the old value (text extraction reports the span's
    ActualText instead of its glyphs)."""
    p = Page(src)
    for r, new in targets(p, edits):
        span = b"/Span <</ActualText <FEFF%s>>> BDC " % r.text.encode("utf-16-be").hex().upper().encode()
        p.replace_run(r, span + p.text_items(r.font, r.size, r.x, r.y, new, fill_of(p, r)) + b" EMC")
    p.save(out)


def split_like(old, n):
    """OLD cut into n strings, one per glyph of the new value (the last takes
    the rest), so that a lying ToUnicode map yields exactly OLD."""
    if n >= len(old):
        return list(old) + [""] * (n - len(old))
    return list(old[:n - 1]) + [old[n - 1:]]


def tounicode_lie(src, out, edits):
    """A font copy whose glyphs are the new value's and whose ToUnicode map
    says each one is the old value's character: the page shows NEW, every
    text extractor reads OLD."""
    p = Page(src)
    for r, new in targets(p, edits):
        uni = split_like(r.text, len(new))
        uni = [u if u else "\u200b" for u in uni]
        f = p.new_font(list(new), unicode=uni)
        codes = b"".join((i + 1).to_bytes(2, "big") for i in range(len(new)))
        rgb = fill_of(p, r)
        p.replace_run(r, b"%.3g %.3g %.3g rg BT %s %g Tf %.2f %.2f Td <%s> Tj ET" % (
            rgb[0], rgb[1], rgb[2], f.encode(), r.size, r.x, r.y, codes.hex().encode()))
    p.save(out)


def glyph_lie(src, out, edits):
    """A font copy whose ToUnicode map is honest but whose glyph outlines are
    another character's: the codes and the map say OLD, the outlines draw NEW
    (same length)."""
    p = Page(src)
    for r, new in targets(p, edits):
        if len(new) != len(r.text):
            raise SystemExit("pagecorpus: glyph_lie needs the same length")
        f = p.new_font(list(r.text), outline=list(new))
        codes = b"".join((i + 1).to_bytes(2, "big") for i in range(len(new)))
        rgb = fill_of(p, r)
        p.replace_run(r, b"%.3g %.3g %.3g rg BT %s %g Tf %.2f %.2f Td <%s> Tj ET" % (
            rgb[0], rgb[1], rgb[2], f.encode(), r.size, r.x, r.y, codes.hex().encode()))
    p.save(out)


GLYPH_NAMES = {c: n for c, n in zip("0123456789", "zero one two three four five six seven eight nine".split())}


def type3_lie(src, out, edits):
    """A Type 3 font whose glyph procedures draw other digits than their
    names say: the encoding maps code '3' to /three (the text layer reads
    3) while its procedure paints an 8. Only the digits of the run are
    re-set; the rest keeps the embedded font."""
    p = Page(src)
    face = p.face
    for r, new in targets(p, edits):
        old = r.text
        lead = len(old) - len(old.lstrip("0123456789"))
        if lead == 0 or len(new) - len(new.lstrip("0123456789")) != lead or old[lead:] != new[lead:]:
            raise SystemExit("pagecorpus: type3_lie edits leading digits only")
        pairs = {}
        for a, b in zip(old[:lead], new[:lead]):
            if pairs.setdefault(a, b) != b:
                raise SystemExit("pagecorpus: type3_lie needs one new digit per old digit")
        procs, widths = Dictionary(), []
        for code in range(48, 58):
            a = chr(code)
            b = pairs.get(a, a)
            w = round(face.advance(b) * 1000 / face.upem)
            widths.append(w)
            path = face.outlines(b, 1000, 0, 0)
            procs[Name("/" + GLYPH_NAMES[a])] = p.pdf.make_stream(b"%d 0 d0 %s f" % (w, path))
        font = p.pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([-125, -296, 1050, 962]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]), CharProcs=procs, FirstChar=48, LastChar=57,
            Widths=Array(widths), Resources=Dictionary(),
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([48] + [Name("/" + GLYPH_NAMES[chr(c)]) for c in range(48, 58)]))))
        p.page.Resources.Font.T3 = font
        rgb = fill_of(p, r)
        rest = old[lead:]
        xr = r.x + face.width(new[:lead], r.size)
        item = b"%.3g %.3g %.3g rg BT /T3 %g Tf %.2f %.2f Td (%s) Tj ET" % (
            rgb[0], rgb[1], rgb[2], r.size, r.x, r.y, old[:lead].encode())
        if rest:
            item += b" " + p.text_items(r.font, r.size, xr, r.y, rest, rgb)
        p.replace_run(r, item)
    p.save(out)


def image_overlay(src, out, edits, dpi=600):
    """A picture of the new value (the issuing font rendered on white) pasted
    over the old one as an image XObject."""
    from PIL import Image, ImageDraw, ImageFont
    from pdfedit import FONT
    p = Page(src)
    for i, (r, new) in enumerate(targets(p, edits)):
        _, (x0, y0, x1, y1) = white_box(p, r, [r.text, new], pad=1.0)
        k = dpi / 72.0
        im = Image.new("L", (round((x1 - x0) * k), round((y1 - y0) * k)), 255)
        font = ImageFont.truetype(FONT, round(r.size * k), index=0)
        ImageDraw.Draw(im).text(((r.x - x0) * k, (y1 - r.y) * k), new, font=font, fill=0, anchor="ls")
        raw = zlib.compress(im.tobytes())
        xo = p.pdf.make_stream(raw, Type=Name.XObject, Subtype=Name.Image, Width=im.width, Height=im.height,
                               ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode)
        p.page.Resources.XObject[Name("/P%d" % i)] = xo
        p.add(b"q %.2f 0 0 %.2f %.2f %.2f cm /P%d Do Q" % (x1 - x0, y1 - y0, x0, y0, i))
    p.save(out)


def _appearance(p, r, new, bg=True):
    """A form XObject drawing a white box and NEW in a font copy, and the
    rectangle it covers on the page."""
    _, (x0, y0, x1, y1) = white_box(p, r, [r.text, new], pad=1.0)
    f = p.new_font(list(new))
    codes = b"".join((i + 1).to_bytes(2, "big") for i in range(len(new)))
    w, h = x1 - x0, y1 - y0
    body = (b"1 1 1 rg 0 0 %.2f %.2f re f " % (w, h) if bg else b"") + \
        b"0 0 0 rg BT %s %g Tf %.2f %.2f Td <%s> Tj ET" % (f.encode(), r.size, r.x - x0, r.y - y0, codes.hex().encode())
    ap = p.pdf.make_stream(body, Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, w, h]),
                           Resources=Dictionary(Font=Dictionary({f: p.page.Resources.Font[f]})))
    return ap, f, Array([x0, y0, x1, y1])


def _annots(p):
    if "/Annots" not in p.page.obj:
        p.page.obj.Annots = Array()
    return p.page.obj.Annots


def freetext_annot(src, out, edits):
    """A FreeText annotation (a PDF reader's "add text box") with a white
    background over the value: annotations are drawn by every viewer and
    are not part of the page's text layer."""
    p = Page(src)
    for r, new in targets(p, edits):
        ap, f, rect = _appearance(p, r, new)
        a = p.pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.FreeText, Rect=rect, Contents=pikepdf.String(new), F=4,
            DA=pikepdf.String("%s %g Tf 0 g" % (f, r.size)), Border=Array([0, 0, 0]),
            AP=Dictionary(N=ap)))
        _annots(p).append(a)
    p.save(out)


def widget_field(src, out, edits):
    """An AcroForm text field over the value, its value and appearance the
    new text (a fillable form laid over the certificate)."""
    p = Page(src)
    fields = Array()
    for i, (r, new) in enumerate(targets(p, edits)):
        ap, f, rect = _appearance(p, r, new)
        w = p.pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=pikepdf.String("field%d" % i),
            V=pikepdf.String(new), Rect=rect, F=4, P=p.page.obj,
            DA=pikepdf.String("%s %g Tf 0 g" % (f, r.size)), MK=Dictionary(BG=Array([1, 1, 1])),
            AP=Dictionary(N=ap)))
        _annots(p).append(w)
        fields.append(w)
    fonts = Dictionary({k: v for k, v in p.page.Resources.Font.items()})
    p.pdf.Root.AcroForm = Dictionary(Fields=fields, DR=Dictionary(Font=fonts), DA=pikepdf.String("/F1 12 Tf 0 g"))
    p.save(out)


# ---- page geometry -----------------------------------------------------------
def _edited_content(p, edits):
    for r, new in targets(p, edits):
        box, _ = white_box(p, r, [r.text, new])
        p.add(box)
        p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r)))
    return p.content()


def cropbox_hide(src, out, edits, media_only=False):
    """The page made twice as wide: the genuine page on the left, an edited
    copy (values as outlines over white boxes, same QR) on the right, and a
    CropBox (or with media_only, the MediaBox itself) showing only the
    right half. A viewer shows the edited half; the genuine text is still
    in the file."""
    p = Page(src)
    genuine = p.content()
    edited = _edited_content(p, edits)
    both = b"q\n" + genuine + b"Q\nq 1 0 0 1 %.2f 0 cm\n" % PAGE_W + edited + b"Q\n"
    p.page.obj.Contents = p.pdf.make_stream(both)
    if media_only:
        p.page.obj.MediaBox = Array([PAGE_W, 0, 2 * PAGE_W, PAGE_H])
    else:
        p.page.obj.MediaBox = Array([0, 0, 2 * PAGE_W, PAGE_H])
        p.page.obj.CropBox = Array([PAGE_W, 0, 2 * PAGE_W, PAGE_H])
    p.pdf.save(out, static_id=True)


def rotate(src, out, edits, angle=90):
    """The page stored sideways (content turned a quarter left, landscape
    MediaBox) with /Rotate 90 so that viewers show it upright; values
    edited as outlines. A checker that renders without applying /Rotate
    sees a sideways page."""
    p = Page(src)
    edited = _edited_content(p, edits)
    body = b"q 0 1 -1 0 %.2f 0 cm\n" % PAGE_H + edited + b"Q\n"
    p.page.obj.Contents = p.pdf.make_stream(body)
    p.page.obj.MediaBox = Array([0, 0, PAGE_H, PAGE_W])
    p.page.obj.Rotate = angle
    p.pdf.save(out, static_id=True)


def qr_swap(src, qr_src, out, edits):
    """The QR image of another genuine certificate put on this page (the
    image XObject's data replaced), with the page's values edited as
    outlines to match the pasted code's holder."""
    p = Page(src)
    q = pikepdf.open(qr_src)
    img_a = p.page.Resources.XObject[list(p.page.Resources.XObject.keys())[0]]
    img_b = q.pages[0].Resources.XObject[list(q.pages[0].Resources.XObject.keys())[0]]
    img_a.write(img_b.read_bytes())
    img_a.Width, img_a.Height = int(img_b.Width), int(img_b.Height)
    if edits:
        for r, new in targets(p, edits):
            box, _ = white_box(p, r, [r.text, new])
            p.add(box)
            p.add(p.outline_items(r.size, r.x, r.y, new, fill_of(p, r)))
    p.save(out)
