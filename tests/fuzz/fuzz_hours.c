/* The art. 7 hours table (cq_hours_table_parse; certqr-issue hours --table)
 * and the calculator over it. Invariants: a parsed table has at most
 * CQ_HOURS_KINDS kinds with 1..CQ_HOURS_RANKS ranks, every kind is found
 * by its name, and adding any quantity at any rank never overflows. */
#include "fuzz.h"
#include "certqr/hours.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cq_hours_table t;
	cq_err e;
	char *text = fz_strdup(data, size);
	if (cq_hours_table_parse(text, size, &t, &e) == 0) {
		FZ_CHECK(t.n <= CQ_HOURS_KINDS);
		cq_hours_sum sum;
		memset(&sum, 0, sizeof sum);
		for (size_t i = 0; i < t.n; i++) {
			const cq_hours_kind *k = &t.k[i];
			FZ_CHECK(k->nranks >= 1 && k->nranks <= CQ_HOURS_RANKS);
			FZ_CHECK(strlen(k->name) <= CQ_HOURS_NAME_MAX);
			FZ_CHECK(cq_hours_find(&t, k->name) != NULL);
			for (unsigned rank = 0; rank <= k->nranks + 1; rank++) {
				unsigned credited = 0;
				uint32_t before = sum.pub + sum.prof;
				if (cq_hours_add(&t, k->name, rank, CQ_HOURS_QTY_MAX, &sum, &credited, &e) == 0)
					FZ_CHECK(sum.pub + sum.prof >= before);
			}
		}
	} else {
		FZ_CHECK(e.code != CQ_OK && e.msg[0]);
	}
	free(text);
	return 0;
}
