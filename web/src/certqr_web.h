/* The functions the page (web/src/core.js) calls in the WebAssembly core;
 * web/src/certqr_web.c says what each returns. Every string returned is
 * JSON (or "" / a message for cqw_init), valid until the next call. */
#ifndef CERTQR_WEB_H
#define CERTQR_WEB_H

#include <stddef.h>
#include <stdint.h>

const char *cqw_init(const char *root_pub_text, size_t n);
/* cqw_bundle modes */
enum { CQW_BUNDLE_LOAD = 0, CQW_BUNDLE_UPDATE = 1, CQW_BUNDLE_CHECK = 2 };
const char *cqw_bundle(const uint8_t *bundle, size_t n, int mode);
const char *cqw_trust_info(void);
const char *cqw_judge(const char *text, size_t n, const char *source, const char *holder_id);
const char *cqw_scan(const uint8_t *rgba, unsigned width, unsigned height, int effort);
const char *cqw_judge_code(unsigned i, const char *source, const char *holder_id);
const char *cqw_names(void);

#endif
