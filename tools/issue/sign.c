/* One certificate from command-line options: for single corrections, tests
 * and the format's test vectors. */
#include <stdio.h>
#include <string.h>
#include "issue.h"

int issue_cmd_sign(int argc, char **argv)
{
	const char *keypath = NULL;
	cq_passsrc src = {0};
	int hex = 0;
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	unsigned seen = 0;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--hex")) { hex = 1; continue; }
		if (i + 1 >= argc || strncmp(o, "--", 2) != 0) {
			cq_warn("sign: unexpected argument '%s'", o);
			return issue_usage("sign");
		}
		const char *v = argv[++i];
		if (!strcmp(o, "--key") && !keypath) { keypath = v; continue; }
		if (!strcmp(o, "--passphrase-file") && !src.file) { src.file = v; continue; }
		if (!strcmp(o, "--passphrase-env") && !src.env) { src.env = v; continue; }
		/* --hours-public → hours_public */
		char field[40];
		snprintf(field, sizeof field, "%s", o + 2);
		for (char *p = field; *p; p++) if (*p == '-') *p = '_';
		int f;
		for (f = 0; cq_field_names[f]; f++)
			if (!strcmp(field, cq_field_names[f])) break;
		if (!cq_field_names[f] || (seen & 1u << f)) {
			cq_warn("sign: unknown or repeated option '%s'", o);
			return issue_usage("sign");
		}
		seen |= 1u << f;
		if (cq_builder_set(&b, field, v, &e)) { cq_warn("%s: %s", e.field, e.msg); return ISSUE_SOME_REJECTED; }
	}
	if (!keypath) { cq_warn("sign: --key is required"); return issue_usage("sign"); }
	cq_record r;
	if (cq_builder_finish(&b, &r, &e)) { cq_warn("%s: %s", e.field, e.msg); return ISSUE_SOME_REJECTED; }
	char zh[320], en[320];
	if (!issue_name_drawable(NULL, r.name, zh, en)) {
		cq_warn("name: %s", zh);
		cq_warn("name: %s", en);
		return ISSUE_SOME_REJECTED;
	}
	cq_seckey *k = issue_load_key(keypath, &src);
	if (!k) return ISSUE_FAILED;
	uint8_t payload[CQ_PAYLOAD_MAX];
	size_t n;
	char text[CQ_QR_TEXT_MAX];
	int rc = cq_payload_sign(&r, k, payload, sizeof payload, &n, &e);
	cq_seckey_free(k);
	if (rc || cq_qrtext_encode(payload, n, text, sizeof text, &e)) { cq_warn("%s", e.msg); return ISSUE_FAILED; }
	if (hex) {
		for (size_t i = 0; i < n; i++) printf("%02x", payload[i]);
		putchar('\n');
	}
	puts(text);
	return fflush(stdout) ? ISSUE_FAILED : ISSUE_OK;
}
