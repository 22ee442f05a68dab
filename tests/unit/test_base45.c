/* RFC 9285 section 4.3 vectors, and the decoder's strictness. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/base45.h"

static void rfc9285_encode(void **state)
{
	(void)state;
	struct { const char *in, *out; } v[] = {
		{"AB", "BB8"}, {"Hello!!", "%69 VD92EX0"}, {"base-45", "UJCLQE7W581"},
		{"ietf!", "QED8WEX0"}, {"", ""},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char out[64];
		assert_int_equal(cq_base45_encode((const unsigned char *)v[i].in, strlen(v[i].in), out, sizeof out), 0);
		assert_string_equal(out, v[i].out);
	}
}

static void rfc9285_decode(void **state)
{
	(void)state;
	unsigned char out[64];
	long n = cq_base45_decode("QED8WEX0", 8, out, sizeof out);
	assert_int_equal(n, 5);
	assert_memory_equal(out, "ietf!", 5);
	n = cq_base45_decode("%69 VD92EX0", 11, out, sizeof out);
	assert_int_equal(n, 7);
	assert_memory_equal(out, "Hello!!", 7);
}

static void rejects_bad_input(void **state)
{
	(void)state;
	unsigned char out[64];
	assert_int_equal(cq_base45_decode("GGW", 3, out, sizeof out), -1);   /* 65535 + 1: > 2 bytes */
	assert_int_equal(cq_base45_decode(":::", 3, out, sizeof out), -1);   /* 91124 */
	assert_int_equal(cq_base45_decode("BB8A", 4, out, sizeof out), -1);  /* length 1 mod 3 */
	assert_int_equal(cq_base45_decode("bb8", 3, out, sizeof out), -1);   /* lower case */
	assert_int_equal(cq_base45_decode("B\0" "8", 3, out, sizeof out), -1);
	assert_int_equal(cq_base45_decode("U8", 2, out, sizeof out), -1);    /* pair > 255 */
	assert_int_equal(cq_base45_decode("FGW", 3, out, sizeof out), 2);    /* 65535 exactly */
	assert_int_equal(cq_base45_decode("BB8", 3, out, 1), -1);            /* no room */
}

static void round_trip_all_pairs(void **state)
{
	(void)state;
	for (unsigned v = 0; v < 65536; v++) {
		unsigned char in[2] = {(unsigned char)(v >> 8), (unsigned char)v}, back[2];
		char text[8];
		assert_int_equal(cq_base45_encode(in, 2, text, sizeof text), 0);
		assert_int_equal(cq_base45_decode(text, 3, back, 2), 2);
		assert_memory_equal(in, back, 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc9285_encode),
		cmocka_unit_test(rfc9285_decode),
		cmocka_unit_test(rejects_bad_input),
		cmocka_unit_test(round_trip_all_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
