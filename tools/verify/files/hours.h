/* certqr-verify files: the hours of an authentic certificate (hours.c). */
#ifndef CERTQR_FILES_HOURS_H
#define CERTQR_FILES_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "work.h"

/* What the reports say of an authentic certificate's hours. */
enum { HOURS_NONE, HOURS_NO_RULE, HOURS_MET, HOURS_SHORT };
typedef struct hours_note {
	int8_t cls;              /* HOURS_NONE: not an authentic certificate, or not evaluated */
	uint16_t pub, prof, comp, total;   /* hours short per category (HOURS_SHORT) */
} hours_note;
hours_note hours_of(const fcode *c);
/* "met", "short", "no-rule" (HTML classes), or "" for HOURS_NONE. */
const char *hours_class(hours_note h);
/* "met", "not_met", "no_rule" (JSON, CSV), or "". */
const char *hours_json(hours_note h);
/* "达标" / "未达标：差 公需 2、合计 10 学时", or in English; "" for HOURS_NONE. */
void hours_words(hours_note h, bool zh, char *out, size_t cap);

#endif
