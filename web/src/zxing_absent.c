/* The page reads codes with zbar and lib/scan's own steps only: zxing-cpp
 * has no WebAssembly build in Debian, and certqr_web.c creates every
 * scanner with engines = CQ_ENGINE_ZBAR, so lib/scan never calls this. It
 * exists because lib/scan/scan.c names the bridge; if it were ever called,
 * it reports a failure (no code), never a result. */
#include "../../lib/scan/scan_internal.h"

int cq_zx_read(const uint8_t *px, unsigned w, unsigned h, size_t stride, unsigned flags, cq_zx_sink sink, void *ctx)
{
	(void)px, (void)w, (void)h, (void)stride, (void)flags, (void)sink, (void)ctx;
	return -1;
}
