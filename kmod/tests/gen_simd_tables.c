// SPDX-License-Identifier: GPL-2.0
/*
 * Generates kmod/hdlc_simd_tables.h: the carry-less multiply (PCLMULQDQ)
 * folding constants for the RFC 1662 FCS-16 and FCS-32, and the PSHUFB
 * tables that escape and unescape eight octets at a time.  Run
 * "make -C kmod/tests tables" after changing this.
 *
 * Polynomials over GF(2) are held here the plain way (bit i is the
 * coefficient of x^i).  The FCS is bit-reflected: the first octet's bit 0 is
 * the highest power.  So sixteen octets loaded little-endian into an XMM
 * register hold a polynomial with the coefficient of x^i in bit 127 - i.
 * Call such a layout "@127", and in general "@c": bit j holds x^(c - j).
 * A carry-less multiply of a 64-bit @a by a 64-bit @b gives the 128-bit
 * product @(a + b); every constant below is @63, that is the plain value
 * bit-reversed in 64 bits (x^0 in bit 63), so that multiplying data @63 by
 * it gives @126, which is the product times x when read @127.  Each
 * constant therefore carries one power of x less than the step needs:
 *
 *   fold by 4 (512 bits):  A(x) x^512 = H x^576 + L x^512, with A = H x^64 + L
 *                          -> x^575 mod P for H (low qword), x^511 for L
 *   fold by 1 (128 bits):  x^191 mod P for H, x^127 mod P for L
 *   128 -> 64+w bits:      A x^w = H x^(64+w) + L x^w -> x^(63+w) mod P
 *   64+w -> 64 bits:       Q = H1 x^64 + L1 -> x^63 mod P
 *   Barrett, 64 -> w bits: mu = floor(x^64 / P) and P itself
 *
 * (w is the FCS width, P the polynomial of degree w.)  The Barrett step is
 * exact for any dividend of degree below 64: q = floor(Q mu / x^64) equals
 * floor(Q / P), and Q + q P is the remainder.
 *
 * Escaping expands eight octets to at most sixteen: entry m of the expand
 * table is a PSHUFB control that copies octet j of the source to the output
 * and, where bit j of m is set, puts source octet 8 (which holds 0x7d) in
 * front of it.  Unescaping is the reverse: entry m of the compress table
 * lists the octets whose bit in m is clear, dropping the escapes.  Unused
 * lanes are 0x80 (128), which PSHUFB fills with zero.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* x^n mod P, P of degree w given with its x^w term */
static uint64_t xpow_mod(unsigned int n, uint64_t p, unsigned int w)
{
	uint64_t r = 1;

	while (n--) {
		r <<= 1;
		if (r >> w & 1)
			r ^= p;
	}
	return r;
}

/* floor(x^64 / P) by long division */
static uint64_t barrett_mu(uint64_t p, unsigned int w)
{
	unsigned __int128 rem = (unsigned __int128)1 << 64;
	uint64_t q = 0;
	int i;

	for (i = 64; i >= (int)w; i--) {
		if ((uint64_t)(rem >> i) & 1) {
			q |= 1ULL << (i - w);
			rem ^= (unsigned __int128)p << (i - w);
		}
	}
	return q;
}

static uint64_t rev64(uint64_t v)
{
	uint64_t r = 0;
	int i;

	for (i = 0; i < 64; i++)
		if (v >> i & 1)
			r |= 1ULL << (63 - i);
	return r;
}

static void emit_consts(FILE *f, const char *name, const char *what,
			uint64_t p, unsigned int w)
{
	const struct {
		int pow;		/* x^pow mod P; -1 mu, -2 P */
		const char *use;
	} k[8] = {
		{ 575, "fold by 4, low qword" },
		{ 511, "fold by 4, high qword" },
		{ 191, "fold by 1, low qword" },
		{ 127, "fold by 1, high qword" },
		{ 63 + w, "128 -> 64+w bits" },
		{ 63, "64+w -> 64 bits" },
		{ -1, "Barrett: floor(x^64 / P)" },
		{ -2, "Barrett: P" },
	};
	int i;

	fprintf(f, "/* %s, P = 0x%llx: constants @63, see the generator */\n",
		what, (unsigned long long)p);
	fprintf(f, "static const u64 %s[8] __aligned(16) = {\n", name);
	for (i = 0; i < 8; i++) {
		uint64_t v = k[i].pow >= 0 ? xpow_mod(k[i].pow, p, w) :
			     k[i].pow == -1 ? barrett_mu(p, w) : p;

		if (k[i].pow >= 0)
			fprintf(f, "\t0x%016llxULL,\t/* x^%d mod P: %s */\n",
				(unsigned long long)rev64(v), k[i].pow,
				k[i].use);
		else
			fprintf(f, "\t0x%016llxULL,\t/* %s */\n",
				(unsigned long long)rev64(v), k[i].use);
	}
	fprintf(f, "};\n\n");
}

static void emit_shuffles(FILE *f)
{
	int m, j, k;

	fprintf(f, "/* escape: PSHUFB controls over 8 octets + 0x7d in lane 8 */\n");
	fprintf(f, "static const u8 pppk_esc_expand[256][16] __aligned(16) = {\n");
	for (m = 0; m < 256; m++) {
		int e[16];

		for (k = 0; k < 16; k++)
			e[k] = 0x80;
		for (j = 0, k = 0; j < 8; j++) {
			if (m >> j & 1)
				e[k++] = 8;
			e[k++] = j;
		}
		fprintf(f, "\t{");
		for (k = 0; k < 16; k++)
			fprintf(f, " %d%s", e[k], k < 15 ? "," : "");
		fprintf(f, " },\n");
	}
	fprintf(f, "};\n\n");

	fprintf(f, "/* unescape: PSHUFB controls keeping the octets not in m */\n");
	fprintf(f, "static const u8 pppk_esc_compress[256][8] __aligned(8) = {\n");
	for (m = 0; m < 256; m++) {
		int e[8];

		for (k = 0; k < 8; k++)
			e[k] = 0x80;
		for (j = 0, k = 0; j < 8; j++)
			if (!(m >> j & 1))
				e[k++] = j;
		fprintf(f, "\t{");
		for (k = 0; k < 8; k++)
			fprintf(f, " %d%s", e[k], k < 7 ? "," : "");
		fprintf(f, " },\n");
	}
	fprintf(f, "};\n");
}

int main(int argc, char **argv)
{
	FILE *f = stdout;

	if (argc > 1) {
		f = fopen(argv[1], "w");
		if (!f) {
			perror(argv[1]);
			return 1;
		}
	}
	fprintf(f, "/* SPDX-License-Identifier: GPL-2.0 */\n");
	fprintf(f, "/*\n * Generated by kmod/tests/gen_simd_tables.c; do not edit.\n");
	fprintf(f, " * PCLMULQDQ folding constants for the RFC 1662 FCS-16 and FCS-32,\n");
	fprintf(f, " * and the PSHUFB tables for escaping and unescaping.\n */\n");
	fprintf(f, "#ifndef _PPPK_HDLC_SIMD_TABLES_H\n#define _PPPK_HDLC_SIMD_TABLES_H\n\n");
	/* x^16 + x^12 + x^5 + 1 and the Ethernet CRC-32 polynomial */
	emit_consts(f, "pppk_fcs16_k", "FCS-16", 0x11021, 16);
	emit_consts(f, "pppk_fcs32_k", "FCS-32", 0x104c11db7ULL, 32);
	emit_shuffles(f);
	fprintf(f, "\n#endif /* _PPPK_HDLC_SIMD_TABLES_H */\n");
	if (f != stdout && fclose(f)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
