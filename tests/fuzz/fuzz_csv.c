/* The export readers: CSV (cq_csv_next) and JSON Lines (cq_jsonl_next), and
 * what certqr-issue batch does with their rows: the CSV header names the
 * columns, every cell goes through cq_builder_set, each row is finished
 * into a record. Invariants: the reader always moves forward (no endless
 * loop on any input), a row holds at most CQ_CSV_MAX_FIELDS values, each
 * NUL-terminated inside the row's own storage and within the field bound;
 * JSON names and values are valid UTF-8. */
#include "fuzz.h"
#include "certqr/csv.h"
#include "certqr/fields.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	return 0;
}

static void check_row(const cq_row *row, bool json)
{
	FZ_CHECK(row->n <= CQ_CSV_MAX_FIELDS);
	for (size_t i = 0; i < row->n; i++) {
		const char *v = row->value[i];
		if (json) {
			FZ_CHECK(row->name[i] != NULL);
			FZ_CHECK(row->name[i] >= row->store && row->name[i] < row->store + sizeof row->store);
			FZ_CHECK(cq_utf8_count(row->name[i], strlen(row->name[i])) >= 0);
		}
		if (!v) { FZ_CHECK(json); continue; }
		FZ_CHECK(v >= row->store && v < row->store + sizeof row->store);
		size_t l = strnlen(v, (size_t)(row->store + sizeof row->store - v));
		FZ_CHECK(v + l < row->store + sizeof row->store);
		FZ_CHECK(l <= CQ_CSV_MAX_FIELD || json);
		if (json) FZ_CHECK(cq_utf8_count(v, l) >= 0);
	}
}

static void build(const cq_row *row, const cq_row *header)
{
	cq_builder b;
	cq_record r;
	cq_err e;
	cq_builder_init(&b);
	for (size_t i = 0; i < row->n; i++) {
		const char *name = row->name[i] ? row->name[i] : header && i < header->n ? header->value[i] : NULL;
		if (name && row->value[i]) (void)cq_builder_set(&b, name, row->value[i], &e);
	}
	if (cq_builder_finish(&b, &r, &e) == 0) FZ_CHECK(cq_record_validate(&r, &e) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cq_row row, header;
	cq_csv c;
	cq_err e;
	char *text = fz_strdup(data, size);
	for (int json = 0; json <= 1; json++) {
		bool have_header = false;
		cq_csv_init(&c, text, size);
		for (size_t guard = 0;; guard++) {
			size_t before = c.pos;
			int rc = json ? cq_jsonl_next(&c, &row, &e) : cq_csv_next(&c, &row, &e);
			if (rc == 0) break;
			FZ_CHECK(c.pos > before && c.pos <= size);
			FZ_CHECK(guard <= size);
			if (rc < 0) { FZ_CHECK(e.msg[0]); continue; }
			check_row(&row, json);
			if (!json && !have_header) { header = row; have_header = true;
				/* the copy's pointers point into `row`: rebase them */
				for (size_t i = 0; i < header.n; i++)
					if (row.value[i]) header.value[i] = header.store + (row.value[i] - row.store);
				continue; }
			build(&row, json ? NULL : &header);
		}
	}
	free(text);
	return 0;
}
