/* The certificate's layout as data: where the issuer prints each label and
 * each signed value, relative to the page and to the QR code. certqr-issue
 * lays its pages out from it and the page check (pagecheck.h) judges a
 * rendered page against it, so the two cannot drift apart. The built-in
 * layout is today's certificate; a bureau with another look gives another
 * layout text (format in docs/layout.md) and changes nothing else.
 *
 * Pure: parsing and expanding only; text widths come from the caller's font.
 *
 * Errors: functions returning int give 0, or -1 with *e filled (cq_err,
 * error.h) — CQ_E_FORMAT for a malformed line, CQ_E_VERSION for an unknown
 * format version, CQ_E_LIMIT for too many items or too long a text. */
#ifndef CERTQR_LAYOUT_H
#define CERTQR_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "record.h"

#define CQ_LAYOUT_ITEMS      40    /* items in a layout */
#define CQ_LAYOUT_TEXT_MAX  160    /* bytes of a label or template */
#define CQ_LAYOUT_RUNS       64    /* runs an expansion yields */
#define CQ_LAYOUT_RUN_MAX   256    /* bytes of one expanded run */
#define CQ_LAYOUT_SEGS        6    /* field segments in one run */
#define CQ_LAYOUT_BYTES    8192    /* a layout text, at most */

/* What a stretch of printed text shows. The names (cq_field_name) are those
 * of the page check's JSON "differences". */
typedef enum cq_field {
	CQ_F_NAME = 0, CQ_F_ID_NUMBER, CQ_F_NUMBER, CQ_F_YEAR, CQ_F_HOURS_PUBLIC,
	CQ_F_HOURS_COMPULSORY, CQ_F_HOURS_PROFESSIONAL, CQ_F_HOURS_TOTAL, CQ_F_REDUCTION,
	CQ_F_ISSUER, CQ_F_ISSUED, CQ_F_REVISION,
	CQ_F_LABEL,      /* fixed text: labels, titles, units, notes */
	CQ_F_EXTRA,      /* ink where the layout has none */
	CQ_F_KEY_ID,     /* the signing key id printed beside the code */
	CQ_F_COUNT_
} cq_field;
const char *cq_field_name(cq_field f);      /* "name", "id_number", ... */
const char *cq_field_name_zh(cq_field f);   /* "姓名", "身份证号", ... */

typedef enum { CQ_LI_TEXT, CQ_LI_ROW, CQ_LI_RECT, CQ_LI_LINE, CQ_LI_CIRCLE, CQ_LI_QR, CQ_LI_SEAL } cq_layout_kind;
typedef enum { CQ_AL_LEFT, CQ_AL_CENTRE, CQ_AL_RIGHT } cq_align;
/* When an item is printed, from the signed record. */
typedef enum {
	CQ_WHEN_ALWAYS, CQ_WHEN_COMPULSORY, CQ_WHEN_NO_COMPULSORY, CQ_WHEN_REDUCED,
	CQ_WHEN_AID, CQ_WHEN_REVISED
} cq_when;

typedef struct cq_layout_item {
	cq_layout_kind kind;
	cq_when when;
	cq_align align;
	int font;                   /* 0 the page's text, 1 the holder's name */
	double x, y, w, h;          /* points, origin bottom-left (PDF); text:
	                               origin of the baseline; line: from (x,y) to
	                               (w,h); circle: centre and radius w; seal:
	                               the area's bottom-left corner and size */
	double size, lw;
	float rgb[3];
	bool beside_qr;             /* text: x is from the QR image's right edge,
	                               y is the symbol's bottom */
	char label[CQ_LAYOUT_TEXT_MAX];   /* ROW: the label */
	char tmpl[CQ_LAYOUT_TEXT_MAX];    /* TEXT and ROW value: "{field}" slots;
	                                     SEAL: the placeholder's caption */
} cq_layout_item;

typedef struct cq_layout {
	double page_w, page_h;      /* points */
	double qr_x, qr_y;           /* bottom-left of the QR image, quiet zone
	                               (4 modules) included, points */
	double qr_mm;               /* symbol width without quiet zone, mm */
	/* rows: labels right-aligned at label_x, values left-aligned at
	 * value_x, first baseline row_y, then every row_pitch points down */
	double label_x, value_x, row_y, row_pitch, label_size, value_size;
	float label_rgb[3];
	/* the region whose ink the page check judges (inside the frame) */
	double check_x0, check_y0, check_x1, check_y1;
	cq_layout_item item[CQ_LAYOUT_ITEMS];
	int n;
} cq_layout;

/* Parses a layout text (docs/layout.md). */
CQ_MUST_USE int cq_layout_parse(const char *text, size_t n, cq_layout *out, cq_err *e);
/* The seal area (a `seal` line), or NULL when the layout has none. The
 * issuer prints the bureau's seal image fitted into it, or without one a
 * placeholder (a circle inscribed in it, line width lw, in rgb, with the
 * caption tmpl centred at `size`); the page check expects ink of any colour
 * there and judges no fixed text inside it. */
const cq_layout_item *cq_layout_seal(const cq_layout *l);
/* Whether page point (x, y) lies in the seal area (or a seal circle). */
bool cq_layout_in_seal(const cq_layout *l, double x, double y);

/* The built-in layout: today's certificate. Its text, for documentation
 * and for a bundle that wants to start from it. */
int cq_layout_default(cq_layout *out);
const char *cq_layout_default_text(void);

/* The signed values the templates refer to. id_number may be NULL (the
 * verifier does not know it): "{id_number}" then expands to nothing and the
 * run is marked `unknown`. */
typedef struct cq_layout_values {
	const cq_record *rec;
	const char *id_number;
	const char *issuer;         /* bureau name */
	const char *key_id;         /* 16 hex digits */
} cq_layout_values;

typedef struct cq_layout_seg {
	size_t off, len;            /* bytes of the run's text */
	cq_field field;
} cq_layout_seg;

/* One piece of text as printed: where, how large, and which field each
 * stretch of it shows. */
typedef struct cq_layout_run {
	char text[CQ_LAYOUT_RUN_MAX];
	double x, y, size;          /* anchor (see align) and baseline, points */
	cq_align align;
	int font;
	float rgb[3];
	bool beside_qr;
	bool unknown;               /* holds the ID number the caller did not give */
	int row;                    /* row index (label and value share it), -1 */
	int item;                   /* the layout item it comes from */
	cq_layout_seg seg[CQ_LAYOUT_SEGS];
	int nseg;
} cq_layout_run;

/* The page's text runs for one certificate, in layout order. Returns the
 * number of runs, or -1 (e: CQ_E_LIMIT) if they do not fit. */
int cq_layout_expand(const cq_layout *l, const cq_layout_values *v, cq_layout_run *out, int cap, cq_err *e);

/* Size of one QR module in points for a symbol `modules` wide. */
double cq_layout_module_pt(const cq_layout *l, int modules);

#endif
