#!/bin/sh
# The page check (does the page show what was signed?) against an independent corpus of forged and
# genuine certificate files (tests/pagecorpus/, README.md there): the lean
# subset, one file per technique and per capture class, generated in the run
# from certificates issued by certqr-issue batch with the TEST-ONLY keys.
# For every file, `certqr-verify files --json` must give what the manifest
# says by the issue's output contract: the exit status; each code row's
# status, signature and page_check; and for a forgery, the fields it must
# name. A crash or empty output fails every check of that file. The whole
# corpus runs in `make bench` (tests/bench/pagecorpus.sh).
. "$(dirname "$0")/../lib.sh"
V="$B/certqr-verify"
PY=/usr/bin/python3
G="$ROOT/tests/pagecorpus"
S="$T/store"
unset CERTQR_TRUST

"$B/certqr-keys" bundle --root "$ROOT/keys/test/root-TEST-ONLY.key" --spec "$G/bundle.spec" \
	-o "$T/pc.bundle" --passphrase-file "$ROOT/keys/test/PASSPHRASE-TEST-ONLY" > /dev/null 2>&1
"$V" --trust "$S" --init "$ROOT/keys/test/root-TEST-ONLY.pub" > /dev/null
"$V" --trust "$S" --install "$T/pc.bundle" > /dev/null

# Under the ASan/UBSan re-run of the suite (tests/sh/asan.sh) only the core
# subset, one file per kind of input: the corpus is the same, the sanitizers
# watch the same code paths, and the lane stays short.
subset=--lean
[ -n "${CERTQR_ASAN_RUN:-}" ] && subset=--core
ok "pagecorpus: the ${subset#--} corpus, from certificates issued by certqr-issue batch, each forgery showing its forged values" \
	$PY "$G/gen.py" --build "$B" --out "$T/c" "$subset"
M="$T/c/manifest.tsv"

# The checker itself, on a manifest of its own: a verifier that crashed or
# printed nothing fails every check of a file; rows by the contract pass.
printf '%s\n' "X01	x.pdf	forged	born-digital	text	composited	1	name	codes=1	-	{}	{}	-" \
	"X02	y.pdf	genuine	fresh	fresh	authentic	0	-	codes=1	-	{}	{}	-" > "$T/m.tsv"
: > "$T/empty.json"
$PY "$G/check.py" case "$T/m.tsv" X01 "$T/empty.json" 139 > "$T/res" 2>&1
test "$(grep -c '^1	' "$T/res")" -eq 3
_report $? "pagecorpus: check.py fails every check of a forgery when the verifier crashed and printed nothing"
$PY "$G/check.py" case "$T/m.tsv" X02 "$T/empty.json" 0 > "$T/res" 2>&1
grep -q '^1	.*authentic, page matches' "$T/res"
_report $? "pagecorpus: check.py fails a genuine file when the verifier printed nothing, even with exit 0"
printf '%s\n' '{"status":"composited","signature":"authentic","page_check":"differs","differences":[{"field":"name","signed":"张伟","page":"关和"}]}' > "$T/good.json"
$PY "$G/check.py" case "$T/m.tsv" X01 "$T/good.json" 1 > "$T/res" 2>&1
test "$(grep -c '^0	' "$T/res")" -eq 3
_report $? "pagecorpus: check.py passes a row by the contract (composited, page differs, name named, exit 1)"
printf '%s\n' '{"status":"authentic","signature":"authentic","page_check":"match","differences":[]}' > "$T/acc.json"
$PY "$G/check.py" case "$T/m.tsv" X01 "$T/acc.json" 0 > "$T/res" 2>&1
test "$(grep -c '^1	' "$T/res")" -eq 3
_report $? "pagecorpus: check.py fails a forgery the verifier accepts"
$PY "$G/check.py" case "$T/m.tsv" X02 "$T/acc.json" 0 > "$T/res" 2>&1
test "$(grep -c '^0	' "$T/res")" -eq 2
_report $? "pagecorpus: check.py passes a genuine file authentic with a matching page, exit 0"
plan=$($PY "$G/check.py" plan "$M" 2> /dev/null || echo 0)
echo "# pagecorpus: $(grep -c '^[FR]' "$M" 2> /dev/null) forged and $(grep -c '^G' "$M" 2> /dev/null) genuine files, $plan checks"
echo "1..$((n + plan + 1))"
start=$n
grep -v '^#' "$M" > "$T/cases" 2> /dev/null
while IFS='	' read -r id file _ _ _ _ _ _ _ args _; do
	[ "$args" = - ] && args=
	# shellcheck disable=SC2086 # args holds options (--holder-id ID), split on purpose
	"$V" files --trust "$S" --json $args "$T/c/$file" > "$T/json" 2> "$T/verr"
	rc=$?
	$PY "$G/check.py" case "$M" "$id" "$T/json" "$rc" > "$T/res" 2>&1 || echo "1	$id: check.py failed	$(cat "$T/res")" > "$T/res"
	while IFS='	' read -r bad what why; do
		cp "$T/json" "$T/out"
		{ echo "$why"; cat "$T/verr"; } > "$T/err"
		_report "$bad" "pagecorpus: $what"
	done < "$T/res"
done < "$T/cases"
test "$((n - start))" -eq "$plan" -a "$plan" -gt 0
_report $? "pagecorpus: all $plan planned checks ran ($((n - start)) did)"
