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
