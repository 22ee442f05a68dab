/* Signing side only: never linked into certqr-verify or certqr-kiosk.
 * Secret keys live in sodium_malloc'd memory and are encrypted at rest with
 * argon2id + XChaCha20-Poly1305, the KDF limits stored in the file. */
#ifndef CERTQR_SECKEY_H
#define CERTQR_SECKEY_H

#include <stddef.h>
#include <stdint.h>
#include "delegation.h"
#include "key.h"
#include "record.h"

/* A secret key: an opaque handle. Its bytes live in sodium_malloc'd memory
 * inside lib/sign (guard pages, never swapped where the system allows) and
 * are wiped by cq_seckey_free; no caller can copy them out. */
typedef struct cq_seckey cq_seckey;

typedef struct cq_kdf_limits {
	uint64_t opslimit;
	uint64_t memlimit;  /* bytes */
} cq_kdf_limits;

/* "interactive", "moderate", "sensitive"; -1 if unknown. */
int cq_kdf_limits_named(const char *name, cq_kdf_limits *out);

/* A new key of that role, or NULL when secure memory is short. */
CQ_MUST_USE cq_seckey *cq_seckey_generate(cq_role role);
/* Wipes and frees the key; NULL is ignored. */
void cq_seckey_free(cq_seckey *k);
/* The key's public half (role, id, key), valid as long as k. */
const cq_pubkey *cq_seckey_pubkey(const cq_seckey *k);

/* Encrypts to the armoured text form. */
int cq_seckey_seal(const cq_seckey *k, const char *pass, size_t passlen,
                   cq_kdf_limits lim, char *out, size_t cap, cq_err *e);
/* Decrypts. CQ_E_CORRUPT if the file's checksum fails (damaged or edited),
 * CQ_E_PASSPHRASE if it is intact but the passphrase is wrong. */
int cq_seckey_open(const char *text, size_t n, const char *pass, size_t passlen,
                   cq_seckey **out, cq_err *e);
/* The public half, readable without the passphrase. */
int cq_seckey_public(const char *text, size_t n, cq_pubkey *pub, cq_err *e);

/* Reads the key file at path (refused when group or others may read it:
 * cq_read_secret_file), checks it, and only then asks for its passphrase
 * (src: certqr/io.h; the prompt is "Passphrase for PATH: ") and opens it.
 * The key (free with cq_seckey_free), or NULL with the reason in why, the
 * path in front when the file's contents are at fault. The one function
 * here that does I/O: it needs libcertqr-io.a linked after this library. */
struct cq_passsrc;
CQ_MUST_USE cq_seckey *cq_seckey_load(const char *path, const struct cq_passsrc *src, char why[256]);

int cq_sign_detached(const cq_seckey *k, const char *context,
                     const uint8_t *msg, size_t n, uint8_t sig[CQ_SIG_BYTES]);
/* Encodes, signs and returns the whole binary payload. */
int cq_payload_sign(const cq_record *r, const cq_seckey *k,
                    uint8_t *out, size_t cap, size_t *len, cq_err *e);
/* Sets d->root_id and d->sig. */
int cq_delegation_sign(cq_delegation *d, const cq_seckey *root, cq_err *e);

/* Whether a new passphrase for a root or issuer key is weak: shorter than
 * 12 characters, fewer than 6 different ones, only digits, or fewer than 8
 * letters left once common words (password, certqr, qwerty, henan, ...),
 * digits and punctuation are taken out. Returns 1 with a reason in why[160],
 * or 0. Chinese characters count as letters. */
int cq_passphrase_weak(const char *p, size_t n, char why[160]);

#endif
