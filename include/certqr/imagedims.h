/* An image's size from its header, before any decoder allocates for it: a
 * 600-byte PNG can declare 30000 x 30000 pixels, and libraries that decode
 * first and check afterwards (SDL_image) then ask for gigabytes.
 *
 * Pure: bytes in, numbers out. */
#ifndef CERTQR_IMAGEDIMS_H
#define CERTQR_IMAGEDIMS_H

#include <stddef.h>
#include <stdint.h>

/* Width and height from a PNG's IHDR or a JPEG's first frame header (SOFn;
 * the markers before it are walked within the n bytes given). Returns 1 with
 * *w, *h set; 0 if the bytes are neither (another format: the caller's
 * decoder decides); -1 if they are a PNG or JPEG whose header is damaged or
 * not within the bytes given. */
int cq_image_dims(const uint8_t *b, size_t n, unsigned *w, unsigned *h);

#endif
