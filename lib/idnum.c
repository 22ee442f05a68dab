#include <sodium.h>
#include <string.h>
#include "certqr/date.h"
#include "certqr/idnum.h"

char cq_idnum_check_char(const char *first17)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++) sum += (first17[i] - '0') * w[i];
	return map[sum % 11];
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9') return 0;
	return 1;
}

static unsigned num(const char *s, int n)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++) v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

int cq_idnum_validate(const char *id, cq_err *e)
{
	if (!id || strlen(id) != CQ_ID_LEN)
		return cq_fail(e, CQ_E_FIELD, "id_number", "must be 18 characters (GB 11643)");
	if (!digits(id, 17))
		return cq_fail(e, CQ_E_FIELD, "id_number", "first 17 characters must be digits");
	char last = id[17] == 'x' ? 'X' : id[17];
	if (!((last >= '0' && last <= '9') || last == 'X'))
		return cq_fail(e, CQ_E_FIELD, "id_number", "check character must be 0-9 or X");
	if (id[0] == '0' || num(id, 6) < 110000)
		return cq_fail(e, CQ_E_FIELD, "id_number", "first six digits are not an administrative division code");
	cq_date birth = { (uint16_t)num(id + 6, 4), (uint8_t)num(id + 10, 2), (uint8_t)num(id + 12, 2) };
	if (!cq_date_valid(birth) || birth.y > 2099)
		return cq_fail(e, CQ_E_FIELD, "id_number", "digits 7-14 are not a valid birth date");
	char want = cq_idnum_check_char(id);
	if (want != last)
		return cq_fail(e, CQ_E_FIELD, "id_number",
		               "check character is %c, GB 11643 MOD 11-2 gives %c", last, want);
	return 0;
}

int cq_idnum_hash(const char *id, const char *cert_number, uint8_t out[CQ_ID_HASH_BYTES])
{
	static const char tag[] = "certqr/holder-id/v1";
	char norm[CQ_ID_LEN];
	uint8_t full[32];
	if (strlen(id) != CQ_ID_LEN || strlen(cert_number) != 13) return -1;
	memcpy(norm, id, CQ_ID_LEN);
	if (norm[17] == 'x') norm[17] = 'X';
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof full);
	crypto_generichash_update(&st, (const uint8_t *)tag, sizeof tag); /* with NUL */
	crypto_generichash_update(&st, (const uint8_t *)cert_number, 13);
	crypto_generichash_update(&st, (const uint8_t *)norm, CQ_ID_LEN);
	crypto_generichash_final(&st, full, sizeof full);
	memcpy(out, full, CQ_ID_HASH_BYTES);
	return 0;
}
