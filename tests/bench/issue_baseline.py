#!/usr/bin/python3
"""Baseline for tests/bench/issue.sh: the same certificate in plain Python
with Debian's python3-reportlab, python3-qrcode and python3-nacl, one
process. Same payload v1 layout, Ed25519 over the same context string,
base45, QR at level M with a 4-module quiet zone, an A4 page with the same
text in wqy-zenhei (reportlab embeds a subset), one PDF per row.
The signing key is a fixed test seed (the project's encrypted key files are
not read here; the signing work is the same).
Usage: issue_baseline.py EXPORT.csv OUTDIR MAX_ROWS"""
import csv, datetime, hashlib, os, sys
import nacl.signing
import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

def base45(b):
    out = []
    for i in range(0, len(b) - 1, 2):
        v = b[i] * 256 + b[i + 1]
        out += [B45[v % 45], B45[v // 45 % 45], B45[v // 2025]]
    if len(b) % 2:
        out += [B45[b[-1] % 45], B45[b[-1] // 45]]
    return "".join(out)

def be(v, n):
    return v.to_bytes(n, "big")

def payload(key, key_id, r):
    number, idn = r["number"], r["id_number"].upper()
    h = hashlib.blake2b(b"certqr/holder-id/v1\0" + number.encode() + idn.encode(), digest_size=32).digest()[:8]
    hint = idn[14:]
    hint_v = int(hint[:3]) * 11 + (10 if hint[3] == "X" else int(hint[3]))
    y, m, d = map(int, r["issued"].split("-"))
    days = datetime.date(y, m, d).toordinal() - datetime.date(1970, 1, 1).toordinal()
    name = r["name"].encode()
    body = (be(1, 1) + key_id + be(int(number), 6) + be(1, 1) + be(int(r["year"]), 2) + be(days, 2)
            + be(int(r["issuer_region"]), 3) + be(int(r["hours_public"]), 2) + be(int(r["hours_professional"]), 2)
            + be(0, 2) + be(0, 1) + be(0, 1) + be(12, 1) + be(hint_v, 2) + h + be(len(name), 1) + name)
    sig = key.sign(b"certqr/certificate/v1\0" + body).signature
    return "CQ1:" + base45(body + sig)

def page(path, r, text, bureau, kid):
    W, H = A4
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setStrokeColorRGB(0.55, 0.1, 0.1)
    c.setLineWidth(2.5); c.rect(28, 28, W - 56, H - 56)
    c.setLineWidth(0.7); c.rect(36, 36, W - 72, H - 72)
    c.setFillColorRGB(0.55, 0.1, 0.1); c.setFont("WQY", 25)
    c.drawCentredString(W / 2, 740, "河南省专业技术人员继续教育证书")
    c.setFillGray(0); c.setFont("WQY", 15); c.drawCentredString(W / 2, 708, "（%s 年度）" % r["year"])
    c.setStrokeGray(0.3); c.setLineWidth(0.5); c.line(90, 690, W - 90, 690)
    pub, prof = int(r["hours_public"]), int(r["hours_professional"])
    y, m, d = map(int, r["issued"].split("-"))
    lines = [("姓名：", r["name"]), ("身份证号：", r["id_number"]), ("证书管理号：", r["number"]), ("年度：", r["year"]),
             ("公需科目：", "%d 学时" % pub), ("专业科目：", "%d 学时" % prof), ("合计：", "%d 学时" % (pub + prof)),
             ("发证机关：", bureau), ("发证日期：", "%d年%d月%d日" % (y, m, d))]
    yy = 650
    for lab, val in lines:
        c.setFillGray(0.25); c.setFont("WQY", 13); c.drawRightString(215, yy, lab)
        c.setFillGray(0); c.setFont("WQY", 15); c.drawString(221, yy, val)
        yy -= 33
    c.setStrokeColorRGB(0.8, 0.15, 0.15); c.setLineWidth(1.2); c.circle(420, 215, 62)
    c.setFillColorRGB(0.8, 0.15, 0.15); c.setFont("WQY", 11); c.drawCentredString(420, 211, "发证机关印章")
    c.setFillGray(0.35); c.setFont("WQY", 8); c.drawCentredString(420, 139, "（电子印章：发证机关数字签名）")
    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    q.add_data(text); q.make(fit=True)
    mat = q.get_matrix()
    n = len(mat)
    mod = 30 * 72 / 25.4 / (n - 8)
    c.setFillGray(0)
    p = c.beginPath()
    for i, row in enumerate(mat):
        j = 0
        while j < n:
            if row[j]:
                k = j
                while k < n and row[k]:
                    k += 1
                p.rect(70 + j * mod, 96 + (n - 1 - i) * mod, (k - j) * mod, mod)
                j = k
            else:
                j += 1
    c.drawPath(p, stroke=0, fill=1)
    c.setFillGray(0.2); c.setFont("WQY", 7.5)
    c.drawString(70, 80, "核验：扫描二维码，用 certqr-verify 或核验终端离线验证发证机关签名，并与本页内容核对")
    c.setFillGray(0.45); c.setFont("WQY", 6.5); c.drawString(70 + n * mod + 6, 96 + 4 * mod, "签名密钥 " + kid)
    c.showPage(); c.save()

def main():
    src, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
    key = nacl.signing.SigningKey(bytes(range(32)))
    pk = bytes(key.verify_key)
    key_id = hashlib.blake2b(b"certqr/key-id/v1\0" + pk, digest_size=32).digest()[:8]
    kid = key_id.hex().upper()
    with open(src, encoding="utf-8-sig", newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            if i >= limit:
                break
            text = payload(key, key_id, r)
            page(os.path.join(out, "%s-%s-r1.pdf" % (r["number"], r["year"])), r, text, "郑州市人力资源和社会保障局", kid)

main()
