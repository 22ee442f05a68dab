/* Inside the PDF renderers: the certificate page as a display list, laid
 * out once (pdf.c) and written by either engine (pdf_direct.c, pdf_haru.c). */
#ifndef CQ_TOOLS_ISSUE_PAGE_H
#define CQ_TOOLS_ISSUE_PAGE_H

#include <hb.h>
#include <qrencode.h>
#include "certqr/coverage.h"
#include "pdf.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define PAGE_OPS 48
#define PAGE_TEXT 4096

/* One face of the chain. */
typedef struct issue_face {
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;      /* for advances while laying out */
	hb_set_t *unicodes;   /* code points the face maps */
	unsigned upem;
	char psname[64];
} issue_face;

/* The font chain (certqr/coverage.h), its first face possibly replaced by
 * --font. The page's fixed text is set in face 0; the holder's name takes
 * each character from the first face that has it. */
struct issue_font {
	issue_face face[CQ_FONT_CHAIN_LEN];
	int n;
};

/* The seal image: 8-bit RGB and alpha planes, and each Flate-compressed
 * (level 9, once: every page of a batch carries the same seal). */
struct issue_seal {
	unsigned w, h;
	unsigned char *rgb, *alpha;
	unsigned char *rgb_z, *alpha_z;
	size_t rgb_zn, alpha_zn;
	uint8_t hash[16];
};

typedef enum { OP_TEXT, OP_LINE, OP_RECT, OP_CIRCLE, OP_QR, OP_SEAL } page_opkind;

typedef struct page_op {
	page_opkind kind;
	float rgb[3];          /* fill for text and the QR, stroke otherwise */
	float x, y, w, h;      /* text: origin; line: from (x,y) to (w,h); circle: centre and radius w;
	                          QR and seal image: bottom-left corner and size */
	float size, lw;        /* font size; line width */
	int font;              /* text: 0 the page's fixed text, 1 the holder's name */
	int face;              /* text: the face of the chain it is set in */
	const char *text;      /* UTF-8, into page.strings */
} page_op;

typedef struct page {
	page_op op[PAGE_OPS];
	int n;
	char strings[PAGE_TEXT];
	size_t used;
	QRcode *qr;
	const issue_seal *seal; /* the image an OP_SEAL draws */
	char title[160];       /* document info title */
	const cq_record *rec;
} page;

/* Lays out the certificate. 0 or -1 with why[] set; free with page_free. */
int page_build(const issue_font *f, const issue_cert *c, page *p, char why[256]);
void page_free(page *p);
/* The subset of face k for every character the page sets in it. */
hb_face_t *page_subset(const issue_font *f, const page *p, int face);
/* The subset of one face for a set of code points. */
hb_face_t *font_subset(const issue_face *f, const hb_set_t *unicodes);
/* Adds the code points of the page's text in `font` (0, 1; -1 for both)
 * set in chain face `face` (-1 for any). */
void page_text_set(const page *p, int font, int face, hb_set_t *s);
/* The chain face that draws cp: the first that maps it, or -1. */
int issue_font_face_for(const issue_font *f, uint32_t cp);
/* The symbol as a 1-bit DeviceGray image with its four-module quiet zone,
 * rows padded to bytes, 1 = white. malloc'd; *side = pixels a side. */
unsigned char *page_qr_image(const QRcode *q, int *side, size_t *len);

/* d Flate-compressed at zlib `level`, malloc'd (*zn bytes), or NULL. */
unsigned char *deflate_buf(const unsigned char *d, size_t n, int level, size_t *zn);
/* Drops the direct writer's cached fonts made from f's faces. */
void pdf_direct_cache_clear(const issue_font *f);
int pdf_render_direct(const issue_font *f, const page *p, unsigned char **out, size_t *len, char why[256]);
int pdf_render_haru(const issue_font *f, const page *p, unsigned char **out, size_t *len, char why[256]);

#endif
