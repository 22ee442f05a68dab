/* Tesseract behind cq_page_reader (include/certqr/ocr.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include "certqr/ocr.h"
#include "certqr/utf8.h"

struct cq_ocr {
	const uint8_t *data;
	size_t n;
	TessBaseAPI *api;
	bool failed;          /* the engine would not start: never retried */
};

cq_ocr *cq_ocr_new(const uint8_t *data, size_t n)
{
	cq_ocr *o = calloc(1, sizeof *o);
	if (!o) return NULL;
	o->data = data;
	o->n = n;
	return o;
}

void cq_ocr_free(cq_ocr *o)
{
	if (!o) return;
	if (o->api) {
		TessBaseAPIEnd(o->api);
		TessBaseAPIDelete(o->api);
	}
	free(o);
}

static bool start(cq_ocr *o)
{
	if (o->api) return true;
	if (o->failed || !o->data || o->n > (size_t)1 << 30) return false;
	o->api = TessBaseAPICreate();
	/* no dictionary: names and bureaus are not words, and a dictionary
	 * pulls a rare name towards a common one */
	char *vars[] = {"load_system_dawg", "load_freq_dawg", "debug_file"};
	char *vals[] = {"0", "0", "/dev/null"};
	if (!o->api || TessBaseAPIInit5(o->api, (const char *)o->data, (int)o->n, "chi_sim", OEM_LSTM_ONLY, NULL, 0, vars,
	                                vals, 3, 0)) {
		if (o->api) TessBaseAPIDelete(o->api);
		o->api = NULL;
		o->failed = true;
		return false;
	}
	TessBaseAPISetPageSegMode(o->api, PSM_SINGLE_LINE);
	return true;
}

int cq_ocr_read(void *ctx, const uint8_t *grey, unsigned w, unsigned h, size_t stride, cq_ocr_char *out, int max)
{
	cq_ocr *o = ctx;
	if (!o || !grey || !w || !h || stride < w || (uint64_t)w * h > CQ_OCR_MAX_PIXELS || max <= 0 || !start(o)) return -1;
	TessBaseAPISetImage(o->api, grey, (int)w, (int)h, 1, (int)stride);
	TessBaseAPISetSourceResolution(o->api, 300);
	if (TessBaseAPIRecognize(o->api, NULL)) { TessBaseAPIClear(o->api); return 0; }
	int n = 0;
	TessResultIterator *it = TessBaseAPIGetIterator(o->api);
	if (it) {
		do {
			char *s = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
			if (!s) continue;
			float conf = TessResultIteratorConfidence(it, RIL_SYMBOL);
			/* a symbol is one character; anything else is no reading */
			size_t len = strlen(s);
			uint32_t cp;
			int used = cq_utf8_next((const unsigned char *)s, len, &cp);
			if (used > 0 && (size_t)used == len && n < max) out[n++] = (cq_ocr_char){cp, conf};
			TessDeleteText(s);
		} while (TessResultIteratorNext(it, RIL_SYMBOL));
		TessResultIteratorDelete(it);
	}
	TessBaseAPIClear(o->api);
	return n;
}
