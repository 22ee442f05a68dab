/* Prints the "cover" lines of tools/data/fonts.txt from the installed fonts
 * of the chain (lib/coverage.c): the code points at least one face maps,
 * among those a name may hold. tests/sh/names.sh compares them with the
 * committed data, so the data cannot drift from the fonts. */
#include <hb.h>
#include <stdio.h>
#include "certqr/coverage.h"

static int eligible(uint32_t c)
{
	return c == ' ' || c == 0xB7 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FA1F);
}

int main(void)
{
	hb_set_t *all = hb_set_create();
	for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) {
		const cq_font_face *f = &cq_font_chain[i];
		hb_blob_t *b = hb_blob_create_from_file_or_fail(f->path);
		if (!b) { fprintf(stderr, "fontcover: %s: cannot read (install %s)\n", f->path, f->package); return 1; }
		hb_face_t *face = hb_face_create(b, f->index);
		hb_set_t *s = hb_set_create();
		hb_face_collect_unicodes(face, s);
		if (hb_set_is_empty(s)) { fprintf(stderr, "fontcover: %s: no cmap\n", f->path); return 1; }
		hb_set_union(all, s);
		hb_set_destroy(s);
		hb_face_destroy(face);
		hb_blob_destroy(b);
	}
	long first = -1, prev = -2;
	for (uint32_t c = 0; c <= 0x2FA1F + 1; c++) {
		int in = c <= 0x2FA1F && eligible(c) && hb_set_has(all, c);
		if (in && (long)c != prev + 1) first = c;
		if (in) prev = c;
		else if (first >= 0 && prev == (long)c - 1) { printf("cover %04lX %04lX\n", first, prev); first = -1; }
	}
	hb_set_destroy(all);
	return ferror(stdout) ? 1 : 0;
}
