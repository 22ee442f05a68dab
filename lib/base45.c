#include <string.h>
#include "certqr/base45.h"

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

int cq_base45_encode(const unsigned char *in, size_t n, char *out, size_t out_cap)
{
	size_t need = cq_base45_encoded_len(n) + 1;
	if (out_cap < need) return -1;
	size_t o = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		unsigned v = (unsigned)in[i] * 256 + in[i + 1];
		out[o++] = alphabet[v % 45];
		out[o++] = alphabet[v / 45 % 45];
		out[o++] = alphabet[v / 2025];
	}
	if (n % 2) {
		unsigned v = in[n - 1];
		out[o++] = alphabet[v % 45];
		out[o++] = alphabet[v / 45];
	}
	out[o] = '\0';
	return 0;
}

static int value(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;
	return p ? (int)(p - alphabet) : -1;
}

long cq_base45_decode(const char *in, size_t n, unsigned char *out, size_t out_cap)
{
	if (n % 3 == 1) return -1;
	size_t need = n / 3 * 2 + (n % 3 ? 1 : 0);
	if (need > out_cap) return -1;
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		int a = value(in[i]), b = value(in[i + 1]);
		if (a < 0 || b < 0) return -1;
		if (i + 2 < n) {
			int c = value(in[i + 2]);
			if (c < 0) return -1;
			unsigned v = (unsigned)a + (unsigned)b * 45 + (unsigned)c * 2025;
			if (v > 0xFFFF) return -1;
			out[o++] = (unsigned char)(v >> 8);
			out[o++] = (unsigned char)v;
		} else {
			unsigned v = (unsigned)a + (unsigned)b * 45;
			if (v > 0xFF) return -1;
			out[o++] = (unsigned char)v;
		}
	}
	return (long)o;
}
