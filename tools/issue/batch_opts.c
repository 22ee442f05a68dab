/* certqr-issue batch: its options (docs/certqr-issue.1), checked as they
 * are read: a bad value is a usage error before any file is opened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "batch.h"

int batch_options(batch *b, int argc, char **argv)
{
	b->enc = "auto";
	b->qr_level = 'M';
	b->fmt = "auto";
	b->max_rows = ROWS_DEFAULT;
	long np = sysconf(_SC_NPROCESSORS_ONLN);
	b->jobs = np > 0 && np < 64 ? (unsigned)np : 2;
	b->progress = isatty(STDERR_FILENO);
	unsigned seen_flags = 0;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "-h") || !strcmp(o, "--help")) return BATCH_HELP;
		if (!strcmp(o, "--refuse-below-rule")) { b->refuse_below = 1; continue; }
		if (!strcmp(o, "--check")) { b->check_only = 1; continue; }
		if (!strcmp(o, "--quiet")) { b->progress = 0; continue; }
		if (!strcmp(o, "--progress")) { b->progress = 1; continue; }
		if (strncmp(o, "--", 2) != 0) {
			if (b->in_path) { cq_warn("batch: more than one input file"); return -1; }
			b->in_path = o;
			continue;
		}
		if (i + 1 >= argc) { cq_warn("batch: %s needs a value", o); return -1; }
		const char *v = argv[++i];
		static const char *const opt[] = {"--key", "--delegation", "--out", "--passphrase-file", "--passphrase-env",
		                                  "--rules", "--font", "--font-index", "--encoding", "--format", "--jobs",
		                                  "--pdf-engine", "--max-rows", "--qr-level", NULL};
		int k;
		for (k = 0; opt[k]; k++)
			if (!strcmp(o, opt[k])) break;
		if (!opt[k] || (seen_flags & 1u << k)) { cq_warn("batch: unknown or repeated option '%s'", o); return -1; }
		seen_flags |= 1u << k;
		char *end;
		unsigned long u;
		switch (k) {
		case 0: b->key_path = v; break;
		case 1: b->dl_path = v; break;
		case 2: b->out_dir = v; break;
		case 3: b->pass.file = v; break;
		case 4: b->pass.env = v; break;
		case 5: b->rules_path = v; break;
		case 6: b->font_path = v; break;
		case 7:
			u = strtoul(v, &end, 10);
			if (*end || !*v || u > 255) { cq_warn("batch: --font-index must be 0..255"); return -1; }
			b->font_index = (unsigned)u;
			break;
		case 8:
			if (strcmp(v, "auto") && strcmp(v, "utf-8") && strcmp(v, "gbk") && strcmp(v, "gb18030")) {
				cq_warn("batch: --encoding must be auto, utf-8, gbk or gb18030");
				return -1;
			}
			b->enc = v;
			break;
		case 9:
			if (strcmp(v, "auto") && strcmp(v, "csv") && strcmp(v, "jsonl")) { cq_warn("batch: --format must be auto, csv or jsonl"); return -1; }
			b->fmt = v;
			break;
		case 10:
			u = strtoul(v, &end, 10);
			if (*end || !*v || u < 1 || u > 64) { cq_warn("batch: --jobs must be 1..64"); return -1; }
			b->jobs = (unsigned)u;
			break;
		case 11:
			if (!strcmp(v, "direct")) b->engine = ISSUE_PDF_DIRECT;
			else if (!strcmp(v, "libharu")) b->engine = ISSUE_PDF_LIBHARU;
			else { cq_warn("batch: --pdf-engine must be direct or libharu"); return -1; }
			break;
		case 13:
			if (strcmp(v, "M") && strcmp(v, "Q")) { cq_warn("batch: --qr-level must be M or Q"); return -1; }
			b->qr_level = v[0];
			break;
		case 12:
			u = strtoul(v, &end, 10);
			if (*end || !*v || u < 1 || u > 100000000ul) { cq_warn("batch: --max-rows must be 1..100000000"); return -1; }
			b->max_rows = u;
			break;
		}
	}
	if (!b->in_path || !b->out_dir || !b->key_path || !b->dl_path) {
		cq_warn("batch: INPUT, --out, --key and --delegation are required");
		return -1;
	}
	return 0;
}
