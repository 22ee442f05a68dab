/* Public keys, key ids and detached signatures over domain-separated
 * messages. Everything here is verification-side: the kiosk links it. */
#ifndef CERTQR_KEY_H
#define CERTQR_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

#define CQ_PK_BYTES      32
#define CQ_SIG_BYTES     64
#define CQ_KEY_ID_BYTES   8
#define CQ_PUBKEY_BLOB   46   /* "CQPK" ver role id[8] pk[32] */

typedef enum cq_role { CQ_ROLE_ROOT = 1, CQ_ROLE_ISSUER = 2 } cq_role;

typedef struct cq_pubkey {
	uint8_t role;
	uint8_t id[CQ_KEY_ID_BYTES];
	uint8_t pk[CQ_PK_BYTES];
} cq_pubkey;

/* Must be called once before anything else in the core (sodium_init). */
int cq_init(void);

/* Key id = first 8 bytes of BLAKE2b-256("certqr/key-id/v1\0" || pk). */
void cq_key_id(const uint8_t pk[CQ_PK_BYTES], uint8_t id[CQ_KEY_ID_BYTES]);
/* 16 upper-case hex digits and a NUL. */
void cq_key_id_hex(const uint8_t id[CQ_KEY_ID_BYTES], char out[17]);
/* Exactly 16 hex digits: 0, or -1. */
CQ_MUST_USE int cq_key_id_parse(const char *hex, uint8_t id[CQ_KEY_ID_BYTES]);
/* "root", "issuer", or "unknown". */
const char *cq_role_name(unsigned role);
/* With its article, for sentences: "a root key", "an issuer key". */
const char *cq_role_phrase(unsigned role);

/* The public key file's blob (docs/format.md §4): 0, or -1. */
int cq_pubkey_to_blob(const cq_pubkey *k, uint8_t out[CQ_PUBKEY_BLOB]);
/* Strict: 0, or -1 with *e (CQ_E_NOT_CERTQR, CQ_E_VERSION, CQ_E_FORMAT for
 * the size or a bad role, CQ_E_CORRUPT for an id that does not match the
 * key). */
int cq_pubkey_from_blob(const uint8_t *b, size_t n, cq_pubkey *k, cq_err *e);
/* A key as stored in a public or secret key file: the role must be root
 * or issuer, the id the key's own (cq_key_id). 0, or -1 with *e
 * (CQ_E_FORMAT for the role, CQ_E_CORRUPT for the id). */
CQ_MUST_USE int cq_pubkey_from_parts(unsigned role, const uint8_t id[CQ_KEY_ID_BYTES], const uint8_t pk[CQ_PK_BYTES],
                                     cq_pubkey *k, cq_err *e);
/* The armoured .pub file: 0, or -1 with *e (CQ_E_LIMIT if cap is small). */
int cq_pubkey_encode_text(const cq_pubkey *k, char *out, size_t cap, cq_err *e);
/* The armoured .pub file, then cq_pubkey_from_blob: 0, or -1 with *e. */
CQ_MUST_USE int cq_pubkey_decode_text(const char *text, size_t n, cq_pubkey *k, cq_err *e);

/* Ed25519 over  context || 0x00 || msg.  Every signed object in certqr has its
 * own context string, so a signature made for one can never verify as another. */
/* 0 if sig verifies, else -1. */
CQ_MUST_USE int cq_verify_detached(const uint8_t pk[CQ_PK_BYTES], const char *context,
                       const uint8_t *msg, size_t n, const uint8_t sig[CQ_SIG_BYTES]);

#define CQ_CTX_CERT        "certqr/certificate/v1"
#define CQ_CTX_DELEGATION  "certqr/delegation/v1"
#define CQ_CTX_BUNDLE      "certqr/trust-bundle/v1"

#endif
