#!/usr/bin/python3
"""The page check's degraded corpus (make bench, tests/bench/pagecheck.sh).

  pagecheck_corpus.py make PDFDIR OUT     from issued PDFs: for each
      certificate and capture class (pdf: born-digital; scan150, scan300:
      flatbed scans with grey paper, noise, a small turn, a scanner app's
      footer; photo: a phone photo in perspective), the genuine page and one
      forgery per field (the field's value replaced on the page in the
      issuer's font). Writes OUT/manifest.tsv: file, class, field ("-" for
      genuine), signed value, forged value.
  pagecheck_corpus.py score OUT JSONL     per capture class and per field:
      genuine pages judged match; forgeries caught naming the right field;
      forged numbers read exactly. Prints make bench lines.
"""
import json, os, random, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "files"))
import pageforge

# rows of the built-in layout for a certificate without optional rows
ROW = {"name": 650, "id_number": 617, "number": 584, "year": 551, "hours_public": 518,
       "hours_professional": 485, "hours_total": 452, "issuer": 419, "issued": 386}
NUMERIC = ("number", "year", "hours_public", "hours_professional", "hours_total")

def forged_value(field, rec, rng):
    if field == "name":
        return rng.choice(["关和", "王芳芳", "李强", "赵敏"])
    if field == "id_number":
        # another person's valid number, never the holder's own
        return "410103199007152624" if rec["id_number"] != "410103199007152624" else "410102198503120516"
    if field == "number":
        n = rec["number"]
        return n[:-1] + str((int(n[-1]) + 3) % 10)
    if field == "year":
        return str(int(rec["year"]) - 1)
    if field in ("hours_public", "hours_professional", "hours_total"):
        return str(int(rec[field]) + rng.choice([10, 20, 30]))
    if field == "issuer":
        return "开封市人力资源和社会保障局"
    if field == "issued":
        # the printed date is spaced ("2025 年 12 月 20 日"): another day
        v = rec["issued_zh"].replace("20 日", "28 日").replace("20日", "28日")
        if v == rec["issued_zh"]:
            raise SystemExit("pagecheck corpus: cannot forge the date " + v)
        return v
    raise SystemExit("unknown field " + field)

def shown(field, value):
    return value + (" 学时" if field.startswith("hours_") else "")

def make(pdfdir, out):
    rng = random.Random(11)
    os.makedirs(out, exist_ok=True)
    recs = json.load(open(os.path.join(pdfdir, "records.json")))
    man = open(os.path.join(out, "manifest.tsv"), "w")
    for rec in recs:
        pdf = os.path.join(pdfdir, rec["file"])
        base = os.path.join(out, rec["number"])
        for dpi in (150, 300):
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", pdf, "%s-%d" % (base, dpi)], check=True)
        for field in ["-"] + list(ROW):
            value = forged_value(field, rec, rng) if field != "-" else ""
            if field != "-" and value == str(rec.get("issued_zh" if field == "issued" else field, "")):
                # a "forgery" that paints the signed value again forges nothing
                raise SystemExit("pagecheck corpus: the forged %s equals the signed one (%s)" % (field, value))
            tag = field if field != "-" else "genuine"
            src150, src300 = base + "-150.png", base + "-300.png"
            if field != "-":
                # the forger's edit, on each resolution the captures start from
                for dpi, src in ((150, src150), (300, src300)):
                    dst = "%s-%s-%d.png" % (base, tag, dpi)
                    pageforge.paint(src, dst, dpi, 221, ROW[field] - 6, 300, 20, shown(field, value), 15, ROW[field])
                src150, src300 = "%s-%s-150.png" % (base, tag), "%s-%s-300.png" % (base, tag)
            caps = {}
            if field == "-":
                caps["pdf"] = pdf
            else:
                caps["pdf"] = "%s-%s.pdf" % (base, tag)
                pageforge.annot(pdf, caps["pdf"], "FreeText", 219, ROW[field] - 5, 290, 19, value if value.isascii() else "X")
            caps["scan150"] = "%s-%s-scan150.jpg" % (base, tag)
            pageforge.scan(src150, caps["scan150"], rng.uniform(-1, 1), 5, "footer")
            caps["scan300"] = "%s-%s-scan300.png" % (base, tag)
            pageforge.scan(src300, caps["scan300"], rng.uniform(-1, 1), 4, "footer", "stamp")
            caps["photo"] = "%s-%s-photo.jpg" % (base, tag)
            pageforge.photo(src150, caps["photo"], rng.uniform(0.03, 0.12))
            for cls, f in caps.items():
                if cls == "pdf" and field != "-" and not value.isascii():
                    continue   # Helvetica in an annotation cannot draw Chinese: raster classes cover those
                want = rec.get(field, "") if field != "-" else ""
                man.write("%s\t%s\t%s\t%s\t%s\n" % (f, cls, field, want, value))
    man.close()

def score(out, jsonl):
    rows = {}
    for l in open(jsonl):
        d = json.loads(l)
        if "file" in d and d.get("page") is not None and "page_check" in d:
            rows[d["file"]] = d
    man = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "manifest.tsv"))]
    classes = sorted(set(m[1] for m in man))
    fields = list(ROW)
    tot = {"genuine": [0, 0], "forged": [0, 0]}
    per_cls, per_field, reads = {}, {}, {}
    for f, cls, field, want, value in man:
        d = rows.get(f)
        if field == "-":
            ok = d is not None and d["page_check"] == "match" and d["status"] == "authentic"
            tot["genuine"][0] += ok; tot["genuine"][1] += 1
            per_cls.setdefault(cls, [0, 0, 0, 0]); per_cls[cls][0] += ok; per_cls[cls][1] += 1
            if not ok:
                print("# false reject: %s %s %s" % (f, d and d["page_check"], d and [x["field"] for x in d["differences"]]))
            continue
        named = d is not None and d["page_check"] == "differs" and any(x["field"] == field for x in d["differences"])
        caught = d is not None and d["status"] != "authentic"
        tot["forged"][0] += caught; tot["forged"][1] += 1
        per_cls.setdefault(cls, [0, 0, 0, 0]); per_cls[cls][2] += named; per_cls[cls][3] += 1
        per_field.setdefault(field, [0, 0]); per_field[field][0] += named; per_field[field][1] += 1
        if not caught:
            print("# false accept: %s %s" % (f, field))
        elif not named:
            print("# caught, other field named: %s %s -> %s" % (f, field, d and [x["field"] for x in d["differences"]]))
        if field in NUMERIC:
            got = [x["page"] for x in (d or {}).get("differences", []) if x["field"] == field]
            reads.setdefault(cls, [0, 0]); reads[cls][0] += bool(got) and got[0] == value; reads[cls][1] += 1
    print("pagecheck_genuine_match: %d of %d" % tuple(tot["genuine"]))
    print("pagecheck_forgeries_caught: %d of %d" % tuple(tot["forged"]))
    for c in classes:
        g, gn, n, nn = per_cls[c]
        print("pagecheck_%s_genuine_match: %.1f %%" % (c, 100.0 * g / max(gn, 1)))
        print("pagecheck_%s_field_named: %.1f %%" % (c, 100.0 * n / max(nn, 1)))
        if c in reads:
            print("pagecheck_%s_number_read_exactly: %.1f %%" % (c, 100.0 * reads[c][0] / max(reads[c][1], 1)))
    for fl in fields:
        if fl in per_field:
            print("pagecheck_field_%s_named: %.1f %%" % (fl, 100.0 * per_field[fl][0] / max(per_field[fl][1], 1)))

if __name__ == "__main__":
    {"make": make, "score": score}[sys.argv[1]](*sys.argv[2:])
