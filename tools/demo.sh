#!/bin/sh
# make demo: with the TEST-ONLY keys, set up a verifier's trust store, issue
# the sample export as certificate PDFs, verify them, and show forgeries
# caught. Everything it makes is left under build/demo/.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
D=$BUILD/demo
K=keys/test
PW=$K/PASSPHRASE-TEST-ONLY
KEYS=$BUILD/certqr-keys ISSUE=$BUILD/certqr-issue VERIFY=$BUILD/certqr-verify
rm -rf "$D"
mkdir -p "$D"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# Expected outcomes are checked, so a broken demo fails loudly.
expect() { want=$1; shift; "$@"; got=$?; [ "$got" -eq "$want" ] || { echo "demo: expected exit $want, got $got" >&2; exit 1; }; }

step "1. The province signs a trust bundle (TEST-ONLY root) and a verifier installs it"
cat > "$D/province.spec" <<SPEC
# demo trust bundle: four bureaus delegated by the TEST-ONLY root
version 1
date 2026-11-20
delegation $ROOT/$K/issuer-zhengzhou-TEST-ONLY.dl
delegation $ROOT/$K/issuer-pingdingshan-TEST-ONLY.dl
delegation $ROOT/$K/issuer-anyang-TEST-ONLY.dl
delegation $ROOT/$K/issuer-province-TEST-ONLY.dl
rules $ROOT/tools/data/rules-henan.txt
revoke 4101020000888 2025 1 falsified_hours
SPEC
expect 0 run "$KEYS" bundle --root $K/root-TEST-ONLY.key --spec "$D/province.spec" -o "$D/trust-1.bundle" --passphrase-file $PW
expect 0 run "$VERIFY" --trust "$D/trust" --init $K/root-TEST-ONLY.pub
expect 0 run "$VERIFY" --trust "$D/trust" --install "$D/trust-1.bundle"

step "2. Zhengzhou's HR bureau issues the sample export (one bad row, one below the year's rule)"
expect 1 run "$ISSUE" batch --key $K/issuer-zhengzhou-TEST-ONLY.key --delegation $K/issuer-zhengzhou-TEST-ONLY.dl \
	--passphrase-file $PW --out "$D/certs" --quiet docs/examples/sample-export.csv
echo "rejected rows ($D/certs/rejects.csv):"; sed 's/^/    /' "$D/certs/rejects.csv"
echo "issued: $(ls "$D/certs" | grep -c '\.pdf$') PDFs in $D/certs/"

echo "the bureau's reviewer converts one applicant's declared activities to hours (art. 7):"
expect 0 run "$ISSUE" hours --year 2025 --number 4101020000123 docs/examples/activities.csv

step "3. A title-evaluation committee checks the folder of PDFs"
expect 0 run "$VERIFY" files --trust "$D/trust" --lang zh --quiet --html "$D/report.html" --csv "$D/report.csv" --jsonl "$D/report.jsonl" "$D/certs"
cut -d, -f3,5,7-11 "$D/report.csv" | sed 's/^/    /'
echo "HTML report: $D/report.html"

step "4. Forgeries"
first=$D/certs/4101020000123-2025-r1.pdf
genuine=$("$VERIFY" files --trust "$D/trust" --raw "$first" | cut -f4 | head -1)
echo "genuine QR text from $(basename "$first"):"; echo "    $genuine"
echo "(a) the hours in the QR payload edited from 32 to 92 public hours (bytes 23-24), re-encoded:"
tampered=$(python3 - "$genuine" <<'PY'
import sys
A = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
t = sys.argv[1][4:]
b = bytearray()
for i in range(0, len(t), 3):
    c = t[i:i + 3]
    v = sum(A.index(ch) * 45 ** k for k, ch in enumerate(c))
    b += v.to_bytes(2 if len(c) == 3 else 1, "big")
b[23:25] = (92).to_bytes(2, "big")
out = ""
for i in range(0, len(b), 2):
    v = int.from_bytes(b[i:i + 2], "big")
    out += "".join(A[v // 45 ** k % 45] for k in range(3 if i + 1 < len(b) else 2))
print("CQ1:" + out)
PY
)
expect 1 run "$VERIFY" --trust "$D/trust" --lang zh "$tampered"
echo "(b) a forger signs his own certificate with 200 hours (a key the province never delegated):"
printf 'demo forger\n' > "$D/forger.pw"
"$KEYS" generate --issuer -o "$D/forger" --kdf interactive --passphrase-file "$D/forger.pw" > /dev/null
fake=$("$ISSUE" sign --key "$D/forger.key" --passphrase-file "$D/forger.pw" --name 王小明 --id-number 410102199001010039 \
	--number 4101020009999 --year 2025 --hours-public 100 --hours-professional 100 --issuer-region 410100 --issued 2025-12-20)
expect 1 run "$VERIFY" --trust "$D/trust" --lang zh "$fake"
echo "(c) a genuine PDF whose printed name and public hours were edited in the page text (composited):"
py=$(command -v python3)
qpdf --qdf --object-streams=disable "$first" "$D/a.qdf"
name=$("$VERIFY" files --trust "$D/trust" --json "$first" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p' | head -1)
# Replacement glyphs must exist in the page's embedded font subset, as a
# forger editing the content stream would also find.
"$py" tests/files/forge.py text "$D/a.qdf" "$D/e1.qdf" "32 学时" "52 学时" &&
"$py" tests/files/forge.py text "$D/e1.qdf" "$D/e2.qdf" "$name" "关和" && fix-qdf "$D/e2.qdf" > "$D/composited.pdf"
expect 1 run "$VERIFY" files --trust "$D/trust" --lang zh "$D/composited.pdf"

step "Done: everything is in $D/"
