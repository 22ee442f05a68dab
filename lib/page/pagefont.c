/* The issuer's font through FreeType: glyphs drawn unhinted and antialiased
 * at any size and sub-pixel origin, advances in font units exactly as the
 * issuing tool places them (tools/issue/pdf.c uses HarfBuzz's unhinted
 * advances, no kerning). */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/utf8.h"
#include "page_int.h"

#define PF_FACES 4

/* The issuer's font and the fallbacks of its chain (certqr/coverage.h): a
 * character is drawn from the first face that has it, as certqr-issue
 * draws a name. A fallback is opened only when a character first needs it:
 * the chain is about 120 MB, and most names need only the first face. The
 * faces' state sits behind a pointer so that the const handle the check
 * takes can still open one (each process its own copy after a fork). */
typedef struct pf_face {
	const uint8_t *ttf;
	size_t n;
	unsigned index;
	FT_Face face;            /* NULL until opened */
	bool tried;              /* opened, or found unusable */
	FT_F26Dot6 size;         /* the size last set, 26.6 pixels per em */
	unsigned upem;
} pf_face;

typedef struct pf_state {
	FT_Library lib;
	pf_face face[PF_FACES];
	int n;
} pf_state;

struct cq_pagefont {
	pf_state *s;
};

static FT_Face face_open(pf_state *s, int i)
{
	pf_face *p = &s->face[i];
	if (!p->tried) {
		p->tried = true;
		FT_Face face;
		if (FT_New_Memory_Face(s->lib, p->ttf, (FT_Long)p->n, (FT_Long)p->index, &face) == 0) {
			if (FT_IS_SCALABLE(face)) {
				p->face = face;
				p->upem = face->units_per_EM ? face->units_per_EM : 1000;
			} else
				FT_Done_Face(face);
		}
	}
	return p->face;
}

cq_pagefont *cq_pagefont_new(const uint8_t *ttf, size_t n, unsigned index, char why[256])
{
	cq_pagefont *f = calloc(1, sizeof *f);
	if (f) f->s = calloc(1, sizeof *f->s);
	if (!f || !f->s) { snprintf(why, 256, "out of memory"); free(f); return NULL; }
	if (FT_Init_FreeType(&f->s->lib)) { snprintf(why, 256, "FreeType failed to start"); free(f->s); free(f); return NULL; }
	/* the first face is opened now: without it nothing can be judged */
	if (cq_pagefont_add(f, ttf, n, index, why) || !face_open(f->s, 0)) {
		snprintf(why, 256, "not a usable TrueType font (face %u)", index);
		FT_Done_FreeType(f->s->lib);
		free(f->s);
		free(f);
		return NULL;
	}
	return f;
}

int cq_pagefont_add(cq_pagefont *f, const uint8_t *ttf, size_t n, unsigned index, char why[256])
{
	pf_state *s = f->s;
	if (s->n >= PF_FACES) { snprintf(why, 256, "at most %d faces", PF_FACES); return -1; }
	if (!ttf || n < 12) { snprintf(why, 256, "not a usable TrueType font (face %u)", index); return -1; }
	s->face[s->n++] = (pf_face){.ttf = ttf, .n = n, .index = index};
	return 0;
}

/* The first face that has cp, or -1; fallbacks opened as they are reached. */
static int face_for(const cq_pagefont *f, uint32_t cp, FT_UInt *g)
{
	for (int i = 0; i < f->s->n; i++) {
		FT_Face face = face_open(f->s, i);
		if (face && (*g = FT_Get_Char_Index(face, cp))) return i;
	}
	*g = 0;
	return -1;
}

bool pf_has(const cq_pagefont *f, uint32_t cp)
{
	FT_UInt g;
	return face_for(f, cp, &g) >= 0;
}

void cq_pagefont_free(cq_pagefont *f)
{
	if (!f) return;
	for (int i = 0; i < f->s->n; i++)
		if (f->s->face[i].face) FT_Done_Face(f->s->face[i].face);
	FT_Done_FreeType(f->s->lib);
	free(f->s);
	free(f);
}

/* Advance of cp in ems, from the face that draws it. */
static double advance_em(const cq_pagefont *f, uint32_t cp)
{
	FT_UInt g;
	int i = face_for(f, cp, &g);
	if (i < 0) i = 0;
	FT_Fixed a = 0;
	if (FT_Get_Advance(f->s->face[i].face, g, FT_LOAD_NO_SCALE, &a)) return 0;
	return (double)a / f->s->face[i].upem;
}

double pf_width(const cq_pagefont *f, const char *t, double size)
{
	size_t n = strlen(t);
	double adv = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)t + i, n - i, &cp);
		if (l < 0) break;
		adv += advance_em(f, cp);
		i += (size_t)l;
	}
	return adv * size;
}

void pf_run_free(pf_run *r)
{
	free(r->m);
	r->m = NULL;
}

int pf_draw(const cq_pagefont *f, const char *t, double px, double frac_x, pf_run *out)
{
	memset(out, 0, sizeof *out);
	if (px < 2 || px > 400) return -1;
	size_t n = strlen(t);
	double width = pf_width(f, t, px);
	int pad = (int)ceil(px * 0.25) + 2;
	out->ox = pad;
	out->oy = (int)ceil(px * 1.0) + 2;
	out->w = (int)ceil(width + frac_x) + 2 * pad;
	out->h = out->oy + (int)ceil(px * 0.3) + 2;
	out->m = calloc((size_t)out->w * out->h, 1);
	if (!out->m) return -1;
	FT_F26Dot6 size = (FT_F26Dot6)lround(px * 64);
	double pen = out->ox + frac_x;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)t + i, n - i, &cp);
		if (l < 0) break;
		double adv = advance_em(f, cp) * px;
		FT_UInt gi;
		int fi = face_for(f, cp, &gi);
		pf_face *pfc = &f->s->face[fi < 0 ? 0 : fi];
		FT_Face face = pfc->face;
		/* a face's size is set when it draws at a new one, not per run */
		if (pfc->size != size) {
			if (FT_Set_Char_Size(face, 0, size, 72, 72)) { pf_run_free(out); return -1; }
			pfc->size = size;
		}
		double ipen = floor(pen);
		FT_Vector d = {(FT_Pos)lround((pen - ipen) * 64), 0};
		FT_Set_Transform(face, NULL, &d);
		if (out->n < PF_GLYPHS) {
			out->g[out->n].x0 = (int)floor(pen);
			out->g[out->n].x1 = (int)ceil(pen + adv);
			out->g[out->n].y0 = out->oy - (int)ceil(px * 0.9);
			out->g[out->n].y1 = out->oy + (int)ceil(px * 0.15);
			out->g[out->n].off = i;
			out->g[out->n].cp = cp;
			out->g[out->n].missing = fi < 0;
			out->n++;
		}
		if (gi && cp != ' ' && !FT_Load_Glyph(face, gi, FT_LOAD_NO_HINTING | FT_LOAD_RENDER) &&
		    face->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_GRAY) {
			const FT_Bitmap *b = &face->glyph->bitmap;
			int bx = (int)ipen + face->glyph->bitmap_left, by = out->oy - face->glyph->bitmap_top;
			for (unsigned y = 0; y < b->rows; y++) {
				int yy = by + (int)y;
				if (yy < 0 || yy >= out->h) continue;
				for (unsigned x = 0; x < b->width; x++) {
					int xx = bx + (int)x;
					if (xx < 0 || xx >= out->w) continue;
					uint8_t v = b->buffer[(size_t)y * (size_t)b->pitch + x];
					uint8_t *o = &out->m[(size_t)yy * out->w + xx];
					if (v > *o) *o = v;
				}
			}
		}
		pen += adv;
		i += (size_t)l;
	}
	for (int i = 0; i < f->s->n; i++)
		if (f->s->face[i].face) FT_Set_Transform(f->s->face[i].face, NULL, NULL);
	return 0;
}
