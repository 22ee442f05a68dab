/* Building a record from named text fields, as they arrive from the command
 * line, a CSV column or a JSON Lines key. One parser for every input form. */
#ifndef CERTQR_FIELDS_H
#define CERTQR_FIELDS_H

#include "record.h"

typedef struct cq_builder {
	cq_record r;
	char id[CQ_ID_LEN + 2];   /* the full ID number, only until cq_builder_finish */
	unsigned have;            /* bit per field in cq_field_names order */
	bool has_total;           /* hours_total given: checked, not signed */
	unsigned total;
} cq_builder;

/* Field names: name id_number number year revision hours_public
 * hours_professional hours_compulsory reduction months_at_post issuer_region
 * issued hours_total. NULL-terminated. hours_total is optional and only
 * checked: when given it must equal hours_public + hours_professional. */
extern const char *const cq_field_names[];

/* The field a column heading names: its English field name, or a Chinese
 * heading of a spreadsheet export (姓名, 身份证号, 证书管理号, 公需科目学时,
 * ...; spaces ignored). Returns the index into cq_field_names, or -1. */
CQ_MUST_USE int cq_field_find(const char *heading);
/* The Chinese label of field f (姓名, 身份证号, ...), "" if f is out of range. */
const char *cq_field_label_zh(int f);
/* Whether field f must be given. */
bool cq_field_required(int f);

void cq_builder_init(cq_builder *b);
/* CQ_E_FIELD naming the field if the value is malformed; unknown field names
 * give CQ_E_FORMAT. Values are trimmed of surrounding ASCII spaces. What
 * spreadsheets do to data is named: an ID or certificate number in
 * scientific notation (4.10102E+17), a date serial number, a date with the
 * year last. Issue dates are also accepted as 2025/12/20, 2025/1/5,
 * 2025.1.5 and 2025年1月5日 (optionally with a midnight time); reductions
 * also as 无, 境外工作, 病假, 生育, 其他, 援派. A name's CJK compatibility
 * ideographs are replaced by their unified ideographs (NFC,
 * certqr/cjkcompat.h). */
int cq_builder_set(cq_builder *b, const char *field, const char *value, cq_err *e);
/* Required fields present, ID bound, every record rule, hours_total if
 * given; wipes the full ID. An 18-digit ID ending in 000 that fails its
 * check is reported as cut to 15 digits by a spreadsheet. */
int cq_builder_finish(cq_builder *b, cq_record *out, cq_err *e);

#endif
