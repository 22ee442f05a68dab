#!/bin/sh
# Trust bundles, the store, and the forgery suite through the real programs:
# certqr-keys bundle/check-bundle, certqr-verify (text). Every attack of
# docs/trust.md expects its exact status; genuine certificates must pass.
. "$(dirname "$0")/../lib.sh"
plan 217
K="$B/certqr-keys"
V="$B/certqr-verify"
P="$ROOT/keys/test/PASSPHRASE-TEST-ONLY"
ROOTKEY="$ROOT/keys/test/root-TEST-ONLY.key"
S="$T/store"
unset CERTQR_TRUST

# --- building bundles -------------------------------------------------------
ok "bundle: builds v3 from the test spec" \
	"$K" bundle --root "$ROOTKEY" --spec "$ROOT/tests/trust/bundle.spec" -o "$T/v3.bundle" --passphrase-file "$P"
ok "check-bundle: v3 verifies against the root" "$K" check-bundle -v --root "$ROOT/keys/test/root-TEST-ONLY.pub" "$T/v3.bundle"
contains "$T/out" "version 3 of 2026-11-01, 6 delegations, 3 revoked, 1 superseded" "check-bundle: counts"
contains "$T/out" "RETIRED on 2024-06-30" "check-bundle: shows the retired key"
contains "$T/out" "COMPROMISED since 2025-03-01" "check-bundle: shows the compromised key and date"
contains "$T/out" "2021 2021 4104 30 60 90 24" "check-bundle: carries the Pingdingshan 2021 compulsory rule"
ok "show: describes a bundle without checking it" "$K" show "$T/v3.bundle"
contains "$T/out" "version:    3" "show: bundle version"
status 1 "check-bundle: a foreign root refuses it" "$K" check-bundle --root "$ROOT/keys/test/foreign-root-TEST-ONLY.pub" "$T/v3.bundle"
contains "$T/out" "foreign root" "check-bundle: says foreign root"

# The golden bundle: same inputs, same bytes (deterministic Ed25519).
ok "vector: rebuilds" "$K" bundle --root "$ROOTKEY" --spec "$ROOT/tests/trust/vector.spec" -o "$T/vector.bundle" --passphrase-file "$P"
ok "vector: byte-identical to tests/trust/vector.bundle" cmp "$T/vector.bundle" "$ROOT/tests/trust/vector.bundle"
od -An -tx1 -N25 "$T/vector.bundle" | tr -d ' \n' > "$T/hdr"
contains "$T/hdr" "4351544201b178109" "vector: magic CQTB, format 1, root key id B1781097..."
contains "$T/hdr" "000000015116000001c60001" "vector: version 1, date 0x5116 (2026-11-01), length 454, 1 delegation"

# The machine-readable vectors (docs/format.md §5.1, docs/trust.md §1.4): the
# committed files are what the generator writes, and the real programs agree
# with every expected status, reason code and JSON member.
ok "verdict vectors: their bundle rebuilds" \
	"$K" bundle --root "$ROOTKEY" --spec "$ROOT/tests/vectors/verdicts.spec" -o "$T/verdicts.bundle" --passphrase-file "$P"
ok "verdict vectors: bundle byte-identical to tests/vectors/verdicts.bundle" cmp "$T/verdicts.bundle" "$ROOT/tests/vectors/verdicts.bundle"
ok "vectors: generated" "$B/tests/tools/vectors" "$ROOT/keys/test" "$T/verdicts.txt" "$T/bundles.txt" "$T/keyfiles.txt"
ok "vectors: tests/vectors/verdicts.txt is the generator's output" cmp "$T/verdicts.txt" "$ROOT/tests/vectors/verdicts.txt"
ok "vectors: tests/trust/bundles.txt is the generator's output" cmp "$T/bundles.txt" "$ROOT/tests/trust/bundles.txt"
ok "vectors: tests/vectors/keyfiles.txt is the generator's output" cmp "$T/keyfiles.txt" "$ROOT/tests/vectors/keyfiles.txt"
"$V" --trust "$T/vstore" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null 2>&1
"$V" --trust "$T/vstore" --install "$ROOT/tests/vectors/verdicts.bundle" > /dev/null 2>&1
vcheck() { # $1 kind, $2 file, $3 desc, rest: the command
	kind=$1 file=$2 d=$3; shift 3
	python3 "$ROOT/tests/vectors/check.py" "$kind" "$ROOT/$file" -- "$@" > "$T/vc" 2>&1
	r=$?
	grep -A3 '^not ok' "$T/vc" > "$T/err"; tail -1 "$T/vc" > "$T/out"
	_report $r "$d ($(tail -1 "$T/vc" | sed 's/^# //'))"
}
vcheck verdicts tests/vectors/verdicts.txt "verdict vectors: certqr-verify --json agrees with each" \
	"$V" --trust "$T/vstore" --json
vcheck bundles tests/trust/bundles.txt "bundle vectors: certqr-keys check-bundle agrees with each" \
	"$K" check-bundle --root "$ROOT/keys/test/root-TEST-ONLY.pub"
vcheck keyfiles tests/vectors/keyfiles.txt "key file vectors: certqr-keys show reads or refuses each as expected" "$K" show

mkspec() { # $1 file, $2 version, rest: extra lines
	f=$1 v=$2; shift 2
	{ echo "version $v"; echo "date 2026-12-0$v"
	  for d in zhengzhou pingdingshan anyang province luoyang-retired kaifeng-compromised; do
		echo "delegation $ROOT/keys/test/issuer-$d-TEST-ONLY.dl"; done
	  for l in "$@"; do echo "$l"; done; } > "$f"
}
mkspec "$T/v2.spec" 2
mkspec "$T/v4.spec" 4 "revoke 4101020000125 2023 1 withdrawn"
mkspec "$T/v3b.spec" 3 "supersede 4101020000125 2023 5"
for v in v2 v4 v3b; do
	ok "bundle: builds $v" "$K" bundle --root "$ROOTKEY" --spec "$T/$v.spec" -o "$T/$v.bundle" --passphrase-file "$P"
done
printf 'version 9\ndate 2026-12-09\n' > "$T/foreign.spec"
ok "bundle: a foreign root can sign its own (empty) bundle" \
	"$K" bundle --root "$ROOT/keys/test/foreign-root-TEST-ONLY.key" --spec "$T/foreign.spec" -o "$T/foreign.bundle" --passphrase-file "$P"
printf 'version 5\ndate 2026-12-05\ndelegation %s\n' "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl" > "$T/mixed.spec"
status 1 "bundle: refuses delegations of another root" \
	"$K" bundle --root "$ROOT/keys/test/foreign-root-TEST-ONLY.key" --spec "$T/mixed.spec" -o "$T/mixed.bundle" --passphrase-file "$P"

# Spec errors are refused before the passphrase is asked for.
bad_spec() { # $1 desc, $2 spec text
	printf '%s\n' "$2" > "$T/bad.spec"
	status 1 "bundle spec: refuses $1" "$K" bundle --root "$ROOTKEY" --spec "$T/bad.spec" -o "$T/bad.bundle" --passphrase-file /nonexistent
}
bad_spec "an unknown keyword" "version 1
date 2026-01-01
frobnicate 3"
bad_spec "a missing version" "date 2026-01-01"
bad_spec "version 0" "version 0
date 2026-01-01"
bad_spec "a retired key without a date" "version 1
date 2026-01-01
retired 1FA38950A25DEB4E"
bad_spec "a duplicate revocation" "version 1
date 2026-01-01
revoke 4101020000200 2023 1 withdrawn
revoke 4101020000200 2023 1 falsified_hours"
bad_spec "an unknown revocation reason" "version 1
date 2026-01-01
revoke 4101020000200 2023 1 because"
bad_spec "a bad certificate number" "version 1
date 2026-01-01
revoke 5101020000200 2023 1 withdrawn"
bad_spec "a bad rules file" "version 1
date 2026-01-01
rules $ROOT/keys/test/root-TEST-ONLY.pub"
bad_spec "one key delegated twice" "version 1
date 2026-01-01
delegation $ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl
delegation $ROOT/keys/test/issuer-pingdingshan-TEST-ONLY.dl
delegation $ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.dl"
contains "$T/err" "delegations 1 (郑州市人力资源和社会保障局) and 3 (郑州市人力资源和社会保障局) are of one key 1FA38950A25DEB4E" \
	"bundle spec: names both delegations of the key"
bad_spec "a key status date after 2149-06-06" "version 1
date 2026-01-01
compromised 1FA38950A25DEB4E 2149-06-07"
contains "$T/err" "2149-06-06" "bundle spec: says the last storable date"
bad_spec "a supersession to revision 1" "version 1
date 2026-01-01
supersede 4101020000200 2023 1"
contains "$T/err" "latest revision must be 2..255" "bundle spec: says why"

# --- the store ---------------------------------------------------------------
status 2 "verify: no trust store is exit 2" "$V" --trust "$S" "CQ1:ABC"
contains "$T/err" "no trust store" "verify: says there is no trust store"
ok "store: --init with the root key" "$V" --trust "$S" --init "$ROOT/keys/test/root-TEST-ONLY.pub"
status 2 "verify: a store without a bundle is exit 2" "$V" --trust "$S" "CQ1:ABC"
contains "$T/err" "no trust bundle installed" "verify: says no bundle is installed"
status 1 "store: --init refuses to replace the root with another" "$V" --trust "$S" --init "$ROOT/keys/test/foreign-root-TEST-ONLY.pub"
status 1 "store: --init refuses an issuer key as root" "$V" --trust "$T/s2" --init "$ROOT/keys/test/issuer-zhengzhou-TEST-ONLY.pub"
ok "store: installs v3" "$V" --trust "$S" --install "$T/v3.bundle"
contains "$T/out" "installed trust bundle version 3 of 2026-11-01" "store: reports the installed version"
cp "$S/trust.bundle" "$T/installed.before"
ok "store: reinstalling the same bundle is a no-op" "$V" --trust "$S" --install "$T/v3.bundle"
contains "$T/out" "already installed" "store: says already installed"
status 1 "store: refuses a rollback to v2" "$V" --trust "$S" --install "$T/v2.bundle"
contains "$T/err" "rollback: bundle version 2 (2026-12-02) is older than the installed version 3" "store: rollback message"
status 1 "store: refuses another bundle with the same version" "$V" --trust "$S" --install "$T/v3b.bundle"
contains "$T/err" "versions must increase" "store: same-version message"
status 1 "store: refuses a bundle signed by a foreign root" "$V" --trust "$S" --install "$T/foreign.bundle"
contains "$T/err" "foreign root" "store: foreign-root message"
# Bad signatures: a flipped byte in the body, in the signature; a
# signature-valid-looking bundle whose header claims our root.
cp "$T/v4.bundle" "$T/flip-body.bundle"
printf '\001' | dd of="$T/flip-body.bundle" bs=1 seek=200 conv=notrunc 2>/dev/null
status 1 "store: refuses a bundle with an altered body" "$V" --trust "$S" --install "$T/flip-body.bundle"
contains "$T/err" "bad signature" "store: bad-signature message (body)"
cp "$T/v4.bundle" "$T/flip-sig.bundle"
size=$(wc -c < "$T/v4.bundle")
printf '\377' | dd of="$T/flip-sig.bundle" bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null
status 1 "store: refuses a bundle with an altered signature" "$V" --trust "$S" --install "$T/flip-sig.bundle"
contains "$T/err" "bad signature" "store: bad-signature message (signature)"
# Version edited upwards in the header (bytes 13..16): the signature breaks.
cp "$T/v2.bundle" "$T/bumped.bundle"
printf '\000\000\000\077' | dd of="$T/bumped.bundle" bs=1 seek=13 conv=notrunc 2>/dev/null
status 1 "store: refuses an old bundle with its version edited upwards" "$V" --trust "$S" --install "$T/bumped.bundle"
contains "$T/err" "bad signature" "store: edited version is a bad signature"
head -c 100 "$T/v4.bundle" > "$T/short.bundle"
status 1 "store: refuses a truncated bundle" "$V" --trust "$S" --install "$T/short.bundle"
contains "$T/err" "not a valid trust bundle" "store: truncated-bundle message"
status 1 "store: refuses a file that is not a bundle" "$V" --trust "$S" --install "$ROOT/README.md"
contains "$T/err" "not a certqr trust bundle" "store: not-a-bundle message"
status 1 "store: refuses a public key given as a bundle" "$V" --trust "$S" --install "$ROOT/keys/test/root-TEST-ONLY.pub"
contains "$T/err" "this is a public key (.pub), but a trust bundle (.bundle) is needed here" "store: a key as a bundle is named"
ok "store: refused installs left the installed bundle untouched" cmp "$T/installed.before" "$S/trust.bundle"
# A crash mid-install leaves a temporary file beside the old bundle: the
# store still loads the old one, and the next install succeeds.
head -c 300 "$T/v4.bundle" > "$S/trust.bundle.tmp.CRASH1"
ok "store: a leftover partial temp file does not affect loading" "$V" --trust "$S" --status
contains "$T/out" "version 3 of 2026-11-01" "store: still version 3 after the simulated crash"
# A real crash: the installer killed by SIGXFSZ while writing the new bundle.
status 153 "store: an install killed mid-write (ulimit -f) dies" sh -c "ulimit -f 1; exec '$V' --trust '$S' --install '$T/v4.bundle'"
ok "store: after the crash the old bundle still loads" "$V" --trust "$S" --status
contains "$T/out" "version 3 of 2026-11-01" "store: still version 3 after the killed install"
ok "store: the old bundle is byte-identical" cmp "$T/installed.before" "$S/trust.bundle"
ls "$S" | grep -c '^trust.bundle.tmp' > "$T/tmpcount"
lacks "$T/tmpcount" "0" "store: the killed install left only its temporary file"
rm -f "$S"/trust.bundle.tmp.*
ok "store: installs v4" "$V" --trust "$S" --install "$T/v4.bundle"
ok "store: --status shows v4" "$V" --trust "$S" --status
contains "$T/out" "version 4 of 2026-12-04" "store: status reports version and date"
status 1 "store: now refuses v3 (rollback)" "$V" --trust "$S" --install "$T/v3.bundle"
ls "$S" | grep -c 'tmp' > "$T/tmpcount"
contains "$T/tmpcount" "0" "store: installs leave no temporary files of their own"

# --- the forgery suite ------------------------------------------------------
# Fresh store with v3 (the corpus expectations assume tests/trust/bundle.spec).
S3="$T/store3"
"$V" --trust "$S3" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
"$V" --trust "$S3" --install "$T/v3.bundle" > /dev/null
C="$T/corpus"
mkdir -p "$C"
ok "corpus: generated" "$B/tests/trust-corpus" "$ROOT/keys/test" "$C"
false_accepts=0 false_rejects=0 cases=0
while read -r name want; do
	cases=$((cases + 1))
	"$V" --trust "$S3" --json -f "$C/$name.txt" > "$T/out" 2> "$T/err"
	rc=$?
	got=$(sed -n 's/^{"source":"[^"]*","status":"\([a-z_]*\)".*/\1/p' "$T/out")
	wantrc=1; [ "$want" = authentic ] && wantrc=0
	[ "$got" = authentic ] && [ "$want" != authentic ] && false_accepts=$((false_accepts + 1))
	[ "$want" = authentic ] && [ "$got" != authentic ] && false_rejects=$((false_rejects + 1))
	[ "$got" = "$want" ] && [ "$rc" -eq "$wantrc" ]
	r=$?
	[ $r -ne 0 ] && echo "#   got status '$got' exit $rc" >> "$T/err"
	_report $r "forgery suite: $name is $want (exit $wantrc)"
done < "$C/manifest"
echo "# forgery suite: $cases cases, $false_accepts false accepts, $false_rejects false rejects"
[ "$false_accepts" -eq 0 ] && [ "$false_rejects" -eq 0 ]
_report $? "forgery suite: zero false accepts and zero false rejects over $cases cases"

# The same texts as a scanner types them: one per line on stdin, CRLF endings.
for f in "$C"/*.txt; do cat "$f"; printf '\r\n'; done > "$T/all.lines"
status 1 "stdin: all cases in one stream, exit 1 (some are not authentic)" sh -c "'$V' --trust '$S3' --json < '$T/all.lines'"
lines=$(wc -l < "$T/out")
[ "$lines" -eq "$cases" ]; _report $? "stdin: one JSON object per input line ($lines of $cases)"
grep -c '"status":"authentic"' "$T/out" > "$T/n"
grep -c ' authentic$' "$C/manifest" > "$T/m"
cmp -s "$T/n" "$T/m"; _report $? "stdin: the authentic count matches the manifest"
if command -v python3 > /dev/null; then
	ok "json: every line parses and has the documented keys" python3 -c '
import json, sys
need = {"source", "status", "reason", "reason_zh", "reason_code", "certificate", "compliance", "trust"}
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    assert need <= o.keys(), o.keys()
    assert set(o["trust"]) == {"version", "date"} and o["trust"]["version"] == 3
    if o["status"] == "authentic":
        c = o["certificate"]
        assert {"name", "id_hint", "number", "year", "revision", "hours", "issuer", "issued"} <= c.keys()
        assert {"public", "professional", "total"} <= c["hours"].keys()
        assert {"key_id", "bureau", "region"} <= c["issuer"].keys()
        assert {"met", "required", "shortfall"} <= o["compliance"].keys()
    elif o["status"] in ("forged", "unknown_issuer", "malformed", "not_a_certificate", "unknown_version"):
        assert o["certificate"] is None and o["compliance"] is None
' "$T/out"
fi

# Only genuine ones: exit 0.
# A file saved by Windows Notepad starts with a byte order mark: it belongs
# to the file, not to the first text; one on a later line stays in its text.
printf '\357\273\277' > "$T/bom.txt"; cat "$C/genuine-zhengzhou-2023.txt" >> "$T/bom.txt"
status 0 "-f: a byte order mark at the start of the file is the file's, not the text's" "$V" --trust "$S3" -f "$T/bom.txt"
{ echo; printf '\357\273\277'; cat "$C/genuine-zhengzhou-2023.txt"; } > "$T/bom2.txt"
status 1 "-f: a byte order mark on a later line stays in its text (not a certificate)" "$V" --trust "$S3" -f "$T/bom2.txt"
status 0 "exit 0 when every input is authentic" "$V" --trust "$S3" -f "$C/genuine-zhengzhou-2023.txt" -f "$C/superseded-latest-ok.txt"
# Command-line text, and the environment variable for the store.
txt=$(cat "$C/genuine-zhengzhou-2023.txt")
status 0 "text on the command line, store from CERTQR_TRUST" env CERTQR_TRUST="$S3" "$V" "$txt"
status 0 "text on stdin via '-'" sh -c "printf '%s\n' '$txt' | CERTQR_TRUST='$S3' '$V' -"
status 2 "--trust overrides CERTQR_TRUST" env CERTQR_TRUST="$S3" "$V" --trust "$T/nowhere" "$txt"
status 2 "an unreadable input file is exit 2 even beside authentic ones" "$V" --trust "$S3" "$txt" -f "$T/missing.txt"
contains "$T/err" "cannot check" "unreadable input: message"

# Human output: verdict first, then the signed fields labelled in Chinese.
ok "human output for a genuine certificate" "$V" --trust "$S3" -f "$C/genuine-pingdingshan-compulsory-short.txt"
head -1 "$T/out" > "$T/first"
contains "$T/first" "真实有效 AUTHENTIC" "human: the verdict comes first"
for label in "姓名" "身份证号后四位" "证书管理号" "年度" "版次" "公需科目学时" "专业科目学时" "合计学时" "必修课学时" "签发机关" "签发日期" "信任包"; do
	contains "$T/out" "  $label" "human: field labelled $label"
done
contains "$T/out" "未达标 / NOT MET" "human: compliance not met"
contains "$T/out" "必修课 4" "human: compulsory shortfall of 4 hours (Pingdingshan 2021)"
status 1 "human: --lang en" "$V" --trust "$S3" --lang en -f "$C/revoked.txt"
contains "$T/out" "REVOKED" "human en: status"
lacks "$T/out" "已撤销" "human en: no Chinese headline"
ok "human: --lang zh" "$V" --trust "$S3" --lang zh -f "$C/genuine-aid-full-year.txt"
contains "$T/out" "援派工作满一年" "human zh: aid full-year credit"
lacks "$T/out" "AUTHENTIC" "human zh: no English headline"
status 1 "human: forged shows no certificate fields" "$V" --trust "$S3" -f "$C/flip-hours-public.txt"
lacks "$T/out" "姓名" "human: forged certificate's name is not shown"
contains "$T/out" "伪造" "human: forged in Chinese"

# JSON details: compliance after art. 8, revocation reason, supersession.
"$V" --trust "$S3" --json -f "$C/genuine-abroad-prorata.txt" > "$T/j" 2>&1
contains "$T/j" '"required":{"public":15,"professional":30,"total":45}' "json: art. 8 pro-rata required hours (6 months)"
"$V" --trust "$S3" --json -f "$C/genuine-not-met.txt" > "$T/j" 2>&1
contains "$T/j" '"met":false' "json: not met"
contains "$T/j" '"shortfall":{"public":0,"professional":10,"total":10}' "json: shortfall per category"
"$V" --trust "$S3" --json -f "$C/revoked.txt" > "$T/j" 2>&1
contains "$T/j" '"revocation":{"reason":"falsified_hours"' "json: revocation reason"
"$V" --trust "$S3" --json -f "$C/superseded.txt" > "$T/j" 2>&1
contains "$T/j" '"latest_revision":2' "json: latest revision"
"$V" --trust "$S3" --json -f "$C/compromised-key-on-date.txt" > "$T/j" 2>&1
contains "$T/j" '"key_compromised_since":"2025-03-01"' "json: compromise date"
"$V" --trust "$S3" --json -f "$C/retired-key-after-retirement.txt" > "$T/j" 2>&1
contains "$T/j" '"key_retired_on":"2024-06-30"' "json: retirement date"

# Holder binding.
ID=11010519491231002X
status 0 "holder: matching ID" "$V" --trust "$S3" --json --holder-id "$ID" -f "$C/genuine-zhengzhou-2023.txt"
contains "$T/out" '"holder":"match"' "holder: match in JSON"
status 0 "holder: lower-case x typed by the clerk still matches" "$V" --trust "$S3" --json --holder-id 11010519491231002x -f "$C/genuine-zhengzhou-2023.txt"
status 1 "holder: another person's certificate is exit 1" "$V" --trust "$S3" --json --holder-id "$ID" -f "$C/other-person.txt"
contains "$T/out" '"holder":"mismatch"' "holder: mismatch in JSON"
status 2 "holder: an invalid ID number is a usage error" "$V" --trust "$S3" --holder-id 110105194912310021 -f "$C/genuine-zhengzhou-2023.txt"

# The employer's question: several years of one person.
status 1 "summary: 2021-2023 with 2022 missing is exit 1" "$V" --trust "$S3" --json --holder-id "$ID" --years 2021-2023 \
	-f "$C/genuine-pingdingshan-2021.txt" -f "$C/genuine-zhengzhou-2023.txt" -f "$C/other-person.txt"
tail -1 "$T/out" > "$T/sum"
contains "$T/sum" '"covered":[2021,2023]' "summary: years covered"
contains "$T/sum" '"missing":[2022]' "summary: years missing"
contains "$T/sum" '"met":[2021,2023]' "summary: years met"
contains "$T/sum" '"other_holder":1' "summary: another person's certificate is not counted"
status 0 "summary: every year covered and met is exit 0" "$V" --trust "$S3" --holder-id "$ID" --years 2021-2021 -f "$C/genuine-pingdingshan-2021.txt"
contains "$T/out" "2021  达标 met" "summary: human line for a met year"
status 1 "summary: a year not met is exit 1" "$V" --trust "$S3" --holder-id "$ID" --years 2023 -f "$C/genuine-not-met.txt"
contains "$T/out" "未达标 not met: 2023" "summary: not-met list"
status 1 "summary: revoked certificates do not cover a year" "$V" --trust "$S3" --json --holder-id "$ID" --years 2023 -f "$C/revoked.txt"
contains "$T/out" '"missing":[2023]' "summary: the revoked year is missing"
status 2 "summary: --years needs --holder-id" "$V" --trust "$S3" --years 2021-2023 "$txt"
status 2 "summary: a reversed range is refused" "$V" --trust "$S3" --holder-id "$ID" --years 2024-2021 "$txt"

# Usage.
ok "-h prints usage and exits 0" "$V" -h
contains "$T/out" "Exit status" "-h: documents the exit status"
status 2 "unknown option is exit 2" "$V" --frobnicate
status 2 "repeated option is exit 2" "$V" --json --json "$txt"
status 2 "--install with inputs is refused" "$V" --trust "$S3" --install "$T/v4.bundle" "$txt"
status 2 "bad --lang is refused" "$V" --trust "$S3" --lang fr "$txt"
