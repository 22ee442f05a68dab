/* Hours rules text (cq_rules_parse), as carried by trust bundles.
 * Invariants: accepted text formats canonically, and the canonical text
 * parses to the same table (format is a fixed point); the compliance check
 * runs on every rule found. */
#include "fuzz.h"
#include "certqr/rules.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cq_rules a, b;
	static char out[CQ_RULES_MAX * 64 + 128], out2[CQ_RULES_MAX * 64 + 128];
	cq_err e;
	char *text = fz_strdup(data, size);
	if (cq_rules_parse(text, size, &a, &e) == 0) {
		FZ_CHECK(a.n <= CQ_RULES_MAX);
		long n = cq_rules_format(&a, out, sizeof out);
		FZ_CHECK(n > 0);
		FZ_CHECK(cq_rules_parse(out, (size_t)n, &b, &e) == 0);
		FZ_CHECK(b.n == a.n);
		long n2 = cq_rules_format(&b, out2, sizeof out2);
		FZ_CHECK(n2 == n && memcmp(out, out2, (size_t)n) == 0);
		/* Compliance of a fixed record against every table. */
		cq_record r;
		memset(&r, 0, sizeof r);
		memcpy(r.number, "4101020000123", 14);
		r.revision = 1;
		r.months_at_post = 12;
		r.hours_public = 30;
		r.hours_professional = 60;
		for (unsigned y = CQ_YEAR_MIN; y <= CQ_YEAR_MAX; y += 7) {
			cq_compliance c;
			r.year = (uint16_t)y;
			for (unsigned red = 0; red < CQ_RED_COUNT_; red++) {
				r.reduction = (uint8_t)red;
				r.months_at_post = (uint8_t)(red == 0 || red == 5 ? 12 : y % 12);
				cq_rules_check(&a, &r, &c);
				if (c.known) FZ_CHECK(cq_rules_find(&a, y, r.number) != NULL);
			}
		}
	} else {
		FZ_CHECK(e.code != CQ_OK && e.msg[0]);
	}
	free(text);
	return 0;
}
