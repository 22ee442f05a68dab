/* A file's results in the parent (result.h): read back from its worker's
 * messages (work.h), and freed once its rows are written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "result.h"

void result_parse(bfile *f, const uint8_t *b, size_t n)
{
	size_t at = 0;
	bpage *cur = NULL;
	while (at + 8 <= n) {
		uint32_t h[2];
		memcpy(h, b + at, sizeof h);
		at += 8;
		if (h[1] > n - at) break;
		const uint8_t *p = b + at;
		at += h[1];
		if (h[0] == MSG_ERROR) {
			snprintf(f->error, sizeof f->error, "%.*s", (int)h[1], (const char *)p);
		} else if (h[0] == MSG_LIMIT && h[1] == sizeof(flimit)) {
			flimit l;
			memcpy(&l, p, sizeof l);
			f->limit_from = l.from;
			f->limit_pages = l.npages;
			snprintf(f->limit, sizeof f->limit,
			         "未检查：第 %u–%u 页（每个文件最多读 %u 页）not checked: pages %u–%u (at most %u pages a file are read; --max-pages)",
			         l.from, l.npages, l.from - 1, l.from, l.npages, l.from - 1);
		} else if (h[0] == MSG_PAGE && h[1] == sizeof(fpage)) {
			bpage *np = realloc(f->pages, (f->npages + 1) * sizeof *np);
			if (!np) break;
			f->pages = np;
			cur = &f->pages[f->npages++];
			memset(cur, 0, sizeof *cur);
			memcpy(&cur->pg, p, sizeof cur->pg);
			cur->pg.ncodes = 0;
		} else if (h[0] == MSG_CODE && h[1] == sizeof(fcode) && cur) {
			fcode *nc = realloc(cur->codes, (cur->pg.ncodes + 1) * sizeof *nc);
			if (!nc) break;
			cur->codes = nc;
			memcpy(&cur->codes[cur->pg.ncodes++], p, sizeof(fcode));
		} else if (h[0] == MSG_THUMB && cur && !cur->thumb) {
			cur->thumb = malloc(h[1]);
			if (cur->thumb) { memcpy(cur->thumb, p, h[1]); cur->thumb_len = h[1]; }
		} else if (h[0] == MSG_CROP && cur && h[1] > sizeof(fcrop_head) && cur->ncrops < 64) {
			fcrop_head ch;
			memcpy(&ch, p, sizeof ch);
			bcrop *nc = realloc(cur->crops, (cur->ncrops + 1) * sizeof *nc);
			if (!nc) break;
			cur->crops = nc;
			bcrop *c = &cur->crops[cur->ncrops];
			c->code = ch.code;
			c->diff = ch.diff;
			c->len = h[1] - sizeof ch;
			c->jpg = malloc(c->len);
			if (c->jpg) { memcpy(c->jpg, p + sizeof ch, c->len); cur->ncrops++; }
		}
	}
	if (!f->error[0] && f->npages == 0) snprintf(f->error, sizeof f->error, "no result from the worker");
}

void result_free(bfile *f)
{
	for (unsigned k = 0; k < f->npages; k++) {
		free(f->pages[k].codes);
		free(f->pages[k].thumb);
		for (unsigned q = 0; q < f->pages[k].ncrops; q++) free(f->pages[k].crops[q].jpg);
		free(f->pages[k].crops);
	}
	free(f->pages);
	f->pages = NULL;
	f->npages = 0;
}
