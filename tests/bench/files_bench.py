#!/usr/bin/python3
"""Runs the decoders over the corpus of files_corpus.py and prints
`name: value unit` lines for make bench, plus a table as # comments.

  files_bench.py CORPUS_DIR SCANBENCH CERTQR_VERIFY TRUST_DIR

Decode rate: a decoder counts an image only if it returned the expected
certificate text exactly. Tools compared on the same images in the same run:
certqr's pipeline (in-process: files-scanbench), plain zbar (the same zbar
pass without preprocessing: files-scanbench -z), the zbarimg program
(-Sdisable -Sqrcode.enable), and ZXingReader (-format QRCode).
Times: decode CPU time in-process (certqr pipeline vs plain zbar), and the wall
time of one whole program run per image (certqr-verify files --raw, zbarimg,
ZXingReader), medians over the 1280x720 frames."""
import collections, os, statistics, subprocess, sys, time

corpus, scanbench, verify, trust = sys.argv[1:5]
man = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "manifest.tsv"), encoding="utf-8")]
paths = [os.path.join(corpus, m[0]) for m in man]

def inproc(args):
    out = subprocess.run([scanbench] + args, input="\n".join(paths) + "\n", capture_output=True,
                         text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        f = line.split("\t")
        res[f[0]] = (float(f[1]), bytes.fromhex(f[4]).decode("utf-8", "replace") if int(f[2]) > 0 else "")
    return res

ours, plain = inproc([]), inproc(["-z"])

def run_each(cmd_for, parse):
    res = {}
    for p in paths:
        t0 = time.perf_counter()
        r = subprocess.run(cmd_for(p), capture_output=True, text=True, errors="replace")
        res[p] = ((time.perf_counter() - t0) * 1e3, parse(r.stdout))
    return res

def zx_parse(out):
    for line in out.splitlines():
        if ' QRCode "' in line:
            return line.split(' QRCode "', 1)[1][:-1]
    return ""

zbarimg = run_each(lambda p: ["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", p],
                   lambda o: o.split("\n")[0])
zxing = run_each(lambda p: ["ZXingReader", "-format", "QRCode", "-1", p], zx_parse)
prog = run_each(lambda p: [verify, "files", "--trust", trust, "--raw", "--no-progress", "--jobs", "1", p],
                lambda o: o.split("\n")[0].split("\t", 3)[3] if o.count("\t") >= 3 else "")

tools = [("certqr", ours), ("zbar_plain", plain), ("zbarimg", zbarimg), ("zxing", zxing)]
per = collections.OrderedDict()
for m, p in zip(man, paths):
    c = per.setdefault(m[1], collections.Counter())
    c["n"] += 1
    for name, res in tools:
        c[name] += res[p][1] == m[3]
    c["certqr_prog"] += prog[p][1] == m[3]

print("# class         n  certqr  zbar-plain  zbarimg  zxing-cpp")
worse = []
for cls, c in per.items():
    print("# %-12s %3d  %5.0f%%  %9.0f%%  %6.0f%%  %8.0f%%" % (cls, c["n"], *(100.0 * c[t] / c["n"] for t, _ in tools)))
    for name, _ in tools:
        print("files_decode_rate_%s_%s: %.1f %%" % (cls, name, 100.0 * c[name] / c["n"]))
    if c["certqr"] < c["zxing"]:
        worse.append(cls)
    if c["certqr_prog"] != c["certqr"]:
        print("# note: certqr-verify program read %d, pipeline %d in class %s" % (c["certqr_prog"], c["certqr"], cls))
tot = {name: sum(c[name] for c in per.values()) for name, _ in tools}
n = sum(c["n"] for c in per.values())
for name, _ in tools:
    print("files_decode_rate_all_%s: %.1f %%" % (name, 100.0 * tot[name] / n))

frames = [p for m, p in zip(man, paths) if m[1] != "scan"]     # the 1280x720 frames
med = lambda res: statistics.median(res[p][0] for p in frames)
print("files_median_decode_ms_720p_certqr: %.1f ms" % med(ours))
print("files_median_decode_ms_720p_zbar_plain: %.1f ms" % med(plain))
print("files_median_run_ms_720p_certqr_verify: %.1f ms" % med(prog))
print("files_median_run_ms_720p_zbarimg: %.1f ms" % med(zbarimg))
print("files_median_run_ms_720p_zxing: %.1f ms" % med(zxing))
scans = [p for m, p in zip(man, paths) if m[1] == "scan"]
if scans:
    print("files_median_decode_ms_a4_certqr: %.1f ms" % statistics.median(ours[p][0] for p in scans))
    print("files_median_decode_ms_a4_zbar_plain: %.1f ms" % statistics.median(plain[p][0] for p in scans))
print("# target decode rate >= zxing-cpp on every class: %s" % ("met" if not worse else "NOT met on " + ", ".join(worse)))
print("# target median 1280x720 time <= zbarimg: %s (program run %.1f vs %.1f ms; decode %.1f vs plain zbar %.1f ms)" % (
    "met" if med(prog) <= med(zbarimg) else "NOT met", med(prog), med(zbarimg), med(ours), med(plain)))
