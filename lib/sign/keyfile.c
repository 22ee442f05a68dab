/* An encrypted secret key file opened with its passphrase (seckey.h): the
 * one loader of certqr-keys and certqr-issue. Reads through libcertqr-io
 * (the file's permissions, the passphrase source); prints nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/armor.h"
#include "certqr/io.h"
#include "certqr/seckey.h"

cq_seckey *cq_seckey_load(const char *path, const struct cq_passsrc *src, char why[256])
{
	char *buf, prompt[300];
	size_t n;
	cq_err e;
	cq_pubkey pub;
	cq_seckey *k = NULL;
	if (cq_read_secret_file(path, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) return NULL;
	/* the file is checked before a passphrase is asked for */
	if (cq_seckey_public(buf, n, &pub, &e)) {
		snprintf(why, 256, "%s: %s", path, e.msg);
		free(buf);
		return NULL;
	}
	snprintf(prompt, sizeof prompt, "Passphrase for %s: ", path);
	char *pass = cq_passphrase_get(src, prompt, false, why);
	if (pass && cq_seckey_open(buf, n, pass, strlen(pass), &k, &e)) snprintf(why, 256, "%s: %s", path, e.msg);
	cq_passphrase_free(pass);
	free(buf);
	return k;
}
