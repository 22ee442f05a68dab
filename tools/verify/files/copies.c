/* The batch's index of authentic certificates (copies.h). */
#include <stdlib.h>
#include <string.h>
#include "certqr/grow.h"
#include "copies.h"
#include "row.h"

static int add_place(ccert *c, cplace pl)
{
	if (c->nalso == c->cap) {
		uint32_t cap = c->cap ? c->cap * 2 : 2;
		cplace *a = realloc(c->also, cap * sizeof *a);
		if (!a) return -1;
		c->also = a;
		c->cap = cap;
	}
	c->also[c->nalso++] = pl;
	return 0;
}

int copies_mark(copies *cs, bfile *f, uint32_t fi, uint64_t *row)
{
	int rc = 0;
	uint64_t r = *row;
	if (f->error[0]) { *row = r + 1; return 0; }
	for (unsigned p = 0; p < f->npages; p++) {
		bpage *pg = &f->pages[p];
		if (!pg->pg.ncodes) r++;
		for (unsigned j = 0; j < pg->pg.ncodes; j++) {
			fcode *c = &pg->codes[j];
			c->copy = false;
			if (rc || code_class(c) != ROW_AUTHENTIC) { r++; continue; }
			char y[8], rev[8];
			snprintf(y, sizeof y, "%u", c->v.rec.year);
			snprintf(rev, sizeof rev, "%u", c->v.rec.revision);
			const char *parts[] = {c->v.rec.name, c->v.rec.id_hint, c->v.rec.number, y, rev};
			uint8_t key[KEYMAP_KEY];
			keymap_digest(key, parts, 5);
			if (cs->n == cs->cap) {
				ccert *v = cq_grown(cs->v, &cs->cap, sizeof *v, 64);
				if (!v) { rc = -1; r++; continue; }
				cs->v = v;
			}
			bool fresh;
			uint32_t at = cs->n < UINT32_MAX ? keymap_put(&cs->map, key, (uint32_t)cs->n, &fresh) : UINT32_MAX;
			if (at == UINT32_MAX) { rc = -1; r++; continue; }
			if (fresh) {
				cs->v[cs->n++] = (ccert){.row = r};
				r++;
			} else if (add_place(&cs->v[at], (cplace){fi, pg->pg.page, pg->pg.npages})) {
				rc = -1;
				r++;
			} else
				c->copy = true;
		}
	}
	if (f->limit[0]) r++;
	*row = r;
	return rc;
}

/* A certificate found again, by its row: the merge walks them in order. */
typedef struct rowref { uint64_t row; size_t at; } rowref;

static int by_row(const void *a, const void *b)
{
	const rowref *x = a, *y = b;
	return (x->row > y->row) - (x->row < y->row);
}

int copies_merge(FILE *o, FILE *rows, const copies *cs, copies_add_fn add, void *ctx)
{
	size_t n = 0;
	for (size_t i = 0; i < cs->n; i++) n += cs->v[i].nalso > 0;
	rowref *order = n ? malloc(n * sizeof *order) : NULL;
	if (n && !order) return -1;
	n = 0;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->v[i].nalso) order[n++] = (rowref){cs->v[i].row, i};
	if (n) qsort(order, n, sizeof *order, by_row);
	int rc = 0;
	if (fflush(rows) || fseek(rows, 0, SEEK_SET)) rc = -1;
	char *line = NULL;
	size_t cap = 0, k = 0;
	ssize_t len;
	for (uint64_t row = 0; !rc && (len = getline(&line, &cap, rows)) > 0; row++) {
		if (k < n && order[k].row == row) add(o, line, (size_t)len, &cs->v[order[k++].at], ctx);
		else if (fwrite(line, 1, (size_t)len, o) != (size_t)len) rc = -1;
	}
	if (ferror(rows) || ferror(o)) rc = -1;
	free(line);
	free(order);
	return rc;
}

void copies_free(copies *cs)
{
	for (size_t i = 0; i < cs->n; i++) free(cs->v[i].also);
	free(cs->v);
	keymap_free(&cs->map);
	memset(cs, 0, sizeof *cs);
}
