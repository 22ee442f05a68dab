/* Plane geometry for the page check: the homography between the page (in
 * points) and the image (in pixels) from the QR code's four corners. */
#include <math.h>
#include <string.h>
#include "page_int.h"

/* Solves the 8x8 system a·x = b by Gaussian elimination with partial
 * pivoting. -1 if singular. */
static int solve8(double a[8][9], double x[8])
{
	for (int c = 0; c < 8; c++) {
		int p = c;
		for (int r = c + 1; r < 8; r++)
			if (fabs(a[r][c]) > fabs(a[p][c])) p = r;
		if (fabs(a[p][c]) < 1e-12) return -1;
		if (p != c)
			for (int k = 0; k < 9; k++) { double t = a[c][k]; a[c][k] = a[p][k]; a[p][k] = t; }
		for (int r = 0; r < 8; r++) {
			if (r == c) continue;
			double f = a[r][c] / a[c][c];
			for (int k = c; k < 9; k++) a[r][k] -= f * a[c][k];
		}
	}
	for (int c = 0; c < 8; c++) x[c] = a[c][8] / a[c][c];
	return 0;
}

int h_from4(const double sx[4], const double sy[4], const double dx[4], const double dy[4], hmat *h)
{
	double a[8][9];
	memset(a, 0, sizeof a);
	for (int i = 0; i < 4; i++) {
		double *r1 = a[2 * i], *r2 = a[2 * i + 1];
		r1[0] = sx[i]; r1[1] = sy[i]; r1[2] = 1; r1[6] = -sx[i] * dx[i]; r1[7] = -sy[i] * dx[i]; r1[8] = dx[i];
		r2[3] = sx[i]; r2[4] = sy[i]; r2[5] = 1; r2[6] = -sx[i] * dy[i]; r2[7] = -sy[i] * dy[i]; r2[8] = dy[i];
	}
	double x[8];
	if (solve8(a, x)) return -1;
	memcpy(h->m, x, sizeof x);
	h->m[8] = 1;
	return 0;
}

void h_apply(const hmat *h, double x, double y, double *ox, double *oy)
{
	const double *m = h->m;
	double w = m[6] * x + m[7] * y + m[8];
	if (fabs(w) < 1e-12) w = 1e-12;
	*ox = (m[0] * x + m[1] * y + m[2]) / w;
	*oy = (m[3] * x + m[4] * y + m[5]) / w;
}

/* Least-squares fits over n point pairs, coordinates normalised first (mean
 * 0, mean distance ~1) for a well-conditioned system. `persp` 0 gives an
 * affine map (6 parameters), 1 a homography (8). -1 if degenerate. */
typedef struct norm { double cx, cy, s; } norm;

static norm norm_of(const double *x, const double *y, int n)
{
	norm t = {0, 0, 1};
	for (int i = 0; i < n; i++) { t.cx += x[i]; t.cy += y[i]; }
	t.cx /= n;
	t.cy /= n;
	double d = 0;
	for (int i = 0; i < n; i++) d += hypot(x[i] - t.cx, y[i] - t.cy);
	d /= n;
	t.s = d > 1e-9 ? 1 / d : 1;
	return t;
}

int h_fit(const double *sx, const double *sy, const double *dx, const double *dy, int n, int persp, hmat *h)
{
	if (n < (persp ? 4 : 3)) return -1;
	norm ns = norm_of(sx, sy, n), nd = norm_of(dx, dy, n);
	int k = persp ? 8 : 6;
	double A[8][9];
	memset(A, 0, sizeof A);
	for (int i = 0; i < n; i++) {
		double x = (sx[i] - ns.cx) * ns.s, y = (sy[i] - ns.cy) * ns.s;
		double u = (dx[i] - nd.cx) * nd.s, v = (dy[i] - nd.cy) * nd.s;
		double r1[9] = {x, y, 1, 0, 0, 0, -x * u, -y * u, u};
		double r2[9] = {0, 0, 0, x, y, 1, -x * v, -y * v, v};
		if (!persp) { r1[6] = r1[7] = r2[6] = r2[7] = 0; }
		const double *rows[2] = {r1, r2};
		for (int r = 0; r < 2; r++) {
			double row[9];
			/* affine: unknowns 0..5, right-hand side last */
			for (int a = 0; a < k; a++) row[a] = rows[r][a];
			row[k] = rows[r][8];
			for (int a = 0; a < k; a++)
				for (int b = 0; b <= k; b++) A[a][b] += row[a] * row[b];
		}
	}
	/* solve the k x k normal equations */
	for (int c = 0; c < k; c++) {
		int p = c;
		for (int r = c + 1; r < k; r++)
			if (fabs(A[r][c]) > fabs(A[p][c])) p = r;
		if (fabs(A[p][c]) < 1e-12) return -1;
		for (int q = 0; q <= k; q++) { double t = A[c][q]; A[c][q] = A[p][q]; A[p][q] = t; }
		for (int r = 0; r < k; r++) {
			if (r == c) continue;
			double f = A[r][c] / A[c][c];
			for (int q = c; q <= k; q++) A[r][q] -= f * A[c][q];
		}
	}
	double m[9] = {0};
	for (int c = 0; c < k; c++) m[c] = A[c][k] / A[c][c];
	m[8] = 1;
	/* undo the normalisations: H = Nd^-1 * M * Ns */
	double Ns[9] = {ns.s, 0, -ns.s * ns.cx, 0, ns.s, -ns.s * ns.cy, 0, 0, 1};
	double Ndi[9] = {1 / nd.s, 0, nd.cx, 0, 1 / nd.s, nd.cy, 0, 0, 1};
	double t[9], r[9];
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++) {
			t[i * 3 + j] = 0;
			for (int q = 0; q < 3; q++) t[i * 3 + j] += m[i * 3 + q] * Ns[q * 3 + j];
		}
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++) {
			r[i * 3 + j] = 0;
			for (int q = 0; q < 3; q++) r[i * 3 + j] += Ndi[i * 3 + q] * t[q * 3 + j];
		}
	if (fabs(r[8]) < 1e-12) return -1;
	for (int i = 0; i < 9; i++) h->m[i] = r[i] / r[8];
	return 0;
}
