#!/usr/bin/python3
"""How large must the certificate's QR code be for a phone at arm's length?

    qr_distance.py SCANBENCH OUT_DIR [--per-cell N] [--seed S]
                   [--mm 30,35,40] [--cm 40,50,60] [--version 7,9]

A phone verifier (docs/web.md) asks the camera for 1280x720 frames and reads
them with lib/scan at its fast effort. A phone's main camera sees about 67
degrees across the frame's long side (a 26 mm equivalent lens), so at a
distance of d cm a 1280-pixel frame covers 2 d tan(33.5 deg) cm of paper:
at 50 cm about 2.0 pixels per mm. For each QR size (symbol width in mm,
quiet zone excluded), distance and QR version, N frames are made the way
captures.py makes a phone's frames (tilt up to 20 degrees, lens distortion,
desk, light and shadow, defocus, hand motion, sensor noise, sharpening,
JPEG), with the code anywhere in the middle of the frame, and read with
files-scanbench -e fast. Prints one `name: value unit` line per cell:
    qr_distance_<mm>mm_<cm>cm_v<version>: <percent read> %
and the pixels per module each cell gives. Needs what captures.py needs.
"""
import argparse, math, os, subprocess, sys
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import captures as C

W, H = 1280, 720
FOV_LONG = math.radians(67)                  # a 26 mm equivalent main camera
DPI = 600                                    # the synthetic paper

def paper(mm, version, rng):
    """White paper at DPI with a version-`version` code `mm` wide in the
    middle; returns the image and the symbol's corners."""
    text = "CQ1:" + "".join(rng.choice(list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"), 150 + 20 * (version - 7)))
    m = C.qr_matrix(text, "M", version)
    n = m.shape[0]
    px = mm / 25.4 * DPI
    side = int(px * 3)
    img = np.full((side, side), 245, np.float32)
    x0 = (side - px) / 2
    v, u = np.mgrid[0:side, 0:side]
    iu = np.floor((u - x0) / px * n).astype(int)
    iv = np.floor((v - x0) / px * n).astype(int)
    inside = (iu >= 0) & (iv >= 0) & (iu < n) & (iv < n)
    dark = np.zeros_like(inside)
    dark[inside] = m[iv[inside], iu[inside]]
    img[dark] = 20
    quad = [(x0, x0), (x0 + px, x0), (x0 + px, x0 + px), (x0, x0 + px)]
    return img, quad, n, text

def frame(rng, mm, cm, version):
    img, quad, n, text = paper(mm, version, rng)
    f_real = (W / 2) / math.tan(FOV_LONG / 2)
    D = cm * 10 / 25.4 * DPI                          # distance in paper pixels
    ppu = f_real / D                                  # frame pixels per paper pixel
    tilt = math.radians(rng.uniform(0, 20)); axis = rng.uniform(0, 2 * math.pi)
    roll = math.radians(rng.uniform(-15, 15)); k1 = rng.uniform(-0.12, 0.03)
    centre = np.mean(quad, axis=0)
    # the clerk aims roughly: the code's centre within the middle third
    shift = (rng.uniform(-W / 6, W / 6), rng.uniform(-H / 6, H / 6))
    cam = C.Camera(W, H, centre, ppu, tilt, axis, roll, k1, shift)
    a = cam.render(img, C.desk(rng, W, H))
    light = rng.uniform(0.6, 1.05) * C.vignette(W, H, rng.uniform(0, 0.35))
    if rng.random() < 0.5:
        light = light * C.shadow(rng, W, H, rng.uniform(0.2, 0.5))
    a, _ = C.camera_finish(rng, a * light, W, motion_max=5)
    im = C.phone_finish(rng, a, rng.integers(70, 93))
    return im, C.quad_ppm(cam.project(quad), n), text

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scanbench"); ap.add_argument("out")
    ap.add_argument("--per-cell", type=int, default=16); ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--mm", default="30,35,40"); ap.add_argument("--cm", default="40,50,60")
    ap.add_argument("--version", default="7,9")
    o = ap.parse_args()
    os.makedirs(o.out, exist_ok=True)
    for ver in [int(v) for v in o.version.split(",")]:
        for mm in [float(v) for v in o.mm.split(",")]:
            for cm in [float(v) for v in o.cm.split(",")]:
                rng = np.random.default_rng([o.seed, ver, int(mm * 10), int(cm)])
                paths, texts, ppms = [], [], []
                for i in range(o.per_cell):
                    im, ppm, text = frame(rng, mm, cm, ver)
                    p = os.path.join(o.out, "v%d-%gmm-%gcm-%02d.jpg" % (ver, mm, cm, i))
                    im.save(p, "JPEG", quality=95)
                    paths.append(p); texts.append(text); ppms.append(ppm)
                out = subprocess.run([o.scanbench, "-e", "fast"], input="\n".join(paths) + "\n",
                                     capture_output=True, text=True, check=True).stdout.splitlines()
                got = 0
                for line, text in zip(out, texts):
                    f = line.split("\t")
                    if len(f) > 4 and f[2] != "-1" and int(f[2]) > 0 and bytes.fromhex(f[4]).decode("latin-1") == text:
                        got += 1
                if len(out) != len(paths):
                    sys.exit("qr_distance: files-scanbench answered %d of %d" % (len(out), len(paths)))
                print("qr_distance_%gmm_%gcm_v%d: %.0f %%" % (mm, cm, ver, 100.0 * got / len(paths)))
                print("qr_distance_%gmm_%gcm_v%d_px_per_module: %.2f px" % (mm, cm, ver, float(np.median(ppms))))
                sys.stdout.flush()

if __name__ == "__main__":
    main()
