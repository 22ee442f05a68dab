/* Command-line options for the certqr programs (lib/io, libcertqr-io.a):
 * getopt_long(3), made strict and quiet.
 *
 * - A long option is spelled out in full: no GNU abbreviations, so a
 *   script keeps its meaning when an option is added later.
 * - "--name value" and "--name=value" are the same; "--" ends the options.
 * - An option that takes a value is refused the second time; a flag may be
 *   repeated (the command refuses it itself where it must not be).
 * - Operands come back in their place among the options (getopt's "-"
 *   mode), so a command can take them in order.
 * - Nothing is printed: the command words its own messages, naming the
 *   option as it was typed (cq_opts.name).
 *
 * getopt_long keeps its state in globals: one parse at a time. In the
 * terms of certqr/error.h the return value is the answer: an option's val
 * or a CQ_OPT_ code, never an errno. */
#ifndef CERTQR_OPTS_H
#define CERTQR_OPTS_H

#include <getopt.h>
#include "error.h"

/* What cq_opts_next returns besides an option's val (which must be > 0
 * and not 1: 1 is getopt's own code for an operand). */
enum {
	CQ_OPT_END = -1,       /* no more arguments */
	CQ_OPT_OPERAND = 1,    /* an operand, in arg */
	CQ_OPT_UNKNOWN = -2,   /* not an option of this command (or abbreviated, ambiguous, or a value given to a flag) */
	CQ_OPT_NO_VALUE = -3,  /* an option that takes a value came last, without it */
	CQ_OPT_REPEATED = -4,  /* an option that takes a value given a second time */
};

typedef struct cq_opts {
	int argc;
	char **argv;
	const char *shortopts;          /* as getopt's, without the leading "-:" */
	const struct option *longopts;  /* ended by a row of zeros */
	const char *arg;                /* the option's value or the operand; else NULL */
	char name[64];                  /* the option as typed ("--out", "-o"), for messages */
	int seen[64];                   /* vals of the options given a value so far */
	int nseen;
	int rest;                       /* past "--" */
	char optstring[64];
} cq_opts;

/* Starts a parse of argv[1..argc) (argv[0] is the command's name). */
void cq_opts_init(cq_opts *o, int argc, char **argv, const char *shortopts, const struct option *longopts);

/* The next argument: an option's val (its value, if any, in o->arg), or one
 * of the CQ_OPT_ codes above. On an error code o->name says which option. */
CQ_MUST_USE int cq_opts_next(cq_opts *o);

#endif
