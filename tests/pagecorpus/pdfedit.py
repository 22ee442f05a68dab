"""The issued certificate page as a forger sees it, and the PDF edits a forger
makes to it (tests/pagecorpus).

A Page is the first page of a PDF written by `certqr-issue batch`: its text
runs (BT … ET blocks of tools/issue/pdf.c's layout, decoded through each
font's ToUnicode map) and which field each value run shows, found by the
label printed before it. Edits are collected against instruction indices
and written once by save(), so the original content stays intact around
them. Glyphs for new text come from the issuing font itself (WenQuanYi Zen
Hei), so an edit looks exactly like the issuer's print.
"""
import hashlib
import io
import os
import re

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.basePen import BasePen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
FONTS_TXT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "data", "fonts.txt")


def font_chain():
    """The faces certqr-issue sets names in, in order (tools/data/fonts.txt):
    (path, index) of each installed one."""
    out = []
    if os.path.exists(FONTS_TXT):
        for line in open(FONTS_TXT, encoding="utf-8"):
            w = line.split()
            if len(w) >= 3 and w[0] == "face" and os.path.exists(w[1]):
                out.append((w[1], int(w[2])))
    return out or [(FONT, 0)]

# tools/issue/pdf.c: label -> field of the value printed after it
LABELS = {"姓名：": "name", "身份证号：": "id_number", "证书管理号：": "number", "年度：": "year",
          "公需科目：": "hours_public", "专业科目：": "hours_professional", "合计：": "hours_total",
          "学时折算：": "reduction", "学时认定：": "reduction", "发证机关：": "issuer",
          "发证日期：": "issued", "证书版本：": "revision"}


class Face:
    """The issuing font (or another): advances, outlines, and small TrueType
    copies of it. A character the face lacks comes from the next face of
    certqr-issue's chain (rare characters of names), as the issuer sets it."""
    _faces = {}

    @classmethod
    def get(cls, path=FONT, index=0):
        if (path, index) not in cls._faces:
            cls._faces[(path, index)] = cls(path, index)
        return cls._faces[(path, index)]

    def __init__(self, path=FONT, index=0):
        self.path = path
        self.tt = TTFont(path, fontNumber=index, lazy=True)
        self.cmap = self.tt.getBestCmap()
        self.gs = self.tt.getGlyphSet()
        self.upem = self.tt["head"].unitsPerEm
        self.hmtx = self.tt["hmtx"]

    def face_for(self, ch):
        """The face that draws CH: this one, else the first of the chain."""
        if ord(ch) in self.cmap:
            return self
        for path, index in font_chain():
            f = Face.get(path, index)
            if ord(ch) in f.cmap:
                return f
        raise SystemExit("pagecorpus: no font of the chain has a glyph for %r" % ch)

    def glyph(self, ch):
        return self.cmap[ord(ch)]

    def advance(self, ch):
        """The advance of CH in units of this face's em."""
        f = self.face_for(ch)
        return f.hmtx[f.glyph(ch)][0] * self.upem / f.upem

    def width(self, s, size):
        return sum(self.advance(c) for c in s) * size / self.upem

    def outlines(self, s, size, x, y):
        """PDF path operators drawing S at SIZE points with its origin at x, y
        (no fill operator: the caller chooses colour and fill)."""
        out = []
        for ch in s:
            f = self.face_for(ch)
            k = size / f.upem
            f.gs[f.glyph(ch)].draw(_PdfPen(f.gs, k, x, y, out))
            x += f.hmtx[f.glyph(ch)][0] * k
        return " ".join(out).encode()

    def font_program(self, glyphs):
        """A TrueType font whose glyph i+1 has the outline and advance of
        character glyphs[i] (glyph 0 is .notdef): what a PDF editor embeds
        when it adds text, and what a forger bends when a font should lie."""
        names = [".notdef"] + ["g%d" % (i + 1) for i in range(len(glyphs))]
        fb = FontBuilder(self.upem, isTTF=True)
        fb.setupGlyphOrder(names)
        fb.setupCharacterMap({0xE000 + i: names[i + 1] for i in range(len(glyphs))})
        outl, metrics = {".notdef": TTGlyphPen(None).glyph()}, {".notdef": (self.upem // 2, 0)}
        for i, ch in enumerate(glyphs):
            f = self.face_for(ch)
            if f.upem != self.upem:
                raise SystemExit("pagecorpus: font copies mix faces of one em size only")
            rec = DecomposingRecordingPen(f.gs)
            f.gs[f.glyph(ch)].draw(rec)
            pen = TTGlyphPen(None)
            rec.replay(pen)
            outl[names[i + 1]] = pen.glyph()
            metrics[names[i + 1]] = f.hmtx[f.glyph(ch)]
        fb.setupGlyf(outl)
        fb.setupHorizontalMetrics(metrics)
        fb.setupHorizontalHeader(ascent=986, descent=-304)
        fb.setupNameTable({"familyName": "WenQuanYi Zen Hei", "styleName": "Regular"})
        fb.setupOS2(sTypoAscender=986, sTypoDescender=-304, usWinAscent=986, usWinDescent=304)
        fb.setupPost()
        buf = io.BytesIO()
        fb.save(buf)
        return buf.getvalue()


class _PdfPen(BasePen):
    def __init__(self, gs, k, ox, oy, out):
        super().__init__(gs)
        self.k, self.ox, self.oy, self.out = k, ox, oy, out

    def _p(self, p):
        return "%.2f %.2f" % (self.ox + p[0] * self.k, self.oy + p[1] * self.k)

    def _moveTo(self, p):
        self.out.append(self._p(p) + " m")

    def _lineTo(self, p):
        self.out.append(self._p(p) + " l")

    def _curveToOne(self, a, b, c):
        self.out.append("%s %s %s c" % (self._p(a), self._p(b), self._p(c)))

    def _closePath(self):
        self.out.append("h")


def utf16hex(s):
    return s.encode("utf-16-be").hex().upper()


def tounicode_cmap(entries):
    """A ToUnicode CMap mapping each 2-byte code to a string."""
    body = "".join("<%04X> <%s>\n" % (c, utf16hex(s)) for c, s in sorted(entries.items()))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            "%d beginbfchar\n%sendbfchar\nendcmap\n"
            "CMapName currentdict /CMap defineresource pop\nend\nend\n" % (len(entries), body)).encode()


def parse_tounicode(data):
    m = {}
    for g, u in re.findall(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", data):
        m[int(g, 16)] = bytes.fromhex(u.decode()).decode("utf-16-be")
    return m


class Run:
    """One BT … ET block: font resource, size, origin, text, and where it sits
    in the instruction list (the fill colour is set just before BT)."""
    def __init__(self, bt, et, font, size, x, y, text):
        self.bt, self.et, self.font, self.size, self.x, self.y, self.text = bt, et, font, size, x, y, text

    def bbox(self, face, text=None):
        """x0, y0, x1, y1 of the run's ink box (font ascent and descent)."""
        w = face.width(self.text if text is None else text, self.size)
        return self.x - 1.0, self.y - 0.32 * self.size, self.x + w + 1.0, self.y + 0.99 * self.size


class Page:
    def __init__(self, path):
        self.path = path
        self.pdf = pikepdf.open(path)
        self.page = self.pdf.pages[0]
        self.face = Face.get()
        self.ins = list(pikepdf.parse_content_stream(self.page))
        self.maps = {}
        for name, f in self.page.Resources.Font.items():
            self.maps[name] = parse_tounicode(f.ToUnicode.read_bytes())
        self.runs = []
        bt = font = size = x = y = None
        text = ""
        for i, (operands, op) in enumerate(self.ins):
            op = str(op)
            if op == "BT":
                bt, text = i, ""
            elif op == "Tf":
                font, size = str(operands[0]), float(operands[1])
            elif op == "Td":
                x, y = float(operands[0]), float(operands[1])
            elif op == "Tj":
                raw = bytes(operands[0])
                text += "".join(self.maps[font].get(int.from_bytes(raw[j:j + 2], "big"), "\ufffd")
                                for j in range(0, len(raw), 2))
            elif op == "ET":
                self.runs.append(Run(bt, i, font, size, x, y, text))
        self.fields, self.labels = {}, {}
        for i, r in enumerate(self.runs):
            if r.text in LABELS and i + 1 < len(self.runs):
                v = self.runs[i + 1]
                # a name with rare characters is set in several runs, one per face
                for w in self.runs[i + 2:]:
                    if w.y != v.y or w.size != v.size or w.text in LABELS:
                        break
                    v = Run(v.bt, w.et, v.font, v.size, v.x, v.y, v.text + w.text)
                self.fields[LABELS[r.text]] = v
                self.labels[LABELS[r.text]] = r
            elif re.fullmatch(r"（\d{4} 年度）", r.text):
                self.fields["title_year"] = r
        self.replace, self.before, self.after, self.tail = {}, {}, {}, []
        self.deleted = set()
        self.nfont = 0

    # ---- content edits -------------------------------------------------
    def run(self, field):
        if field not in self.fields:
            raise SystemExit("pagecorpus: %s has no %s line" % (self.path, field))
        return self.fields[field]

    def drop_run(self, r):
        """Removes a whole BT … ET block."""
        self.deleted.update(range(r.bt, r.et + 1))

    def replace_run(self, r, items):
        self.deleted.update(range(r.bt + 1, r.et + 1))
        self.replace[r.bt] = items

    def wrap_run(self, r, pre, post):
        self.before.setdefault(r.bt, []).append(pre)
        self.after.setdefault(r.et, []).append(post)

    def add(self, raw):
        """Drawn after everything else on the page."""
        self.tail.append(raw)

    def encode(self, font, text):
        """The run's font resource and glyph codes for TEXT: the same
        embedded font when its subset has every glyph, else another embedded
        font that has them all, else a new font copy (a PDF editor's way)."""
        order = [font] + sorted(f for f in self.maps if f != font)
        for f in order:
            rev = {v: k for k, v in self.maps[f].items()}
            if all(ch in rev for ch in text):
                return f, b"".join(rev[ch].to_bytes(2, "big") for ch in text)
        f = self.new_font(text)
        return f, b"".join((i + 1).to_bytes(2, "big") for i in range(len(text)))

    def text_items(self, font, size, x, y, text, rgb=(0, 0, 0), mode=None):
        f, codes = self.encode(font, text)
        tr = b"" if mode is None else b"%d Tr " % mode
        # q … Q: a render mode or colour set here must not leak into later text
        return b"q %.3g %.3g %.3g rg BT %s %g Tf %s%.2f %.2f Td <%s> Tj ET Q" % (
            rgb[0], rgb[1], rgb[2], f.encode(), size, tr, x, y, codes.hex().encode())

    def outline_items(self, size, x, y, text, rgb=(0, 0, 0), face=None):
        face = face or self.face
        return b"q %.3g %.3g %.3g rg %s f Q" % (rgb[0], rgb[1], rgb[2], face.outlines(text, size, x, y))

    def new_font(self, glyphs, unicode=None, outline=None):
        """Adds a Type0/CIDFontType2 font copy whose CID i+1 draws
        outline[i] (default glyphs[i]) and whose ToUnicode says unicode[i]
        (default glyphs[i]); returns its resource name. A lying font is one
        where those differ."""
        outline = glyphs if outline is None else outline
        unicode = list(glyphs) if unicode is None else unicode
        prog = self.face.font_program(outline)
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(prog).digest()[:6])
        base = Name("/" + tag + "+WenQuanYiZenHei")
        ff = Stream(self.pdf, prog)
        ff.Length1 = len(prog)
        fd = self.pdf.make_indirect(Dictionary(
            Type=Name.FontDescriptor, FontName=base, Flags=4, FontBBox=Array([-125, -296, 1050, 962]),
            ItalicAngle=0, Ascent=962, Descent=-296, CapHeight=962, StemV=80, FontFile2=ff))
        widths = [round(self.face.advance(ch) * 1000 / self.face.upem) for ch in outline]
        cid = self.pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=base,
            CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
            FontDescriptor=fd, CIDToGIDMap=Name.Identity, DW=1000, W=Array([1, Array(widths)])))
        tu = Stream(self.pdf, tounicode_cmap({i + 1: u for i, u in enumerate(unicode)}))
        font = self.pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=base, Encoding=Name("/Identity-H"),
            DescendantFonts=Array([cid]), ToUnicode=tu))
        self.nfont += 1
        name = "/E%d" % self.nfont
        self.page.Resources.Font[name] = font
        self.maps[name] = {i + 1: u for i, u in enumerate(unicode)}
        return name

    def content(self):
        out = []
        for i, ins in enumerate(self.ins):
            out += self.before.get(i, [])
            if i in self.replace:
                out.append(self.replace[i])
            elif i not in self.deleted:
                out.append(pikepdf.unparse_content_stream([ins]))
            out += self.after.get(i, [])
        return b"\n".join(out + self.tail) + b"\n"

    def commit(self):
        """Writes the edited content into the page (a new stream)."""
        self.page.obj.Contents = self.pdf.make_stream(self.content())

    def save(self, out, **kw):
        self.commit()
        self.pdf.save(out, static_id=True, **kw)


# ---- a field's new run text --------------------------------------------
def edited_text(run, old, new):
    if old not in run.text:
        raise SystemExit("pagecorpus: %r is not in %r" % (old, run.text))
    return run.text.replace(old, new, 1)
