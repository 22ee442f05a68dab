#!/bin/sh
# The clerks' spreadsheets, through certqr-issue batch and LibreOffice Calc:
# Chinese column headings of a platform export, the expected columns listed
# for an unknown one; what Excel does to data (an .xlsx or .xls given
# instead of CSV, ID numbers in scientific notation or cut to 15 digits,
# 2025/12/20 and other date forms, characters lost to '?' by a cp936 save);
# and every CSV certqr writes opened in a spreadsheet: BOM and UTF-8 read
# right, certificate numbers and the ID's last four kept as text.
. "$(dirname "$0")/../lib.sh"
plan 49
I="$B/certqr-issue"
V="$B/certqr-verify"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
KEY="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.key"
DL="$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl"
PY=/usr/bin/python3
batch() { "$I" batch --key "$KEY" --delegation "$DL" --passphrase-file "$P" "$@"; }
command -v soffice > /dev/null || { echo "not ok 1 - soffice is missing (tools/deps/issue.txt: libreoffice-calc-nogui)"; exit 1; }
# soffice: a person opening the file in Calc, UTF-8 chosen; prints its cells
calc() { # FILE...: writes $T/lo/NAME.cells for each
	rm -rf "$T/lo"; mkdir -p "$T/lo"
	HOME="$T/lohome" soffice --headless --norestore --infilter="CSV:44,34,76" --convert-to fods --outdir "$T/lo" "$@" \
		> /dev/null 2>&1
	for f in "$@"; do b=$(basename "${f%.*}"); $PY "$ROOT/tests/spreadsheet/cells.py" "$T/lo/$b.fods" > "$T/lo/$b.cells"; done
}
cell() { awk -F'\t' -v r="$2" -v c="$3" '$1 == r && $2 == c {print $3 "\t" $4}' "$T/lo/$1.cells"; }

# --- a platform export with Chinese headings ------------------------------------
cat > "$T/export.csv" <<'CSV'
序号,姓名,性别,身份证号码,工作单位,证书编号,年度,公需科目学时,专业科目学时,其中必修,学时减免,在岗月数,发证机关代码,发证日期,合计学时
1,张伟,男,410102198503120516,郑州大学,4101020000501,2025,30,60,24,,,410100,2025/12/20,90
2,刘芳,女,410102198503120532,郑州一中,4101020000502,2025,20,40,,生育,8,410100,2025年12月20日,60
3,王强,男,4.10102198503121E+017,河南省人民医院,4101020000503,2025,30,60,,,,410100,2025-12-20,90
4,赵敏,女,410102198503120000,郑州市第一人民医院,4101020000504,2025,30,60,,,,410100,2025-12-20,90
5,孙磊,男,410102198503120559,郑州市卫健委,4.10102E+12,2025,30,60,,,,410100,2025-12-20,90
6,周杰,男,410102198503120575,郑州轻工业大学,4101020000506,2025,30,60,,,,410100,46011,90
7,吴刚,男,410102198503120591,郑州市教育局,4101020000507,2025,30,60,,,,410100,12/20/2025,90
8,郑红,女,410102198503120612,郑州市财政局,4101020000508,2025,30,60,,,,410100,2025-12-20,95
CSV
status 1 "headings: a Chinese export is read" batch --out "$T/e" "$T/export.csv"
contains "$T/out" "issued: 2 (new 2" "headings: the two good rows issued (2025/12/20 and 2025年12月20日 accepted)"
contains "$T/out" "ignored columns: 序号, 性别, 工作单位" "headings: the columns not on the certificate are named as ignored"
R="$T/e/rejects.csv"
contains "$R" "4,身份证号码,号码被 Excel 转成了科学计数法" "Excel: an ID number in scientific notation, named in Chinese"
contains "$R" "was turned into a number in scientific notation (4.10102198503121E+017) by a spreadsheet" "Excel: and in English"
contains "$R" "5,身份证号码,身份证号末三位变成了 000：Excel 只保留 15 位有效数字" "Excel: an ID cut to 15 digits"
contains "$R" "6,证书编号,号码被 Excel 转成了科学计数法" "Excel: a certificate number in scientific notation"
contains "$R" "7,发证日期,这是 Excel 的日期序号" "Excel: a date serial number"
contains "$R" "46011 is 2025-12-20" "Excel: the serial's date is given"
contains "$R" "8,发证日期,日期把年份写在最后" "Excel: 12/20/2025 is ambiguous"
contains "$R" "9,合计学时,合计学时不等于公需科目学时与专业科目学时之和" "headings: a total column is checked"
pdftotext -enc UTF-8 "$T/e/4101020000502-2025-r1.pdf" "$T/t2" 2> /dev/null
contains "$T/t2" "学时折算： 生育（在岗 8 个月）" "values: the reduction 生育 read from Chinese"

printf '姓名,身份证,证书管理号,年度,公需科目学时,专业科目学时,学时,发证机关代码,发证日期\n' > "$T/unknown.csv"
status 3 "headings: an unknown heading stops the run" batch --out "$T/u" "$T/unknown.csv"
contains "$T/err" "未知的列名「学时」 / unknown column '学时'" "headings: names the unknown column"
contains "$T/err" "认可的列名" "headings: lists the columns certqr reads"
for c in "姓名" "身份证号" "证书管理号" "公需科目学时" "专业科目学时" "发证机关代码" "发证日期" "hours_public"; do
	contains "$T/err" "$c" "headings: the list has $c"
done
printf '姓名,身份证号,证书管理号,年度\n' > "$T/few.csv"
status 3 "headings: required columns missing stop the run" batch --out "$T/f" "$T/few.csv"
contains "$T/err" "缺少必填的列 / required columns missing: 公需科目学时 hours_public" "headings: names what is missing"
printf '姓名,name\n' > "$T/twice.csv"
status 3 "headings: one field under two headings" batch --out "$T/tw" "$T/twice.csv"
contains "$T/err" "列「name」重复：与「姓名」是同一项" "headings: says which two"

# --- a workbook instead of its CSV -----------------------------------------------
cp "$T/export.csv" "$T/export-book.csv"
HOME="$T/lohome" soffice --headless --norestore --infilter="CSV:44,34,76" --convert-to xlsx --outdir "$T" "$T/export-book.csv" > /dev/null 2>&1
HOME="$T/lohome" soffice --headless --norestore --infilter="CSV:44,34,76" --convert-to xls --outdir "$T" "$T/export-book.csv" > /dev/null 2>&1
status 3 "xlsx: a workbook is refused" batch --out "$T/x" "$T/export-book.xlsx"
contains "$T/err" "这是电子表格工作簿（.xlsx），不是 CSV 文件" "xlsx: says so in Chinese"
contains "$T/err" "「CSV UTF-8（逗号分隔）(*.csv)」" "xlsx: says how to export the CSV"
contains "$T/err" "File > Save As, \"CSV UTF-8 (Comma delimited) (*.csv)\"" "xlsx: and in English"
status 3 "xls: an old workbook is refused too" batch --out "$T/x2" "$T/export-book.xls"
contains "$T/err" "（.xls/.et）" "xls: names the kind"
ok "xlsx: nothing written" test ! -e "$T/x/rejects.csv"

# --- a cp936 save loses rare characters to '?' -------------------------------------
printf '姓名,身份证号,证书管理号,年度,公需科目学时,专业科目学时,发证机关代码,发证日期\n张𠈌,410102198503120516,4101020000601,2025,30,60,410100,2025-12-20\n' |
	iconv -f UTF-8 -t CP936//TRANSLIT > "$T/cp936.csv" 2> /dev/null
ok "cp936: the save put a '?' where 𠈌 was" grep -q '?' "$T/cp936.csv"
status 1 "cp936: the row is refused" batch --out "$T/g" "$T/cp936.csv"
contains "$T/g/rejects.csv" "2,姓名,姓名中有「?」：文件以 GBK/ANSI" "cp936: the reason says what happened"
contains "$T/g/rejects.csv" "save as \"\"CSV UTF-8\"\"" "cp936: and what to do"

# --- the CSVs certqr writes, opened in LibreOffice Calc ----------------------------
status 1 "reports: a batch with a record below the rule" batch --out "$T/s" "$ROOT/docs/examples/sample-export.csv"
mkdir -p "$T/store"
cp "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/store/root.pub"
printf 'version 3\ndate 2026-12-03\ndelegation %s\n' "$DL" > "$T/v.spec"
"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$T/v.spec" -o "$T/store/trust.bundle" \
	--passphrase-file "$P" > /dev/null 2>&1
status 0 "reports: verify files --csv" "$V" files --trust "$T/store" --quiet --csv "$T/files.csv" "$T/e/4101020000501-2025-r1.pdf"
ok "files.csv: starts with a UTF-8 byte-order mark" sh -c "head -c 3 '$T/files.csv' | od -An -tx1 | grep -q 'ef bb bf'"
printf 'a,b\n0516,4101020000501\n' > "$T/plain.csv"
calc "$T/s/rejects.csv" "$T/s/below-rule.csv" "$T/files.csv" "$T/plain.csv"
ok "calc: a plain 0516 would become the number 516 (the control)" test "$(cell plain 2 1)" = "float	516"
ok "calc: rejects.csv's Chinese header reads right" test "$(cell rejects 1 3)" = "string	原因"
ok "calc: rejects.csv's Chinese reason reads right" test "$(cell rejects 2 3)" = "string	不是有效的日期"
ok "calc: below-rule.csv's certificate number stays text, all 13 digits" test "$(cell below-rule 2 2)" = "string	\\t4101020007788"
ok "calc: below-rule.csv's name reads right" test "$(cell below-rule 2 3)" = "string	陈晓明"
ok "calc: files.csv's ID last four stays text with its zero" test "$(cell files 2 6)" = "string	\\t0516"
ok "calc: files.csv's certificate number stays text" test "$(cell files 2 7)" = "string	\\t4101020000501"
ok "calc: files.csv's name reads right" test "$(cell files 2 5)" = "string	张伟"
