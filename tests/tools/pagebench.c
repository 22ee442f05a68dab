/* The page check alone, for make bench and for tuning: loads a PNG or JPEG,
 * finds the certificate's code, judges it, runs the page check N times and
 * prints the result, the report and the CPU time per check.
 *   pagebench TRUST_DIR FONT IMAGE [N [JITTER]]
 * With JITTER > 0 the check runs once more for each of JITTER sets of
 * corners, each coordinate moved by -2..2 pixels (a fixed sequence), and
 * prints one line per set: the result and its differing fields. A decoder
 * finds a corner a pixel or two either way; the verdict must not follow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "certqr/certqr.h"
#include "certqr/io.h"
#include "certqr/pagecheck.h"
#include "certqr/render.h"
#include "certqr/scan.h"
#include "certqr/store.h"
#include "certqr/verdict.h"

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 4) { fprintf(stderr, "usage: pagebench TRUST_DIR FONT IMAGE [N [JITTER]]\n"); return 2; }
	int n = argc > 4 ? atoi(argv[4]) : 1, jitter = argc > 5 ? atoi(argv[5]) : 0;
	char why[256], *font, *img;
	size_t fl, il;
	cq_trust *t;
	if (cq_init() || cq_store_load(argv[1], &t, why) != CQ_STORE_OK) { fprintf(stderr, "trust: %s\n", why); return 2; }
	if (cq_read_file(argv[2], 64u << 20, &font, &fl, why) || cq_read_file(argv[3], 256u << 20, &img, &il, why)) {
		fprintf(stderr, "%s\n", why);
		return 2;
	}
	cq_pagefont *pf = cq_pagefont_new((const uint8_t *)font, fl, 0, why);
	cq_grey g;
	cq_file_kind k = cq_file_sniff((const uint8_t *)img, il);
	if (!pf || (k == CQ_KIND_PNG ? cq_png_load((const uint8_t *)img, il, &g, why)
	                              : cq_jpeg_load((const uint8_t *)img, il, &g, why))) {
		fprintf(stderr, "%s\n", why);
		return 2;
	}
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	if (!s || cq_scan_grey(s, g.px, g.w, g.h, g.w, &r) || !r.n) { fprintf(stderr, "no code\n"); return 2; }
	cq_verdict v;
	if (cq_judge(t, r.codes[0].text, r.codes[0].len, &v)) return 2;
	if (!v.signed_ok) { fprintf(stderr, "not signed: %s\n", v.reason); return 2; }
	char hex[2 * CQ_KEY_ID_BYTES + 1];
	for (size_t i = 0; i < CQ_KEY_ID_BYTES; i++) snprintf(hex + 2 * i, 3, "%02X", v.key_id[i]);
	cq_page_input in = {g.px, g.w, g.h, g.w, {0}, {0}, r.codes[0].len, &v.rec, v.issuer.bureau, hex, NULL, g.drop, NULL, NULL};
	memcpy(in.qx, r.codes[0].x, sizeof in.qx);
	memcpy(in.qy, r.codes[0].y, sizeof in.qy);
	cq_page_report rep;
	double t0 = cpu_ms();
	for (int i = 0; i < n; i++)
		if (cq_page_check(pf, &in, &rep, why)) { fprintf(stderr, "%s\n", why); return 2; }
	double ms = (cpu_ms() - t0) / n;
	printf("%s %s scale %.2f runs %u/%u worst %.2f id %s ms %.1f\n", argv[3], cq_page_result_name(rep.result), rep.scale,
	       rep.runs_aligned, rep.runs, rep.worst_glyph, !rep.id_read ? "unread" : rep.id_matches ? "match" : "mismatch", ms);
	for (unsigned i = 0; i < rep.ndiff; i++)
		printf("  %s: signed %s, page %s [%d %d %d %d]\n", cq_field_name(rep.diff[i].field), rep.diff[i].want,
		       rep.diff[i].seen, rep.diff[i].x, rep.diff[i].y, rep.diff[i].w, rep.diff[i].h);
	if (rep.result == CQ_PAGE_UNREADABLE) printf("  %s\n", rep.reason);
	uint32_t seed = 12345;
	for (int j = 0; j < jitter; j++) {
		cq_page_input ji = in;
		char moved[64] = "";
		for (int c = 0; c < 4; c++) {
			seed = seed * 1103515245u + 12345u;
			int ddx = (int)((seed >> 16) % 5) - 2;
			seed = seed * 1103515245u + 12345u;
			int ddy = (int)((seed >> 16) % 5) - 2;
			ji.qx[c] += ddx;
			ji.qy[c] += ddy;
			size_t l = strlen(moved);
			snprintf(moved + l, sizeof moved - l, "%s%+d%+d", c ? " " : "", ddx, ddy);
		}
		if (getenv("PAGEBENCH_ONLY") && atoi(getenv("PAGEBENCH_ONLY")) != j) continue;
		if (cq_page_check(pf, &ji, &rep, why)) { fprintf(stderr, "%s\n", why); return 2; }
		char fields[256] = "";
		for (unsigned i = 0; i < rep.ndiff; i++) {
			size_t l = strlen(fields);
			snprintf(fields + l, sizeof fields - l, "%s%s", i ? "," : "", cq_field_name(rep.diff[i].field));
		}
		printf("jitter %d [%s] %s %s runs %u/%u\n", j, moved, cq_page_result_name(rep.result), fields[0] ? fields : "-",
		       rep.runs_aligned, rep.runs);
	}
	cq_grey_free(&g);
	cq_scan_free(s);
	cq_pagefont_free(pf);
	cq_trust_free(t);
	free(font);
	free(img);
	return 0;
}
