/* Differential check of the signed payload. The input is a record as
 * "field=value" lines (as fuzz_fields). When it makes a valid record, the
 * harness signs it with the TEST-ONLY Zhengzhou key and checks:
 *   - encode -> decode is the identity (every field, through both the
 *     binary payload and the QR text);
 *   - the signature verifies;
 *   - every single-byte change of the payload (each position, XORed with a
 *     nonzero value taken from the input), every truncation by one byte
 *     and every one-byte extension is rejected: by the decoder or by the
 *     signature check, never accepted.
 * A failure aborts, so libFuzzer keeps the record that broke it. */
#include <sodium.h>
#include "fuzz.h"
#include "certqr/fields.h"

static cq_seckey *key;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	key = fz_test_key("issuer-zhengzhou");
	return 0;
}

static bool same(const cq_record *a, const cq_record *b)
{
	return !strcmp(a->name, b->name) && !strcmp(a->number, b->number) &&
	       !memcmp(a->id_hint, b->id_hint, sizeof a->id_hint) && !memcmp(a->id_hash, b->id_hash, sizeof a->id_hash) &&
	       a->year == b->year && a->revision == b->revision && a->hours_public == b->hours_public &&
	       a->hours_professional == b->hours_professional && a->has_compulsory == b->has_compulsory &&
	       a->hours_compulsory == b->hours_compulsory && a->reduction == b->reduction &&
	       a->months_at_post == b->months_at_post && a->issuer_region == b->issuer_region &&
	       cq_date_cmp(a->issued, b->issued) == 0;
}

/* Accepted = decodes and the signature verifies under the signing key. */
static bool accepted(const uint8_t *b, size_t n, cq_payload *p)
{
	cq_err e;
	return cq_payload_decode(b, n, p, &e) == 0 && cq_payload_verify(p, cq_seckey_pubkey(key)->pk) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cq_builder b;
	cq_record r;
	cq_err e;
	char *text = fz_strdup(data, size);
	cq_builder_init(&b);
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		if (!eq) continue;
		*eq = '\0';
		(void)cq_builder_set(&b, line, eq + 1, &e);
	}
	free(text);
	if (cq_builder_finish(&b, &r, &e) != 0) return 0;

	uint8_t pl[CQ_PAYLOAD_MAX + 1], m[CQ_PAYLOAD_MAX + 1];
	size_t n;
	cq_payload *p = malloc(sizeof *p);
	if (!p) abort();
	FZ_CHECK(cq_payload_sign(&r, key, pl, CQ_PAYLOAD_MAX, &n, &e) == 0);
	FZ_CHECK(accepted(pl, n, p));
	FZ_CHECK(same(&r, &p->rec));
	FZ_CHECK(memcmp(p->key_id, cq_seckey_pubkey(key)->id, CQ_KEY_ID_BYTES) == 0);
	char qr[CQ_QR_TEXT_MAX];
	FZ_CHECK(cq_qrtext_encode(pl, n, qr, sizeof qr, &e) == 0);
	FZ_CHECK(strlen(qr) < CQ_QR_TEXT_MAX);
	FZ_CHECK(cq_qrtext_decode(qr, strlen(qr), p, &e) == 0 && same(&r, &p->rec));

	/* Every position, one nonzero XOR each, derived from the input. */
	uint8_t h[32];
	crypto_generichash(h, sizeof h, data, size, NULL, 0);
	for (size_t i = 0; i < n; i++) {
		uint8_t x = h[i % sizeof h] ^ (uint8_t)(i * 37);
		if (!x) x = 1;
		memcpy(m, pl, n);
		m[i] ^= x;
		FZ_CHECK(!accepted(m, n, p));
	}
	FZ_CHECK(!accepted(pl, n - 1, p));
	memcpy(m, pl, n);
	m[n] = h[0];
	FZ_CHECK(!accepted(m, n + 1, p));
	free(p);
	return 0;
}
