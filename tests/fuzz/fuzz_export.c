/* The platform-export readers (cq_csv_next, cq_jsonl_next) and the art. 7
 * table parser, on any bytes. Invariants: every call moves the reader
 * forward or ends; a row has at most CQ_CSV_MAX_FIELDS fields, each
 * NUL-terminated inside the row's store and at most CQ_CSV_MAX_FIELD bytes;
 * JSON names and values are valid UTF-8 without NUL; line numbers never go
 * back; an error names what failed. */
#include "fuzz.h"
#include "certqr/csv.h"
#include "certqr/hours.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

static void check_field(const cq_row *row, const char *v, int json)
{
	FZ_CHECK(v >= row->store && v < row->store + sizeof row->store);
	size_t room = (size_t)(row->store + sizeof row->store - v);
	size_t l = strnlen(v, room);
	FZ_CHECK(l < room);
	FZ_CHECK(l <= CQ_CSV_MAX_FIELD);
	if (json) FZ_CHECK(cq_utf8_count(v, l) >= 0);
}

static void run(const char *text, size_t n, int json)
{
	static cq_row row;
	cq_csv c;
	cq_err e;
	cq_csv_init(&c, text, n);
	unsigned long last = 0;
	for (int guard = 0;; guard++) {
		FZ_CHECK(guard <= (int)n + 1);
		size_t before = c.pos;
		int r = json ? cq_jsonl_next(&c, &row, &e) : cq_csv_next(&c, &row, &e);
		if (r == 0) break;
		FZ_CHECK(c.pos > before && c.pos <= n);
		FZ_CHECK(row.line >= last);
		last = row.line;
		if (r < 0) { FZ_CHECK(e.code == CQ_E_FORMAT && e.msg[0]); continue; }
		FZ_CHECK(row.n <= CQ_CSV_MAX_FIELDS);
		for (size_t i = 0; i < row.n; i++) {
			if (json) {
				check_field(&row, row.name[i], 1);
				if (row.value[i]) check_field(&row, row.value[i], 1);
			} else {
				FZ_CHECK(row.name[i] == NULL);
				check_field(&row, row.value[i], 0);
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_strdup(data, size);
	run(text, size, 0);
	run(text, size, 1);
	static cq_hours_table t;
	cq_err e;
	if (cq_hours_table_parse(text, size, &t, &e) == 0) {
		FZ_CHECK(t.n <= CQ_HOURS_KINDS);
		for (size_t i = 0; i < t.n; i++) {
			FZ_CHECK(t.k[i].nranks >= 1 && t.k[i].nranks <= CQ_HOURS_RANKS);
			FZ_CHECK(cq_hours_find(&t, t.k[i].name) == &t.k[i]);
		}
	} else FZ_CHECK(e.msg[0]);
	free(text);
	return 0;
}
