/* Program side of file verification (certqr-verify, issue 5): loading
 * images and PDFs into grey pixels, thumbnails, reports. */
#ifndef CERTQR_FILES_IMAGE_H
#define CERTQR_FILES_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define FILES_MAX_BYTES   (256u << 20)      /* refuse larger input files */
#define FILES_MAX_SIDE    30000u
#define FILES_MAX_PIXELS  (120u * 1000u * 1000u)

typedef enum { KIND_UNKNOWN = 0, KIND_PNG, KIND_JPEG, KIND_PDF } file_kind;

typedef struct grey_image {
	uint8_t *px;          /* w*h bytes, 0 = black */
	unsigned w, h;
} grey_image;

/* By content (magic bytes), never by name. */
file_kind files_sniff(const uint8_t *b, size_t n);
const char *files_kind_name(file_kind k);

/* Decode PNG / JPEG bytes to grey. -1 with why[256] on error. */
int image_load_png(const uint8_t *b, size_t n, grey_image *out, char why[256]);
int image_load_jpeg(const uint8_t *b, size_t n, grey_image *out, char why[256]);
void grey_free(grey_image *g);

/* A thumbnail `maxw` pixels wide at most, as a JPEG in a malloc'd buffer. */
int thumb_jpeg(const uint8_t *px, unsigned w, unsigned h, unsigned maxw,
               uint8_t **jpg, size_t *n);

#endif
