#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keys.h"

static int parse_region(const char *s, uint32_t *out)
{
	char *end;
	if (strlen(s) != 6) return -1;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || v < 410000 || v > 419999) return -1;
	*out = (uint32_t)v;
	return 0;
}

int cmd_delegate(int argc, char **argv)
{
	const char *root = NULL, *issuer = NULL, *bureau = NULL, *region = NULL, *scope = NULL;
	const char *from = NULL, *until = NULL, *out = NULL;
	bool force = false;
	cq_passsrc src = {0};
	struct { const char *name; const char **slot; } opts[] = {
		{"--root", &root}, {"--issuer", &issuer}, {"--bureau", &bureau}, {"--region", &region},
		{"--scope", &scope}, {"--from", &from}, {"--until", &until}, {"-o", &out},
	};
	/* O_SLOT + j: the value of opts[j]; -o is the last of them */
	enum { O_SLOT = O_KEYS_FIRST };
	static const struct option longopts[] = {
		{"root", required_argument, NULL, O_SLOT + 0}, {"issuer", required_argument, NULL, O_SLOT + 1},
		{"bureau", required_argument, NULL, O_SLOT + 2}, {"region", required_argument, NULL, O_SLOT + 3},
		{"scope", required_argument, NULL, O_SLOT + 4}, {"from", required_argument, NULL, O_SLOT + 5},
		{"until", required_argument, NULL, O_SLOT + 6}, KEYS_PASS_OPTS, {NULL, 0, NULL, 0},
	};
	cq_opts o;
	cq_opts_init(&o, argc, argv, "fo:", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		if (keys_passsrc(c, &o, &src)) continue;
		if (c == 'f') force = true;
		else if (c == 'o' && !out) out = o.arg;
		else if (c >= O_SLOT && c < O_SLOT + 7) *opts[c - O_SLOT].slot = o.arg;
		else return keys_bad_arg("delegate", "unexpected, incomplete or repeated argument", c, &o);
	}
	for (size_t j = 0; j < sizeof opts / sizeof *opts; j++)
		if (!*opts[j].slot) { cq_warn("delegate: %s is required", opts[j].name); return keys_usage("delegate"); }

	cq_delegation d;
	cq_err e;
	memset(&d, 0, sizeof d);
	if (parse_region(region, &d.region)) { cq_warn("--region must be a six-digit code 41xxxx"); return KEYS_USAGE; }
	if (cq_date_parse(from, &d.first) || cq_date_parse(until, &d.last)) {
		cq_warn("--from and --until must be dates YYYY-MM-DD");
		return KEYS_USAGE;
	}
	if (strlen(scope) > CQ_SCOPE_MAX || strlen(bureau) > CQ_BUREAU_MAX_BYTES) {
		cq_warn("--scope is at most %d digits, --bureau at most %d bytes", CQ_SCOPE_MAX, CQ_BUREAU_MAX_BYTES);
		return KEYS_USAGE;
	}
	strcpy(d.scope, scope);
	strcpy(d.bureau, bureau);
	if (load_pubkey(issuer, &d.issuer)) return KEYS_REFUSED;
	/* Validate before asking for the root passphrase. */
	uint8_t body[CQ_DELEGATION_MAX];
	size_t n;
	if (cq_delegation_encode_body(&d, body, sizeof body, &n, &e)) { cq_warn("%s: %s", e.field, e.msg); return KEYS_REFUSED; }
	char kwhy[256];
	cq_seckey *k = cq_seckey_load(root, &src, kwhy);
	if (!k) { cq_warn("%s", kwhy); return KEYS_REFUSED; }
	int rc = cq_delegation_sign(&d, k, &e);
	cq_seckey_free(k);
	if (rc) { cq_warn("%s", e.msg); return KEYS_REFUSED; }
	char text[1024], why[256];
	if (cq_delegation_encode_text(&d, text, sizeof text, &e)) { cq_warn("%s", e.msg); return KEYS_REFUSED; }
	if (cq_write_atomic(out, text, strlen(text), 0644, force, why)) { cq_warn("%s", why); return KEYS_REFUSED; }
	return KEYS_OK;
}

/* check-delegation, one file: "FILE: OK: ..." or "FILE: REFUSED: ...". */
static int check_delegation(const char *path, const char *buf, size_t n, const cq_pubkey *rk, bool verbose)
{
	(void)verbose;
	cq_err e;
	cq_delegation d;
	cq_fputs_escaped(path, stdout);
	if (cq_delegation_decode_text(buf, n, &d, &e) || cq_delegation_verify(&d, rk, &e)) {
		printf(": REFUSED: %s\n", e.msg);
		return KEYS_REFUSED;
	}
	char hex[17];
	cq_key_id_hex(d.issuer.id, hex);
	printf(": OK: issuer key %s for %s, scope %s\n", hex, d.bureau, d.scope);
	return KEYS_OK;
}

int cmd_check_delegation(int argc, char **argv)
{
	return keys_check_files("check-delegation", argc, argv, false, CQ_ARMOR_MAX_TEXT, check_delegation);
}
