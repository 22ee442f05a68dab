#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keys.h"

int cmd_public(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	bool force = false;
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};
	cq_opts o;
	cq_opts_init(&o, argc, argv, "o:f", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		if (c == 'o') out = o.arg;
		else if (c == 'f') force = true;
		else if (c == CQ_OPT_OPERAND && !in) in = o.arg;
		else return keys_bad_arg("public", "unexpected argument", c, &o);
	}
	if (!in) return keys_usage("public");
	char *buf, why[256], text[512];
	size_t n;
	cq_err e;
	cq_pubkey pub;
	if (cq_read_file(in, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { cq_warn("%s", why); return KEYS_REFUSED; }
	int rc = cq_seckey_public(buf, n, &pub, &e);
	free(buf);
	if (rc) { cq_warn("%s: %s", in, e.msg); return KEYS_REFUSED; }
	if (cq_pubkey_encode_text(&pub, text, sizeof text, &e)) { cq_warn("%s", e.msg); return KEYS_REFUSED; }
	if (!out || !strcmp(out, "-")) return fputs(text, stdout) < 0 ? KEYS_REFUSED : KEYS_OK;
	if (cq_write_atomic(out, text, strlen(text), 0644, force, why)) { cq_warn("%s", why); return KEYS_REFUSED; }
	return KEYS_OK;
}
