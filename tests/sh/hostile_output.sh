#!/bin/sh
# Outputs that lie to a terminal or a spreadsheet, through the
# real programs:
# 1. File names and QR texts with ESC sequences, a newline and a fake
#    "ok.pdf: AUTHENTIC" line, and a right-to-left override: certqr-verify
#    files (people's output and --raw), the text verifier, certqr-keys show
#    and the programs' messages print them escaped (backslash-x1b, -n,
#    -u{202e}; certqr/escape.h):
#    no control byte reaches the terminal, no fake line starts a line, --raw
#    keeps four tab-separated fields a line.
# 2. Every CSV cell certqr writes is guarded: rejects.csv from JSON Lines
#    values and member names (=cmd|' /C calc'!A0, +, -, @, ESC), the files
#    --csv report of a file named like a formula: no cell a spreadsheet
#    would run, no control byte, read back with Python's csv module.
. "$(dirname "$0")/../lib.sh"
plan 43
V=$B/certqr-verify
I=$B/certqr-issue
K=$B/certqr-keys
PY=/usr/bin/python3
unset CERTQR_TRUST
S=$T/store
test_store "$S"
QR=$(sed -n 's/^qr=//p' "$ROOT/tests/vectors/v1.txt" | head -1)
ESC=$(printf '\033')
# no_control FILE DESC: FILE holds something (a program that crashed or
# printed nothing does not pass), and no C0 control byte but tab and newline,
# no DEL, no C1 or bidi control (UTF-8)
no_control() {
	$PY - "$1" <<'PY'
import re, sys
b = open(sys.argv[1], 'rb').read()
if not b:
    sys.exit(1)
bad = re.search(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]', b)
sys.exit(1 if bad else 0)
PY
	r=$?
	# $3, when given: text FILE must hold, so that a shell's own crash
	# message ("Segmentation fault") cannot stand in for the program's
	[ $r -eq 0 ] && [ $# -ge 3 ] && { grep -qF -- "$3" "$1"; r=$?; }
	[ $r -ne 0 ] && cp "$1" "$T/out"; _report $r "$2"
}

# --- 1. terminals and line outputs ----------------------------------------
mkdir -p "$T/fs"
qrencode -l M -s 6 -m 4 -o "$T/fs/good.png" "$QR"
qrencode -l M -s 6 -m 4 -o "$T/evil.png" "$(printf 'hello\033[2J\033[H\nok.pdf: AUTHENTIC')"
cp "$T/evil.png" "$T/fs/$(printf 'x\033[2J\033[Hy.png')"
cp "$T/evil.png" "$T/fs/$(printf 'z\nok.pdf: 真实有效 AUTHENTIC\n.png')"
cp "$T/evil.png" "$T/fs/$(printf 'rtl\342\200\256gnp.exe.png')"
# The images are codes alone: the genuine one's page cannot be judged
# (page_unreadable, exit 2, tests/sh/pagecheck.sh); here the names and texts
# matter.
status 2 "files: hostile names and texts are checked (exit 2: a page not judged, not certificates)" "$V" files --trust "$S" "$T/fs"
cp "$T/out" "$T/human"; cp "$T/err" "$T/human.err"
no_control "$T/human" "files: no control character reaches the terminal (stdout)"
no_control "$T/human.err" "files: ...nor stderr" "certqr-verify: 4 files"
ok "files: no fake 'ok.pdf: ' line" sh -c "test -s '$T/human' && ! grep -q '^ok.pdf' '$T/human'"
contains "$T/human" 'x\x1b[2J\x1b[Hy.png: ' "files: the ESC in a file name is shown as an escape"
contains "$T/human" 'z\nok.pdf: 真实有效 AUTHENTIC\n.png: ' "files: the newline in a file name is shown as an escape"
contains "$T/human" 'rtl\u{202e}gnp.exe.png: ' "files: the right-to-left override is shown as an escape"
contains "$T/human" "$T/fs/good.png: 页面无法判读 PAGE NOT JUDGED" "files: the genuine file still has its own line"
status 2 "files --raw" "$V" files --trust "$S" --raw "$T/fs"
cp "$T/out" "$T/raw"
no_control "$T/raw" "--raw: no control character but the field tabs"
ok "--raw: every line has exactly four tab-separated fields" \
	test "$(awk -F '\t' 'NF != 4' "$T/raw" | wc -l)" -eq 0 -a "$(wc -l < "$T/raw")" -eq 4
contains "$T/raw" 'hello\x1b[2J\x1b[H\nok.pdf: AUTHENTIC' "--raw: the QR text is escaped, its newline too"
contains "$T/raw" "$QR" "--raw: a genuine QR text is unchanged"
ok "--raw: no fake line" sh -c "test -s '$T/raw' && ! grep -q '^ok.pdf' '$T/raw'"
# the text verifier: a file of scanned lines with a hostile name
printf '%s\nnot a code\n' "$QR" > "$T/$(printf 'scan\033]0;pwned\007.txt')"
status 1 "text verifier: a scan file with an OSC sequence in its name" "$V" --trust "$S" -f "$T"/scan*.txt
no_control "$T/out" "text verifier: no control character on stdout"
contains "$T/out" 'scan\x1b]0;pwned\x07.txt:1: 真实有效 AUTHENTIC' "text verifier: the source name escaped"
status 2 "text verifier: an unreadable input with a hostile name" "$V" --trust "$S" -f "$T/$(printf 'gone\033[31m')"
no_control "$T/err" "text verifier: no control character in the message" "certqr-verify: "
contains "$T/err" 'gone\x1b[31m' "text verifier: the message shows the name escaped"
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/$(printf 'k\033[2Jey.pub')"
ok "certqr-keys show: a key file with ESC in its name" "$K" show "$T"/k*ey.pub
no_control "$T/out" "certqr-keys show: no control character"
contains "$T/out" 'k\x1b[2Jey.pub:' "certqr-keys show: the name escaped"

# --- 2. spreadsheets --------------------------------------------------------
KEY=$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key
DL=$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl
R='"id_number": "410102198503120516", "year": "2025", "issuer_region": "410100", "issued": "2025-12-20"'
cat > "$T/evil.jsonl" <<EOF
{"=cmd|' /C calc'!A0": "x", "name": "张伟", "number": "4101020000125", "hours_public": 32, "hours_professional": 64, $R}
{"+1+1": "x", "name": "张伟", "number": "4101020000126", "hours_public": 32, "hours_professional": 64, $R}
{"-2+3": "x", "name": "张伟", "number": "4101020000127", "hours_public": 32, "hours_professional": 64, $R}
{"@SUM(A1)": "x", "name": "张伟", "number": "4101020000128", "hours_public": 32, "hours_professional": 64, $R}
{"\u001b[2J\u001b[Hwipe": "x", "name": "张伟", "number": "4101020000129", "hours_public": 32, "hours_professional": 64, $R}
{"name": "张伟", "number": "4101020000130", "hours_public": 1, "hours_professional": 4, $R}
EOF
status 1 "issue batch --check: six rows, five rejected" "$I" batch --check --key "$KEY" --delegation "$DL" \
	--out "$T/iss" --passphrase-file "$CERTQR_TEST_PASS" "$T/evil.jsonl"
no_control "$T/iss/rejects.csv" "rejects.csv: no control character"
no_control "$T/out" "issue batch: no control character on stdout"
cat > "$T/cells.py" <<'PY'
import csv, sys
bad = []
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    for row in csv.reader(f):
        for c in row:
            if c[:1] in ('=', '+', '-', '@') or c.lstrip(' ')[:1] in ('=', '+', '-', '@'):
                bad.append(c)
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
ok "rejects.csv: no cell a spreadsheet would run as a formula (read with Python's csv)" $PY "$T/cells.py" "$T/iss/rejects.csv"
contains "$T/iss/rejects.csv" "\"'=cmd|' /C calc'!A0\"" "rejects.csv: the DDE payload kept as text, apostrophe first"
contains "$T/iss/rejects.csv" "\"'+1+1\"" "rejects.csv: + guarded"
contains "$T/iss/rejects.csv" "\"'-2+3\"" "rejects.csv: - guarded"
contains "$T/iss/rejects.csv" "\"'@SUM(A1)\"" "rejects.csv: @ guarded"
contains "$T/iss/rejects.csv" '\x1b[2J\x1b[Hwipe' "rejects.csv: the ESC sequence escaped"
ok "below-rule.csv: written for the row below the rule" test -s "$T/iss/below-rule.csv"
no_control "$T/iss/below-rule.csv" "below-rule.csv: no control character"
ok "below-rule.csv: no formula cell" $PY "$T/cells.py" "$T/iss/below-rule.csv"
# an unknown column header with ESC in a CSV export: the message escapes it
printf 'name,\033[2Jbad,id_number\n张伟,1,410102198503120516\n' > "$T/badhead.csv"
status 3 "issue batch: an unknown column with ESC in its name is refused" "$I" batch --check --key "$KEY" \
	--delegation "$DL" --out "$T/iss2" --passphrase-file "$CERTQR_TEST_PASS" "$T/badhead.csv"
no_control "$T/err" "issue batch: the message carries no control character"
contains "$T/err" "unknown column '\\x1b[2Jbad'" "issue batch: the column named, escaped"
# the files report of a file named like a formula
mkdir -p "$T/sheet"
cp "$T/fs/good.png" "$T/sheet/=cmd|' -C calc'!A0.png"
cp "$T/evil.png" "$T/sheet/+1+1.png"
cp "$T/evil.png" "$T/sheet/$(printf '@x\033[2J.png')"
( cd "$T/sheet" && "$V" files --trust "$S" --quiet --csv "$T/files.csv" "=cmd|' -C calc'!A0.png" "+1+1.png" @x*.png ) \
	> "$T/out" 2> "$T/err"
ok "files --csv written" test -s "$T/files.csv"
no_control "$T/files.csv" "files --csv: no control character"
ok "files --csv: no formula cell" $PY "$T/cells.py" "$T/files.csv"
contains "$T/files.csv" "\"'=cmd|' -C calc'!A0.png\"" "files --csv: the formula-like file name kept as text"
contains "$T/files.csv" '\x1b[2J.png' "files --csv: the ESC in a file name escaped"
