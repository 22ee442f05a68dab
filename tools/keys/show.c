#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/trust.h"
#include "keys.h"

static void show_pub(const cq_pubkey *k, const char *what)
{
	char hex[17], pk[65];
	cq_key_id_hex(k->id, hex);
	for (int i = 0; i < 32; i++) snprintf(pk + 2 * i, 3, "%02x", k->pk[i]);
	printf("  type:       %s %s key\n  key id:     %s\n  public key: %s\n", cq_role_name(k->role), what, hex, pk);
}

static int show_one(const char *path)
{
	char *buf, why[256];
	size_t n;
	cq_err e;
	if (cq_read_file(path, CQ_BUNDLE_MAX_BYTES, &buf, &n, why)) { cq_warn("%s", why); return KEYS_REFUSED; }
	cq_fputs_escaped(path, stdout);
	puts(":");
	cq_pubkey k;
	cq_delegation d;
	cq_bundle_header h;
	int rc = KEYS_OK;
	if (n >= 4 && !memcmp(buf, CQ_BUNDLE_MAGIC, 4)) {
		if (cq_bundle_peek((const uint8_t *)buf, n, &h, &e) == 0) {
			char root[17], day[11];
			cq_key_id_hex(h.root_id, root);
			cq_date_format(h.date, day);
			printf("  type:       trust bundle format %u (signature not checked: use check-bundle)\n"
			       "  version:    %u\n  date:       %s\n  root:       %s\n  size:       %zu bytes\n",
			       h.format, (unsigned)h.version, day, root, n);
		} else {
			cq_warn("%s: %s", path, e.msg);
			rc = KEYS_REFUSED;
		}
	} else if (n > CQ_ARMOR_MAX_TEXT) {
		cq_warn("%s: not a certqr key, delegation or bundle file (too large)", path);
		rc = KEYS_REFUSED;
	} else if (cq_pubkey_decode_text(buf, n, &k, &e) == 0) {
		show_pub(&k, "public");
	} else if (cq_seckey_public(buf, n, &k, &e) == 0) {
		show_pub(&k, "secret (encrypted)");
	} else if (cq_delegation_decode_text(buf, n, &d, &e) == 0) {
		char root[17], a[11], b[11];
		cq_key_id_hex(d.root_id, root);
		cq_date_format(d.first, a);
		cq_date_format(d.last, b);
		printf("  type:       delegation (signature not checked: use check-delegation)\n");
		show_pub(&d.issuer, "delegated");
		printf("  bureau:     %s\n  region:     %06u\n  scope:      certificate numbers %s…\n"
		       "  window:     issue dates %s to %s\n  root:       %s\n", d.bureau, (unsigned)d.region, d.scope, a, b, root);
	} else {
		cq_warn("%s: not a certqr key or delegation file (%s)", path, e.msg);
		rc = KEYS_REFUSED;
	}
	free(buf);
	return rc;
}

int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};
	cq_opts o;
	cq_opts_init(&o, argc, argv, "", longopts);
	int c, nfiles = 0;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END)   /* only files: every option is a usage error */
		if (c != CQ_OPT_OPERAND) return keys_bad_arg("show", "unexpected argument", c, &o);
	int rc = KEYS_OK;
	cq_opts_init(&o, argc, argv, "", longopts);
	while (cq_opts_next(&o) == CQ_OPT_OPERAND) {
		nfiles++;
		if (show_one(o.arg) != KEYS_OK) rc = KEYS_REFUSED;
	}
	return nfiles ? rc : keys_usage("show");
}
