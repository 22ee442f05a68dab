#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keys.h"

int keys_passsrc(int c, const cq_opts *o, cq_passsrc *src)
{
	if (c == O_PASS_FILE) src->file = o->arg;
	else if (c == O_PASS_ENV) src->env = o->arg;
	else return 0;
	return 1;
}

int keys_bad_arg(const char *cmd, const char *phrase, int c, const cq_opts *o)
{
	/* the passphrase options' own words, as every command said them */
	if ((c == CQ_OPT_NO_VALUE || c == CQ_OPT_REPEATED) && !strncmp(o->name, "--passphrase-", 13)) {
		cq_warn(c == CQ_OPT_NO_VALUE ? "%s needs an argument" : "%s given twice", o->name);
		return KEYS_USAGE;
	}
	cq_warn("%s: %s '%s'", cmd, phrase, c == CQ_OPT_OPERAND ? o->arg : o->name);
	return keys_usage(cmd);
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

int keys_check_files(const char *cmd, int argc, char **argv, bool verbose_ok, size_t max, keys_check_fn *check)
{
	enum { O_ROOT = O_KEYS_FIRST };
	static const struct option longopts[] = {{"root", required_argument, NULL, O_ROOT}, {NULL, 0, NULL, 0}};
	const char *root = NULL;
	bool verbose = false;
	const char **files = malloc((size_t)argc * sizeof *files);
	size_t nfiles = 0;
	if (!files) { cq_warn("out of memory"); return KEYS_REFUSED; }
	cq_opts o;
	cq_opts_init(&o, argc, argv, verbose_ok ? "v" : "", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		if (c == O_ROOT) root = o.arg;
		else if (c == 'v' && !verbose) verbose = true;
		else if (c == CQ_OPT_OPERAND) files[nfiles++] = o.arg;
		else { free(files); return keys_bad_arg(cmd, "unexpected argument", c, &o); }
	}
	cq_pubkey rk;
	int rc = KEYS_OK;
	if (!root || !nfiles) rc = keys_usage(cmd);
	else if (load_pubkey(root, &rk)) rc = KEYS_REFUSED;
	else
		for (size_t i = 0; i < nfiles; i++) {
			char *buf, why[256];
			size_t n;
			if (cq_read_file(files[i], max, &buf, &n, why)) { cq_warn("%s", why); rc = KEYS_REFUSED; continue; }
			if (check(files[i], buf, n, &rk, verbose) != KEYS_OK) rc = KEYS_REFUSED;
			free(buf);
		}
	free(files);
	if (rc != KEYS_USAGE && fflush(stdout)) rc = KEYS_REFUSED;
	return rc;
}
