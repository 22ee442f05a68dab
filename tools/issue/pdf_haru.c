/* The page through libharu 2.3.0 (--pdf-engine libharu): the HarfBuzz subset
 * of each chain face the page uses is handed to HPDF_LoadTTFontFromFile as an
 * in-memory file. Kept for comparison; measured in docs/issuing.md. */
#define _GNU_SOURCE
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "certqr/certqr.h"
#include "page.h"

typedef struct haru_ctx { HPDF_STATUS err; } haru_ctx;

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	haru_ctx *c = data;
	(void)detail;
	if (!c->err) c->err = err;
}

static void draw(HPDF_Doc pdf, HPDF_Page pg, HPDF_Font const *font, const page *p)
{
	for (int i = 0; i < p->n; i++) {
		const page_op *o = &p->op[i];
		switch (o->kind) {
		case OP_TEXT:
			HPDF_Page_SetRGBFill(pg, o->rgb[0], o->rgb[1], o->rgb[2]);
			HPDF_Page_SetFontAndSize(pg, font[o->face], o->size);
			HPDF_Page_BeginText(pg);
			HPDF_Page_MoveTextPos(pg, o->x, o->y);
			HPDF_Page_ShowText(pg, o->text);
			HPDF_Page_EndText(pg);
			break;
		case OP_LINE:
		case OP_RECT:
		case OP_CIRCLE:
			HPDF_Page_SetRGBStroke(pg, o->rgb[0], o->rgb[1], o->rgb[2]);
			HPDF_Page_SetLineWidth(pg, o->lw);
			if (o->kind == OP_LINE) { HPDF_Page_MoveTo(pg, o->x, o->y); HPDF_Page_LineTo(pg, o->w, o->h); }
			else if (o->kind == OP_RECT) HPDF_Page_Rectangle(pg, o->x, o->y, o->w, o->h);
			else HPDF_Page_Circle(pg, o->x, o->y, o->w);
			HPDF_Page_Stroke(pg);
			break;
		case OP_QR: {
			int side;
			size_t n;
			unsigned char *img = page_qr_image(p->qr, &side, &n);
			if (!img) return;
			HPDF_Image im = HPDF_LoadRawImageFromMem(pdf, img, (HPDF_UINT)side, (HPDF_UINT)side,
			                                         HPDF_CS_DEVICE_GRAY, 1);
			free(img);
			if (im) HPDF_Page_DrawImage(pg, im, o->x, o->y, o->w, o->h);
			break;
		}
		case OP_SEAL: {
			/* RGB with its alpha as a soft mask */
			const issue_seal *s = p->seal;
			HPDF_Image im = HPDF_LoadRawImageFromMem(pdf, s->rgb, s->w, s->h, HPDF_CS_DEVICE_RGB, 8);
			HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, s->alpha, s->w, s->h, HPDF_CS_DEVICE_GRAY, 8);
			if (im && mask && HPDF_Image_AddSMask(im, mask) == HPDF_OK) HPDF_Page_DrawImage(pg, im, o->x, o->y, o->w, o->h);
			break;
		}
		}
	}
}

/* libharu 2.3.0 loads fonts from a path only, and reads the file again
 * while saving: the subset goes to an anonymous in-memory file, open until
 * then. */
static HPDF_Font load_subset(HPDF_Doc pdf, const issue_font *f, const page *p, int k, int *fd)
{
	hb_face_t *sf = page_subset(f, p, k);
	if (!sf) return NULL;
	hb_blob_t *sub = hb_face_reference_blob(sf);
	hb_face_destroy(sf);
	unsigned sl;
	const char *sd = hb_blob_get_data(sub, &sl);
	HPDF_Font font = NULL;
	*fd = memfd_create("certqr-font", MFD_CLOEXEC);
	if (*fd >= 0 && write(*fd, sd, sl) == (ssize_t)sl) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", *fd);
		const char *fname = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		font = fname ? HPDF_GetFont(pdf, fname, "UTF-8") : NULL;
	}
	hb_blob_destroy(sub);
	return font;
}

int pdf_render_haru(const issue_font *f, const page *p, unsigned char **out, size_t *len, char why[256])
{
	int rc = -1, fd[CQ_FONT_CHAIN_LEN];
	HPDF_Doc pdf = NULL;
	HPDF_Font font[CQ_FONT_CHAIN_LEN] = {NULL};
	haru_ctx ctx = {0};
	for (int k = 0; k < CQ_FONT_CHAIN_LEN; k++) fd[k] = -1;
	pdf = HPDF_New(on_error, &ctx);
	if (!pdf) { snprintf(why, 256, "libharu: out of memory"); goto done; }
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	for (int k = 0; k < f->n; k++) {
		int used = 0;
		for (int i = 0; i < p->n; i++) used |= p->op[i].kind == OP_TEXT && p->op[i].face == k;
		if (!used) continue;
		font[k] = load_subset(pdf, f, p, k, &fd[k]);
		if (!font[k]) { snprintf(why, 256, "libharu: cannot load the font subset (error 0x%04X)", (unsigned)ctx.err); goto done; }
	}
	/* Info: the date is the signed issue date, never the clock. */
	HPDF_Date d = {0};
	d.year = p->rec->issued.y; d.month = p->rec->issued.m; d.day = p->rec->issued.d;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "certqr-issue " CERTQR_VERSION);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, p->title);
	HPDF_Page pg = HPDF_AddPage(pdf);
	if (pg) {
		HPDF_Page_SetWidth(pg, (HPDF_REAL)PAGE_W);
		HPDF_Page_SetHeight(pg, (HPDF_REAL)PAGE_H);
		draw(pdf, pg, font, p);
	}
	if (!pg || ctx.err) { snprintf(why, 256, "libharu: drawing failed (error 0x%04X)", (unsigned)ctx.err); goto done; }
	if (HPDF_SaveToStream(pdf) != HPDF_OK) { snprintf(why, 256, "libharu: saving failed (error 0x%04X)", (unsigned)ctx.err); goto done; }
	HPDF_UINT32 n = HPDF_GetStreamSize(pdf), got = n;
	unsigned char *buf = malloc(n ? n : 1);
	if (!buf) { snprintf(why, 256, "out of memory"); goto done; }
	HPDF_STATUS st = HPDF_ReadFromStream(pdf, buf, &got);
	if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != n) {
		free(buf);
		snprintf(why, 256, "libharu: reading the saved document failed");
		goto done;
	}
	*out = buf;
	*len = n;
	rc = 0;
done:
	if (pdf) HPDF_Free(pdf);
	for (int k = 0; k < CQ_FONT_CHAIN_LEN; k++)
		if (fd[k] >= 0) close(fd[k]);
	return rc;
}
