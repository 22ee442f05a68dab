/* getopt_long(3) made strict (certqr/opts.h). getopt_long's own messages
 * are off (":" in the option string): they are in English only and name
 * the program, not the command, so each command writes its own. */
#include <stdio.h>
#include <string.h>
#include "certqr/opts.h"

void cq_opts_init(cq_opts *o, int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	memset(o, 0, sizeof *o);
	o->argc = argc;
	o->argv = argv;
	o->shortopts = shortopts;
	o->longopts = longopts;
	/* "-": operands in order, never permuted; ":": missing values reported, not printed */
	snprintf(o->optstring, sizeof o->optstring, "-:%s", shortopts);
	optind = 0;   /* glibc: start afresh (another parse may have run) */
	opterr = 0;
}

/* The option as typed, for messages: a long one's token ("--name" or
 * "--name=value") up to any '=', so a message never quotes a value. */
static void typed_long(cq_opts *o, const char *tok)
{
	size_t n = strcspn(tok, "=");
	snprintf(o->name, sizeof o->name, "%.*s", (int)(n < sizeof o->name ? n : sizeof o->name - 1), tok);
}

static void typed_short(cq_opts *o, int c)
{
	snprintf(o->name, sizeof o->name, "-%c", c);
}

int cq_opts_next(cq_opts *o)
{
	int li = -1;
	o->name[0] = '\0';
	if (o->rest) {
		/* after "--": the rest are operands, though they start with '-' */
		o->arg = optind < o->argc ? o->argv[optind++] : NULL;
		return o->arg ? CQ_OPT_OPERAND : CQ_OPT_END;
	}
	int c = getopt_long(o->argc, o->argv, o->optstring, o->longopts, &li);
	o->arg = optarg;
	if (c == -1) {
		o->rest = 1;   /* getopt stops at "--" and leaves optind after it */
		return cq_opts_next(o);
	}
	if (c == 1) return CQ_OPT_OPERAND;
	if (c == '?' || c == ':') {
		/* a long option's token is the last one read; a short one is optopt */
		const char *tok = o->argv[optind - 1];
		if (tok && !strncmp(tok, "--", 2)) typed_long(o, tok);
		else typed_short(o, optopt);
		o->arg = NULL;
		return c == ':' ? CQ_OPT_NO_VALUE : CQ_OPT_UNKNOWN;
	}
	if (li >= 0) {
		/* getopt_long takes any unique beginning of a name: refuse it */
		const char *tok = o->argv[optarg && optarg == o->argv[optind - 1] ? optind - 2 : optind - 1];
		size_t n = strlen(o->longopts[li].name);
		typed_long(o, tok);
		if (strncmp(tok + 2, o->longopts[li].name, n) || (tok[2 + n] && tok[2 + n] != '=')) {
			o->arg = NULL;
			return CQ_OPT_UNKNOWN;
		}
	} else {
		typed_short(o, c);
	}
	if (optarg) {
		for (int i = 0; i < o->nseen; i++)
			if (o->seen[i] == c) return CQ_OPT_REPEATED;
		if (o->nseen < (int)(sizeof o->seen / sizeof *o->seen)) o->seen[o->nseen++] = c;
	}
	return c;
}
