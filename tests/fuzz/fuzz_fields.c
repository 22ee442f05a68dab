/* Record fields as text (cq_builder_set / cq_builder_finish): what CSV
 * columns, JSON Lines keys and command-line options turn into. The input
 * is lines "field=value". Invariant: a finished record encodes, and the
 * encoded payload decodes back to the same record. */
#include "fuzz.h"
#include "certqr/fields.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
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
		if (cq_builder_set(&b, line, eq + 1, &e) != 0) FZ_CHECK(e.code != CQ_OK && e.msg[0]);
	}
	if (cq_builder_finish(&b, &r, &e) == 0) {
		static const uint8_t kid[CQ_KEY_ID_BYTES] = { 1, 2, 3, 4, 5, 6, 7, 8 };
		uint8_t buf[CQ_PAYLOAD_MAX];
		size_t n = 0;
		cq_payload p;
		FZ_CHECK(cq_payload_encode_body(&r, kid, buf, sizeof buf, &n, &e) == 0);
		FZ_CHECK(n + CQ_SIG_BYTES <= sizeof buf);
		memset(buf + n, 0xA5, CQ_SIG_BYTES);
		FZ_CHECK(cq_payload_decode(buf, n + CQ_SIG_BYTES, &p, &e) == 0);
		FZ_CHECK(strcmp(p.rec.name, r.name) == 0 && strcmp(p.rec.number, r.number) == 0);
		FZ_CHECK(memcmp(p.rec.id_hint, r.id_hint, sizeof r.id_hint) == 0);
		FZ_CHECK(memcmp(p.rec.id_hash, r.id_hash, sizeof r.id_hash) == 0);
		FZ_CHECK(p.rec.year == r.year && p.rec.revision == r.revision);
		FZ_CHECK(p.rec.hours_public == r.hours_public && p.rec.hours_professional == r.hours_professional);
		FZ_CHECK(p.rec.has_compulsory == r.has_compulsory && p.rec.hours_compulsory == r.hours_compulsory);
		FZ_CHECK(p.rec.reduction == r.reduction && p.rec.months_at_post == r.months_at_post);
		FZ_CHECK(p.rec.issuer_region == r.issuer_region && cq_date_cmp(p.rec.issued, r.issued) == 0);
		FZ_CHECK(memcmp(p.key_id, kid, sizeof kid) == 0);
		/* The full ID number is wiped once bound. */
		for (size_t i = 0; i < sizeof b.id; i++) FZ_CHECK(b.id[i] == 0);
	}
	free(text);
	return 0;
}
