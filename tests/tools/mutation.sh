#!/bin/sh
# `make mutation`: four deliberate bugs, each in its own copy of the tree,
# built, and the test groups that guard that part run against it. The
# target fails unless every mutant turns its groups red (`make test` runs the
# same groups green on the unmutated tree):
#   verdict   cq_judge calls every text authentic
#   signature the Ed25519 check accepts any signature
#   page      the page check finds every page matching and the text layer
#             never differs (composited pages pass)
#   audit     audit verification calls every log intact
# A patch that no longer applies (the code moved) is a failure too, so the
# mutants keep up with the code.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/certqr-mutation.XXXXXX")
trap 'rm -rf "$work"' EXIT
caught=0 missed=0

# patch FILE OLD NEW: replace OLD (exact, once) by NEW in the copy
patch_src() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys
p, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(p).read()
if s.count(old) != 1:
    sys.exit("mutation: %s: the text to mutate is not there once: %r" % (p, old[:70]))
open(p, 'w').write(s.replace(old, new))
PY
}

run() { # $1 name, $2 groups; then the patches as FILE OLD NEW triples
	name=$1 groups=$2
	shift 2
	d=$work/$name
	mkdir -p "$d"
	(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$d")
	while [ $# -ge 3 ]; do
		patch_src "$d/$1" "$2" "$3" || { echo "not ok - mutation $name: patch failed"; missed=$((missed + 1)); return; }
		shift 3
	done
	if ! (cd "$d" && make -s -j2 all tests-build > "$d.build" 2>&1); then
		echo "not ok - mutation $name: the mutant does not build"; tail -5 "$d.build"; missed=$((missed + 1)); return
	fi
	(cd "$d" && chmod 600 keys/test/*.key && BG_GROUPS= TESTS_EXCLUDE="" sh -c '
		f=0; for g in '"$groups"'; do BUILD=build sh tests/sh/$g.sh > "$0.$g" 2>&1 || f=1; grep -q "^not ok" "$0.$g" && f=1; done; exit $f' "$d.log")
	if [ $? -ne 0 ]; then
		n=$(cat "$d".log.* | grep -c '^not ok')
		echo "ok - mutation $name: caught ($n checks red in: $groups)"
		cat "$d".log.* | grep '^not ok' | head -3 | sed 's/^/#   /'
		caught=$((caught + 1))
	else
		echo "not ok - mutation $name: every check in $groups still passes"
		missed=$((missed + 1))
	fi
	rm -rf "$d"
}

run verdict "trust files" \
	lib/verdict.c 'int cq_judge(const cq_trust *t, const char *text, size_t n, cq_verdict *v)
{' 'static int judge_real(const cq_trust *t, const char *text, size_t n, cq_verdict *v);
int cq_judge(const cq_trust *t, const char *text, size_t n, cq_verdict *v)
{
	int rc = judge_real(t, text, n, v);
	v->status = CQ_ST_AUTHENTIC;
	return rc;
}
static int judge_real(const cq_trust *t, const char *text, size_t n, cq_verdict *v)
{'
run signature "trust" \
	lib/key.c '	return rc == 0 ? 0 : -1;
}' '	(void)rc;
	return 0;
}'
run page "pagecheck" \
	lib/page/pagecheck.c 'int cq_page_check(const cq_pagefont *f, const cq_page_input *in, cq_page_report *o, char why[256])
{' 'static int page_check_real(const cq_pagefont *f, const cq_page_input *in, cq_page_report *o, char why[256]);
int cq_page_check(const cq_pagefont *f, const cq_page_input *in, cq_page_report *o, char why[256])
{
	int rc = page_check_real(f, in, o, why);
	if (o->result == CQ_PAGE_DIFFERS) { o->result = CQ_PAGE_MATCH; o->ndiff = 0; }
	return rc;
}
static int page_check_real(const cq_pagefont *f, const cq_page_input *in, cq_page_report *o, char why[256])
{' \
	tools/verify/files/composite.c 'unsigned composite_check(const char *text, const cq_record *r, fdiff *out, unsigned cap)
{' 'unsigned composite_check(const char *text, const cq_record *r, fdiff *out, unsigned cap)
{
	return 0;'
run audit "hostile_audit faults_audit" \
	lib/audit.c 'cq_audit_status cq_audit_verifier_finish(cq_audit_verifier *v, char *msg, size_t cap)
{' 'static cq_audit_status finish_real(cq_audit_verifier *v, char *msg, size_t cap);
cq_audit_status cq_audit_verifier_finish(cq_audit_verifier *v, char *msg, size_t cap)
{
	finish_real(v, msg, cap);
	snprintf(msg, cap, "intact");
	return CQ_AUDIT_OK;
}
static cq_audit_status finish_real(cq_audit_verifier *v, char *msg, size_t cap)
{'
echo "mutation: $caught caught, $missed missed"
[ "$missed" -eq 0 ]
