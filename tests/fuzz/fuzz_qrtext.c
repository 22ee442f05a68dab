/* QR text and payload decoder: cq_qrtext_decode on the input as scanned
 * text, cq_payload_decode on the input as raw bytes, cq_base45_decode.
 * Invariants: a decoded payload is canonical (its record re-encodes to the
 * very same body bytes and QR text), shows only printable UTF-8, and base45
 * decoding is the inverse of encoding. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

static void check_decoded(const cq_payload *p)
{
	uint8_t body[CQ_PAYLOAD_MAX];
	size_t bn = 0;
	cq_err e;
	FZ_CHECK(p->len >= CQ_PAYLOAD_MIN && p->len <= CQ_PAYLOAD_MAX);
	FZ_CHECK(p->body_len + CQ_SIG_BYTES == p->len);
	FZ_CHECK(cq_payload_encode_body(&p->rec, p->key_id, body, sizeof body, &bn, &e) == 0);
	FZ_CHECK(bn == p->body_len && memcmp(body, p->bytes, bn) == 0);
	FZ_CHECK(memcmp(p->sig, p->bytes + p->body_len, CQ_SIG_BYTES) == 0);
	FZ_CHECK(cq_utf8_printable(p->rec.name, strlen(p->rec.name)));
	FZ_CHECK(strlen(p->rec.number) == CQ_NUMBER_LEN);

	/* QR text round trip. */
	char text[CQ_QR_TEXT_MAX];
	cq_payload again;
	FZ_CHECK(cq_qrtext_encode(p->bytes, p->len, text, sizeof text, &e) == 0);
	FZ_CHECK(cq_qrtext_decode(text, strlen(text), &again, &e) == 0);
	FZ_CHECK(again.len == p->len && memcmp(again.bytes, p->bytes, p->len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cq_payload *p = malloc(sizeof *p);
	cq_err e;
	if (!p) abort();
	char *text = fz_strdup(data, size);

	/* As scanned text (the verifier's entry point). */
	if (cq_qrtext_decode(text, size, p, &e) == 0) check_decoded(p);
	else FZ_CHECK(e.code != CQ_OK && e.msg[0]);

	/* As raw payload bytes. */
	if (cq_payload_decode(data, size, p, &e) == 0) {
		check_decoded(p);
		FZ_CHECK(p->len == size && memcmp(p->bytes, data, size) == 0);
	}

	/* base45 alone: decoding is exact, so encoding gives the input back. */
	if (size <= 4096) {
		unsigned char *bin = malloc(size / 3 * 2 + 2);
		if (!bin) abort();
		long got = cq_base45_decode(text, size, bin, size / 3 * 2 + 2);
		if (got >= 0) {
			char *back = malloc(size + 2);
			if (!back) abort();
			FZ_CHECK(cq_base45_encode(bin, (size_t)got, back, size + 2) == 0);
			FZ_CHECK(strlen(back) == size && memcmp(back, text, size) == 0);
			free(back);
		}
		free(bin);
	}
	free(text);
	free(p);
	return 0;
}
