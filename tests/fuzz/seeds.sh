#!/bin/sh
# Copies the committed inputs that seed the fuzz corpora (make fuzz-seeds):
# test keys, delegations, rules tables and a trust bundle built from the
# trust suite's spec. The generated seeds come from tests/fuzz/seedgen.c.
set -eu
BUILD=${BUILD:-build}
c=tests/fuzz/corpus
mkdir -p $c/fuzz_pubkey $c/fuzz_seckey $c/fuzz_delegation $c/fuzz_rules $c/fuzz_trust $c/fuzz_qrtext $c/fuzz_judge
for f in root issuer-zhengzhou foreign-root; do
	cp keys/test/$f-TEST-ONLY.pub $c/fuzz_pubkey/
done
cp keys/test/issuer-zhengzhou-TEST-ONLY.key $c/fuzz_seckey/issuer-zhengzhou-TEST-ONLY.key.txt
for f in issuer-zhengzhou issuer-province; do
	cp keys/test/$f-TEST-ONLY.dl $c/fuzz_delegation/
done
cp tools/data/rules-henan.txt $c/fuzz_rules/
printf '# from to region public professional total compulsory\n2017 2020 41 24 48 72 0\n2021 - 4104 30 60 90 6\r\n' > $c/fuzz_rules/crlf.txt
passfile=keys/test/PASSPHRASE-TEST-ONLY
"$BUILD"/certqr-keys bundle --root keys/test/root-TEST-ONLY.key --spec tests/trust/bundle.spec \
	-o $c/fuzz_trust/trust-suite.bundle -f --passphrase-file $passfile >/dev/null
printf 'https://example.com/not-a-certificate' > $c/fuzz_qrtext/url.txt
printf 'CQ2:ABC' > $c/fuzz_qrtext/version2.txt
printf 'https://example.com/' > $c/fuzz_judge/url.txt
mkdir -p $c/fuzz_csv $c/fuzz_hours $c/fuzz_image $c/fuzz_composite
cp tests/data/sample-export.jsonl tests/data/issue-bad.csv docs/examples/sample-export.csv $c/fuzz_csv/
head -c 3000 tests/data/sample-export-gbk.csv > $c/fuzz_csv/sample-export-gbk.csv
cp tools/data/hours-art7.txt $c/fuzz_hours/
qr=$(sed -n 's/^qr=//p' tests/vectors/v1.txt | head -1)
qrencode -l M -s 2 -m 2 -o $c/fuzz_image/vector1.png "$qr"
convert $c/fuzz_image/vector1.png -quality 90 $c/fuzz_image/vector1.jpg
printf 'G\100\100\000\377\000\377' > $c/fuzz_image/raw-grey.bin
printf '河南省专业技术人员继续教育证书（2024 年度）\n姓名： 张三丰\n证书管理号： 4101020000123\n年度： 2024\n公需科目： 32 学时\n专业科目： 64 学时\n合计： 96 学时\n' > $c/fuzz_composite/genuine.txt
