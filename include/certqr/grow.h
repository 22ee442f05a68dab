/* Growing an array by doubling: the one way the programs make room for one
 * more element. */
#ifndef CERTQR_GROW_H
#define CERTQR_GROW_H

#include <stddef.h>

/* v, an array of *cap elements of size bytes each, reallocated to twice the
 * room (first elements when *cap is 0). Returns the new array and updates
 * *cap; returns NULL when memory runs out or the size would overflow, and
 * then v is still valid and *cap unchanged. */
void *cq_grown(void *v, size_t *cap, size_t size, size_t first);

#endif
