#!/bin/sh
# certqr-issue batch through the real program: good and bad rows (every
# rejection reason), UTF-8 / BOM / GBK / JSON Lines input, the year's rule,
# determinism, the PDFs (qpdf, pdftotext, pdftoppm, zbarimg → certqr-issue
# sign and certqr-verify), resume after kills at every stage of a commit.
. "$(dirname "$0")/../lib.sh"
plan 200
I="$B/certqr-issue"
KEY="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key"
DL="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
SAMPLE="$ROOT/docs/examples/sample-export.csv"
batch() { "$I" batch --key "$KEY" --delegation "$DL" --passphrase-file "$P" "$@"; }
# rej FILE ROW COLUMN ENGLISH DESC: rejects.csv has a line for ROW and
# COLUMN whose English reason contains ENGLISH, and whose Chinese reason
# (the third column) is its own sentence, not the general fallback.
rej() {
	awk -F, -v r="$2" -v c="$3" '$1 == r && $2 == c && $3 != "" && $3 !~ /不符合签发规则/' "$1" > "$T/rej"
	grep -qF -- "$4" "$T/rej"; r=$?
	[ $r -ne 0 ] && { grep "^$2," "$1" > "$T/out"; : > "$T/err"; }
	_report $r "$5"
}
pdfs() { ls "$1" | grep -c '\.pdf$'; }

# --- the sample export ---------------------------------------------------------
status 1 "sample: some rows rejected is exit 1" batch --out "$T/s" "$SAMPLE"
cp "$T/out" "$T/s.out"; cp "$T/err" "$T/s.err"
contains "$T/out" "rows: 7" "sample: counts the rows"
contains "$T/out" "issued: 6 (new 6, issued before 0)" "sample: issues the six good rows"
contains "$T/out" "rejected: 1" "sample: one rejected"
contains "$T/out" "below the year's rule: 1 issued, 0 refused" "sample: one below the rule, issued by default"
ok "sample: six PDFs" test "$(pdfs "$T/s")" -eq 6
rej "$T/s/rejects.csv" 8 issued "is not a valid date" "rejects.csv: row, field, reason in Chinese and English"
contains "$T/s/rejects.csv" "行 row,列 column,原因,reason" "rejects.csv: the header"
ok "rejects.csv: starts with a UTF-8 byte-order mark" sh -c "head -c 3 '$T/s/rejects.csv' | od -An -tx1 | grep -q 'ef bb bf'"
ok "below-rule.csv: starts with a UTF-8 byte-order mark" sh -c "head -c 3 '$T/s/below-rule.csv' | od -An -tx1 | grep -q 'ef bb bf'"
contains "$T/s/below-rule.csv" "7,	4101020007788,陈晓明,2025,18,50,68," "below-rule.csv: lists the record, the number kept as text"
contains "$T/s/below-rule.csv" "public 12; professional 10; total 22" "below-rule.csv: by how much"
lacks "$T/s/below-rule.csv" "刘芳" "below-rule.csv: art. 8 pro-rata (8 months of maternity) is met"
ok "sample: stderr quiet when not a terminal (stdout has the summary)" test -s "$T/s.out" -a ! -s "$T/s.err"

status 1 "refuse-below-rule: runs" batch --out "$T/r" --refuse-below-rule "$SAMPLE"
contains "$T/out" "below the year's rule: 0 issued, 1 refused" "refuse-below-rule: counts"
rej "$T/r/rejects.csv" 7 hours "does not meet the year's rule" "refuse-below-rule: rejected with a reason"
ok "refuse-below-rule: five PDFs" test "$(pdfs "$T/r")" -eq 5

status 1 "check: --check validates only" batch --out "$T/c" --check "$SAMPLE"
contains "$T/out" "would issue: 6" "check: counts what would be issued"
ok "check: writes the reports" test -s "$T/c/rejects.csv" -a -s "$T/c/below-rule.csv"
ok "check: issues nothing, starts no journal (beside its reports)" sh -c "test -s '$T/c/rejects.csv' && ! ls -a '$T/c' | grep -q -e 'pdf' -e journal"
status 1 "check: needs no passphrase (nothing is signed)" "$I" batch --key "$KEY" --delegation "$DL" \
	--passphrase-file /nonexistent --out "$T/c2" --check "$SAMPLE"

# --- every rejection reason ----------------------------------------------------
status 1 "bad rows: the rest still issue" batch --out "$T/bad" "$ROOT/tests/data/issue-bad.csv"
contains "$T/out" "issued: 3 (new 3" "bad rows: three good rows issued"
contains "$T/out" "rejected: 21" "bad rows: 21 rejected"
R="$T/bad/rejects.csv"
rej "$R" 3 name "quote inside an unquoted field" "reject: stray quote"
rej "$R" 4 name "text after a closing quote" "reject: text after a closing quote"
rej "$R" 5 "" "11 columns where the header has 12" "reject: column count"
rej "$R" 6 name "the separator dot must be U+00B7" "reject: name separator"
rej "$R" 7 id_number "check character is 0, GB 11643" "reject: ID check digit"
rej "$R" 8 number "digits 1-2 must be 41" "reject: certificate number"
rej "$R" 9 hours_public "must be whole hours" "reject: hours not a number"
rej "$R" 10 hours_compulsory "compulsory hours are part of public hours" "reject: compulsory > public"
rej "$R" 11 months_at_post "must be 12 unless" "reject: months at post without a reduction"
rej "$R" 12 reduction "must be none, abroad" "reject: unknown reduction"
rej "$R" 13 issuer_region "must be a six-digit Henan" "reject: region not Henan"
rej "$R" 14 issued "puts the year last" "reject: a date with the year last is ambiguous"
rej "$R" 15 name "must not be empty" "reject: empty required field"
rej "$R" 16 number "outside the issuing key's scope: this key issues numbers starting 4101" "reject: number outside the key's scope"
rej "$R" 17 issuer_region "the issuing key belongs to region 410100, not 410400" "reject: another bureau's region"
rej "$R" 18 year "outside the issuing key's window 2017-01-01..2030-12-31" "reject: year outside the key's window"
rej "$R" 19 issued "outside the issuing key's window" "reject: issue date outside the key's window"
rej "$R" 20 number "the same certificate (number, year, revision) as row 2" "reject: duplicate row"
rej "$R" 22 issued "a certificate cannot be issued before its year begins" "reject: issued before the year"
rej "$R" 23 name "character 𰻞 (U+30EDE) of the name is not in the fonts every verifier draws with" "reject: a character no verifier font has"
contains "$R" "姓名中的「𰻞」（U+30EDE）不在所有核验端都能显示的字库内" "reject: names the character in Chinese too"
rej "$R" 25 name "column 1: quote opened on line 25 is never closed" "reject: unterminated quote"
lacks "$R" "不符合签发规则" "reject: every reason has its own Chinese sentence"
contains "$T/bad/below-rule.csv" "21,	4101020100019,何平" "below-rule: listed among bad rows"

printf 'name,id_number,number,year,hours_public,hours_professional,issuer_region,issued\n\377\376,410102198503120516,4101020000123,2025,30,60,410100,2025-12-20\n' > "$T/latin1.csv"
status 1 "encoding: --encoding utf-8 rejects a non-UTF-8 row" batch --out "$T/l1" --encoding utf-8 "$T/latin1.csv"
rej "$T/l1/rejects.csv" 2 name "not valid UTF-8" "encoding: says which field"

cat > "$T/bad.jsonl" <<'EOF'
{"name":"张伟","id_number":"410102198503120516","number":"4101020000123","year":2025,"hours_public":30,"hours_professional":60,"issuer_region":"410100","issued":"2025-12-20"}
{"name":"李四","nickname":"x"}
{"name":{"first":"李"}}
{"name":"王五","name":"王六"}
{"name":"赵六","hours_public":3.5}
not json
EOF
status 1 "jsonl: bad lines rejected, good issued" batch --out "$T/bj" "$T/bad.jsonl"
contains "$T/out" "issued: 1" "jsonl: one issued"
rej "$T/bj/rejects.csv" 2 nickname "unknown field" "jsonl: unknown field"
rej "$T/bj/rejects.csv" 3 name "nested objects" "jsonl: nested object"
rej "$T/bj/rejects.csv" 4 name "member given twice" "jsonl: duplicate member"
rej "$T/bj/rejects.csv" 5 hours_public "only whole numbers" "jsonl: fraction"
rej "$T/bj/rejects.csv" 6 "" "a line must be one JSON object" "jsonl: not an object"

# --- encodings and formats: the same certificates, byte for byte ---------------
status 1 "gbk: auto-detected" batch --out "$T/g" "$ROOT/tests/data/sample-export-gbk.csv"
ok "gbk: same six PDFs as UTF-8" diff -r -x '.certqr-*' "$T/s" "$T/g"
printf '\357\273\277' > "$T/bom.csv"; cat "$SAMPLE" >> "$T/bom.csv"
status 1 "bom: UTF-8 with a byte-order mark" batch --out "$T/b" "$T/bom.csv"
ok "bom: same PDFs" diff -r -x '.certqr-*' "$T/s" "$T/b"
status 1 "jsonl: the sample as JSON Lines" batch --out "$T/j" "$ROOT/tests/data/sample-export.jsonl"
ok "jsonl: same PDFs" diff -r -x '.certqr-*' -x '*.csv' "$T/s" "$T/j"
status 1 "gbk: --encoding gbk" batch --out "$T/g2" --encoding gbk "$ROOT/tests/data/sample-export-gbk.csv"
ok "gbk: forced encoding gives the same PDFs" diff -r -x '.certqr-*' "$T/s" "$T/g2"
status 1 "gbk: read as UTF-8 it is refused row by row" batch --out "$T/g3" --encoding utf-8 "$ROOT/tests/data/sample-export-gbk.csv"
contains "$T/g3/rejects.csv" "not valid UTF-8 (use --encoding gbk" "gbk: the hint"

# --- determinism -----------------------------------------------------------------
status 1 "determinism: a second run elsewhere" batch --out "$T/s2" --jobs 1 "$SAMPLE"
ok "determinism: byte-identical PDFs (1 vs 2 threads)" diff -r -x '.certqr-*' "$T/s" "$T/s2"
F="$T/s/4101020000123-2025-r1.pdf"
lacks "$F" "$(date -u +%Y%m%d)" "determinism: no wall-clock date inside"
contains "$F" "/CreationDate (D:20251220000000Z)" "determinism: the info date is the signed issue date"

# --- the PDF ---------------------------------------------------------------------
ok "qpdf --check" qpdf --check "$F"
ok "pdftotext" pdftotext -enc UTF-8 "$F" "$T/text"
for s in 河南省专业技术人员继续教育证书 "姓名： 张伟" "身份证号： 410102198503120516" "证书管理号： 4101020000123" \
	"年度： 2025" "公需科目： 32 学时" "专业科目： 64 学时" "合计： 96 学时" "发证机关： 郑州市人力资源和社会保障局" \
	"发证日期： 2025 年 12 月 20 日" 发证机关印章 "核验：扫描二维码"; do
	contains "$T/text" "$s" "pdftotext: $s"
done
pdftotext -enc UTF-8 "$T/s/4101840003321-2025-r1.pdf" "$T/text2"
contains "$T/text2" "学时折算： 生育（在岗 8 个月）" "pdftotext: the art. 8 reduction line"
pdftotext -enc UTF-8 "$T/s/4101220000901-2025-r1.pdf" "$T/text3"
contains "$T/text3" "阿依古丽·买买提" "pdftotext: a name with the middle dot"
ok "pdffonts: both fonts embedded subsets" sh -c "pdffonts '$F' | awk 'NR>2 && \$5==\"yes\" && \$6==\"yes\" && \$7==\"yes\"' | grep -c . | grep -qx 2"
ok "size: at most 30 KB" test "$(wc -c < "$F")" -le 30720
ok "pdftoppm renders" pdftoppm -r 300 -gray -png "$F" "$T/page"
ok "zbarimg reads the QR on the rendered page" sh -c "zbarimg -q --raw '$T/page-1.png' > '$T/qr.txt'"
"$I" sign --key "$KEY" --passphrase-file "$P" --name 张伟 --id-number 410102198503120516 --number 4101020000123 \
	--year 2025 --hours-public 32 --hours-professional 64 --issuer-region 410100 --issued 2025-12-20 > "$T/signed.txt"
ok "QR: the text equals what certqr-issue sign gives for the record" cmp "$T/qr.txt" "$T/signed.txt"
if [ -x "$B/certqr-verify" ] && [ -x "$B/certqr-keys" ]; then
	ok "verify: a trust bundle" "$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" \
		--spec "$ROOT/tests/trust/bundle.spec" -o "$T/v.bundle" --passphrase-file "$P"
	ok "verify: store" "$B/certqr-verify" --trust "$T/store" --init "$ROOT/keys/test/root-TEST-ONLY.pub"
	ok "verify: install" "$B/certqr-verify" --trust "$T/store" --install "$T/v.bundle"
	ok "verify: certqr-verify says authentic for the scanned QR" "$B/certqr-verify" --trust "$T/store" \
		--holder-id 410102198503120516 -f "$T/qr.txt"
	contains "$T/out" "4101020000123" "verify: names the certificate"
fi

# the libharu engine, for comparison
status 1 "libharu engine: issues" batch --out "$T/h" --pdf-engine libharu "$SAMPLE"
H="$T/h/4101020000123-2025-r1.pdf"
ok "libharu: qpdf --check" qpdf --check "$H"
pdftotext -enc UTF-8 "$H" "$T/htext" 2>/dev/null
contains "$T/htext" "姓名： 张伟" "libharu: pdftotext"
pdftoppm -r 300 -gray -png "$H" "$T/hpage"
ok "libharu: the QR reads the same" sh -c "zbarimg -q --raw '$T/hpage-1.png' | cmp - '$T/signed.txt'"
status 1 "libharu engine: a second run" batch --out "$T/h2" --pdf-engine libharu "$SAMPLE"
ok "libharu: deterministic too" diff -r -x '.certqr-*' "$T/h" "$T/h2"

# --- resume ------------------------------------------------------------------------
python3 "$ROOT/tests/data/issue-gen.py" 240 3 > "$T/big.csv"
ok "reference: a clean run of 240 rows" batch --out "$T/ref" --jobs 2 "$T/big.csv"
for stage in written:1 written:100 renamed:1 renamed:150 journalled:1 journalled:2; do
	dd="$T/crash-${stage%%:*}-${stage#*:}"
	# 2 ms groups: "journalled:2" needs a second group even on a fast machine
	CERTQR_TEST_COMMIT_MS=2 CERTQR_TEST_CRASH=$stage batch --out "$dd" --jobs 2 "$T/big.csv" > "$T/out" 2> "$T/err"
	ok "kill -9 at $stage: the run died" test $? -eq 137
	ok "kill -9 at $stage: no final PDF differs from the reference" \
		sh -c "cd '$dd' && for f in *.pdf; do [ -e \"\$f\" ] || continue; cmp -s \"\$f\" '$T/ref/'\"\$f\" || exit 1; done"
	ok "kill -9 at $stage: resume completes" batch --out "$dd" --jobs 2 "$T/big.csv"
	contains "$T/out" "issued: 240" "kill -9 at $stage: every row issued once"
	ok "kill -9 at $stage: exactly the reference set, byte for byte" diff -r -x '.certqr-*' "$T/ref" "$dd"
	ok "kill -9 at $stage: no temporary files left" sh -c "! ls -a '$dd' | grep -q '^\.tmp-'"
done
# repeated kills at random moments, then the final set (the program itself
# is the background job, so kill reaches it and not a subshell)
dd="$T/random"
i=0
while [ $i -lt 4 ]; do
	"$I" batch --key "$KEY" --delegation "$DL" --passphrase-file "$P" --out "$dd" --jobs 2 "$T/big.csv" > /dev/null 2>&1 &
	pid=$!
	sleep 0.$((i * 2 + 1))
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done
ok "random kills: the last run completes" batch --out "$dd" --jobs 2 "$T/big.csv"
ok "random kills: exactly the reference set" diff -r -x '.certqr-*' "$T/ref" "$dd"

# litter of a run killed mid-write: PDF and report temporaries are removed
: > "$T/ref/.tmp-4101020000001-2025-r1.pdf"; : > "$T/ref/rejects.csv.tmp.AbC123"; : > "$T/ref/.certqr-journal.tmp.XyZ789"
ok "litter: a rerun" batch --out "$T/ref" "$T/big.csv"
ok "litter: temporary files removed" sh -c "! ls -a '$T/ref' | grep -q -e '^\.tmp-' -e '\.tmp\.'"
# a rerun of a finished batch issues nothing new
ok "rerun: nothing to do" batch --out "$T/ref" "$T/big.csv"
contains "$T/out" "issued: 240 (new 0, issued before 240)" "rerun: all from the journal"
# a torn journal line (power cut mid-append) and a deleted PDF
printf 'F 4101' >> "$T/ref/.certqr-journal"
f=$(ls "$T/ref" | grep '\.pdf$' | head -1)
cp "$T/ref/$f" "$T/keep.pdf"; rm "$T/ref/$f"
ok "torn journal, deleted PDF: rerun" batch --out "$T/ref" "$T/big.csv"
contains "$T/out" "issued: 240 (new 1, issued before 239)" "torn journal: only the missing PDF is issued again"
ok "torn journal: the PDF comes back identical" cmp "$T/keep.pdf" "$T/ref/$f"
# another input over the same directory: files are verified, never replaced
sed 's/,2025-12-20$/,2025-12-21/' "$T/big.csv" > "$T/changed.csv"
status 1 "other content: refused, not overwritten" batch --out "$T/ref" "$T/changed.csv"
contains "$T/out" "conflicts: 240" "other content: every row a conflict"
contains "$T/ref/rejects.csv" "already holds this certificate with other content" "other content: reason"
ok "other content: the PDFs are untouched" cmp "$T/keep.pdf" "$T/ref/$f"
# Ctrl-C: stops cleanly, exit 4, resumes
python3 "$ROOT/tests/data/issue-gen.py" 3000 5 > "$T/big2.csv"
"$I" batch --key "$KEY" --delegation "$DL" --passphrase-file "$P" --out "$T/int" --jobs 1 "$T/big2.csv" > "$T/intout" 2> "$T/interr" &
pid=$!
# Interrupt once the batch is under way (20 PDFs out), not after a guessed
# delay: on an idle machine 3000 rows can finish in under two seconds.
i=0
while [ $i -lt 600 ] && [ "$(ls "$T/int" 2>/dev/null | grep -c '\.pdf$')" -lt 20 ]; do sleep 0.05; i=$((i + 1)); done
kill -INT $pid
wait $pid
ok "SIGINT: exit 4" test $? -eq 4
contains "$T/interr" "run again with the same arguments to resume" "SIGINT: says how to resume"
ok "SIGINT: resume" batch --out "$T/int" "$T/big2.csv"
contains "$T/out" "issued: 3000" "SIGINT: all issued after resuming"
ok "SIGINT: 3000 PDFs" test "$(pdfs "$T/int")" -eq 3000

# --- rules, fonts, bounds ------------------------------------------------------------
printf '2021 - 41 30 60 100 0\n' > "$T/rules.txt"
status 1 "rules: --rules FILE replaces the built-in table" batch --out "$T/ru" --check --rules "$T/rules.txt" "$SAMPLE"
contains "$T/ru/below-rule.csv" "needs public 30, professional 60, total 100" "rules: the file's total is applied"
contains "$T/out" "below the year's rule: 4 would be issued" "rules: the 96-, 91- and 90-hour records now below too"
printf '2021 - 41 30 60\n' > "$T/badrules.txt"
status 3 "rules: a malformed table is refused" batch --out "$T/ru2" --rules "$T/badrules.txt" "$SAMPLE"
contains "$T/err" "line 1: need 7 fields" "rules: names the line"
status 3 "font: a file that is not a font is refused" batch --out "$T/f1" --font "$ROOT/README.md" "$SAMPLE"
contains "$T/err" "not a TrueType font" "font: says why"
status 3 "font: a face the collection lacks is refused" batch --out "$T/f2" --font-index 7 "$SAMPLE"
status 2 "font: --font-index must be a number" batch --out "$T/f3" --font-index x "$SAMPLE"
status 1 "max-rows: certificates past the bound are refused" batch --out "$T/mr" --max-rows 2 "$SAMPLE"
contains "$T/out" "issued: 2 " "max-rows: two issued"
contains "$T/mr/rejects.csv" "more than 2 certificates in one batch (--max-rows)" "max-rows: the rest listed"
status 2 "usage: --jobs 0" batch --out "$T/j0" --jobs 0 "$SAMPLE"
status 2 "usage: --encoding latin1" batch --out "$T/e0" --encoding latin1 "$SAMPLE"

# --- the terminal, the lock, usage -------------------------------------------------
status 1 "progress: run" batch --out "$T/p2" --progress "$SAMPLE"
contains "$T/err" "6/6 certificates" "progress: count"
contains "$T/err" "left" "progress: time left"
exec 9> "$T/s/.certqr-lock"
flock 9
status 3 "lock: a second batch into the same directory is refused" batch --out "$T/s" "$SAMPLE"
contains "$T/err" "another certqr-issue batch is writing here" "lock: says why"
exec 9>&-
status 3 "key: a delegation of another key is refused" "$I" batch --key "$KEY" \
	--delegation "$ROOT/keys/test/issuer-anyang-TEST-ONLY.dl" --passphrase-file "$P" --out "$T/x" "$SAMPLE"
contains "$T/err" "is for another key" "key: says why"
status 3 "input: an unknown column is refused" sh -c "printf 'name,colour\n' > '$T/col.csv' && '$I' batch --key '$KEY' --delegation '$DL' --passphrase-file '$P' --out '$T/x' '$T/col.csv'"
contains "$T/err" "unknown column 'colour'" "input: names the column"
ok "usage: -h exits 0" "$I" batch -h
status 2 "usage: missing --out" "$I" batch --key "$KEY" --delegation "$DL" "$SAMPLE"
status 2 "usage: repeated option" "$I" batch --out a --out b "$SAMPLE"
contains "$T/err" "unknown or repeated option '--out'" "usage: the repeated option is named"
status 2 "usage: an abbreviated option is refused (no GNU abbreviations)" "$I" batch --ou "$T/ab" --key "$KEY" --delegation "$DL" "$SAMPLE"
contains "$T/err" "unknown or repeated option '--ou'" "usage: the abbreviation is named as typed"
status 2 "usage: a value given to a flag is refused" "$I" batch --check=yes --out "$T/fv" --key "$KEY" --delegation "$DL" "$SAMPLE"
status 2 "usage: a missing value is refused" "$I" batch --key "$KEY" --delegation "$DL" "$SAMPLE" --out
contains "$T/err" "batch: --out needs a value" "usage: the option without its value is named"
status 1 "usage: --name=value is the same as --name value" batch --out="$T/eq" --jobs=1 "$SAMPLE"
ok "usage: --name=value issued the six PDFs" test "$(pdfs "$T/eq")" -eq 6
cp "$SAMPLE" "$T/-dash.csv"
status 1 "usage: after --, an input whose name starts with '-'" sh -c "cd '$T' && '$I' batch --key '$KEY' --delegation '$DL' --passphrase-file '$P' --out dash -- -dash.csv"
contains "$T/out" "issued: 6 (new 6" "usage: the '-' input was read"
ok "usage: sign -h prints the usage, exit 0" "$I" sign -h
contains "$T/out" "certqr-issue sign --key" "usage: sign -h on stdout"
status 2 "usage: sign refuses a repeated field" "$I" sign --name 张伟 --name 李四
contains "$T/err" "sign: unknown or repeated option '--name'" "usage: sign names the repeated field"
