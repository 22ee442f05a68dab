/* Internal: bounded big-endian writer and reader over caller-owned buffers.
 * A failed write or read sets `bad` and every later call is a no-op, so a
 * codec can check once at the end. */
#ifndef CQ_BYTES_H
#define CQ_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct { uint8_t *p; size_t cap, len; bool bad; } cq_w;
typedef struct { const uint8_t *p; size_t n, off; bool bad; } cq_r;

static inline void w_bytes(cq_w *w, const void *src, size_t n)
{
	if (w->bad || n > w->cap - w->len) { w->bad = true; return; }
	memcpy(w->p + w->len, src, n);
	w->len += n;
}
static inline void w_uint(cq_w *w, uint64_t v, unsigned width)
{
	uint8_t b[8];
	for (unsigned i = 0; i < width; i++)
		b[i] = (uint8_t)(v >> (8 * (width - 1 - i)));
	w_bytes(w, b, width);
}
static inline const uint8_t *r_bytes(cq_r *r, size_t n)
{
	if (r->bad || n > r->n - r->off) { r->bad = true; return NULL; }
	const uint8_t *q = r->p + r->off;
	r->off += n;
	return q;
}
static inline uint64_t r_uint(cq_r *r, unsigned width)
{
	const uint8_t *b = r_bytes(r, width);
	uint64_t v = 0;
	if (!b) return 0;
	for (unsigned i = 0; i < width; i++) v = v << 8 | b[i];
	return v;
}

#endif
