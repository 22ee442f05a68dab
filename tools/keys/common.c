#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keys.h"

int passsrc_option(int argc, char **argv, int *i, cq_passsrc *src)
{
	const char *o = argv[*i];
	const char **slot = !strcmp(o, "--passphrase-file") ? &src->file
	                  : !strcmp(o, "--passphrase-env") ? &src->env : NULL;
	if (!slot) return 0;
	if (*i + 1 >= argc) { cq_warn("%s needs an argument", o); return -1; }
	if (*slot) { cq_warn("%s given twice", o); return -1; }
	*slot = argv[++*i];
	return 1;
}

int passphrase_policy(const char *pass, unsigned role, bool weak_ok)
{
	char why[160];
	if (!cq_passphrase_weak(pass, strlen(pass), why)) return 0;
	const char *zh = role == CQ_ROLE_ROOT ? "根密钥" : "签发密钥";
	if (weak_ok) {
		cq_warn("警告：%s的口令太弱 / warning: weak passphrase for %s: %s (accepted: --weak-ok)", zh, cq_role_phrase(role), why);
		return 0;
	}
	cq_warn("%s的口令太弱，未写入 / weak passphrase for %s, nothing written: %s", zh, cq_role_phrase(role), why);
	cq_warn("  偷到密钥文件的人可以离线逐个试口令：请用 12 个以上字符，例如四个不相关的词或一句中文；"
	        "确需使用可加 --weak-ok");
	cq_warn("  whoever steals the key file can try passphrases offline: use 12 or more characters, e.g. four "
	        "unrelated words or a Chinese sentence; --weak-ok accepts this one anyway");
	return -1;
}

int load_pubkey(const char *path, cq_pubkey *k)
{
	char *buf, why[256];
	size_t n;
	cq_err e;
	if (cq_read_file(path, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { cq_warn("%s", why); return -1; }
	int rc = cq_pubkey_decode_text(buf, n, k, &e);
	free(buf);
	if (rc) cq_warn("%s: %s", path, e.msg);
	return rc;
}

cq_seckey *load_seckey(const char *path, const cq_passsrc *src)
{
	char *buf, why[256];
	size_t n;
	cq_err e;
	cq_pubkey pub;
	cq_seckey *k = NULL;
	if (cq_read_secret_file(path, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { cq_warn("%s", why); return NULL; }
	/* Check the file before asking for a passphrase. */
	if (cq_seckey_public(buf, n, &pub, &e)) {
		cq_warn("%s: %s", path, e.msg);
		free(buf);
		return NULL;
	}
	char prompt[300];
	snprintf(prompt, sizeof prompt, "Passphrase for %s: ", path);
	char *pass = cq_passphrase_get(src, prompt, false, why);
	if (!pass) { cq_warn("%s", why); free(buf); return NULL; }
	if (cq_seckey_open(buf, n, pass, strlen(pass), &k, &e)) cq_warn("%s: %s", path, e.msg);
	cq_passphrase_free(pass);
	free(buf);
	return k;
}
