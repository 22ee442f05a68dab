/* include/certqr/grow.h */
#include <stdint.h>
#include <stdlib.h>
#include "certqr/grow.h"

void *cq_grown(void *v, size_t *cap, size_t size, size_t first)
{
	size_t nc = *cap ? *cap * 2 : first;
	if (!size || nc < *cap || nc > SIZE_MAX / size) return NULL;
	void *p = realloc(v, nc * size);
	if (!p) return NULL;
	*cap = nc;
	return p;
}
