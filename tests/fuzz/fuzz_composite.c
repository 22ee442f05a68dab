/* The composited-certificate check of `certqr-verify files`
 * (tools/verify/files/composite.c): a PDF page's text layer, which anyone
 * can write, parsed line by line for field labels and compared with the
 * signed record of the golden vector. Invariants: at most `cap`
 * differences, each NUL-terminated within its fields. */
#include "fuzz.h"
#include "certqr/fields.h"
#include "../../tools/verify/files/composite.h"

static cq_record rec;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	const char *kv[][2] = {
		{"name", "张三丰"}, {"id_number", "11010519491231002X"}, {"number", "4101020000123"},
		{"year", "2024"}, {"hours_public", "32"}, {"hours_professional", "64"},
		{"issuer_region", "410100"}, {"issued", "2025-01-06"},
	};
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++)
		if (cq_builder_set(&b, kv[i][0], kv[i][1], &e)) abort();
	if (cq_builder_finish(&b, &rec, &e)) abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fdiff d[8];
	char *text = fz_strdup(data, size);
	unsigned n = composite_check(text, &rec, d, 8);
	FZ_CHECK(n <= 8);
	for (unsigned i = 0; i < n; i++) {
		FZ_CHECK(memchr(d[i].field, '\0', sizeof d[i].field) != NULL);
		FZ_CHECK(memchr(d[i].want, '\0', sizeof d[i].want) != NULL);
		FZ_CHECK(memchr(d[i].seen, '\0', sizeof d[i].seen) != NULL);
	}
	(void)text_has_content(text);
	free(text);
	return 0;
}
