#!/usr/bin/python3
"""Judges `certqr-verify files --json` output against the corpus manifest
(tests/pagecorpus/gen.py), by the output contract in tests/pagecorpus/README.md.

  check.py case MANIFEST ID JSONFILE EXIT
      one file's verdict: prints "0|1<TAB>what<TAB>why" lines, one per check
      (exit status; status, signature and page_check of each code row; the
      fields a forgery must name). tests/pagecorpus/lean.sh reports them.
  check.py plan MANIFEST
      how many checks `case` prints over the whole manifest
  check.py bench --verify V --trust DIR MANIFEST
      runs the verifier on every file of the manifest (its directory) and
      prints `make bench` lines: false accepts and rejects, unreadable
      genuine pages, per technique and class, per-field detection and
      reading accuracy, CPU per file.
"""
import json
import os
import re
import resource
import statistics
import subprocess
import sys

NON_CODE = ("no_code", "unreadable")


def manifest(path):
    cases = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        cid, file, kind, cls, tech, expect, ex, fields, rows, args, sig, shown, note = f
        cases.append({"id": cid, "file": file, "kind": kind, "class": cls, "technique": tech, "expect": expect,
                      "exit": [int(x) for x in ex.split("|")], "fields": [] if fields == "-" else fields.split(","),
                      "rows": dict((kv.split("=")[0], int(kv.split("=")[1])) for kv in rows.split(",") if kv != "codes=any"),
                      "args": [] if args == "-" else args.split(" "), "signed": json.loads(sig),
                      "shown": json.loads(shown), "note": note})
    return cases


def rows_of(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            d = json.loads(line)
        except ValueError:
            out.append({"status": "<not JSON>", "raw": line[:200]})
            continue
        if "status" in d:
            out.append(d)
    return out


def named(rows):
    """field -> the page value reported, over every code row's differences."""
    got = {}
    for r in rows:
        for d in r.get("differences") or []:
            if isinstance(d, dict) and "field" in d:
                got.setdefault(d["field"], d.get("page"))
    return got


def brief(r):
    return "%s/%s/%s %s" % (r.get("status"), r.get("signature"), r.get("page_check"),
                            [d.get("field") for d in r.get("differences") or [] if isinstance(d, dict)])


def judge(c, rows, rc):
    """[(ok, what, why)] for one file."""
    res = []
    codes = [r for r in rows if r.get("status") not in NON_CODE]
    nocode = [r for r in rows if r.get("status") == "no_code"]
    want = "|".join(str(x) for x in c["exit"])
    res.append((rc in c["exit"], "exit %s" % want, "exit %d" % rc))
    seen = "; ".join(brief(r) for r in rows) or "no rows printed"
    e = c["expect"]
    if e in ("authentic", "authentic_or_unreadable"):
        ok = len(codes) == c["rows"].get("codes", 1) and len(nocode) == c["rows"].get("no_code", 0)
        for r in codes:
            match = r.get("status") == "authentic" and r.get("page_check") == "match"
            unread = r.get("status") == "page_unreadable" and r.get("page_check") == "unreadable"
            ok = ok and r.get("signature") == "authentic" and (match or (unread and e == "authentic_or_unreadable"))
        what = {"authentic": "authentic, page matches", "authentic_or_unreadable": "authentic or page unreadable, never composited"}[e]
        res.append((ok, what + " (%s)" % c["rows"], seen))
    elif e == "composited":
        ok = bool(codes) and all(r.get("status") == "composited" and r.get("signature") == "authentic"
                                 and r.get("page_check") == "differs" for r in codes)
        res.append((ok, "composited, signature authentic, page differs", seen))
    elif e == "page_unreadable":
        ok = bool(codes) and all(r.get("status") == "page_unreadable" and r.get("signature") == "authentic"
                                 and r.get("page_check") == "unreadable" for r in codes)
        res.append((ok, "page unreadable (a value is covered), never authentic", seen))
    elif e == "decoy":
        first = [r for r in rows if r.get("page") == 1]
        ok = bool(first) and all(r.get("status") != "authentic" for r in first)
        res.append((ok, "page 1 (edited, no visible code) reported and never authentic", seen))
    elif e == "holder_mismatch":
        ok = bool(codes) and all(r.get("status") != "authentic" for r in codes)
        res.append((ok, "not authentic for another holder", seen))
    if c["fields"]:
        got = named(codes)
        miss = [f for f in c["fields"] if not any(a in got for a in f.split("|"))]
        res.append((not miss, "names " + ", ".join(c["fields"]),
                    "missing %s; named %s" % (",".join(miss), sorted(got)) if miss else ""))
    return res


def cmd_case(argv):
    mpath, cid, jpath, rc = argv
    c = next((c for c in manifest(mpath) if c["id"] == cid), None)
    if c is None:
        sys.exit("check: no case %s in %s" % (cid, mpath))
    rows = rows_of(open(jpath, encoding="utf-8", errors="replace").read())
    for ok, what, why in judge(c, rows, int(rc)):
        print("%d\t%s %s (%s): %s\t%s" % (0 if ok else 1, c["id"], c["technique"], c["class"], what, why))


# ---- the bench ---------------------------------------------------------------
def norm(field, v):
    if v is None:
        return None
    v = str(v)
    if field in ("name", "issuer", "reduction"):
        return re.sub(r"\s", "", v)
    return re.sub(r"[^0-9Xx]", "", v).upper().lstrip("0") or "0"


def accepted(c, rows, rc):
    """A forgery is accepted when the verifier exits 0 or calls a code on it
    authentic; a decoy's code is on a genuine page (it may be authentic),
    so there only exit 0 accepts it."""
    codes = [r for r in rows if r.get("status") not in NON_CODE]
    if c["expect"] == "decoy":
        codes = [r for r in codes if r.get("page") == 1]
    return rc == 0 or any(r.get("status") == "authentic" for r in codes)


def run_one(verify, trust, d, c):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([verify, "files", "--trust", trust, "--json", "--jobs", "1"] + c["args"] + [os.path.join(d, c["file"])],
                       capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return rows_of(p.stdout), p.returncode, cpu


def cmd_bench(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--verify", required=True)
    ap.add_argument("--trust", required=True)
    ap.add_argument("manifest")
    a = ap.parse_args(argv)
    d = os.path.dirname(os.path.abspath(a.manifest))
    cases = manifest(a.manifest)
    fa, fr, ug, ug_allowed, fu, wrong, covered = [], [], [], [], [], [], []
    per_tech, per_class, cpu_class = {}, {}, {}
    field_named, field_read, class_named, class_read = {}, {}, {}, {}
    for c in cases:
        rows, rc, cpu = run_one(a.verify, a.trust, d, c)
        codes = [r for r in rows if r.get("status") not in NON_CODE]
        cpu_class.setdefault(c["class"], []).append(cpu)
        passed = all(ok for ok, _, _ in judge(c, rows, rc))
        if not passed:
            wrong.append(c)
        t = per_tech.setdefault((c["kind"], c["technique"]), [0, 0])
        k = per_class.setdefault((c["kind"], c["class"]), [0, 0])
        t[1] += 1
        k[1] += 1
        if c["kind"] == "forged":
            if accepted(c, rows, rc):
                fa.append((c, rows, rc))
                t[0] += 1
                k[0] += 1
            elif any(r.get("status") == "page_unreadable" for r in codes):
                fu.append(c)
            got = named(codes)
            for f in c["fields"]:
                alts = f.split("|")
                hit = next((x for x in alts if x in got), None)
                fn = alts[0]
                for table, key in ((field_named, fn), (class_named, c["class"])):
                    table.setdefault(key, [0, 0])
                    table[key][1] += 1
                    table[key][0] += hit is not None
                if fn in c["shown"]:
                    good = hit is not None and norm(fn, got[hit]) == norm(fn, c["shown"][fn])
                    for table, key in ((field_read, fn), (class_read, c["class"])):
                        table.setdefault(key, [0, 0])
                        table[key][1] += 1
                        table[key][0] += good
        else:
            bad = [r for r in codes if r.get("status") not in ("authentic", "page_unreadable")] or \
                  (rc == 1) or not codes
            unread = [r for r in codes if r.get("status") == "page_unreadable"]
            if bad:
                fr.append((c, rows, rc))
                t[0] += 1
                k[0] += 1
            elif c["expect"] == "page_unreadable":
                if rc == 0 or any(r.get("status") == "authentic" for r in codes):
                    covered.append((c, rows, rc))
            elif unread:
                (ug_allowed if c["expect"] == "authentic_or_unreadable" else ug).append(c)
    nf = sum(c["kind"] == "forged" for c in cases)
    ng = len(cases) - nf
    print("pagecorpus_forgeries: %d files" % nf)
    print("pagecorpus_genuine: %d files" % ng)
    print("pagecorpus_false_accepts: %d" % len(fa))
    print("pagecorpus_false_rejects: %d" % len(fr))
    print("pagecorpus_unreadable_genuine: %d" % (len(ug) + len(ug_allowed)))
    print("pagecorpus_unreadable_genuine_not_allowed: %d" % len(ug))
    print("pagecorpus_forgeries_unreadable: %d" % len(fu))
    print("pagecorpus_covered_values_called_authentic: %d" % len(covered))
    print("pagecorpus_cases_not_as_manifest: %d" % len(wrong))
    for (kind, tech), (n, tot) in sorted(per_tech.items()):
        what = "false_accepts" if kind == "forged" else "false_rejects"
        print("pagecorpus_%s_%s_%s: %d of %d" % ("forged" if kind == "forged" else "genuine", tech, what, n, tot))
    for (kind, cls), (n, tot) in sorted(per_class.items()):
        what = "false_accepts" if kind == "forged" else "false_rejects"
        print("pagecorpus_class_%s_%s_%s: %d of %d" % (cls, "forged" if kind == "forged" else "genuine", what, n, tot))
    for name, table in (("named", field_named), ("read", field_read)):
        for f, (n, tot) in sorted(table.items()):
            print("pagecorpus_field_%s_%s: %.1f %% (%d of %d)" % (name, f, 100.0 * n / tot, n, tot))
    for name, table in (("named", class_named), ("read", class_read)):
        for f, (n, tot) in sorted(table.items()):
            print("pagecorpus_class_%s_fields_%s: %.1f %% (%d of %d)" % (f, name, 100.0 * n / tot, n, tot))
    for cls, v in sorted(cpu_class.items()):
        print("pagecorpus_cpu_%s: %.0f ms per file (median of %d)" % (cls, 1000 * statistics.median(v), len(v)))
    for c, rows, rc in fa:
        print("# false accept: %s %s %s: exit %d, %s" % (c["id"], c["technique"], c["note"], rc,
                                                          "; ".join(brief(r) for r in rows)))
    for c, rows, rc in fr:
        print("# false reject: %s %s: exit %d, %s" % (c["id"], c["technique"], rc, "; ".join(brief(r) for r in rows)))
    for c in ug:
        print("# genuine page called unreadable: %s %s" % (c["id"], c["technique"]))
    for c, rows, rc in covered:
        print("# page with covered values called authentic: %s %s: exit %d" % (c["id"], c["technique"], rc))


def cmd_plan(argv):
    """The number of checks `case` prints over the whole manifest."""
    print(sum(2 + (1 if c["fields"] else 0) for c in manifest(argv[0])))


if __name__ == "__main__":
    {"case": cmd_case, "bench": cmd_bench, "plan": cmd_plan}[sys.argv[1]](sys.argv[2:])
