/* Delegations: armoured (cq_delegation_decode_text) and binary
 * (cq_delegation_decode), then the root signature check and the scope and
 * window lookups. Invariants: a decoded delegation re-encodes to exactly
 * its signed body; one that verifies against the test root was signed by
 * it (every edit of a committed .dl file must fail). */
#include "fuzz.h"
#include "certqr/delegation.h"

static cq_pubkey root;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	size_t n;
	cq_err e;
	fz_init();
	char *text = fz_slurp("keys/test/root-TEST-ONLY.pub", &n);
	if (cq_pubkey_decode_text(text, n, &root, &e)) abort();
	free(text);
	return 0;
}

static void check(const cq_delegation *d, const uint8_t *blob, size_t n)
{
	uint8_t body[CQ_DELEGATION_MAX];
	size_t bn = 0;
	cq_err e;
	FZ_CHECK(cq_delegation_encode_body(d, body, sizeof body, &bn, &e) == 0);
	if (blob) FZ_CHECK(bn + CQ_SIG_BYTES == n && memcmp(body, blob, bn) == 0);
	FZ_CHECK(cq_utf8_printable(d->bureau, strlen(d->bureau)));
	(void)cq_delegation_verify(d, &root, &e);
	(void)cq_delegation_covers_number(d, "4101020000123");
	(void)cq_delegation_covers_number(d, "41");
	(void)cq_delegation_covers_date(d, d->first);
	(void)cq_delegation_covers_date(d, (cq_date){ 2025, 1, 6 });
	char text[CQ_ARMOR_MAX_TEXT];
	cq_delegation again;
	FZ_CHECK(cq_delegation_encode_text(d, text, sizeof text, &e) == 0);
	FZ_CHECK(cq_delegation_decode_text(text, strlen(text), &again, &e) == 0);
	FZ_CHECK(memcmp(&again, d, sizeof again) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cq_delegation d;
	cq_err e;
	char *text = fz_strdup(data, size);
	if (cq_delegation_decode_text(text, size, &d, &e) == 0) check(&d, NULL, 0);
	else FZ_CHECK(e.code != CQ_OK && e.msg[0]);
	if (cq_delegation_decode(data, size, &d, &e) == 0) check(&d, data, size);
	free(text);
	return 0;
}
