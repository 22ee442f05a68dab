/* certqr-issue batch: its options (docs/certqr-issue.1), checked as they
 * are read: a bad value is a usage error before any file is opened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "certqr/opts.h"
#include "batch.h"

enum {
	O_KEY = 256, O_DELEGATION, O_OUT, O_PASS_FILE, O_PASS_ENV, O_RULES, O_FONT, O_FONT_INDEX, O_ENCODING,
	O_FORMAT, O_JOBS, O_PDF_ENGINE, O_MAX_ROWS, O_QR_LEVEL, O_SEAL, O_LAYOUT, O_REFUSE_BELOW, O_CHECK, O_QUIET, O_PROGRESS,
};

static const struct option longopts[] = {
	{"key", required_argument, NULL, O_KEY},
	{"delegation", required_argument, NULL, O_DELEGATION},
	{"out", required_argument, NULL, O_OUT},
	{"passphrase-file", required_argument, NULL, O_PASS_FILE},
	{"passphrase-env", required_argument, NULL, O_PASS_ENV},
	{"rules", required_argument, NULL, O_RULES},
	{"font", required_argument, NULL, O_FONT},
	{"font-index", required_argument, NULL, O_FONT_INDEX},
	{"encoding", required_argument, NULL, O_ENCODING},
	{"format", required_argument, NULL, O_FORMAT},
	{"jobs", required_argument, NULL, O_JOBS},
	{"pdf-engine", required_argument, NULL, O_PDF_ENGINE},
	{"max-rows", required_argument, NULL, O_MAX_ROWS},
	{"qr-level", required_argument, NULL, O_QR_LEVEL},
	{"seal", required_argument, NULL, O_SEAL},
	{"layout", required_argument, NULL, O_LAYOUT},
	{"refuse-below-rule", no_argument, NULL, O_REFUSE_BELOW},
	{"check", no_argument, NULL, O_CHECK},
	{"quiet", no_argument, NULL, O_QUIET},
	{"progress", no_argument, NULL, O_PROGRESS},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* A count given in decimal digits only (no sign, space or suffix), within
 * min..max: 0, or -1. */
static int count_arg(const char *v, unsigned long min, unsigned long max, unsigned long *out)
{
	if (!*v || strlen(v) > 10 || strspn(v, "0123456789") != strlen(v)) return -1;
	unsigned long u = strtoul(v, NULL, 10);
	if (u < min || u > max) return -1;
	*out = u;
	return 0;
}

/* One of the words of a list, e.g. "auto", "csv", "jsonl": its index, or -1. */
static int word_arg(const char *v, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(v, words[i])) return i;
	return -1;
}

int batch_options(batch *b, int argc, char **argv)
{
	static const char *const encodings[] = {"auto", "utf-8", "gbk", "gb18030", NULL};
	static const char *const formats[] = {"auto", "csv", "jsonl", NULL};
	static const char *const engines[] = {"direct", "libharu", NULL};
	static const char *const levels[] = {"M", "Q", NULL};
	b->enc = "auto";
	b->qr_level = 'M';
	b->fmt = "auto";
	b->max_rows = ROWS_DEFAULT;
	long np = sysconf(_SC_NPROCESSORS_ONLN);
	b->jobs = np > 0 && np < 64 ? (unsigned)np : 2;
	b->progress = isatty(STDERR_FILENO);
	cq_opts o;
	cq_opts_init(&o, argc, argv, "h", longopts);
	int c;
	unsigned long u;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		const char *v = o.arg;
		switch (c) {
		case 'h': return BATCH_HELP;
		case CQ_OPT_OPERAND:
			if (b->in_path) { cq_warn("batch: more than one input file"); return -1; }
			b->in_path = v;
			break;
		case CQ_OPT_NO_VALUE: cq_warn("batch: %s needs a value", o.name); return -1;
		case CQ_OPT_UNKNOWN:
		case CQ_OPT_REPEATED: cq_warn("batch: unknown or repeated option '%s'", o.name); return -1;
		case O_REFUSE_BELOW: b->refuse_below = 1; break;
		case O_CHECK: b->check_only = 1; break;
		case O_QUIET: b->progress = 0; break;
		case O_PROGRESS: b->progress = 1; break;
		case O_KEY: b->key_path = v; break;
		case O_DELEGATION: b->dl_path = v; break;
		case O_OUT: b->out_dir = v; break;
		case O_PASS_FILE: b->pass.file = v; break;
		case O_PASS_ENV: b->pass.env = v; break;
		case O_RULES: b->rules_path = v; break;
		case O_FONT: b->font_path = v; break;
		case O_FONT_INDEX:
			if (count_arg(v, 0, 255, &u)) { cq_warn("batch: --font-index must be 0..255"); return -1; }
			b->font_index = (unsigned)u;
			break;
		case O_ENCODING:
			if (word_arg(v, encodings) < 0) { cq_warn("batch: --encoding must be auto, utf-8, gbk or gb18030"); return -1; }
			b->enc = v;
			break;
		case O_FORMAT:
			if (word_arg(v, formats) < 0) { cq_warn("batch: --format must be auto, csv or jsonl"); return -1; }
			b->fmt = v;
			break;
		case O_JOBS:
			if (count_arg(v, 1, 64, &u)) { cq_warn("batch: --jobs must be 1..64"); return -1; }
			b->jobs = (unsigned)u;
			break;
		case O_PDF_ENGINE:
			switch (word_arg(v, engines)) {
			case 0: b->engine = ISSUE_PDF_DIRECT; break;
			case 1: b->engine = ISSUE_PDF_LIBHARU; break;
			default: cq_warn("batch: --pdf-engine must be direct or libharu"); return -1;
			}
			break;
		case O_QR_LEVEL:
			if (word_arg(v, levels) < 0) { cq_warn("batch: --qr-level must be M or Q"); return -1; }
			b->qr_level = v[0];
			break;
		case O_SEAL: b->seal_path = v; break;
		case O_LAYOUT: b->layout_path = v; break;
		case O_MAX_ROWS:
			if (count_arg(v, 1, 100000000ul, &u)) { cq_warn("batch: --max-rows must be 1..100000000"); return -1; }
			b->max_rows = u;
			break;
		default: cq_warn("batch: unknown or repeated option '%s'", o.name); return -1;
		}
	}
	if (!b->in_path || !b->out_dir || !b->key_path || !b->dl_path) {
		cq_warn("batch: INPUT, --out, --key and --delegation are required");
		return -1;
	}
	return 0;
}
