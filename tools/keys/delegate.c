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
	for (int i = 1; i < argc; i++) {
		int r = passsrc_option(argc, argv, &i, &src);
		if (r < 0) return KEYS_USAGE;
		if (r) continue;
		if (!strcmp(argv[i], "-f")) { force = true; continue; }
		size_t j;
		for (j = 0; j < sizeof opts / sizeof *opts; j++)
			if (!strcmp(argv[i], opts[j].name)) break;
		if (j == sizeof opts / sizeof *opts || i + 1 >= argc || *opts[j].slot) {
			cq_warn("delegate: unexpected, incomplete or repeated argument '%s'", argv[i]);
			return keys_usage("delegate");
		}
		*opts[j].slot = argv[++i];
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
	cq_seckey *k = load_seckey(root, &src);
	if (!k) return KEYS_REFUSED;
	int rc = cq_delegation_sign(&d, k, &e);
	cq_seckey_free(k);
	if (rc) { cq_warn("%s", e.msg); return KEYS_REFUSED; }
	char text[1024], why[256];
	if (cq_delegation_encode_text(&d, text, sizeof text, &e)) { cq_warn("%s", e.msg); return KEYS_REFUSED; }
	if (cq_write_atomic(out, text, strlen(text), 0644, force, why)) { cq_warn("%s", why); return KEYS_REFUSED; }
	return KEYS_OK;
}

int cmd_check_delegation(int argc, char **argv)
{
	const char *root = NULL;
	int first = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--root") && i + 1 < argc && !root) root = argv[++i];
		else if (argv[i][0] != '-') { first = i; break; }
		else { cq_warn("check-delegation: unexpected argument '%s'", argv[i]); return KEYS_USAGE; }
	}
	if (!root || !first) return keys_usage("check-delegation");
	cq_pubkey rk;
	if (load_pubkey(root, &rk)) return KEYS_REFUSED;
	int rc = KEYS_OK;
	for (int i = first; i < argc; i++) {
		char *buf, why[256];
		size_t n;
		cq_err e;
		cq_delegation d;
		if (cq_read_file(argv[i], CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { cq_warn("%s", why); rc = KEYS_REFUSED; continue; }
		if (cq_delegation_decode_text(buf, n, &d, &e) || cq_delegation_verify(&d, &rk, &e)) {
			cq_fputs_escaped(argv[i], stdout);
			printf(": REFUSED: %s\n", e.msg);
			rc = KEYS_REFUSED;
		} else {
			char hex[17];
			cq_key_id_hex(d.issuer.id, hex);
			cq_fputs_escaped(argv[i], stdout);
			printf(": OK: issuer key %s for %s, scope %s\n", hex, d.bureau, d.scope);
		}
		free(buf);
	}
	return rc;
}
