/* Days-from-civil after Howard Hinnant's public-domain algorithms. */
#include <stdio.h>
#include <string.h>
#include "certqr/date.h"

static int days_in_month(unsigned y, unsigned m)
{
	static const unsigned char dm[] = {31,28,31,30,31,30,31,31,30,31,30,31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
	return dm[m - 1];
}

bool cq_date_valid(cq_date d)
{
	return d.y >= 1900 && d.y <= 2999 && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= days_in_month(d.y, d.m);
}

bool cq_date_storable(cq_date d)
{
	if (!cq_date_valid(d)) return false;
	int32_t x = cq_date_to_days(d);
	return x >= 0 && x <= CQ_DAY16_MAX;
}

int32_t cq_date_to_days(cq_date dt)
{
	int y = dt.y - (dt.m <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned mp = (dt.m + 9) % 12;
	unsigned doy = (153 * mp + 2) / 5 + dt.d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

cq_date cq_date_from_days(int32_t z)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	cq_date r = { (uint16_t)(y + (m <= 2)), (uint8_t)m, (uint8_t)d };
	return r;
}

int cq_date_parse(const char *s, cq_date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
	unsigned v[3] = {0, 0, 0};
	const int pos[3][2] = {{0, 4}, {5, 2}, {8, 2}};
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < pos[i][1]; j++) {
			char c = s[pos[i][0] + j];
			if (c < '0' || c > '9') return -1;
			v[i] = v[i] * 10 + (unsigned)(c - '0');
		}
	cq_date d = { (uint16_t)v[0], (uint8_t)v[1], (uint8_t)v[2] };
	if (!cq_date_valid(d)) return -1;
	*out = d;
	return 0;
}

void cq_date_format(cq_date d, char buf[11])
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000, (unsigned)d.m % 100,
	         (unsigned)d.d % 100);
}

int cq_date_cmp(cq_date a, cq_date b)
{
	int32_t x = cq_date_to_days(a), y = cq_date_to_days(b);
	return (x > y) - (x < y);
}
