/* The input kinds of certqr-verify: one row each. Every kind ends in
 * verify_text() (a source name and the QR text it found) or
 * verify_unreadable(). Positional TEXT arguments and "-" are handled in
 * main.c; with no input at all, the first row reads stdin ("-"). */
#include "verify.h"

const vinput verify_inputs[] = {
	{"-f", "--file", input_text_file, "FILE: payload texts, one per line (\"-\" = stdin)"},
};
const size_t verify_inputs_n = sizeof verify_inputs / sizeof *verify_inputs;
