// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 1662 framing with SSE4.1, PCLMULQDQ and POPCNT; see hdlc_simd.h.
 *
 * This object alone is compiled with -msse4.1 -mpclmul -mpopcnt (Kbuild
 * and the host Makefiles), and hdlc.c calls into it only after checking the
 * CPU and, in the kernel, inside kernel_fpu_begin()/kernel_fpu_end().  It
 * needs no compiler intrinsics header: GCC vector types and the
 * __builtin_ia32_* functions behind them are enough, and nothing here
 * passes a vector to or from another object.
 *
 * FCS: the data is folded 64 octets a step into four 128-bit remainders by
 * carry-less multiplication, those into one, a partial last block is folded
 * in with PSHUFB shifts, and Barrett reduction gives the FCS (the method of
 * Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ"; the
 * constants and the bit layout they assume are derived in
 * tests/gen_simd_tables.c).
 *
 * Escaping: 16 octets are compared at once for those to escape.  A block
 * with none is stored whole; otherwise each half goes through a PSHUFB that
 * spreads its octets out and puts 0x7d before those that need it, from a
 * table indexed by the half's 8-bit mask.  Unescaping compares for flags,
 * escapes and (under a receive ACCM) controls; escapes are dropped with the
 * inverse table and the octets after them XORed with 0x20, and the decoder
 * stops at flags and controls for the scalar code to handle.
 */
#include "hdlc_simd.h"
#include "hdlc_simd_tables.h"

/*
 * The element types are the kernel's; -flax-vector-conversions lets the
 * builtins, declared with vectors of long long and of plain char, take them.
 */
typedef s64 v2di __attribute__((vector_size(16)));
typedef u64 v2du __attribute__((vector_size(16)));
typedef s8 v16qi __attribute__((vector_size(16)));
typedef u8 v16qu __attribute__((vector_size(16)));
/* for loads and stores at any address */
typedef s64 v2di_u __attribute__((vector_size(16), may_alias)) __aligned(1);
typedef u64 u64_u __attribute__((may_alias)) __aligned(1);

#define ZERO		((v16qu) { 0 })

#ifndef __CHECKER__
/* a vector of two qwords (low, high), and one qword of a vector */
#define V2(lo, hi)	((v2di) { lo, hi })
#define QWORD(v, i)	((u64)((v2du)(v))[i])
#define clmul(a, b, imm)	((v2di)__builtin_ia32_pclmulqdq128(a, b, imm))
#define pshufb(t, idx)		((v16qu)__builtin_ia32_pshufb128((v16qi)(t), \
								 (v16qi)(idx)))
#define movemask(v)		((unsigned int)__builtin_ia32_pmovmskb128((v16qi)(v)))
/* lane j gets lane j - 1, lane 0 zero */
#define bytes_shl1(v)		__builtin_shufflevector(ZERO, v, 15, 16, 17, \
	18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30)
#define unpack_lo(a, b)		__builtin_shufflevector((v2di)(a), (v2di)(b), 0, 2)
#define unpack_hi(a, b)		__builtin_shufflevector((v2di)(a), (v2di)(b), 1, 3)
#else
/*
 * Sparse takes the vector types for their scalar element types and knows
 * none of the builtins: stand-ins of the same shape that it can check.
 */
#define V2(lo, hi)	((v2di)(lo) ^ (v2di)(hi))
#define QWORD(v, i)	((u64)(v) + (i))
#define clmul(a, b, imm)	((a) ^ (b))
#define pshufb(t, idx)		((t) ^ (idx))
#define movemask(v)		((unsigned int)(v))
#define bytes_shl1(v)		(v)
#define unpack_lo(a, b)		((v2di)(a) ^ (v2di)(b))
#define unpack_hi(a, b)		((v2di)(a) ^ (v2di)(b))
#endif

static __always_inline v16qu loadu(const u8 *p)
{
	return (v16qu)*(const v2di_u *)p;
}

static __always_inline v16qu load8(const u8 *p)
{
	return (v16qu)V2(*(const u64_u *)p, 0);
}

static __always_inline void storeu(u8 *p, v16qu v)
{
	*(v2di_u *)p = (v2di)v;
}

static __always_inline void store8(u8 *p, v16qu v)
{
	*(u64_u *)p = QWORD(v, 0);
}

/* ---- FCS ---- */

/* 128 bits of remainder carried 128 or 512 bits forward */
static __always_inline v2di fold(v2di x, v2di k)
{
	return clmul(x, k, 0x00) ^ clmul(x, k, 0x11);
}

/*
 * Sixteen 128s, 0..15, sixteen 128s.  The 16 octets at &shift_tab[16 - n],
 * as a PSHUFB control, move a block n lanes up (towards lane 15), those at
 * &shift_tab[16 + n] n lanes down; the lanes left empty get bit 7, which
 * PSHUFB turns into zeros.
 */
static const u8 shift_tab[48] __aligned(16) = {
	128, 128, 128, 128, 128, 128, 128, 128,
	128, 128, 128, 128, 128, 128, 128, 128,
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	128, 128, 128, 128, 128, 128, 128, 128,
	128, 128, 128, 128, 128, 128, 128, 128,
};

/*
 * The reflected CRC of width @w (16 or 32) with constants @kt, from @crc
 * over @len >= 16 octets.
 */
static __always_inline u32 crc_fold(const u64 *kt, unsigned int w, u32 crc,
				    const u8 *p, size_t len)
{
	const v2di k4 = *(const v2di *)&kt[0], k1 = *(const v2di *)&kt[2];
	const v2di kr = *(const v2di *)&kt[4], kb = *(const v2di *)&kt[6];
	v2di x0, q1, q2, r1, r2;

	/* the CRC so far goes into the first octets: x^(8 len) crc */
	x0 = (v2di)loadu(p) ^ V2(crc, 0);
	if (len >= 64) {
		v2di x1 = (v2di)loadu(p + 16), x2 = (v2di)loadu(p + 32);
		v2di x3 = (v2di)loadu(p + 48);

		for (p += 64, len -= 64; len >= 64; p += 64, len -= 64) {
			x0 = fold(x0, k4) ^ (v2di)loadu(p);
			x1 = fold(x1, k4) ^ (v2di)loadu(p + 16);
			x2 = fold(x2, k4) ^ (v2di)loadu(p + 32);
			x3 = fold(x3, k4) ^ (v2di)loadu(p + 48);
		}
		x0 = fold(x0, k1) ^ x1;
		x0 = fold(x0, k1) ^ x2;
		x0 = fold(x0, k1) ^ x3;
	} else {
		p += 16;
		len -= 16;
	}
	for (; len >= 16; p += 16, len -= 16)
		x0 = fold(x0, k1) ^ (v2di)loadu(p);
	if (len) {
		/*
		 * x0 followed by the last @len octets is x0's first @len
		 * octets times x^128 plus 16 octets: the rest of x0 and the
		 * tail, taken from the 16 octets that end the data.
		 */
		v16qu up = loadu(&shift_tab[len]);
		v16qu down = loadu(&shift_tab[16 + len]);
		v16qu tail = loadu(p + len - 16);
		v16qu low = pshufb(x0, down) | (tail & (v16qu)((v16qi)down < 0));

		x0 = fold((v2di)pshufb(x0, up), k1) ^ (v2di)low;
	}
	/*
	 * A x^w, A = H x^64 + L: H x^(64+w) + L x^w, now below x^(64+w);
	 * L x^w is the high qword shifted down w bits
	 */
	q1 = V2(0, QWORD(x0, 1));
	q1 = clmul(x0, kr, 0x00) ^
	     (v2di)pshufb(q1, loadu(&shift_tab[16 + w / 8]));
	/* the high qword (@63) is that below x^64 */
	q2 = clmul(q1, kr, 0x10) ^ q1;
	/* quotient floor(Q mu / x^64) in the low qword, @63 */
	r1 = clmul((v2di)((v2du)q2 << 1), kb, 0x01);
	/* q P, @126: its x^0..x^(w-1) in bits 62..63-w of the high qword */
	r2 = clmul(r1, kb, 0x10);
	return (QWORD(q2, 1) >> (64 - w) ^ QWORD(r2, 1) >> (63 - w)) &
	       (w == 32 ? 0xffffffffU : 0xffffU);
}

u16 pppk_simd_fcs16(u16 fcs, const u8 *buf, size_t len)
{
	return crc_fold(pppk_fcs16_k, 16, fcs, buf, len);
}

u32 pppk_simd_fcs32(u32 fcs, const u8 *buf, size_t len)
{
	return crc_fold(pppk_fcs32_k, 32, fcs, buf, len);
}

/* ---- escaping ---- */

/* lanes holding octets that @mode counts as controls (or mapped, MAP) */
static __always_inline v16qu ctl_lanes(v16qu v, unsigned int mode,
				       v16qu lo, v16qu hi)
{
	static const u8 bits[16] __aligned(16) = {
		1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
	};
	v16qu idx, byte, bit;

	if (mode == PPPK_SIMD_ESC_FLAGS)
		return ZERO;
	if (mode == PPPK_SIMD_ESC_CTL)
		return (v16qu)(v <= 0x1f);
	/*
	 * Octet c is bit c % 8 of map[c / 8]: PSHUFB looks map[0..15] up for
	 * c < 0x80 and map[16..31] for the rest (an index with bit 7 set
	 * gives zero), and the bit within it.
	 */
	idx = ((v >> 3) & 0x0f) | (v & 0x80);
	byte = pshufb(lo, idx) | pshufb(hi, idx ^ 0x80);
	bit = pshufb(*(const v16qu *)bits, v & 7);
	return (v16qu)((byte & bit) == bit);
}

/* Escape eight octets (lanes 0-7 of @x, XORed already; 0x7d in lane 8). */
static __always_inline u8 *expand(v16qu x, unsigned int m, u8 *o)
{
	storeu(o, pshufb(x, *(const v16qu *)pppk_esc_expand[m]));
	return o + 8 + __builtin_popcount(m);
}

static __always_inline u8 *escape(unsigned int mode, v16qu lo, v16qu hi,
				  const u8 **pp, const u8 *end, u8 *o,
				  const u8 *oend)
{
	const u8 *p = *pp;

	while (end - p >= 16 && oend - o >= 32) {
		v16qu v = loadu(p), e, x;
		unsigned int m;

		e = (v16qu)(v == PPPK_HDLC_FLAG) |
		    (v16qu)(v == PPPK_HDLC_ESC) |
		    ctl_lanes(v, mode, lo, hi);
		m = movemask(e);
		p += 16;
		if (!m) {
			storeu(o, v);
			o += 16;
			continue;
		}
		x = v ^ (e & PPPK_HDLC_TRANS);
		o = expand((v16qu)unpack_lo(x, ZERO + PPPK_HDLC_ESC), m & 0xff, o);
		o = expand((v16qu)unpack_hi(x, ZERO + PPPK_HDLC_ESC), m >> 8, o);
	}
	*pp = p;
	return o;
}

u8 *pppk_simd_escape(const u32 *xmap, u32 ctl, unsigned int mode,
		     const u8 **pp, const u8 *end, u8 *o, const u8 *oend)
{
	const u8 *map = (const u8 *)xmap;

	if (mode == PPPK_SIMD_ESC_FLAGS)
		return escape(PPPK_SIMD_ESC_FLAGS, ZERO, ZERO, pp, end, o, oend);
	if (mode == PPPK_SIMD_ESC_CTL)
		return escape(PPPK_SIMD_ESC_CTL, ZERO, ZERO, pp, end, o, oend);
	/* octets 0x00-0x1f are bits 0-31; escape() adds 0x7d and 0x7e */
	return escape(PPPK_SIMD_ESC_MAP, loadu(map) | (v16qu)V2(ctl, 0),
		      loadu(map + 16), pp, end, o, oend);
}

/* ---- unescaping ---- */

static __always_inline const u8 *unescape(struct pppk_hdlc_rx *rx,
					  unsigned int mode, v16qu lo,
					  const u8 *p, const u8 *end)
{
	u8 *o = rx->buf + rx->len, *olim = rx->buf + rx->limit;
	unsigned int esc = rx->esc, nesc = 0;

	while (end - p >= 16 && olim - o >= 16) {
		v16qu v = loadu(p), e = (v16qu)(v == PPPK_HDLC_ESC);
		unsigned int em = movemask(e), k = 16, stop;

		/* flags, controls to drop, and 0x7d after an escape */
		stop = movemask((v16qu)(v == PPPK_HDLC_FLAG) |
				ctl_lanes(v, mode, lo, ZERO));
		stop |= em & (em << 1 | esc);
		if (stop) {
			k = __builtin_ctz(stop);
			if (!k)
				break;
			em &= (1U << k) - 1;
		}
		if (!(em | esc)) {
			storeu(o, v);
		} else {
			unsigned int n = __builtin_popcount(em & 0xff);
			v16qu x, c;

			/* the octet after each escape, and the first if the
			 * last block ended in one
			 */
			x = v ^ ((bytes_shl1(e) & PPPK_HDLC_TRANS) |
				 (v16qu)V2(esc << 5, 0));
			c = load8(pppk_esc_compress[em & 0xff]);
			store8(o, pshufb(x, c));
			c = load8(pppk_esc_compress[em >> 8]) + 8;
			store8(o + 8 - n, pshufb(x, c));
			esc = em >> (k - 1) & 1;
			nesc += __builtin_popcount(em);
		}
		o += k - __builtin_popcount(em);
		p += k;
		if (k < 16)
			break;
	}
	rx->len = o - rx->buf;
	rx->esc = esc;
	rx->frame_esc += nesc;
	rx->stats.escaped += nesc;
	return p;
}

const u8 *pppk_simd_unescape(struct pppk_hdlc_rx *rx, const u8 *p,
			     const u8 *end)
{
	u32 accm = rx->accm;

	if (!accm)
		return unescape(rx, PPPK_SIMD_ESC_FLAGS, ZERO, p, end);
	if (accm == 0xffffffffU)
		return unescape(rx, PPPK_SIMD_ESC_CTL, ZERO, p, end);
	/* octets 0x00-0x1f are map[0..3]: the ACCM, least significant first */
	return unescape(rx, PPPK_SIMD_ESC_MAP, (v16qu)V2(accm, 0), p,
			end);
}
