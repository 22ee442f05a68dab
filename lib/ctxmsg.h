/* Internal: the domain-separated message "context || 0x00 || msg" that every
 * certqr signature covers. Small messages use the caller's stack buffer. */
#ifndef CQ_CTXMSG_H
#define CQ_CTXMSG_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint8_t *p; size_t n; uint8_t stack[512]; } cq_ctxmsg;

static inline int cq_ctxmsg_make(cq_ctxmsg *m, const char *context, const uint8_t *msg, size_t n)
{
	size_t cl = strlen(context) + 1;
	if (n > SIZE_MAX - cl) return -1;
	m->n = cl + n;
	m->p = m->n <= sizeof m->stack ? m->stack : malloc(m->n);
	if (!m->p) return -1;
	memcpy(m->p, context, cl);
	if (n) memcpy(m->p + cl, msg, n);
	return 0;
}

static inline void cq_ctxmsg_free(cq_ctxmsg *m)
{
	if (m->p != m->stack) free(m->p);
}

#endif
