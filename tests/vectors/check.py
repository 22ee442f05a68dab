#!/usr/bin/env python3
"""Runs certqr's machine-readable vectors against any verifier.

    check.py verdicts tests/vectors/verdicts.txt -- COMMAND [ARG...]
        Runs COMMAND ARG... TEXT for each vector (TEXT: the vector's bytes as
        one argument) and reads one JSON object from its standard output: the
        status, reason_code and every listed member must match, and the exit
        status must be 0 for authentic, 1 otherwise (certqr-verify(1)).
        Example: check.py verdicts tests/vectors/verdicts.txt -- certqr-verify --trust STORE --json

    check.py bundles tests/trust/bundles.txt -- COMMAND [ARG...]
        Writes each bundle to a file, runs COMMAND ARG... FILE and reads one
        line: "FILE: OK: ..." or "FILE: REFUSED (CLASS, REASON_CODE): ..."
        (certqr-keys check-bundle).
        Example: check.py bundles tests/trust/bundles.txt -- certqr-keys check-bundle --root ROOT.pub

    check.py keyfiles tests/vectors/keyfiles.txt -- COMMAND [ARG...]
        Writes each file, runs COMMAND ARG... FILE: exit status 0 means the
        file was read, anything else that it was refused (certqr-keys show).

Prints one TAP line per vector and exits 1 if any disagrees. Vector format:
docs/format.md §5.1 and docs/trust.md §1.4.
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def vectors(path, hexcol=3):
    """(name, status, reason_code, bytes, members); for key files (hexcol 2): (name, expect, bytes, None, [])"""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if hexcol == 2:
                yield cols[0], cols[1], bytes.fromhex(cols[2]), None, []
            else:
                yield cols[0], cols[1], cols[2], bytes.fromhex(cols[3]), cols[4:]


def verdicts(path, cmd):
    bad = n = 0
    for name, status, code, text, members in vectors(path):
        n += 1
        p = subprocess.run(cmd + [text], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        why = []
        try:
            lines = p.stdout.decode("utf-8").splitlines()
            if len(lines) != 1:
                raise ValueError("%d lines of output" % len(lines))
            got = json.loads(lines[0])
        except ValueError as e:
            got, why = {}, ["no JSON verdict: %s" % e]
        if got.get("status") != status:
            why.append("status %r, expected %r" % (got.get("status"), status))
        if got.get("reason_code") != code:
            why.append("reason_code %r, expected %r" % (got.get("reason_code"), code))
        for m in members:
            want = json.loads("{" + m + "}")
            for k, v in want.items():
                if got.get(k, KeyError) != v:
                    why.append("%s is %s, expected %s" % (k, json.dumps(got.get(k)), json.dumps(v)))
        rc = 0 if status == "authentic" else 1
        if p.returncode != rc:
            why.append("exit status %d, expected %d" % (p.returncode, rc))
        bad += report(n, name, status + "/" + code, why)
    return n, bad


def bundles(path, cmd):
    bad = n = 0
    with tempfile.TemporaryDirectory() as d:
        for name, cls, code, data, _ in vectors(path):
            n += 1
            f = os.path.join(d, name + ".bundle")
            with open(f, "wb") as out:
                out.write(data)
            p = subprocess.run(cmd + [f], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            line = p.stdout.decode("utf-8", "replace").strip()
            m = re.match(re.escape(f) + r": (OK|REFUSED \(([a-z_]+), ([a-z_]+)\)):", line)
            got = ("ok", "ok") if m and m.group(1) == "OK" else (m.group(2), m.group(3)) if m else (None, None)
            why = [] if got == (cls, code) else ["got %s/%s: %s" % (got[0], got[1], line or "no output")]
            if (p.returncode == 0) != (cls == "ok"):
                why.append("exit status %d" % p.returncode)
            bad += report(n, name, cls + "/" + code, why)
    return n, bad


def keyfiles(path, cmd):
    bad = n = 0
    with tempfile.TemporaryDirectory() as d:
        for name, expect, data, _, _ in vectors(path, 2):
            n += 1
            f = os.path.join(d, name)
            with open(f, "wb") as out:
                out.write(data)
            p = subprocess.run(cmd + [f], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            got = "ok" if p.returncode == 0 else "refused"
            why = [] if got == expect else ["%s (exit %d): %s" % (got, p.returncode, p.stderr.decode("utf-8", "replace").strip())]
            bad += report(n, name, expect, why)
    return n, bad


def report(n, name, want, why):
    print("%s %d - %s is %s" % ("not ok" if why else "ok", n, name, want))
    for w in why:
        print("#   " + w)
    return 1 if why else 0


def main():
    kinds = {"verdicts": verdicts, "bundles": bundles, "keyfiles": keyfiles}
    if len(sys.argv) < 5 or sys.argv[1] not in kinds or sys.argv[3] != "--":
        sys.exit(__doc__)
    n, bad = kinds[sys.argv[1]](sys.argv[2], sys.argv[4:])
    print("# %d vectors, %d disagree" % (n, bad))
    sys.exit(1 if bad or n == 0 else 0)


if __name__ == "__main__":
    main()
