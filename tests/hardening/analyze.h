/* Force-included (-include) by tests/sh/static.sh for clang-tidy only.
 * cq_fail() always returns -1, but it is defined in lib/error.c, so the
 * analyzer, which sees one file at a time, also explores a return of 0 and
 * then reports outputs "left uninitialised" on error paths that cannot
 * happen. Telling it the value removes those false reports without
 * touching the code. Not used by any build. */
#ifndef CQ_ANALYZE_H
#define CQ_ANALYZE_H
#include "certqr/error.h"
#ifndef CQ_ANALYZE_ERROR_C
#define cq_fail(...) (cq_fail(__VA_ARGS__), -1)
#endif
#endif
