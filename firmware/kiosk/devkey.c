/* The kiosk's device key: an Ed25519 key of its own that signs the audit
 * log's records and anchor (certqr/audit.h), so records appended by anyone
 * without it are told apart. It is not a certificate key: no root delegates
 * it and it signs only the audit contexts, so this file is the one place
 * the kiosk calls libsodium's signing functions (tests/sh/kiosk_nosign.sh
 * checks that nothing else does and that no certificate-signing code is
 * linked).
 *
 *     device.key   "certqr-kiosk-device-key v1 seed=<64 hex>\n", mode 0600,
 *                  in a 0700 directory apart from the log's
 *     device.pub   "certqr-kiosk-device-pub v1 id=<16 hex> pk=<64 hex>\n",
 *                  the copy an administrator registers to verify logs with
 *
 * A kiosk without a key makes one at its first start (every card of a
 * cloned SD image gets its own). */
#include <errno.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "certqr/io.h"
#include "kiosk.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)

struct kiosk_devkey {
	uint8_t *sk;                       /* sodium_malloc'd, 64 bytes */
	uint8_t pk[CQ_PK_BYTES];
	cq_audit_signer signer;
};

static const char key_tag[] = "certqr-kiosk-device-key v1 seed=";
static const char pub_tag[] = "certqr-kiosk-device-pub v1 id=";

static int sign_cb(void *ctx, const uint8_t *msg, size_t n, uint8_t sig[CQ_SIG_BYTES])
{
	const kiosk_devkey *k = ctx;
	return crypto_sign_detached(sig, NULL, msg, n, k->sk);
}

void devkey_default_path(const char *state_dir, char *out, size_t cap)
{
	char *copy = strdup(state_dir);
	snprintf(out, cap, "%s/device/device.key", copy ? dirname(copy) : ".");
	free(copy);
}

void devkey_pub_path(const char *key_path, char *out, size_t cap)
{
	size_t n = strlen(key_path);
	if (n > 4 && !strcmp(key_path + n - 4, ".key")) snprintf(out, cap, "%.*s.pub", (int)(n - 4), key_path);
	else snprintf(out, cap, "%s.pub", key_path);
}

int devkey_pub_format(const uint8_t pk[CQ_PK_BYTES], char *out, size_t cap)
{
	uint8_t id[CQ_KEY_ID_BYTES];
	char idh[17], pkh[2 * CQ_PK_BYTES + 1];
	cq_key_id(pk, id);
	cq_key_id_hex(id, idh);
	sodium_bin2hex(pkh, sizeof pkh, pk, CQ_PK_BYTES);
	int n = snprintf(out, cap, "%s%s pk=%s\n", pub_tag, idh, pkh);
	return n < 0 || (size_t)n >= cap ? -1 : n;
}

int devkey_pub_load(const char *path, uint8_t pk[CQ_PK_BYTES], char why[256])
{
	char *text, w[256], want[200];
	size_t n;
	if (cq_read_file(path, 256, &text, &n, w)) { WHY("%.200s", w); return -1; }
	const char *p = strstr(text, " pk=");
	int bad = strncmp(text, pub_tag, sizeof pub_tag - 1) || !p || n < 64 ||
	          sodium_hex2bin(pk, CQ_PK_BYTES, p + 4, 64, NULL, NULL, NULL) ||
	          devkey_pub_format(pk, want, sizeof want) < 0 || strcmp(want, text);   /* one spelling: id matches pk */
	free(text);
	if (bad) { WHY("%.150s: not a certqr kiosk device public key (certqr-kiosk device-key prints one)", path); return -1; }
	return 0;
}

static int create_key(const char *path, char why[256])
{
	char *copy = strdup(path);
	if (!copy) { WHY("out of memory"); return -1; }
	const char *dir = dirname(copy);
	if (mkdir(dir, 0700) && errno != EEXIST) { WHY("%.150s: %s", dir, strerror(errno)); free(copy); return -1; }
	free(copy);
	uint8_t *seed = sodium_malloc(crypto_sign_SEEDBYTES), *sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
	char *text = sodium_malloc(sizeof key_tag + 2 * crypto_sign_SEEDBYTES + 2);
	uint8_t pk[CQ_PK_BYTES];
	int rc = -1;
	if (!seed || !sk || !text) { WHY("out of secure memory"); goto out; }
	randombytes_buf(seed, crypto_sign_SEEDBYTES);
	crypto_sign_seed_keypair(pk, sk, seed);
	memcpy(text, key_tag, sizeof key_tag - 1);
	sodium_bin2hex(text + sizeof key_tag - 1, 2 * crypto_sign_SEEDBYTES + 1, seed, crypto_sign_SEEDBYTES);
	strcat(text, "\n");
	if (cq_write_secret(path, text, strlen(text), false, why)) goto out;
	char pub[256], pubpath[600];
	int pn = devkey_pub_format(pk, pub, sizeof pub);
	devkey_pub_path(path, pubpath, sizeof pubpath);
	if (pn < 0 || cq_write_atomic(pubpath, pub, (size_t)pn, 0644, true, why)) goto out;
	rc = 0;
out:
	sodium_free(seed);
	sodium_free(sk);
	sodium_free(text);
	return rc;
}

kiosk_devkey *devkey_open(const char *path, bool create, bool *created, char why[256])
{
	struct stat st;
	*created = false;
	if (create && stat(path, &st) != 0 && errno == ENOENT) {
		if (create_key(path, why)) return NULL;
		*created = true;
	}
	char *text;
	size_t n;
	if (cq_read_secret_file(path, 256, &text, &n, why)) return NULL;
	kiosk_devkey *k = calloc(1, sizeof *k);
	uint8_t *seed = sodium_malloc(crypto_sign_SEEDBYTES);
	if (k) k->sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
	size_t kl = sizeof key_tag - 1;
	if (!k || !k->sk || !seed) WHY("out of secure memory");
	else if (n != kl + 2 * crypto_sign_SEEDBYTES + 1 || strncmp(text, key_tag, kl) || text[n - 1] != '\n' ||
	         sodium_hex2bin(seed, crypto_sign_SEEDBYTES, text + kl, 2 * crypto_sign_SEEDBYTES, NULL, NULL, NULL))
		WHY("%.150s: not a certqr kiosk device key", path);
	else {
		crypto_sign_seed_keypair(k->pk, k->sk, seed);
		cq_key_id(k->pk, k->signer.device_id);
		k->signer.sign = sign_cb;
		k->signer.ctx = k;
		sodium_free(seed);
		sodium_memzero(text, n);
		free(text);
		return k;
	}
	sodium_free(seed);
	sodium_memzero(text, n);
	free(text);
	devkey_free(k);
	return NULL;
}

const cq_audit_signer *devkey_signer(const kiosk_devkey *k) { return &k->signer; }
const uint8_t *devkey_public(const kiosk_devkey *k) { return k->pk; }

void devkey_free(kiosk_devkey *k)
{
	if (!k) return;
	sodium_free(k->sk);   /* wipes */
	free(k);
}
