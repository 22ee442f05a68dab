/* Shared by the libFuzzer harnesses in tests/fuzz/ (docs/hardening.md).
 * Each harness feeds outside input to one parser of the core and checks
 * what must hold for any input: no crash, no sanitizer report, and the
 * parser's own invariants (a decoded value re-encodes to the same bytes,
 * nothing forged is accepted). A broken invariant calls FZ_CHECK, which
 * aborts so libFuzzer keeps the input. The harnesses run from the
 * repository root (make fuzz, tests/sh/fuzz_brief.sh): key files are read
 * from keys/test/. */
#ifndef CQ_FUZZ_H
#define CQ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/certqr.h"
#include "certqr/seckey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FZ_CHECK(cond)                                                          \
	do {                                                                        \
		if (!(cond)) {                                                          \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                            \
		}                                                                       \
	} while (0)

static inline void fz_init(void)
{
	if (cq_init() != 0) {
		fprintf(stderr, "fuzz: libsodium failed to initialise\n");
		abort();
	}
}

/* A NUL-terminated heap copy of the input, so that ASan sees reads past its
 * end (libFuzzer's buffer is exactly `size` bytes). */
static inline char *fz_strdup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s) abort();
	if (size) memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Whole file into a malloc'd buffer (NUL-terminated); aborts on failure:
 * a harness without its fixed inputs would test nothing. */
static inline char *fz_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fuzz: cannot open %s (run from the repository root)\n", path);
		abort();
	}
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	if (!buf) abort();
	for (;;) {
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (len < cap - 1) break;
		cap *= 2;
		if (!(buf = realloc(buf, cap))) abort();
	}
	fclose(f);
	buf[len] = '\0';
	*n = len;
	return buf;
}

/* A device key for the audit log harnesses (fuzz_audit, fuzz_audit_append)
 * and their seeds (seedgen): Ed25519 from a fixed seed, TEST-ONLY. Ed25519
 * is deterministic, so a line re-signed with it is byte for byte the line
 * the kiosk code would write. */
#include <sodium.h>
#include "certqr/audit.h"
typedef struct fz_devkey { uint8_t pk[32], sk[64]; cq_audit_signer s; } fz_devkey;
static inline int fz_devkey_sign(void *ctx, const uint8_t *m, size_t n, uint8_t sig[CQ_SIG_BYTES])
{
	return crypto_sign_detached(sig, NULL, m, n, ((fz_devkey *)ctx)->sk);
}
static inline void fz_devkey_init(fz_devkey *k)
{
	uint8_t seed[32];
	memset(seed, 0x42, sizeof seed);
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
	cq_key_id(k->pk, k->s.device_id);
	k->s.sign = fz_devkey_sign;
	k->s.ctx = k;
}

/* keys/test/<name>-TEST-ONLY.key opened with the committed test passphrase. */
static inline cq_seckey *fz_test_key(const char *name)
{
	char path[256];
	size_t n, pn;
	cq_err e;
	cq_seckey *k = NULL;
	snprintf(path, sizeof path, "keys/test/%s-TEST-ONLY.key", name);
	char *text = fz_slurp(path, &n), *pass = fz_slurp("keys/test/PASSPHRASE-TEST-ONLY", &pn);
	pass[strcspn(pass, "\r\n")] = '\0';
	if (cq_seckey_open(text, n, pass, strlen(pass), &k, &e)) {
		fprintf(stderr, "fuzz: %s: %s\n", path, e.msg);
		abort();
	}
	free(text);
	free(pass);
	return k;
}

static inline cq_pubkey fz_test_pub(const char *name)
{
	char path[256];
	size_t n;
	cq_err e;
	cq_pubkey k;
	snprintf(path, sizeof path, "keys/test/%s-TEST-ONLY.pub", name);
	char *text = fz_slurp(path, &n);
	if (cq_pubkey_decode_text(text, n, &k, &e)) {
		fprintf(stderr, "fuzz: %s: %s\n", path, e.msg);
		abort();
	}
	free(text);
	return k;
}

#endif
