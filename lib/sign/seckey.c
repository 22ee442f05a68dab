/* Secret keys at rest: argon2id-derived key, XChaCha20-Poly1305 with the
 * whole clear header as associated data (so the KDF limits cannot be edited
 * down), and an outer BLAKE2b checksum that tells damage from a wrong
 * passphrase. Layout in docs/format.md, "Secret key file". */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "../bytes.h"
#include "certqr/armor.h"
#include "certqr/seckey.h"
#include "seckey_int.h"

#define SK_HEADER   96
#define SK_CT       (32 + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define SK_SUM      32
#define SK_BLOB     (SK_HEADER + SK_CT + SK_SUM)
#define KDF_ARGON2ID13 1
#define AEAD_XCHACHA   1
/* Bounds on what a key file may ask of us: refuse absurd limits rather than
 * let a crafted file exhaust memory. */
#define OPS_MAX      32
#define MEM_MAX_KIB  (4u * 1024 * 1024)

int cq_kdf_limits_named(const char *name, cq_kdf_limits *o)
{
	if (!strcmp(name, "interactive")) {
		o->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		o->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	} else if (!strcmp(name, "moderate")) {
		o->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
		o->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
	} else if (!strcmp(name, "sensitive")) {
		o->opslimit = crypto_pwhash_OPSLIMIT_SENSITIVE;
		o->memlimit = crypto_pwhash_MEMLIMIT_SENSITIVE;
	} else
		return -1;
	return 0;
}

cq_seckey *cq_seckey_generate(cq_role role)
{
	cq_seckey *k = sodium_malloc(sizeof *k);
	if (!k) return NULL;
	k->pub.role = (uint8_t)role;
	crypto_sign_keypair(k->pub.pk, k->sk);
	cq_key_id(k->pub.pk, k->pub.id);
	return k;
}

void cq_seckey_free(cq_seckey *k)
{
	if (k) sodium_free(k); /* sodium_free wipes before unmapping */
}

const cq_pubkey *cq_seckey_pubkey(const cq_seckey *k) { return &k->pub; }

static void checksum(const uint8_t *b, size_t n, uint8_t out[SK_SUM])
{
	static const char tag[] = "certqr/secret-key-checksum/v1";
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, SK_SUM);
	crypto_generichash_update(&st, (const uint8_t *)tag, sizeof tag);
	crypto_generichash_update(&st, b, n);
	crypto_generichash_final(&st, out, SK_SUM);
}

static int derive(uint8_t *key, const char *pass, size_t passlen, const uint8_t *salt,
                  uint64_t ops, uint64_t mem)
{
	return crypto_pwhash(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, pass, passlen, salt,
	                     ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13);
}

int cq_seckey_seal(const cq_seckey *k, const char *pass, size_t passlen,
                   cq_kdf_limits lim, char *out, size_t cap, cq_err *e)
{
	uint8_t blob[SK_BLOB], salt[crypto_pwhash_SALTBYTES];
	uint8_t nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
	if (lim.opslimit < crypto_pwhash_OPSLIMIT_MIN || lim.opslimit > OPS_MAX ||
	    lim.memlimit / 1024 > MEM_MAX_KIB || lim.memlimit < crypto_pwhash_MEMLIMIT_MIN)
		return cq_fail(e, CQ_E_LIMIT, "kdf", "KDF limits out of range");
	randombytes_buf(salt, sizeof salt);
	randombytes_buf(nonce, sizeof nonce);
	cq_w w = { blob, sizeof blob, 0, false };
	w_bytes(&w, "CQSK", 4);
	w_uint(&w, 1, 1);
	w_uint(&w, k->pub.role, 1);
	w_uint(&w, KDF_ARGON2ID13, 1);
	w_uint(&w, AEAD_XCHACHA, 1);
	w_uint(&w, lim.opslimit, 4);
	w_uint(&w, lim.memlimit / 1024, 4);
	w_bytes(&w, salt, sizeof salt);
	w_bytes(&w, nonce, sizeof nonce);
	w_bytes(&w, k->pub.id, CQ_KEY_ID_BYTES);
	w_bytes(&w, k->pub.pk, CQ_PK_BYTES);
	if (w.bad || w.len != SK_HEADER) return cq_fail(e, CQ_E_LIMIT, NULL, "internal: header size");

	uint8_t *key = sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
	if (!key) return cq_fail(e, CQ_E_NOMEM, NULL, "out of secure memory");
	if (derive(key, pass, passlen, salt, lim.opslimit, lim.memlimit / 1024 * 1024) != 0) {
		sodium_free(key);
		return cq_fail(e, CQ_E_NOMEM, "kdf", "argon2id failed: not enough memory for the KDF limits");
	}
	unsigned long long ctlen;
	crypto_aead_xchacha20poly1305_ietf_encrypt(blob + SK_HEADER, &ctlen, k->sk, 32,
	                                           blob, SK_HEADER, NULL, nonce, key);
	sodium_free(key);
	checksum(blob, SK_HEADER + SK_CT, blob + SK_HEADER + SK_CT);

	char hex[17], comment[96];
	cq_key_id_hex(k->pub.id, hex);
	snprintf(comment, sizeof comment, "certqr %s secret key %s (encrypted)", cq_role_name(k->pub.role), hex);
	return cq_armor_encode(blob, sizeof blob, comment, out, cap, e);
}

/* Parses and checks everything that needs no passphrase. */
static int parse(const char *text, size_t n, uint8_t blob[SK_BLOB], cq_pubkey *pub,
                 uint64_t *ops, uint64_t *memkib, cq_err *e)
{
	uint8_t buf[SK_BLOB + 16];
	long got = cq_armor_decode(text, n, "CQSK", buf, sizeof buf, e);
	if (got < 0) return -1;
	if (buf[4] != 1)
		return cq_fail(e, CQ_E_VERSION, "secret_key", "secret key version %u; this build understands version 1", buf[4]);
	if (got != SK_BLOB)
		return cq_fail(e, CQ_E_CORRUPT, "secret_key", "secret key file is %ld bytes, expected %d: truncated or damaged", got, SK_BLOB);
	memcpy(blob, buf, SK_BLOB);
	uint8_t sum[SK_SUM];
	checksum(blob, SK_HEADER + SK_CT, sum);
	if (sodium_memcmp(sum, blob + SK_HEADER + SK_CT, SK_SUM) != 0)
		return cq_fail(e, CQ_E_CORRUPT, "secret_key", "checksum mismatch: the key file is damaged or was edited");
	if (blob[6] != KDF_ARGON2ID13 || blob[7] != AEAD_XCHACHA)
		return cq_fail(e, CQ_E_FORMAT, "secret_key", "unknown KDF %u or cipher %u", blob[6], blob[7]);
	cq_r r = { blob, SK_HEADER, 8, false };
	*ops = r_uint(&r, 4);
	*memkib = r_uint(&r, 4);
	if (*ops < crypto_pwhash_OPSLIMIT_MIN || *ops > OPS_MAX || *memkib > MEM_MAX_KIB ||
	    *memkib * 1024 < crypto_pwhash_MEMLIMIT_MIN)
		return cq_fail(e, CQ_E_LIMIT, "kdf", "KDF limits in the key file are out of range");
	return cq_pubkey_from_parts(blob[5], blob + 56, blob + 64, pub, e);
}

int cq_seckey_public(const char *text, size_t n, cq_pubkey *pub, cq_err *e)
{
	uint8_t blob[SK_BLOB];
	uint64_t ops, mem;
	return parse(text, n, blob, pub, &ops, &mem, e);
}

int cq_seckey_open(const char *text, size_t n, const char *pass, size_t passlen,
                   cq_seckey **out, cq_err *e)
{
	uint8_t blob[SK_BLOB];
	uint64_t ops, memkib;
	cq_pubkey pub;
	*out = NULL;
	if (parse(text, n, blob, &pub, &ops, &memkib, e)) return -1;
	cq_seckey *k = sodium_malloc(sizeof *k);
	uint8_t *key = sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
	uint8_t *seed = sodium_malloc(32); /* must not alias k->sk: libsodium
	                                      hashes the seed into sk first */
	if (!k || !key || !seed) {
		sodium_free(k);
		sodium_free(key);
		sodium_free(seed);
		return cq_fail(e, CQ_E_NOMEM, NULL, "out of secure memory");
	}
	int rc = -1;
	unsigned long long mlen;
	uint8_t pk[CQ_PK_BYTES];
	if (derive(key, pass, passlen, blob + 16, ops, memkib * 1024) != 0) {
		cq_fail(e, CQ_E_NOMEM, "kdf", "argon2id failed: not enough memory for the key file's KDF limits");
	} else if (crypto_aead_xchacha20poly1305_ietf_decrypt(seed, &mlen, NULL, blob + SK_HEADER, SK_CT,
	                                                      blob, SK_HEADER, blob + 32, key) != 0) {
		cq_fail(e, CQ_E_PASSPHRASE, "passphrase", "wrong passphrase");
	} else if (crypto_sign_seed_keypair(pk, k->sk, seed) != 0 ||
	           sodium_memcmp(pk, pub.pk, CQ_PK_BYTES) != 0) {
		cq_fail(e, CQ_E_CORRUPT, "secret_key", "decrypted key does not match its public key");
	} else {
		k->pub = pub;
		*out = k;
		rc = 0;
	}
	sodium_free(key);
	sodium_free(seed);
	if (rc) sodium_free(k);
	return rc;
}
