/* People across the batch: authentic certificates grouped by name and ID
 * ending, each year once (its latest revision, then the most hours), with
 * how many codes were found for it and in which files; listed in pinyin
 * order of names. What is kept of a certificate is its person's year (about
 * 80 bytes, the files as indexes into the batch's list of paths), so the
 * rest of a file's results are freed as soon as its rows are written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/grow.h"
#include "people.h"
#include "report.h"
#include "row.h"
#include "keymap.h"
#include "certqr/io.h"
#include "certqr/pinyin.h"

struct people {
	keymap map;              /* digest of name and ID ending → index in v */
	person *v;
	size_t n, cap;
	char *const *paths;      /* the batch's files, by index */
	bool sorted;
};

people *people_new(char *const *paths)
{
	people *ps = calloc(1, sizeof *ps);
	if (ps) ps->paths = paths;
	return ps;
}

void people_free(people *ps)
{
	if (!ps) return;
	for (size_t i = 0; i < ps->n; i++) free(ps->v[i].y);
	free(ps->v);
	keymap_free(&ps->map);
	free(ps);
}

/* The certificate that stands for a year: the latest revision, then the
 * most hours. */
static bool better(const fcode *c, const pyear *y)
{
	if (c->v.rec.revision != y->revision) return c->v.rec.revision > y->revision;
	return cq_record_total(&c->v.rec) > y->total;
}

static int year_add(person *p, const fcode *c, uint32_t fi)
{
	unsigned i;
	for (i = 0; i < p->ny; i++)
		if (p->y[i].year == c->v.rec.year) break;
	if (i == p->ny) {
		if (p->ny == PEOPLE_YEARS) return 0;
		if (p->ny == p->cap) {
			unsigned cap = p->cap ? p->cap * 2 : 2;
			pyear *y = realloc(p->y, cap * sizeof *y);
			if (!y) return -1;
			p->y = y;
			p->cap = cap;
		}
		memset(&p->y[p->ny++], 0, sizeof *p->y);
	}
	pyear *y = &p->y[i];
	if (!y->copies || better(c, y)) {
		snprintf(y->number, sizeof y->number, "%s", c->v.rec.number);
		y->year = c->v.rec.year;
		y->revision = c->v.rec.revision;
		y->total = cq_record_total(&c->v.rec);
		y->hours = hours_of(c);
	}
	y->copies++;
	for (unsigned k = 0; k < y->nfiles; k++)
		if (y->files[k] == fi) return 0;
	if (y->nfiles < PEOPLE_YEAR_FILES) y->files[y->nfiles++] = fi;
	else y->more_files++;
	return 0;
}

int people_add_file(people *ps, const bfile *f, uint32_t fi)
{
	for (unsigned p = 0; p < f->npages; p++)
		for (unsigned j = 0; j < f->pages[p].pg.ncodes; j++) {
			const fcode *c = &f->pages[p].codes[j];
			if (code_class(c) != ROW_AUTHENTIC) continue;
			const char *parts[] = {c->v.rec.name, c->v.rec.id_hint};
			uint8_t key[KEYMAP_KEY];
			keymap_digest(key, parts, 2);
			if (ps->n == ps->cap) {
				person *nv = cq_grown(ps->v, &ps->cap, sizeof *nv, 16);
				if (!nv) return -1;
				ps->v = nv;
			}
			bool fresh;
			uint32_t q = ps->n < UINT32_MAX ? keymap_put(&ps->map, key, (uint32_t)ps->n, &fresh) : UINT32_MAX;
			if (q == UINT32_MAX) return -1;
			if (fresh) {
				person *np = &ps->v[ps->n++];
				memset(np, 0, sizeof *np);
				snprintf(np->name, sizeof np->name, "%s", c->v.rec.name);
				snprintf(np->id_hint, sizeof np->id_hint, "%s", c->v.rec.id_hint);
			}
			if (year_add(&ps->v[q], c, fi)) return -1;
			ps->sorted = false;
		}
	return 0;
}

static int by_year(const void *a, const void *b)
{
	const pyear *x = a, *y = b;
	return (x->year > y->year) - (x->year < y->year);
}

static int by_pinyin(const void *a, const void *b)
{
	const person *x = a, *y = b;
	int r = cq_pinyin_compare(x->name, y->name);
	return r ? r : strcmp(x->id_hint, y->id_hint);
}

/* Pinyin order of names (the map's indexes are not needed after the batch:
 * sorting is done once, at the end). */
size_t people_sorted(people *ps, const person **v)
{
	if (!ps->sorted) {
		for (size_t i = 0; i < ps->n; i++) qsort(ps->v[i].y, ps->v[i].ny, sizeof *ps->v[i].y, by_year);
		if (ps->n) qsort(ps->v, ps->n, sizeof *ps->v, by_pinyin);
		keymap_free(&ps->map);   /* indexes moved: no more adding */
		ps->sorted = true;
	}
	*v = ps->v;
	return ps->n;
}

const char *people_path(const people *ps, uint32_t fi) { return ps->paths[fi]; }

void json_people(FILE *o, people *ps)
{
	const person *v;
	size_t n = people_sorted(ps, &v);
	fputs("{\"people\":[", o);
	for (size_t i = 0; i < n; i++) {
		const person *p = &v[i];
		fputs(i ? ",{\"name\":" : "{\"name\":", o);
		json_str(o, p->name);
		fprintf(o, ",\"id_hint\":\"%s\",\"years\":[", p->id_hint);
		for (unsigned j = 0; j < p->ny; j++) {
			const pyear *y = &p->y[j];
			fprintf(o, "%s{\"year\":%u,\"number\":\"%s\",\"revision\":%u,\"total\":%u,\"compliance\":\"%s\",\"copies\":%u,\"files\":[",
			        j ? "," : "", y->year, y->number, y->revision, y->total,
			        y->hours.cls == HOURS_NONE ? "no_rule" : hours_json(y->hours), y->copies);
			for (unsigned k = 0; k < y->nfiles; k++) {
				if (k) fputc(',', o);
				json_str(o, ps->paths[y->files[k]]);
			}
			fprintf(o, "],\"more_files\":%u}", y->more_files);
		}
		fputs("]}", o);
	}
	fputs("]}\n", o);
}

void human_people(FILE *o, people *ps)
{
	const person *v;
	size_t n = people_sorted(ps, &v);
	if (n) fputs("按人汇总 per person (authentic certificates, grouped by name and ID ending):\n", o);
	for (size_t i = 0; i < n; i++) {
		fputs("  ", o);
		cq_fputs_escaped(v[i].name, o);
		fprintf(o, " (…%s):", v[i].id_hint);
		for (unsigned j = 0; j < v[i].ny; j++) {
			const pyear *y = &v[i].y[j];
			char zh[200], en[200];
			hours_words(y->hours, true, zh, sizeof zh);
			hours_words(y->hours, false, en, sizeof en);
			fprintf(o, "%s %u %s %s", j ? ";" : "", y->year, zh, en);
			if (y->copies > 1) fprintf(o, " (%u 份 copies)", y->copies);
		}
		fputc('\n', o);
	}
}
