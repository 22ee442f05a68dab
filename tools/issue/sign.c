/* One certificate from command-line options: for single corrections, tests
 * and the format's test vectors. */
#include <stdio.h>
#include <string.h>
#include "certqr/opts.h"
#include "issue.h"

enum { O_HEX = 256, O_KEY, O_PASS_FILE, O_PASS_ENV, O_FIELD };   /* O_FIELD + f: field f */
#define FIELDS_MAX 24

int issue_cmd_sign(int argc, char **argv)
{
	const char *keypath = NULL;
	cq_passsrc src = {0};
	int hex = 0;
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	/* the fields' options are their names with '-': --hours-public */
	static char names[FIELDS_MAX][32];
	struct option longopts[FIELDS_MAX + 5] = {
		{"hex", no_argument, NULL, O_HEX},
		{"key", required_argument, NULL, O_KEY},
		{"passphrase-file", required_argument, NULL, O_PASS_FILE},
		{"passphrase-env", required_argument, NULL, O_PASS_ENV},
	};
	int nl = 4;
	for (int f = 0; f < FIELDS_MAX && cq_field_names[f]; f++) {
		snprintf(names[f], sizeof names[f], "%s", cq_field_names[f]);
		for (char *p = names[f]; *p; p++) if (*p == '_') *p = '-';
		longopts[nl++] = (struct option){names[f], required_argument, NULL, O_FIELD + f};
	}
	cq_opts o;
	cq_opts_init(&o, argc, argv, "h", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		switch (c) {
		case 'h': return issue_usage(NULL);
		case O_HEX: hex = 1; break;
		case O_KEY: keypath = o.arg; break;
		case O_PASS_FILE: src.file = o.arg; break;
		case O_PASS_ENV: src.env = o.arg; break;
		case CQ_OPT_OPERAND:
		case CQ_OPT_NO_VALUE:
			cq_warn("sign: unexpected argument '%s'", c == CQ_OPT_OPERAND ? o.arg : o.name);
			return issue_usage("sign");
		default:
			if (c < O_FIELD) {   /* unknown, abbreviated or repeated */
				cq_warn("sign: unknown or repeated option '%s'", o.name);
				return issue_usage("sign");
			}
			if (cq_builder_set(&b, cq_field_names[c - O_FIELD], o.arg, &e)) { cq_warn("%s: %s", e.field, e.msg); return ISSUE_SOME_REJECTED; }
		}
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
	char kwhy[256];
	cq_seckey *k = cq_seckey_load(keypath, &src, kwhy);
	if (!k) { cq_warn("%s", kwhy); return ISSUE_FAILED; }
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
