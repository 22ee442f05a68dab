/* Reading printed text with Tesseract: the page check's second opinion
 * (pagecheck.h, cq_page_input.read) on the value fields whose ink the
 * comparison doubts. libcertqr-ocr.a (lib/ocr/), Tesseract 5's LSTM engine
 * with Simplified Chinese (Debian tesseract-ocr-chi-sim).
 *
 * Pure like the page check: the language data's bytes come from the caller
 * (CQ_OCR_DATA is where Debian puts them) and must outlive the handle; no
 * file is opened. The engine is started lazily, on the first read (it costs
 * about 100 ms of CPU), so a run that never doubts a field never pays it.
 * A handle is for one thread (a worker process holds one). */
#ifndef CERTQR_OCR_H
#define CERTQR_OCR_H

#include <stddef.h>
#include <stdint.h>
#include "pagecheck.h"

#define CQ_OCR_DATA "/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata"

typedef struct cq_ocr cq_ocr;

/* A reader over `data` (n bytes of a chi_sim.traineddata). NULL if out of
 * memory; the data is checked only on the first read. */
cq_ocr *cq_ocr_new(const uint8_t *data, size_t n);
void cq_ocr_free(cq_ocr *o);

/* cq_page_reader (pagecheck.h): one line of grey pixels, 0 = black, read
 * as a single text line. Returns the number of characters written to out
 * (at most max), each with Tesseract's confidence (0..100); -1 if the
 * engine cannot start (bad data: every later call returns -1 too) or the
 * line is larger than CQ_OCR_MAX_PIXELS. */
#define CQ_OCR_MAX_PIXELS (4u << 20)
int cq_ocr_read(void *ocr, const uint8_t *grey, unsigned w, unsigned h, size_t stride, cq_ocr_char *out, int max);

#endif
