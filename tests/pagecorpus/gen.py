#!/usr/bin/python3
"""Builds the page-check corpus (README.md here): forged and genuine certificate
files made from certificates issued in the run by the real `certqr-issue
batch` with the TEST-ONLY keys, and manifest.tsv saying what each must get.

  gen.py --build BUILD --out DIR [--lean | --core] [--only ID,ID...]

--lean makes the subset tests/pagecorpus/lean.sh runs (every technique and
every capture class once); --core the smaller one it runs under ASan (one
file per kind of input); without either, the whole corpus (make bench).
Deterministic: each case draws from its own random.Random seeded by its id.
See README.md beside this file for the techniques and the manifest.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import born      # noqa: E402
import raster    # noqa: E402
from pdfedit import Page  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KEYS = os.path.join(ROOT, "keys", "test")
PASS = os.path.join(KEYS, "PASSPHRASE-TEST-ONLY")


def idnum(first17):
    """A valid GB 11643 ID number: FIRST17 and its MOD 11-2 check character."""
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * k for c, k in zip(first17, w)) % 11]


def same_hint_id(area, seq, last):
    """Another valid ID number ending in SEQ+LAST (same last four characters
    as someone else's), by trying birth dates in order."""
    for y in range(1980, 2000):
        for m in range(1, 13):
            for d in range(1, 29):
                i = idnum("%s%04d%02d%02d%s" % (area, y, m, d, seq))
                if i[-1] == last:
                    return i
    raise SystemExit("pagecorpus: no ID with that ending")


A_ID = "410102198503120516"
B_SAME = same_hint_id("410105", "051", "6")          # another 张伟, same last four 0516
B_OTHER = idnum("41010419880606201")                  # another 张伟, other last four
C_ID = idnum("41010219900715203")                     # 王磊

BUREAUS = {
    "zhengzhou": ("410100", "郑州市人力资源和社会保障局"),
    "pingdingshan": ("410400", "平顶山市人力资源和社会保障局"),
    "anyang": ("410500", "安阳市人力资源和社会保障局"),
    "province": ("410000", "河南省人力资源和社会保障厅"),
}

# key: bureau, name, id, number, year, revision, public, professional,
#      compulsory, reduction, months at post, issued
RECORDS = {
    "A25": ("zhengzhou", "张伟", A_ID, "4101020000123", 2025, 1, 32, 64, None, None, 12, "2025-12-20"),
    "A24": ("zhengzhou", "张伟", A_ID, "4101020000124", 2024, 1, 30, 62, None, None, 12, "2025-01-20"),
    "LXY": ("zhengzhou", "李秀英", "410103199007152624", "4101030004567", 2025, 1, 30, 60, None, None, 12, "2025-12-20"),
    "AYG": ("zhengzhou", "阿依古丽·买买提", "650102199203042420", "4101220000901", 2025, 1, 30, 61, None, None, 12, "2025-12-20"),
    "LF": ("zhengzhou", "刘芳", "410184198809091222", "4101840003321", 2025, 1, 30, 40, None, "maternity", 8, "2025-12-20"),
    "WJG": ("zhengzhou", "王建国", "41010519781102351X", "4101050012345", 2024, 1, 36, 72, None, None, 12, "2025-01-15"),
    "OY": ("zhengzhou", "欧阳明月", idnum("41010819870621442"), "4101080000456", 2025, 2, 30, 66, None, None, 12, "2026-01-08"),
    "ML": ("zhengzhou", "马丽", idnum("41010419820304122"), "4101040000789", 2025, 1, 10, 20, None, "aid", 12, "2025-12-22"),
    "WL": ("zhengzhou", "王磊", C_ID, "4101020000555", 2025, 1, 30, 60, None, None, 12, "2025-12-20"),
    "RARE": ("zhengzhou", "张𪚥", idnum("41010219890909141"), "4101020008888", 2025, 1, 32, 60, None, None, 12, "2025-12-20"),
    "WG": ("zhengzhou", "吴刚", idnum("41010219760808301"), "4101020007777", 2019, 1, 24, 66, None, None, 12, "2020-01-10"),
    "ZM": ("pingdingshan", "赵敏", idnum("41040219910212402"), "4104020001111", 2021, 1, 30, 60, 18, None, 12, "2021-12-28"),
    "SY": ("pingdingshan", "孙悦", idnum("41040319850505151"), "4104030002222", 2023, 1, 12, 25, None, "abroad", 5, "2024-01-05"),
    "SMXR": ("pingdingshan", "司马相如", idnum("41042319800101001"), "4104230003456", 2024, 1, 40, 80, None, None, 12, "2025-01-12"),
    "HH": ("anyang", "黄河", idnum("41050219930909001"), "4105020003333", 2025, 1, 34, 70, None, None, 12, "2025-12-26"),
    "AXJL": ("anyang", "爱新觉罗·启星", idnum("41050319881111302"), "4105030004444", 2024, 1, 30, 64, None, None, 12, "2025-01-18"),
    "ZJ": ("province", "周杰", idnum("41010519790318601"), "4100000005555", 2025, 1, 31, 65, None, None, 12, "2025-12-31"),
    "QDD": ("province", "钱多多", idnum("41030219950720502"), "4100000006666", 2024, 1, 15, 30, None, "sick_leave", 6, "2025-01-08"),
    "WM": ("province", "王淼", idnum("41018119960229003"), "4100000007878", 2025, 1, 30, 60, None, None, 12, "2025-12-31"),
}
# the same certificates issued another way: libharu writer, error correction Q
VARIANTS = {"A25-haru": ("A25", ["--pdf-engine", "libharu"]), "LXY-q": ("LXY", ["--qr-level", "Q"])}

# the smallest subset, one file per kind of input the verifier parses (text,
# paths, annotations, form, geometry, another QR, holder, image PDF, JPEG,
# photo, sandwich; issued, libharu, re-printed, scanned, photographed, two
# pages, covered): the test group under ASan/UBSan runs only these
CORE = {"F01", "F06", "F19", "F21", "F37", "F39", "F41", "F44", "F45", "R01", "R05", "R11", "R18",
        "G01", "G19", "G24", "G29", "G41", "G60", "G68"}

COLUMNS = "name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued"


def signed(key):
    """The signed values of a record, by the JSON field names."""
    b, name, i, num, y, rev, pub, prof, comp, red, mon, iss = RECORDS[key]
    return {"name": name, "id_number": i, "number": num, "year": str(y), "hours_public": str(pub),
            "hours_professional": str(prof), "hours_total": str(pub + prof),
            "hours_compulsory": "" if comp is None else str(comp), "reduction": red or "none",
            "issuer": BUREAUS[b][1], "issued": iss, "revision": str(rev)}


def issue(build, out):
    """Runs certqr-issue batch once per bureau (and per variant); returns
    record key -> PDF path."""
    paths = {}
    jobs = [(b, [k for k, r in RECORDS.items() if r[0] == b], [], b) for b in BUREAUS]
    jobs += [(RECORDS[src][0], [src], extra, name) for name, (src, extra) in VARIANTS.items()]
    for bureau, keys, extra, d in jobs:
        rows = [COLUMNS]
        for k in keys:
            b, name, i, num, y, rev, pub, prof, comp, red, mon, iss = RECORDS[k]
            rows.append(",".join([name, i, num, str(y), str(rev), str(pub), str(prof),
                                  "" if comp is None else str(comp), red or "", "" if mon == 12 else str(mon),
                                  BUREAUS[b][0], iss]))
        csv = os.path.join(out, "export-%s.csv" % d)
        open(csv, "w", encoding="utf-8").write("\n".join(rows) + "\n")
        r = subprocess.run([os.path.join(build, "certqr-issue"), "batch",
                            "--key", os.path.join(KEYS, "issuer-%s-TEST-ONLY.key" % bureau),
                            "--delegation", os.path.join(KEYS, "issuer-%s-TEST-ONLY.dl" % bureau),
                            "--passphrase-file", PASS, "--out", os.path.join(out, d), "--quiet"] + extra + [csv],
                           capture_output=True, text=True)
        if r.returncode not in (0,):
            raise SystemExit("pagecorpus: certqr-issue batch (%s) exited %d: %s%s" % (d, r.returncode, r.stdout, r.stderr))
        for k in keys:
            num, y, rev = RECORDS[k][3], RECORDS[k][4], RECORDS[k][5]
            p = os.path.join(out, d, "%s-%d-r%d.pdf" % (num, y, rev))
            if not os.path.exists(p):
                raise SystemExit("pagecorpus: certqr-issue batch did not write %s" % p)
            paths[k if d == bureau else d] = p
    return paths


# ---- the cases -----------------------------------------------------------------
class Case:
    def __init__(self, cid, kind, cls, technique, rec, make, ext, lean=False, edits=(), fields=None,
                 expect=None, exit=None, args=(), rows="codes=1", shown=None, note="", look=None):
        self.id, self.kind, self.cls, self.technique, self.rec = cid, kind, cls, technique, rec
        self.make, self.ext, self.lean, self.edits, self.args, self.rows = make, ext, lean, list(edits), list(args), rows
        if fields is None:
            fields = sorted({{"year_line": "year", "title_year": "year"}.get(f, f) for f, _, _ in edits})
        self.fields = list(fields)
        self.expect = expect or ("composited" if kind == "forged" else "authentic")
        self.exit = exit or {"composited": "1", "authentic": "0", "authentic_or_unreadable": "0|2",
                             "holder_mismatch": "1", "page_unreadable": "2", "decoy": "1|2"}[self.expect]
        # (page record, edits, labels changed): what the rendered page must show
        self.look = look
        self.shown = shown if shown is not None else shown_values(rec, edits)
        self.note = note or "; ".join("%s %s→%s" % (f, o, n) for f, o, n in edits)
        self.file = "%s-%s.%s" % (cid, technique, ext)


def shown_values(rec, edits):
    """What the edited page shows for each edited field (for the bench's
    reading accuracy)."""
    if rec not in RECORDS:
        return {}
    s = signed(rec)
    out = {}
    for f, old, new in edits:
        f = {"year_line": "year", "title_year": "year"}.get(f, f)
        base = out.get(f, s.get(f, ""))
        if f == "issued":
            y, m, d = (int(v) for v in base.split("-"))
            zh = "%d 年 %d 月 %d 日" % (y, m, d)   # lib/layout.c: the {issued} slot
            zh = zh.replace(old, new, 1)
            import re
            y, m, d = (int(v) for v in re.findall(r"\d+", zh))
            out[f] = "%04d-%02d-%02d" % (y, m, d)
        else:
            out[f] = base.replace(old, new, 1) if old in base else new
    return out


class Ctx:
    def __init__(self, build, out, pdfs):
        self.build, self.out, self.pdfs = build, out, pdfs
        self._renders = {}

    def pdf(self, key):
        return self.pdfs[key]

    def render(self, key, dpi, gray=False):
        k = (key, dpi, gray)
        if k not in self._renders:
            self._renders[k] = raster.render(self.pdf(key), dpi, gray=gray)
        return self._renders[k]

    def render_box(self, key, dpi, box):
        k = ("box", key, dpi, box)
        if k not in self._renders:
            self._renders[k] = raster.render(self.pdf(key), dpi, gray=True, box=box)
        return self._renders[k]

    def edited(self, key, dpi, edits, gray=False):
        return raster.pixel_edit(self.render(key, dpi, gray), dpi, self.pdf(key), edits)

    def runs(self, key):
        return [(r.text, r.x, r.y, r.size) for r in Page(self.pdf(key)).runs]


def photo_of(img_fn, **kw):
    """A make() for a phone photo of the page IMG_FN(ctx, dpi) returns."""
    q = kw.pop("quality", 85)
    frame = kw.get("frame", (2448, 3264))
    fill = kw.get("fill", 0.86)

    def make(ctx, out, rng):
        long_px = fill * max(frame)
        dpi = max(72, min(300, int(long_px / 11.69 * 1.15)))
        raster.save_jpeg(raster.photo(img_fn(ctx, dpi), rng, **kw), out, q)
    return make


def build_cases():
    C = []

    def F(cid, technique, rec, edits, make, ext="pdf", cls="born-digital", **kw):
        C.append(Case(cid, "forged", cls, technique, rec, make, ext, edits=edits, **kw))

    def G(cid, technique, rec, make, ext="pdf", cls="fresh", **kw):
        C.append(Case(cid, "genuine", cls, technique, rec, make, ext, **kw))

    def bd(fn, *extra, **kwx):
        """born.FN on the record's issued PDF."""
        def mk(rec, edits):
            return lambda ctx, out, rng: fn(ctx.pdf(rec), out, edits, *extra, **kwx)
        return mk

    def born_case(cid, technique, fn, rec, edits, lean=False, extra=(), **kw):
        F(cid, technique, rec, edits, bd(fn, *extra)(rec, edits), lean=lean, look=(rec, edits, False), **kw)

    # ---- born-digital: text layer and page agree ------------------------
    born_case("F01", "text", born.text, "A25", [("name", "张伟", "关和")], lean=True)
    born_case("F02", "text", born.text, "A25", [("hours_public", "32", "82")])
    born_case("F03", "text", born.text, "LXY", [("issuer", "郑州市", "洛阳市")])
    born_case("F04", "text", born.text, "WJG", [("number", "4101050012345", "4101050012845")])
    born_case("F05", "text", born.text, "A25", [("hours_professional", "64", "94")])
    born_case("F51", "text-title-year", born.text, "A24", [("title_year", "2024", "2025")], lean=True)
    born_case("F54", "text", born.text, "AYG", [("name", "买买提", "买买捷")])
    born_case("F49", "text", born.text, "ZM", [("hours_compulsory", "必修课 18", "必修课 24")], lean=True,
              fields=["hours_compulsory"], shown={"hours_compulsory": "24"})
    born_case("F27", "fullwidth-x", born.text, "A25",
              [("name", "张伟", "王建国"), ("id_number", A_ID, "41010519781102351Ｘ")], lean=True)
    for cid, rec, e, lean in (("F23", "A25", [("hours_public", "32", "52")], True), ("F24", "HH", [("name", "黄河", "黄珂")], False)):
        F(cid, "offset-line", rec, e, bd(born.offset_line)(rec, e), lean=lean, look=(rec, e, False, 12))
    F("F25", "reword-label", "A25", [("hours_public", "32", "82")], lean=True,
      look=("A25", [("hours_public", "32", "82")], True),
      make=lambda ctx, out, rng: born.reword_label(ctx.pdf("A25"), out, [("hours_public", "32", "82")],
                                                   {"hours_public": "公需学时："}))
    F("F26", "reword-label", "LXY", [("hours_professional", "60", "80")],
      look=("LXY", [("hours_professional", "60", "80")], True),
      make=lambda ctx, out, rng: born.reword_label(ctx.pdf("LXY"), out, [("hours_professional", "60", "80")],
                                                   {"hours_professional": "专业学时："}))
    born_case("F35", "incremental", born.incremental, "A25", [("hours_public", "32", "92"), ("hours_total", "96", "156")], lean=True)
    born_case("F36", "incremental", born.incremental, "A24", [("year", "2024", "2025")])
    F("F47", "added-line", "A25", [], fields=["reduction|extra"], lean=True, shown={"reduction": "aid"},
      note="学时认定：援派工作满一年 added (the whole year's hours by aid work)",
      make=lambda ctx, out, rng: born.add_line(ctx.pdf("A25"), out, "hours_total", "学时认定：", "援派工作满一年"))
    F("F48", "dropped-line", "LF", [], fields=["reduction"], lean=True, shown={"reduction": "none"},
      note="the art. 8 reduction line (生育, 8 months at post) deleted",
      make=lambda ctx, out, rng: born.drop_line(ctx.pdf("LF"), out, "reduction"))

    # ---- born-digital: the page and its text layer disagree --------------
    born_case("F06", "whitebox-outlines", born.whitebox_outline, "A25", [("hours_professional", "64", "94")], lean=True)
    born_case("F07", "whitebox-outlines", born.whitebox_outline, "LXY", [("name", "李秀英", "李秀荣")])
    born_case("F08", "whitebox-outlines", born.whitebox_outline, "LXY", [("issued", "12 月 20 日", "12 月 28 日")])
    born_case("F09", "whitebox-outlines", born.whitebox_outline, "AYG", [("number", "4101220000901", "4101220000907")])
    born_case("F50", "whitebox-outlines", born.whitebox_outline, "SMXR", [("issued", "2025 年 1 月 12 日", "2025 年 7 月 12 日")])
    born_case("F52", "whitebox-outlines", born.whitebox_outline, "LXY", [("id_number", "410103199007152624", "410103199007152684")])
    born_case("F59", "whitebox-outlines-rare-name", born.whitebox_outline, "RARE", [("name", "张𪚥", "张龙")], lean=True,
              note="a rare character (U+2A6A5, set in HanaMin A) replaced by a common one")
    born_case("F55", "whitebox-outlines", born.whitebox_outline, "OY", [("hours_professional", "66", "86")])
    E = [("hours_public", "32", "82"), ("hours_total", "96", "146")]
    F("F56", "other-font-outlines", "A25", E, look=("A25", E, False, 2, raster.HAND_FONT), lean=True,
      note="white boxes, new values drawn in WenQuanYi Micro Hei (not the issuer's font)",
      make=lambda ctx, out, rng: born.whitebox_outline(ctx.pdf("A25"), out, [("hours_public", "32", "82"), ("hours_total", "96", "146")],
                                                       font=raster.HAND_FONT))
    F("F57", "decoy-page", "A25", [("hours_public", "32", "82")], expect="decoy", rows="codes=any", fields=[], lean=True,
      note="page 1: an edited copy with its code painted over (the image still in the page); page 2: the genuine page",
      make=lambda ctx, out, rng: born.decoy_page(ctx.pdf("A25"), out, [("hours_public", "32", "82")]))
    F("F58", "decoy-page-no-code", "A25", [("hours_professional", "64", "94")], expect="decoy", rows="codes=any", fields=[], lean=True,
      note="page 1: an edited copy without its code; page 2: the genuine page (a page without a code is 'could not check')",
      make=lambda ctx, out, rng: born.decoy_page(ctx.pdf("A25"), out, [("hours_professional", "64", "94")], drop_qr=True))
    born_case("F10", "tr3-outlines", born.tr3_outline, "A25", [("hours_public", "32", "82"), ("hours_total", "96", "146")], lean=True)
    born_case("F11", "tr3-outlines", born.tr3_outline, "A24", [("year", "2024", "2025")])
    born_case("F12", "tr3-outlines", born.tr3_outline, "HH", [("issuer", "安阳市", "开封市")])
    born_case("F53", "tr3-outlines", born.tr3_outline, "WG", [("issued", "2020 年", "2022 年")])
    born_case("F13", "actualtext", born.actualtext, "A25", [("name", "张伟", "张玮")], lean=True)
    born_case("F14", "actualtext", born.actualtext, "LXY", [("hours_public", "30", "60")])
    born_case("F15", "tounicode-lie", born.tounicode_lie, "LXY", [("hours_professional", "60", "90")], lean=True)
    born_case("F16", "tounicode-lie", born.tounicode_lie, "HH", [("number", "4105020003333", "4105020008333")])
    born_case("F17", "glyph-lie", born.glyph_lie, "A25", [("hours_public", "32", "82")], lean=True)
    zj = RECORDS["ZJ"][2]
    born_case("F18", "glyph-lie", born.glyph_lie, "ZJ", [("id_number", zj, zj[:6] + "1978" + zj[10:])])
    born_case("F40", "type3-lie", born.type3_lie, "A25", [("hours_professional", "64", "84")], lean=True)
    born_case("F19", "freetext-annotation", born.freetext_annot, "A25", [("hours_total", "96", "126")], lean=True)
    born_case("F20", "freetext-annotation", born.freetext_annot, "LF", [("name", "刘芳", "刘方")])
    born_case("F21", "form-field", born.widget_field, "HH", [("hours_public", "34", "54")], lean=True)
    born_case("F22", "form-field", born.widget_field, "A24", [("year_line", "2024", "2025")])
    born_case("F28", "image-overlay", born.image_overlay, "A25", [("hours_professional", "64", "84")], lean=True)
    born_case("F29", "image-overlay", born.image_overlay, "ZJ", [("issuer", "河南省人力资源和社会保障厅", "郑州市人力资源和社会保障局")])
    born_case("F30", "white-text", born.white_text, "A25", [("hours_public", "32", "62")], lean=True)
    born_case("F31", "white-text", born.white_text, "LXY", [("number", "4101030004567", "4101030004561")])
    born_case("F32", "clip-hidden", born.clip_hidden, "A25", [("hours_total", "96", "126")], lean=True)
    born_case("F33", "ocg-hidden", born.ocg_hidden, "LXY", [("name", "李秀英", "李秀芳")], lean=True)
    born_case("F34", "ocg-hidden", born.ocg_hidden, "HH", [("hours_professional", "70", "90")])
    born_case("F37", "cropbox-hide", born.cropbox_hide, "A25", [("hours_public", "32", "82")], lean=True)
    F("F38", "mediabox-hide", "LXY", [("name", "李秀英", "李秀荣"), ("hours_professional", "60", "90")], lean=True,
      look=("LXY", [("name", "李秀英", "李秀荣"), ("hours_professional", "60", "90")], False),
      make=lambda ctx, out, rng: born.cropbox_hide(ctx.pdf("LXY"), out, [("name", "李秀英", "李秀荣"), ("hours_professional", "60", "90")], media_only=True))
    born_case("F39", "rotate", born.rotate, "A25", [("hours_professional", "64", "94")], lean=True)

    # ---- another genuine certificate's QR on an edited page -------------
    F("F41", "qr-other-person", "WL", [], lean=True,
      fields=["number", "hours_public", "hours_professional", "hours_total"],
      shown={"number": "4101020000123", "hours_public": "32", "hours_professional": "64", "hours_total": "96"},
      note="张伟's 2025 page, name and ID edited to 王磊's, with 王磊's genuine 2025 QR",
      look=("A25", [("name", "张伟", "王磊"), ("id_number", A_ID, C_ID)], False),
      make=lambda ctx, out, rng: born.qr_swap(ctx.pdf("A25"), ctx.pdf("WL"), out,
                                              [("name", "张伟", "王磊"), ("id_number", A_ID, C_ID)]))
    F("F42", "qr-other-year", "A24", [], lean=True,
      fields=["number", "year", "hours_professional", "hours_total", "issued"],
      shown={"number": "4101030004567", "year": "2025", "hours_professional": "60", "hours_total": "90", "issued": "2025-12-20"},
      note="李秀英's 2025 page edited to 张伟, with 张伟's genuine 2024 QR",
      look=("LXY", [("name", "李秀英", "张伟"), ("id_number", "410103199007152624", A_ID)], False),
      make=lambda ctx, out, rng: born.qr_swap(ctx.pdf("LXY"), ctx.pdf("A24"), out,
                                              [("name", "李秀英", "张伟"), ("id_number", "410103199007152624", A_ID)]))

    # ---- impersonation -----------------------------------------------------
    born_case("F43", "impersonation-id", born.whitebox_outline, "A25", [("id_number", A_ID, B_OTHER)], lean=True,
              note="张伟's certificate, printed ID edited to another 张伟's (other last four)")
    born_case("F44", "impersonation-id-same-hint", born.whitebox_outline, "A25", [("id_number", A_ID, B_SAME)], lean=True,
              note="张伟's certificate, printed ID edited to another 张伟's with the same last four (only the signed hash differs)")
    F("F45", "holder-id", "A25", [], lean=True, expect="holder_mismatch", fields=[], args=["--holder-id", B_OTHER],
      note="genuine, unedited; checked with --holder-id of another 张伟",
      make=lambda ctx, out, rng: shutil.copyfile(ctx.pdf("A25"), out))
    F("F46", "holder-id-edited-page", "A25", [("id_number", A_ID, B_OTHER)], expect="holder_mismatch", lean=True,
      args=["--holder-id", B_OTHER], note="printed ID edited to B's and checked with --holder-id B",
      look=("A25", [("id_number", A_ID, B_OTHER)], False),
      make=lambda ctx, out, rng: born.whitebox_outline(ctx.pdf("A25"), out, [("id_number", A_ID, B_OTHER)]))

    # ---- raster edits (value pixels replaced by the same font's rendering) --
    def rast(cid, technique, rec, edits, cls, ext, make, lean=False, **kw):
        F(cid, technique, rec, edits, make, ext=ext, cls=cls, lean=lean, **kw)

    def img_pdf(rec, edits, dpi, gray, q=85):
        return lambda ctx, out, rng: raster.image_pdf([ctx.edited(rec, dpi, edits, gray)], out, dpi, q)

    def png(rec, edits, dpi):
        return lambda ctx, out, rng: raster.save_png(ctx.edited(rec, dpi, edits), out, dpi)

    def jpg(rec, edits, dpi, q):
        return lambda ctx, out, rng: raster.save_jpeg(ctx.edited(rec, dpi, edits), out, q, dpi)

    def scanned(rec, edits, dpi, skew, gray, fmt="pdf", q=80, **kw):
        def mk(ctx, out, rng):
            im = raster.scan(ctx.edited(rec, dpi, edits) if edits else ctx.render(rec, dpi), rng, skew=skew, grey=gray, **kw)
            if fmt == "pdf":
                raster.image_pdf([im], out, dpi, q)
            elif fmt == "jpg":
                raster.save_jpeg(im, out, q, dpi)
            else:
                raster.save_png(im, out, dpi)
        return mk

    def ed(rec, edits):
        return lambda ctx, dpi: ctx.edited(rec, dpi, edits)

    E = [("name", "张伟", "张玮")]
    rast("R01", "image-pdf", "A25", E, "raster", "pdf", img_pdf("A25", E, 200, True), lean=True)
    E = [("hours_public", "30", "80")]
    rast("R02", "image-pdf", "LXY", E, "raster", "pdf", img_pdf("LXY", E, 150, False))
    E = [("hours_professional", "64", "94")]
    rast("R03", "png", "A25", E, "raster", "png", png("A25", E, 300), lean=True)
    E = [("number", "4105020003333", "4105020003833")]
    rast("R04", "png", "HH", E, "raster", "png", png("HH", E, 200))
    E = [("hours_total", "96", "196")]
    rast("R05", "jpeg", "A25", E, "raster", "jpg", jpg("A25", E, 200, 90), lean=True)
    E = [("year", "2024", "2025")]
    rast("R06", "jpeg", "A24", E, "raster", "jpg", jpg("A24", E, 150, 85))
    E = [("id_number", zj, idnum("41010519830611301"))]
    rast("R07", "jpeg", "ZJ", E, "raster", "jpg", jpg("ZJ", E, 300, 80))
    E = [("hours_professional", "64", "94")]
    rast("R26", "png-other-font", "A25", E, "raster", "png",
         lambda ctx, out, rng: raster.save_png(raster.pixel_edit(ctx.render("A25", 200), 200, ctx.pdf("A25"),
                                                                 [("hours_professional", "64", "94")], raster.HAND_FONT), out, 200),
         note="raster: 64→94 typed in WenQuanYi Micro Hei", lean=True)
    E = [("name", "买买提", "买买捷")]
    rast("R22", "png", "AYG", E, "raster", "png", png("AYG", E, 200))
    E = [("id_number", A_ID, B_SAME)]
    rast("R21", "image-pdf-impersonation", "A25", E, "raster", "pdf", img_pdf("A25", E, 200, True), lean=True,
         note="raster: 张伟's page with another 张伟's ID, same last four")
    E = [("name", "李秀英", "李秀荣")]
    rast("R08", "scan-of-edit", "LXY", E, "scan", "pdf", scanned("LXY", E, 200, 1.2, True), lean=True)
    E = [("issued", "12 月 20 日", "12 月 28 日")]
    rast("R09", "scan-of-edit", "A25", E, "scan", "pdf", scanned("A25", E, 200, -0.8, False))
    E = [("hours_public", "34", "54")]
    rast("R10", "scan-of-edit", "HH", E, "scan", "jpg", scanned("HH", E, 150, 0.5, True, fmt="jpg", q=75))
    E = [("number", "4105020003333", "4105020003338")]
    rast("R23", "scan-of-edit", "HH", E, "scan", "pdf", scanned("HH", E, 200, -1.5, True))
    E = [("hours_public", "30", "80")]
    rast("R25", "scan-of-edit", "OY", E, "scan", "pdf", scanned("OY", E, 300, 0.7, False))

    E = [("hours_public", "32", "82")]
    rast("R11", "photo-of-edit", "A25", E, "photo", "jpg", photo_of(ed("A25", E)), lean=True)
    E = [("name", "刘芳", "刘方")]
    rast("R12", "photo-of-edit", "LF", E, "photo", "jpg", photo_of(ed("LF", E), tilt=0.08, shadow=0.45))
    E = [("year", "2024", "2025")]
    rast("R13", "photo-of-edit", "A24", E, "photo", "jpg", photo_of(ed("A24", E), turn=8))
    E = [("issuer", "河南省人力资源和社会保障厅", "郑州市人力资源和社会保障局")]
    rast("R14", "photo-of-edit", "ZJ", E, "photo", "jpg", photo_of(ed("ZJ", E), blur=1.4))
    E = [("hours_total", "108", "138")]
    rast("R15", "photo-of-edit", "WJG", E, "photo", "jpg", photo_of(ed("WJG", E), quality=70))
    E = [("id_number", "410103199007152624", "410103199007152684")]
    rast("R16", "photo-of-edit", "LXY", E, "photo", "jpg", photo_of(ed("LXY", E), frame=(3024, 4032)))
    E = [("hours_professional", "70", "90")]
    rast("R24", "photo-of-edit", "HH", E, "photo", "jpg", photo_of(ed("HH", E), landscape=True))
    E = [("name", "张伟", "王磊"), ("id_number", A_ID, C_ID)]
    rast("R17", "photo-qr-other-person", "WL", [], "photo", "jpg", lean=True,
         fields=["number", "hours_public", "hours_professional", "hours_total"],
         shown={"number": "4101020000123", "hours_public": "32", "hours_professional": "64", "hours_total": "96"},
         note="photo: 张伟's page edited to 王磊 with 王磊's QR pasted over",
         make=photo_of(lambda ctx, dpi: raster.paste_qr(ctx.edited("A25", dpi, [("name", "张伟", "王磊"), ("id_number", A_ID, C_ID)]),
                                                         dpi, ctx.pdf("A25"), ctx.pdf("WL"))))

    def sandwich_of(rec, edits, dpi=200, skew=0.4):
        def mk(ctx, out, rng):
            im = raster.scan(ctx.edited(rec, dpi, edits) if edits else ctx.render(rec, dpi), rng, skew=skew, grey=True)
            raster.sandwich(im, out, dpi, ctx.runs(rec))
        return mk
    E = [("hours_public", "32", "82")]
    rast("R18", "sandwich", "A25", E, "sandwich", "pdf", sandwich_of("A25", E), lean=True,
         note="edited scan under an invisible genuine text layer: hours_public 32→82")
    E = [("name", "李秀英", "李秀荣")]
    rast("R19", "sandwich", "LXY", E, "sandwich", "pdf", sandwich_of("LXY", E))
    E = [("year", "2024", "2025")]
    rast("R20", "sandwich", "A24", E, "sandwich", "pdf", sandwich_of("A24", E))

    # ---- genuine controls ----------------------------------------------------
    def copy(key):
        return lambda ctx, out, rng: shutil.copyfile(ctx.pdf(key), out)

    fresh = [("G01", "A25", True, ""), ("G02", "A24", False, ""), ("G03", "LXY", False, ""),
             ("G04", "AYG", True, "long name with ·"), ("G05", "LF", True, "art. 8 reduction line"),
             ("G06", "WJG", False, "ID ending in X"), ("G07", "OY", True, "revision 2 line"),
             ("G08", "ML", True, "aid credit line"), ("G09", "WL", False, ""), ("G10", "WG", False, "2019, the 2017 rules"),
             ("G11", "ZM", True, "compulsory hours (Pingdingshan 2021)"), ("G12", "SY", False, "abroad, 5 months at post"),
             ("G13", "SMXR", False, "four-character name"), ("G14", "HH", False, "Anyang"),
             ("G15", "AXJL", False, "long name with ·, Anyang"), ("G16", "ZJ", True, "the province's department"),
             ("G17", "QDD", False, "sick leave"), ("G18", "WM", False, "淼"),
             ("G71", "RARE", True, "a rare character (U+2A6A5) in the name, set in the second face of the chain")]
    for cid, key, lean, note in fresh:
        G(cid, "fresh", key, copy(key), lean=lean, note=note)
    G("G19", "fresh-libharu", "A25-haru", copy("A25-haru"), lean=True, note="issued with --pdf-engine libharu")
    G("G20", "fresh-qr-q", "LXY-q", copy("LXY-q"), note="issued with --qr-level Q")

    def resave(key, cmd):
        def mk(ctx, out, rng):
            src = ctx.pdf(key)
            argv = [a.replace("IN", src).replace("OUT", out) for a in cmd]
            subprocess.run(argv, check=True, capture_output=True)
        return mk
    QLIN = ["qpdf", "--linearize", "IN", "OUT"]
    QOBJ = ["qpdf", "--object-streams=generate", "IN", "OUT"]
    QDF = ["qpdf", "--qdf", "--object-streams=disable", "IN", "OUT"]
    CAIRO = ["pdftocairo", "-pdf", "IN", "OUT"]
    GS = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-o", "OUT", "IN"]
    for cid, key, cmd, name, lean in [("G21", "A25", QLIN, "qpdf-linearize", True), ("G22", "HH", QOBJ, "qpdf-object-streams", False),
                                      ("G23", "AYG", CAIRO, "pdftocairo", True), ("G24", "LF", GS, "ghostscript-pdfwrite", True),
                                      ("G25", "ZJ", QLIN, "qpdf-linearize", False), ("G26", "OY", CAIRO, "pdftocairo", False),
                                      ("G27", "ZM", GS, "ghostscript-pdfwrite", False), ("G28", "ML", QDF, "qpdf-qdf", False)]:
        G(cid, "resave-" + name, key, resave(key, cmd), cls="resaved", lean=lean)

    scans = [("G29", "A25", 150, -2.0, True, "pdf", 80, {}, True), ("G30", "LXY", 150, 1.5, False, "pdf", 80, {}, False),
             ("G31", "AYG", 200, 3.0, True, "pdf", 80, {}, True), ("G32", "LF", 200, -3.0, False, "pdf", 80, {}, False),
             ("G33", "WJG", 300, 0.5, True, "pdf", 85, {}, True), ("G34", "OY", 300, -1.0, False, "pdf", 85, {}, False),
             ("G35", "ZM", 200, 1.0, True, "pdf", 80, {"toner": 900, "noise": 8}, False),
             ("G36", "HH", 200, -0.7, False, "pdf", 35, {}, True), ("G37", "ZJ", 300, 0.3, True, "png", 0, {}, False),
             ("G38", "ML", 150, 1.1, False, "jpg", 70, {}, False), ("G39", "SMXR", 200, 2.5, True, "jpg", 80, {}, False),
             ("G40", "QDD", 150, -1.5, True, "pdf", 75, {"toner": 300}, False)]
    scans.append(("G72", "RARE", 200, 0.8, True, "pdf", 80, {}, False))
    for cid, key, dpi, skew, gray, fmt, q, kw, lean in scans:
        G(cid, "scan-%d%s" % (dpi, "-grey" if gray else "-colour"), key, scanned(key, [], dpi, skew, gray, fmt, q, **kw),
          ext=fmt, cls="scan", lean=lean, note="skew %+.1f°, %s%s" % (skew, fmt, " q%d" % q if q else ""))

    def gen_photo(key, **kw):
        return photo_of(lambda ctx, dpi: ctx.render(key, dpi), **kw)
    photos = [("G41", "A25", {}, "authentic", True, "moderate perspective"),
              ("G42", "LXY", {"tilt": 0.12, "turn": 6}, "authentic", False, "strong perspective"),
              ("G43", "AYG", {"shadow": 0.55}, "authentic", False, "shadow gradient"),
              ("G44", "LF", {"blur": 1.8}, "authentic", False, "mild blur"),
              ("G45", "WJG", {"quality": 55}, "authentic", False, "JPEG q55"),
              ("G46", "A24", {"frame": (1080, 1440), "fill": 0.6, "blur": 0.4}, "authentic_or_unreadable", True,
               "page 864 px tall in a 1080×1440 frame: values 15 px high, barely legible to a person"),
              ("G48", "ZJ", {"shadow": 0.7, "noise": 9}, "authentic", False, "dim, noisy"),
              ("G49", "AXJL", {"turn": 14}, "authentic", False, "turned 14°"),
              ("G50", "QDD", {"landscape": True}, "authentic", True, "landscape frame, page sideways"),
              ("G51", "WM", {"frame": (1080, 1440), "fill": 0.9}, "authentic", False, "messenger-sized 1080×1440, page fills it")]
    for cid, key, kw, expect, lean, note in photos:
        G(cid, "photo", key, gen_photo(key, **kw), ext="jpg", cls="photo", expect=expect, lean=lean, note=note)

    def marked(key, dpi, steps, fmt="pdf", q=80, skew=0.6, gray=False, photo=None):
        def page(ctx, dpi_, rng):
            im = ctx.render(key, dpi_)
            for s in steps:
                im = s(im, dpi_, rng)
            return im

        def mk(ctx, out, rng):
            if photo is not None:
                raster.save_jpeg(raster.photo(page(ctx, 260, rng), rng, **photo), out, 85)
                return
            im = raster.scan(page(ctx, dpi, rng), rng, skew=skew, grey=gray)
            if fmt == "pdf":
                raster.image_pdf([im], out, dpi, q)
            else:
                raster.save_jpeg(im, out, q, dpi)
        return mk
    bands = lambda im, dpi, rng: raster.app_bands(im, dpi, "扫描全能王 2026-03-14 09:41", "由 扫描全能王 扫描创建  第1页 共1页")  # noqa: E731
    margin_lines = lambda im, dpi, rng: raster.app_bands(im, dpi, "文档扫描 2026/03/14 09:41:07", "合计 1 页  CamScanner", band=False)  # noqa: E731
    st1 = lambda im, dpi, rng: raster.stamp(im, dpi, 440, 235, rng)  # noqa: E731
    st2 = lambda im, dpi, rng: raster.stamp(im, dpi, 500, 770, rng, text="某某大学人事处职称评审专用章", radius=40)  # noqa: E731
    hw1 = lambda im, dpi, rng: raster.handwriting(im, dpi, 85, 345, ["与原件核对一致", "2026.3.14"], rng)  # noqa: E731
    hw2 = lambda im, dpi, rng: raster.handwriting(im, dpi, 560, 600, ["已审"], rng, angle=80, size=12)  # noqa: E731
    stp = lambda im, dpi, rng: raster.staples(im, dpi, rng)  # noqa: E731
    stp0 = lambda im, dpi, rng: raster.staples(im, dpi, rng, holes=False)  # noqa: E731
    G("G52", "scanner-app-bands", "A25", marked("A25", 200, [bands]), cls="marked", lean=True,
      note="header and footer strips a scanner app adds")
    G("G53", "scanner-app-margin-lines", "LXY", marked("LXY", 200, [margin_lines], fmt="jpg", gray=True), ext="jpg", cls="marked", lean=True,
      note="header and footer lines printed in the page margin")
    G("G54", "scanner-app-bands", "OY", marked("OY", 150, [bands], q=70), cls="marked")
    G("G55", "stamp-handwriting", "A25", marked("A25", 200, [st1, hw1]), cls="marked", lean=True,
      note="red seal over the seal circle, blue-ink note and signature under the values")
    G("G56", "stamp-handwriting-photo", "LF", marked("LF", 0, [st1, hw1], photo={"shadow": 0.3}), ext="jpg", cls="marked")
    G("G57", "stamp-handwriting", "HH", marked("HH", 200, [st2, hw2], gray=True), cls="marked",
      note="a unit's seal in the top right margin, a note along the right edge")
    G("G58", "staples", "LXY", marked("LXY", 200, [stp], gray=True), cls="marked", lean=True)
    G("G59", "staples-photo", "ZJ", marked("ZJ", 0, [stp0], photo={}), ext="jpg", cls="marked")

    def two_pages_born(key, second, first_is_other=False):
        def mk(ctx, out, rng):
            import pikepdf
            cert = pikepdf.open(ctx.pdf(key))
            if second == "attachment":
                att = os.path.join(os.path.dirname(out), "." + os.path.basename(out) + ".att.pdf")
                raster.attachment_pdf(att, RECORDS[key][1], RECORDS[key][3])
                other = pikepdf.open(att)
            else:
                other = pikepdf.open(ctx.pdf(second))
            if first_is_other:
                out_pdf = pikepdf.new()
                out_pdf.pages.extend(other.pages)
                out_pdf.pages.extend(cert.pages)
                out_pdf.save(out, static_id=True)
            else:
                cert.pages.extend(other.pages)
                cert.save(out, static_id=True)
            if second == "attachment":
                os.remove(att)
        return mk

    def two_pages_scan(key, first_is_other):
        def mk(ctx, out, rng):
            cert = raster.scan(ctx.render(key, 150), rng, skew=0.8, grey=True)
            att = raster.scan(raster.attachment_image(150, RECORDS[key][1], RECORDS[key][3]), rng, skew=-0.5, grey=True)
            raster.image_pdf([att, cert] if first_is_other else [cert, att], out, 150, 80)
        return mk
    G("G60", "second-page-attachment", "A25", two_pages_born("A25", "attachment"), cls="multi-page", lean=True,
      exit="2", rows="codes=1,no_code=1", note="page 2: the unit's course list (text, hours, no code): a page without a code is 'could not check'")
    G("G61", "second-page-scan", "LXY", two_pages_scan("LXY", False), cls="multi-page", exit="2", rows="codes=1,no_code=1")
    G("G62", "cover-page-first-scan", "HH", two_pages_scan("HH", True), cls="multi-page", exit="2", rows="codes=1,no_code=1", lean=True)
    G("G67", "two-certificates", "A25", two_pages_born("A25", "A24"), cls="multi-page", lean=True, rows="codes=2",
      note="张伟's 2025 and 2024 certificates as pages 1 and 2")

    def ocr_sandwich(key, dpi, skew):
        def mk(ctx, out, rng):
            im = raster.scan(ctx.render(key, dpi), rng, skew=skew, grey=True)
            raster.sandwich(im, out, dpi, ctx.runs(key))
        return mk
    G("G63", "ocr-sandwich", "A25", ocr_sandwich("A25", 200, 0.3), cls="sandwich", lean=True,
      note="scan with an OCR text layer that matches")
    G("G64", "ocr-sandwich", "AYG", ocr_sandwich("AYG", 300, -0.6), cls="sandwich")

    def sideways(key):
        def mk(ctx, out, rng):
            im = raster.scan(ctx.render(key, 200), rng, skew=0.4, grey=True)
            raster.image_pdf([im], out, 200, 80, rotate=90)
        return mk
    def glare_photo(key):
        def page(ctx, dpi):
            return raster.glare(ctx.render(key, dpi), dpi, 300, 560, 130, 0.93)
        return photo_of(page)
    G("G47", "photo-glare", "HH", glare_photo("HH"), ext="jpg", cls="damaged", expect="authentic_or_unreadable", lean=True,
      note="flash glare washes out the middle of the values block")
    G("G68", "covered-hours", "A25", marked("A25", 200, [lambda im, dpi, rng: raster.cover(im, dpi, 128, 440, 330, 532, rng)]),
      cls="damaged", lean=True, expect="page_unreadable",
      note="a sticky note covers the three hours lines: the page does not show them, so it cannot match")
    G("G69", "seal-over-issuer", "ZJ", marked("ZJ", 200, [lambda im, dpi, rng: raster.stamp(im, dpi, 330, 405, rng, text="河南省人力资源和社会保障厅", radius=44)]),
      cls="marked", expect="authentic_or_unreadable", lean=True, note="a red seal pressed over the issuer and date lines")
    G("G70", "reviewer-pen-marks", "LXY", marked("LXY", 200, [lambda im, dpi, rng: raster.pen_marks(im, dpi, rng)]),
      cls="marked", lean=True, note="a reviewer's red pen: the total circled, the name underlined, a tick in the margin")
    G("G65", "scan-rotate-90", "WJG", sideways("WJG"), cls="scan", lean=True,
      note="image stored sideways, /Rotate 90 shows it upright")
    G("G66", "holder-id", "A25", copy("A25"), cls="fresh", lean=True, args=["--holder-id", A_ID],
      note="checked with the holder's own ID")
    return C


def shows(ctx, c, path, dpi=150):
    """Checks that the forged file, rendered as a viewer shows it (poppler,
    CropBox, /Rotate, annotations), shows the new values: each edited
    value's region must be much closer to a reference rendering than to the
    genuine page, and the rest of the page (the QR and reworded labels
    aside) must look as issued. The reference is the plainest edit, a white
    box with the new value drawn as glyph outlines, rendered by the same
    renderer so that pixels line up (it was checked by eye). Returns a list
    of complaints."""
    import tempfile
    import numpy as np
    src, edits, labels_changed = c.look[:3]
    reach = c.look[3] if len(c.look) > 3 else 2
    font = c.look[4] if len(c.look) > 4 else None
    full = raster.render(path, 12, gray=True)
    if full.size != ctx.render(src, 12, gray=True).size:
        return ["the page as shown is %dx%d points, the issued page %dx%d" % tuple(
            round(v * 6) for v in full.size + ctx.render(src, 12, gray=True).size)]
    # the title's year, the fields and their labels: where edits go
    box = (40, 300, 560, 730)
    got = raster.render(path, dpi, gray=True, box=box)
    gen = ctx.render_box(src, dpi, box)
    with tempfile.TemporaryDirectory() as d:
        # the new values, and the old ones, drawn the same way (outlines)
        born.whitebox_outline(ctx.pdf(src), os.path.join(d, "new.pdf"), edits, font)
        born.whitebox_outline(ctx.pdf(src), os.path.join(d, "old.pdf"), [(f, o, o) for f, o, n in edits])
        ref = raster.render(os.path.join(d, "new.pdf"), dpi, gray=True, box=box)
        old = raster.render(os.path.join(d, "old.pdf"), dpi, gray=True, box=box)
    from PIL import ImageFilter
    A, G = (np.asarray(x, dtype=np.float32) for x in (got, gen))
    Ab, Gb, Rb = (np.asarray(x.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32) for x in (got, old, ref))
    k = dpi / 72.0
    p = Page(ctx.pdf(src))
    rest = np.ones(A.shape, dtype=bool)
    bad = []

    def best(a, b, m):
        """Mean difference over mask M after the best shift of up to REACH px
        (text and outlines land on slightly different pixels; a value moved
        off its line lands further)."""
        return min(np.abs(np.roll(a, (dy, dx), (0, 1)) - b)[m].mean()
                   for dy in range(-reach, reach + 1) for dx in range(-reach, reach + 1))
    for r, new in born.targets(p, edits):
        _, (x0, y0, x1, y1) = born.white_box(p, r, [r.text, new], pad=4 + reach / k)
        sl = (slice(int((box[3] - y1) * k), int((box[3] - y0) * k) + 1), slice(int((x0 - box[0]) * k), int((x1 - box[0]) * k) + 1))
        rest[sl] = False
        # where the new value's ink differs from the old one's: the edited characters
        m = np.abs(Rb[sl] - Gb[sl]) > 30
        if m.sum() < 20:
            bad.append("%r and %r look alike" % (r.text, new))
            continue
        d_new, d_old = best(Ab[sl], Rb[sl], m), best(Ab[sl], Gb[sl], m)
        if os.environ.get("PAGECHECK_LOOK_DEBUG"):
            print("%s %r: new %.1f old %.1f" % (c.id, new, d_new, d_old), file=sys.stderr)
        if not (d_new < 0.5 * d_old and d_old > 30):
            bad.append("%r does not show %r (differs from the new value by %.1f, from the old by %.1f)" % (r.text, new, d_new, d_old))
    # where reworded, the label column
    if labels_changed:
        rest[:, :int((216 - box[0]) * k)] = False
    off = np.abs(A - G)[rest].mean()
    if off > 0.6:
        bad.append("the rest of the page changed too (mean difference %.2f)" % off)
    return bad


def cpu():
    """CPU seconds of this process and its finished children (pdftoppm)."""
    import resource
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--lean", action="store_true")
    ap.add_argument("--core", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--timing", action="store_true")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    issued = os.path.join(out, "issued")
    os.makedirs(issued, exist_ok=True)
    ctx = Ctx(build, out, issue(build, issued))
    cases = build_cases()
    ids = [c.id for c in cases]
    if len(ids) != len(set(ids)):
        raise SystemExit("pagecorpus: duplicate case ids")
    if not CORE <= {c.id for c in cases if c.lean}:
        raise SystemExit("pagecorpus: CORE names cases outside the lean subset")
    only = set(a.only.split(",")) if a.only else None
    rows, failed = [], []
    for c in cases:
        if a.lean and not c.lean:
            continue
        if a.core and c.id not in CORE:
            continue
        if only and c.id not in only:
            continue
        rng = random.Random(zlib.crc32(c.id.encode()))
        t0 = cpu()
        c.make(ctx, os.path.join(out, c.file), rng)
        t1 = cpu()
        if c.look:
            bad = shows(ctx, c, os.path.join(out, c.file))
            if bad:
                failed.append("%s %s: %s" % (c.id, c.technique, "; ".join(bad)))
        if a.timing:
            print("%s %.2f s, look %.2f s" % (c.id, t1 - t0, cpu() - t1), file=sys.stderr)
        sig = signed(c.rec) if c.rec in RECORDS else signed(VARIANTS[c.rec][0])
        rows.append("\t".join([c.id, c.file, c.kind, c.cls, c.technique, c.expect, c.exit,
                               ",".join(c.fields) or "-", c.rows, " ".join(c.args) or "-",
                               json.dumps({f: sig.get(f.split("|")[0], "") for f in c.fields}, ensure_ascii=False),
                               json.dumps(c.shown, ensure_ascii=False), c.note or "-"]))
    if failed:
        raise SystemExit("pagecorpus: forged files that do not show their forged values:\n  " + "\n  ".join(failed))
    head = "# id\tfile\tkind\tclass\ttechnique\texpect\texit\tfields\trows\targs\tsigned\tshown\tnote"
    open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8").write(head + "\n" + "\n".join(rows) + "\n")
    print("pagecorpus: %d files (%d forged, %d genuine) in %s" % (
        len(rows), sum(r.split("\t")[2] == "forged" for r in rows), sum(r.split("\t")[2] == "genuine" for r in rows), out))


if __name__ == "__main__":
    main()
