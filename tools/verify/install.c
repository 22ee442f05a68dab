/* Trust store administration: --init, --install, --status. */
#include <stdio.h>
#include <string.h>
#include "verify.h"

/* Store outcomes map onto the documented exit status: 0 done, 1 refused
 * (bad signature, foreign root, rollback, not a bundle), 2 no store, a store
 * that others can write or whose floor is damaged, I/O. */
static int exit_for(cq_store_rc rc)
{
	switch (rc) {
	case CQ_STORE_OK: return 0;
	case CQ_STORE_NO_STORE: case CQ_STORE_NO_BUNDLE: case CQ_STORE_IO: case CQ_STORE_UNSAFE:
	case CQ_STORE_DAMAGED: return VERIFY_CANNOT_CHECK;
	default: return VERIFY_NOT_AUTHENTIC;
	}
}

void store_hint(const char *dir, cq_store_rc rc)
{
	/* the directory as the user must name it again: by --trust or
	 * $CERTQR_TRUST when it is not the default */
	char opt[300] = "";
	if (strcmp(dir, CQ_STORE_DEFAULT)) snprintf(opt, sizeof opt, " --trust %s", dir);
	if (rc == CQ_STORE_NO_STORE) {
		cq_warn("还没有设置信任库：请先运行 certqr-verify%s --init ROOT.pub（ROOT.pub 是省级根公钥）", opt);
		cq_warn("no trust store set up yet: first run certqr-verify%s --init ROOT.pub (ROOT.pub: the province "
		        "root public key)", opt);
	} else if (rc == CQ_STORE_NO_BUNDLE) {
		cq_warn("还没有安装信任包：请运行 certqr-verify%s --install BUNDLE（省人社厅发布的 .bundle 文件）", opt);
		cq_warn("no trust bundle installed yet: run certqr-verify%s --install BUNDLE (the .bundle file the "
		        "province publishes)", opt);
	}
}

int store_init_cmd(const char *dir, const char *root_pub)
{
	char why[256];
	cq_store_rc rc = cq_store_init(dir, root_pub, why);
	if (rc) { cq_warn("--init: %s", why); return exit_for(rc); }
	cq_pubkey k;
	if (cq_store_load_root(dir, &k, why) == CQ_STORE_OK) {
		char hex[17];
		cq_key_id_hex(k.id, hex);
		cq_fputs_escaped(dir, stdout);
		printf(": trusts root key %s\n", hex);
	}
	return 0;
}

int store_install_cmd(const char *dir, const char *bundle)
{
	char why[256], d[11];
	bool already;
	cq_bundle_header h;
	cq_store_rc rc = cq_store_install(dir, bundle, &already, &h, why);
	if (rc) { cq_warn("%s", why); store_hint(dir, rc); return exit_for(rc); }
	cq_date_format(h.date, d);
	cq_fputs_escaped(dir, stdout);
	if (already) printf(": trust bundle version %u of %s is already installed\n", (unsigned)h.version, d);
	else printf(": installed trust bundle version %u of %s\n", (unsigned)h.version, d);
	return 0;
}

int store_status_cmd(const char *dir)
{
	char why[256], d[11], hex[17];
	cq_trust *t;
	cq_store_rc rc = cq_store_load(dir, &t, why);
	if (rc) {
		cq_warn("%s", why);
		store_hint(dir, rc);
		return exit_for(rc) == 1 ? VERIFY_CANNOT_CHECK : exit_for(rc);
	}
	cq_date_format(cq_trust_date(t), d);
	cq_key_id_hex(cq_trust_root_id(t), hex);
	fputs("trust store ", stdout);
	cq_fputs_escaped(dir, stdout);
	printf("\n  root key:    %s\n  bundle:      version %u of %s\n"
	       "  delegations: %zu\n  revoked:     %zu\n  superseded:  %zu\n", hex, (unsigned)cq_trust_version(t), d,
	       cq_trust_delegation_count(t), cq_trust_revoked_count(t), cq_trust_superseded_count(t));
	cq_trust_free(t);
	return 0;
}
