#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keys.h"

static int write_pair(const cq_seckey *k, const char *base, bool force, const cq_passsrc *src,
                      cq_kdf_limits lim, bool weak_ok)
{
	char path[4096], why[256], sk_text[1024], pk_text[512];
	cq_err e;
	char *pass = cq_passphrase_get(src, "New passphrase: ", true, why);
	if (!pass) { cq_warn("%s", why); return KEYS_REFUSED; }
	if (passphrase_policy(pass, cq_seckey_pubkey(k)->role, weak_ok)) { cq_passphrase_free(pass); return KEYS_REFUSED; }
	int rc = cq_seckey_seal(k, pass, strlen(pass), lim, sk_text, sizeof sk_text, &e);
	cq_passphrase_free(pass);
	if (rc) { cq_warn("%s", e.msg); return KEYS_REFUSED; }
	if (cq_pubkey_encode_text(cq_seckey_pubkey(k), pk_text, sizeof pk_text, &e)) { cq_warn("%s", e.msg); return KEYS_REFUSED; }
	snprintf(path, sizeof path, "%s.key", base);
	if (cq_write_secret(path, sk_text, strlen(sk_text), force, why)) { cq_warn("%s", why); return KEYS_REFUSED; }
	snprintf(path, sizeof path, "%s.pub", base);
	if (cq_write_atomic(path, pk_text, strlen(pk_text), 0644, force, why)) {
		cq_warn("%s", why);
		cq_warn("the secret key %s.key was written; 'certqr-keys public %s.key -o %s.pub' rewrites its public key", base, base, base);
		return KEYS_REFUSED;
	}
	char hex[17];
	cq_key_id_hex(cq_seckey_pubkey(k)->id, hex);
	printf("%s key %s written to ", cq_role_name(cq_seckey_pubkey(k)->role), hex);
	cq_fputs_escaped(base, stdout);
	fputs(".key (secret) and ", stdout);
	cq_fputs_escaped(base, stdout);
	puts(".pub");
	return KEYS_OK;
}

int cmd_generate(int argc, char **argv)
{
	int role = 0;
	bool force = false, weak_ok = false;
	const char *base = NULL, *kdf = NULL;
	cq_passsrc src = {0};
	enum { O_ROOT = O_KEYS_FIRST, O_ISSUER, O_WEAK_OK, O_KDF };
	static const struct option longopts[] = {
		{"root", no_argument, NULL, O_ROOT}, {"issuer", no_argument, NULL, O_ISSUER},
		{"weak-ok", no_argument, NULL, O_WEAK_OK}, {"kdf", required_argument, NULL, O_KDF},
		KEYS_PASS_OPTS, {NULL, 0, NULL, 0},
	};
	cq_opts o;
	cq_opts_init(&o, argc, argv, "fo:", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		if (keys_passsrc(c, &o, &src)) continue;
		switch (c) {
		case O_ROOT:
		case O_ISSUER:
			if (role) { cq_warn("give one of --root or --issuer, once"); return KEYS_USAGE; }
			role = c == O_ROOT ? CQ_ROLE_ROOT : CQ_ROLE_ISSUER;
			break;
		case 'f': force = true; break;
		case O_WEAK_OK: weak_ok = true; break;
		case 'o': base = o.arg; break;
		case O_KDF: kdf = o.arg; break;
		default: return keys_bad_arg("generate", "unexpected or repeated argument", c, &o);
		}
	}
	if (!role || !base) { cq_warn("generate: need --root or --issuer, and -o BASE"); return keys_usage("generate"); }
	cq_kdf_limits lim;
	if (cq_kdf_limits_named(kdf ? kdf : "moderate", &lim)) { cq_warn("unknown --kdf '%s'", kdf); return KEYS_USAGE; }
	cq_seckey *k = cq_seckey_generate((cq_role)role);
	if (!k) { cq_warn("out of secure memory"); return KEYS_REFUSED; }
	int rc = write_pair(k, base, force, &src, lim, weak_ok);
	cq_seckey_free(k);
	return rc;
}

int cmd_passwd(int argc, char **argv)
{
	const char *path = NULL, *kdf = NULL;
	bool weak_ok = false;
	cq_passsrc old = {0}, neu = {0};
	enum { O_NEW_FILE = O_KEYS_FIRST, O_NEW_ENV, O_KDF, O_WEAK_OK };
	static const struct option longopts[] = {
		{"new-passphrase-file", required_argument, NULL, O_NEW_FILE},
		{"new-passphrase-env", required_argument, NULL, O_NEW_ENV},
		{"kdf", required_argument, NULL, O_KDF}, {"weak-ok", no_argument, NULL, O_WEAK_OK},
		KEYS_PASS_OPTS, {NULL, 0, NULL, 0},
	};
	cq_opts o;
	cq_opts_init(&o, argc, argv, "", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		if (keys_passsrc(c, &o, &old)) continue;
		if (c == O_NEW_FILE) neu.file = o.arg;
		else if (c == O_NEW_ENV) neu.env = o.arg;
		else if (c == O_KDF) kdf = o.arg;
		else if (c == O_WEAK_OK) weak_ok = true;
		else if (c == CQ_OPT_OPERAND && !path) path = o.arg;
		else return keys_bad_arg("passwd", "unexpected argument", c, &o);
	}
	if (!path) return keys_usage("passwd");
	cq_kdf_limits lim;
	if (cq_kdf_limits_named(kdf ? kdf : "moderate", &lim)) { cq_warn("unknown --kdf '%s'", kdf); return KEYS_USAGE; }
	char why[256], text[1024];
	cq_seckey *k = cq_seckey_load(path, &old, why);
	if (!k) { cq_warn("%s", why); return KEYS_REFUSED; }
	cq_err e;
	char *pass = cq_passphrase_get(&neu, "New passphrase: ", true, why);
	int rc = KEYS_REFUSED;
	if (!pass) cq_warn("%s", why);
	else if (passphrase_policy(pass, cq_seckey_pubkey(k)->role, weak_ok)) {}
	else if (cq_seckey_seal(k, pass, strlen(pass), lim, text, sizeof text, &e)) cq_warn("%s", e.msg);
	else if (cq_write_secret(path, text, strlen(text), true, why)) cq_warn("%s", why);
	else {
		cq_fputs_escaped(path, stdout);
		puts(" re-encrypted");
		rc = KEYS_OK;
	}
	cq_passphrase_free(pass);
	cq_seckey_free(k);
	return rc;
}
