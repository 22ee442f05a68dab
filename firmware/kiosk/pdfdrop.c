/* PDFs dropped on the window (laptops): pages rendered to grey by the file
 * verifier's renderer (tools/verify/files/pdf.c, poppler). Built when
 * KIOSK_PDF=1 (the default natively); the Pi build leaves it out, and then
 * a dropped PDF gets a notice instead. */
#include <stdlib.h>
#include <string.h>
#include "certqr/io.h"
#include "kiosk.h"
#ifdef KIOSK_PDF
#include "certqr/render.h"
#endif

#define PDF_MAX_BYTES (64u << 20)

bool pdf_supported(void)
{
#ifdef KIOSK_PDF
	return true;
#else
	return false;
#endif
}

int pdf_page_grey(const char *path, unsigned page, unsigned dpi, uint8_t **grey, unsigned *w, unsigned *h,
                  unsigned *npages, char why[256])
{
#ifdef KIOSK_PDF
	char *buf;
	size_t n;
	if (cq_read_file(path, PDF_MAX_BYTES, &buf, &n, why)) return -1;
	cq_pdf *d = cq_pdf_open((const uint8_t *)buf, n, npages, why);
	if (!d) { free(buf); return -1; }
	int rc = -1;
	cq_grey g = {0};
	if (page >= *npages) snprintf(why, 256, "%.160s: no page %u", path, page + 1);
	else if (cq_pdf_render(d, page, dpi, CQ_PDF_VIEW, &g, why) == 0) {
		*grey = g.px;
		*w = g.w;
		*h = g.h;
		rc = 0;
	}
	cq_pdf_close(d);
	free(buf);
	return rc;
#else
	(void)page; (void)dpi; (void)grey; (void)w; (void)h; (void)npages;
	snprintf(why, 256, "%.160s: this build reads no PDF (built with KIOSK_PDF=0)", path);
	return -1;
#endif
}
