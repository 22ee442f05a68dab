/* Building a record from named text fields, as they arrive from the command
 * line, a CSV column or a JSON Lines key. One parser for every input form. */
#ifndef CERTQR_FIELDS_H
#define CERTQR_FIELDS_H

#include "record.h"

typedef struct cq_builder {
	cq_record r;
	char id[CQ_ID_LEN + 2];   /* the full ID number, only until cq_builder_finish */
	unsigned have;            /* bit per field in cq_field_names order */
} cq_builder;

/* Field names: name id_number number year revision hours_public
 * hours_professional hours_compulsory reduction months_at_post issuer_region
 * issued. NULL-terminated. */
extern const char *const cq_field_names[];

void cq_builder_init(cq_builder *b);
/* CQ_E_FIELD naming the field if the value is malformed; unknown field names
 * give CQ_E_FORMAT. Values are trimmed of surrounding ASCII spaces. */
int cq_builder_set(cq_builder *b, const char *field, const char *value, cq_err *e);
/* Required fields present, ID bound, every record rule; wipes the full ID. */
int cq_builder_finish(cq_builder *b, cq_record *out, cq_err *e);

#endif
