#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "bytes.h"
#include "ctxmsg.h"
#include "certqr/armor.h"
#include "certqr/key.h"

int cq_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void cq_key_id(const uint8_t pk[CQ_PK_BYTES], uint8_t id[CQ_KEY_ID_BYTES])
{
	static const char tag[] = "certqr/key-id/v1";
	uint8_t h[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const uint8_t *)tag, sizeof tag);
	crypto_generichash_update(&st, pk, CQ_PK_BYTES);
	crypto_generichash_final(&st, h, sizeof h);
	memcpy(id, h, CQ_KEY_ID_BYTES);
}

void cq_key_id_hex(const uint8_t id[CQ_KEY_ID_BYTES], char out[17])
{
	static const char hex[] = "0123456789ABCDEF";
	for (int i = 0; i < CQ_KEY_ID_BYTES; i++) {
		out[2 * i] = hex[id[i] >> 4];
		out[2 * i + 1] = hex[id[i] & 15];
	}
	out[16] = '\0';
}

int cq_key_id_parse(const char *s, uint8_t id[CQ_KEY_ID_BYTES])
{
	size_t got;
	if (strlen(s) != 16) return -1;
	if (sodium_hex2bin(id, CQ_KEY_ID_BYTES, s, 16, NULL, &got, NULL) != 0 || got != 8) return -1;
	return 0;
}

const char *cq_role_name(unsigned role)
{
	return role == CQ_ROLE_ROOT ? "root" : role == CQ_ROLE_ISSUER ? "issuer" : "unknown";
}

const char *cq_role_phrase(unsigned role)
{
	return role == CQ_ROLE_ROOT ? "a root key" : role == CQ_ROLE_ISSUER ? "an issuer key" : "a key of unknown role";
}

int cq_pubkey_to_blob(const cq_pubkey *k, uint8_t out[CQ_PUBKEY_BLOB])
{
	cq_w w = { out, CQ_PUBKEY_BLOB, 0, false };
	w_bytes(&w, "CQPK", 4);
	w_uint(&w, 1, 1);
	w_uint(&w, k->role, 1);
	w_bytes(&w, k->id, CQ_KEY_ID_BYTES);
	w_bytes(&w, k->pk, CQ_PK_BYTES);
	return w.bad ? -1 : 0;
}

int cq_pubkey_from_blob(const uint8_t *b, size_t n, cq_pubkey *k, cq_err *e)
{
	if (n < 5 || memcmp(b, "CQPK", 4) != 0)
		return cq_fail(e, CQ_E_NOT_CERTQR, "public_key", "not a certqr public key");
	if (b[4] != 1)
		return cq_fail(e, CQ_E_VERSION, "public_key", "public key version %u; this build understands version 1", b[4]);
	if (n != CQ_PUBKEY_BLOB)
		return cq_fail(e, CQ_E_FORMAT, "public_key", "public key must be %d bytes, got %zu", CQ_PUBKEY_BLOB, n);
	return cq_pubkey_from_parts(b[5], b + 6, b + 14, k, e);
}

int cq_pubkey_from_parts(unsigned role, const uint8_t id[CQ_KEY_ID_BYTES], const uint8_t pk[CQ_PK_BYTES],
                         cq_pubkey *k, cq_err *e)
{
	if (role != CQ_ROLE_ROOT && role != CQ_ROLE_ISSUER)
		return cq_fail(e, CQ_E_FORMAT, "role", "unknown key role %u", role);
	k->role = (uint8_t)role;
	memcpy(k->id, id, CQ_KEY_ID_BYTES);
	memcpy(k->pk, pk, CQ_PK_BYTES);
	uint8_t want[CQ_KEY_ID_BYTES];
	cq_key_id(k->pk, want);
	if (memcmp(want, k->id, CQ_KEY_ID_BYTES) != 0)
		return cq_fail(e, CQ_E_CORRUPT, "key_id", "key id does not match the key: file damaged or edited");
	return 0;
}

int cq_pubkey_encode_text(const cq_pubkey *k, char *out, size_t cap, cq_err *e)
{
	uint8_t blob[CQ_PUBKEY_BLOB];
	char hex[17], comment[80];
	cq_pubkey_to_blob(k, blob);
	cq_key_id_hex(k->id, hex);
	snprintf(comment, sizeof comment, "certqr %s public key %s", cq_role_name(k->role), hex);
	return cq_armor_encode(blob, sizeof blob, comment, out, cap, e);
}

int cq_pubkey_decode_text(const char *text, size_t n, cq_pubkey *k, cq_err *e)
{
	uint8_t blob[CQ_PUBKEY_BLOB + 16];
	long got = cq_armor_decode(text, n, "CQPK", blob, sizeof blob, e);
	if (got < 0) return -1;
	return cq_pubkey_from_blob(blob, (size_t)got, k, e);
}

int cq_verify_detached(const uint8_t pk[CQ_PK_BYTES], const char *context,
                       const uint8_t *msg, size_t n, const uint8_t sig[CQ_SIG_BYTES])
{
	cq_ctxmsg m;
	if (cq_ctxmsg_make(&m, context, msg, n)) return -1;
	int rc = crypto_sign_verify_detached(sig, m.p, m.n, pk);
	cq_ctxmsg_free(&m);
	return rc == 0 ? 0 : -1;
}
