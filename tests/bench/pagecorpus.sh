#!/bin/sh
# Benchmark of the page check (forgeries caught, genuine pages passed), run by `make bench`: the whole
# forged and genuine corpus of tests/pagecorpus/ (README.md there), generated
# from certificates issued by certqr-issue batch with the TEST-ONLY keys,
# each file through `certqr-verify files --json`. Prints false accepts and
# false rejects (overall, per technique, per capture class), genuine pages
# called unreadable, per-field detection and reading accuracy of the
# forged values, and CPU per file per class (tests/pagecorpus/check.py).
# The lean subset of the same corpus: tests/pagecorpus/lean.sh (make pagecorpus).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/certqr-bench-pagecorpus.XXXXXX")
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
G="$ROOT/tests/pagecorpus"

"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$G/bundle.spec" \
	-o "$T/pc.bundle" --passphrase-file "$ROOT/keys/test/PASSPHRASE-TEST-ONLY" > /dev/null 2>&1
"$B/certqr-verify" --trust "$T/store" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
"$B/certqr-verify" --trust "$T/store" --install "$T/pc.bundle" > /dev/null
t0=$(date +%s)
$PY "$G/gen.py" --build "$B" --out "$T/corpus" | sed 's/^/# /'
echo "# corpus generated and checked in $(($(date +%s) - t0)) s"
$PY "$G/check.py" bench --verify "$B/certqr-verify" --trust "$T/store" "$T/corpus/manifest.tsv"
