// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 1662 HDLC-like framing: FCS, octet-stuffing encoder, incremental
 * decoder.  See hdlc.h for the interface; this file also builds outside the
 * kernel for the tests, benchmark and fuzzers.
 *
 * There are two ways through each step, which give the same octets and
 * counters (the host tests and fuzzer run both against a byte-at-a-time
 * reference):
 *
 * SIMD (hdlc_simd.c, x86-64 with PCLMULQDQ, SSE4.1 and POPCNT).  The FCS is
 * folded 64 octets a step by carry-less multiplication; the encoder tests
 * 16 octets at once for those to escape and expands them with PSHUFB; the
 * decoder tests 16 at once for flags, escapes and ACCM controls, unescapes
 * with PSHUFB and leaves flags and controls to the scalar code.  Each
 * pppk_hdlc_encode(), pppk_hdlc_decode() or pppk_fcs16/32() call of at
 * least PPPK_HDLC_SIMD_MIN octets of input takes the FPU once
 * (pppk_simd_begin(): kernel_fpu_begin() if the CPU has the features and
 * irq_fpu_usable() says this context may), passes "simd" down to the
 * helpers and gives it back before returning.  Shorter calls, other CPUs
 * and contexts that may not use the FPU stay scalar.
 *
 * Scalar.  The FCS is computed 16 octets a step with the slicing tables in
 * hdlc_fcs_tables.h.  Octets that need escaping (or, on receive, flags,
 * escapes and ACCM characters) are found a word at a time: a 64-bit word is
 * tested for the bytes 0x7d and 0x7e and, when any control character
 * matters, for bytes below 0x20, and runs between such bytes are copied
 * whole.  Where escapes prove frequent (binary data under the default ACCM:
 * about one octet in eight), both directions switch to a branch-free loop
 * over single octets instead.
 */

#include "hdlc.h"
#include "hdlc_fcs_tables.h"
#include "hdlc_simd.h"

/* pppk_hdlc_tx.esc[] bits */
#define ESC_CFG		0x01
#define ESC_DEF		0x02

enum { RX_HUNT, RX_DATA };

static inline u32 load_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 load_le64(const u8 *p)
{
	return (u64)load_le32(p) | (u64)load_le32(p + 4) << 32;
}

/*
 * Slicing-by-16: fold the CRC into the first four octets, then look each of
 * the 16 octets up in the table for its distance from the end of the block.
 */
static inline u32 fcs16_block(const u16 (*t)[256], u32 crc, const u8 *buf)
{
	u32 w0 = load_le32(buf) ^ crc, w1 = load_le32(buf + 4);
	u32 w2 = load_le32(buf + 8), w3 = load_le32(buf + 12);

	return t[15][w0 & 0xff] ^ t[14][(w0 >> 8) & 0xff] ^
	       t[13][(w0 >> 16) & 0xff] ^ t[12][w0 >> 24] ^
	       t[11][w1 & 0xff] ^ t[10][(w1 >> 8) & 0xff] ^
	       t[9][(w1 >> 16) & 0xff] ^ t[8][w1 >> 24] ^
	       t[7][w2 & 0xff] ^ t[6][(w2 >> 8) & 0xff] ^
	       t[5][(w2 >> 16) & 0xff] ^ t[4][w2 >> 24] ^
	       t[3][w3 & 0xff] ^ t[2][(w3 >> 8) & 0xff] ^
	       t[1][(w3 >> 16) & 0xff] ^ t[0][w3 >> 24];
}

/* The same with the 32-bit tables. */
static inline u32 fcs32_block(const u32 (*t)[256], u32 crc, const u8 *buf)
{
	u32 w0 = load_le32(buf) ^ crc, w1 = load_le32(buf + 4);
	u32 w2 = load_le32(buf + 8), w3 = load_le32(buf + 12);

	return t[15][w0 & 0xff] ^ t[14][(w0 >> 8) & 0xff] ^
	       t[13][(w0 >> 16) & 0xff] ^ t[12][w0 >> 24] ^
	       t[11][w1 & 0xff] ^ t[10][(w1 >> 8) & 0xff] ^
	       t[9][(w1 >> 16) & 0xff] ^ t[8][w1 >> 24] ^
	       t[7][w2 & 0xff] ^ t[6][(w2 >> 8) & 0xff] ^
	       t[5][(w2 >> 16) & 0xff] ^ t[4][w2 >> 24] ^
	       t[3][w3 & 0xff] ^ t[2][(w3 >> 8) & 0xff] ^
	       t[1][(w3 >> 16) & 0xff] ^ t[0][w3 >> 24];
}

/* The FCS, by carry-less multiplication when @simd (the FPU is ours). */
static u16 fcs16(bool simd, u16 fcs, const u8 *buf, size_t len)
{
	const u16 (*t)[256] = pppk_fcs16_tab;
	u32 crc = fcs;

	if (simd && len >= PPPK_SIMD_FCS_MIN)
		return pppk_simd_fcs16(fcs, buf, len);
	for (; len >= 16; buf += 16, len -= 16)
		crc = fcs16_block(t, crc, buf);
	while (len--)
		crc = (crc >> 8) ^ t[0][(crc ^ *buf++) & 0xff];
	return crc;
}

static u32 fcs32(bool simd, u32 fcs, const u8 *buf, size_t len)
{
	const u32 (*t)[256] = pppk_fcs32_tab;
	u32 crc = fcs;

	if (simd && len >= PPPK_SIMD_FCS_MIN)
		return pppk_simd_fcs32(fcs, buf, len);
	for (; len >= 16; buf += 16, len -= 16)
		crc = fcs32_block(t, crc, buf);
	while (len--)
		crc = (crc >> 8) ^ t[0][(crc ^ *buf++) & 0xff];
	return crc;
}

u16 pppk_fcs16(u16 fcs, const u8 *buf, size_t len)
{
	bool simd = pppk_simd_begin(len);

	fcs = fcs16(simd, fcs, buf, len);
	if (simd)
		pppk_simd_end();
	return fcs;
}

u32 pppk_fcs32(u32 fcs, const u8 *buf, size_t len)
{
	bool simd = pppk_simd_begin(len);

	fcs = fcs32(simd, fcs, buf, len);
	if (simd)
		pppk_simd_end();
	return fcs;
}

/* ---- word-at-a-time search ---- */

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/*
 * High bit set in each byte of @v that is zero.  A borrow can also mark a
 * byte above a real zero, never below one, so the lowest mark is exact.
 */
static inline u64 zero_bytes(u64 v)
{
	return (v - ONES) & ~v & HIGHS;
}

/* The same for bytes below 0x20. */
static inline u64 ctl_bytes(u64 v)
{
	return (v - ONES * 0x20) & ~v & HIGHS;
}

/*
 * First octet in [@p, @end) that is 0x7e, or (with @esc) 0x7d, or (with
 * @ctl) below 0x20; @end if none.  Callers decide whether a control octet
 * matters.
 */
static inline u64 special_bytes(u64 w, bool esc, bool ctl)
{
	u64 m = zero_bytes(w ^ (ONES * PPPK_HDLC_FLAG));

	if (esc)
		m |= zero_bytes(w ^ (ONES * PPPK_HDLC_ESC));
	if (ctl)
		m |= ctl_bytes(w);
	return m;
}

static inline const u8 *scan_for(const u8 *p, const u8 *end, bool esc,
				 bool ctl)
{
	while (end - p >= 16) {
		u64 m0 = special_bytes(load_le64(p), esc, ctl);
		u64 m1 = special_bytes(load_le64(p + 8), esc, ctl);

		if (m0 | m1) {
			if (m0)
				return p + (__builtin_ctzll(m0) >> 3);
			return p + 8 + (__builtin_ctzll(m1) >> 3);
		}
		p += 16;
	}
	if (end - p >= 8) {
		u64 m = special_bytes(load_le64(p), esc, ctl);

		if (m)
			return p + (__builtin_ctzll(m) >> 3);
		p += 8;
	}
	for (; p < end; p++)
		if (*p == PPPK_HDLC_FLAG || (esc && *p == PPPK_HDLC_ESC) ||
		    (ctl && *p < 0x20))
			break;
	return p;
}

static const u8 *scan(const u8 *p, const u8 *end, bool ctl)
{
	return scan_for(p, end, true, ctl);
}

/* ---- transmit ---- */

void pppk_hdlc_tx_config(struct pppk_hdlc_tx *tx, u32 accm, const u32 *xmap,
			 unsigned int flags)
{
	unsigned int c;
	int i;

	tx->accm = accm;
	tx->flags = flags;
	for (i = 0; i < 8; i++)
		tx->xmap[i] = xmap ? xmap[i] : 0;
	/*
	 * Escaped, 0x20-0x3f would travel as controls that a receiver may
	 * strip as DCE noise before unescaping, and 0x5e as a flag ending the
	 * frame: those cannot be escaped (pppd refuses them too).
	 */
	tx->xmap[1] = 0;
	tx->xmap[2] &= ~(1U << (0x5e & 31));
	tx->xmap_high = false;
	tx->ctl = false;
	for (c = 0; c < 256; c++) {
		bool x = (tx->xmap[c >> 5] >> (c & 31)) & 1;
		u8 e = 0;

		if (c == PPPK_HDLC_FLAG || c == PPPK_HDLC_ESC) {
			e = ESC_CFG | ESC_DEF;
		} else if (c < 0x20) {
			e = ESC_DEF;
			if (x || ((accm >> c) & 1)) {
				e |= ESC_CFG;
				tx->ctl = true;
			}
		} else if (x) {
			e = ESC_CFG | ESC_DEF;
			tx->xmap_high = true;
		}
		tx->esc[c] = e;
	}
}

void pppk_hdlc_tx_init(struct pppk_hdlc_tx *tx)
{
	pppk_hdlc_tx_config(tx, PPPK_HDLC_DEFAULT_ACCM, NULL, 0);
}

bool pppk_hdlc_needs_defaults(u16 proto, u8 code)
{
	return proto == PPPK_PROTO_LCP && code >= 1 && code <= 7;
}

/* Next octet in [@p, @end) that @mask says to escape; @end if none. */
static const u8 *tx_next(const struct pppk_hdlc_tx *tx, u8 mask, bool ctl,
			 const u8 *p, const u8 *end)
{
	if (tx->xmap_high) {
		while (p < end && !(tx->esc[*p] & mask))
			p++;
		return p;
	}
	for (;;) {
		p = scan(p, end, ctl);
		if (p == end || (tx->esc[*p] & mask))
			return p;
		p++;
	}
}

/*
 * Escape octet by octet without branches, for data where escapes are
 * common.  The caller checked there is room for 2 * (@end - @p) octets.
 */
static u8 *tx_put_dense(const struct pppk_hdlc_tx *tx, u8 mask,
			const u8 *p, const u8 *end, u8 *o)
{
	unsigned int shift = mask == ESC_DEF;

	while (p < end) {
		unsigned int c = *p++;
		unsigned int e = (tx->esc[c] >> shift) & 1;

		o[0] = PPPK_HDLC_ESC;
		o[e] = c ^ (e << 5);	/* overwrites o[0] when not escaped */
		o += 1 + e;
	}
	return o;
}

/*
 * Copy @len octets escaped; NULL when they do not fit before @oend.  Runs
 * between escapes are copied whole; once escapes prove frequent (more than
 * one in 16 octets after the first 32) the rest goes octet by octet.
 */
static u8 *tx_put(const struct pppk_hdlc_tx *tx, u8 mask, bool ctl,
		  const u8 *p, size_t len, u8 *o, const u8 *oend)
{
	const u8 *start = p, *end = p + len;
	size_t nesc = 0;

	while (p < end) {
		const u8 *q;
		size_t n;

		if (p - start >= 32 && nesc * 16 > (size_t)(p - start) &&
		    (size_t)(oend - o) / 2 >= (size_t)(end - p))
			return tx_put_dense(tx, mask, p, end, o);
		q = tx_next(tx, mask, ctl, p, end);
		n = q - p;
		if (n > (size_t)(oend - o))
			return NULL;
		memcpy(o, p, n);
		o += n;
		if (q == end)
			break;
		if (oend - o < 2)
			return NULL;
		*o++ = PPPK_HDLC_ESC;
		*o++ = *q ^ PPPK_HDLC_TRANS;
		p = q + 1;
		nesc++;
	}
	return o;
}

/* tx_put() with the SIMD code taking whole blocks first. */
static u8 *tx_put_simd(const struct pppk_hdlc_tx *tx, u8 mask, bool ctl,
		       const u8 *p, size_t len, u8 *o, const u8 *oend)
{
	/* controls escaped: those in the ACCM or the map, or all */
	u32 ctlmap = mask == ESC_DEF ? 0xffffffffU : tx->accm | tx->xmap[0];
	const u8 *end = p + len;
	unsigned int mode;

	if (tx->xmap_high || (ctlmap && ctlmap != 0xffffffffU))
		mode = PPPK_SIMD_ESC_MAP;
	else
		mode = ctlmap ? PPPK_SIMD_ESC_CTL : PPPK_SIMD_ESC_FLAGS;
	o = pppk_simd_escape(tx->xmap, ctlmap, mode, &p, end, o, oend);
	return tx_put(tx, mask, ctl, p, end - p, o, oend);
}

enum { ENC_HEAD, ENC_BODY, ENC_TAIL, ENC_DONE };

/*
 * Set @e up to frame @payload as @flags and the options (or the defaults)
 * say: the header [ff 03] protocol, the FCS over it and @payload, and the
 * escape map to use.
 */
static void enc_init(const struct pppk_hdlc_tx *tx, u16 proto,
		     const u8 *payload, size_t len, unsigned int flags,
		     bool simd, struct pppk_hdlc_enc *e)
{
	bool def = flags & PPPK_HDLC_ENC_DEFAULTS;
	unsigned int txf = def ? 0 : tx->flags;
	u8 *hdr = e->hdr, *trl = e->trl;
	u8 n = 0;

	if (!(txf & PPPK_HDLC_TX_ACFC) || proto == PPPK_PROTO_LCP) {
		hdr[n++] = PPPK_HDLC_ADDR;
		hdr[n++] = PPPK_HDLC_CTRL;
	}
	if ((txf & PPPK_HDLC_TX_PFC) && proto < 0x100 && (proto & 1)) {
		hdr[n++] = proto;
	} else {
		hdr[n++] = proto >> 8;
		hdr[n++] = proto & 0xff;
	}
	e->h = n;

	if (txf & PPPK_HDLC_TX_FCS32) {
		u32 fcs = fcs32(false, PPPK_FCS32_INIT, hdr, n);

		if (len)
			fcs = fcs32(simd, fcs, payload, len);
		fcs = ~fcs;
		trl[0] = fcs;
		trl[1] = fcs >> 8;
		trl[2] = fcs >> 16;
		trl[3] = fcs >> 24;
		e->t = 4;
	} else {
		u16 fcs = fcs16(false, PPPK_FCS16_INIT, hdr, n);

		if (len)
			fcs = fcs16(simd, fcs, payload, len);
		fcs = ~fcs;
		trl[0] = fcs;
		trl[1] = fcs >> 8;
		e->t = 2;
	}

	e->payload = payload;
	e->len = len;
	e->pos = 0;
	e->mask = def ? ESC_DEF : ESC_CFG;
	e->ctl = def || tx->ctl;
	e->flag = flags & PPPK_HDLC_ENC_FLAG;
	e->stage = ENC_HEAD;
}

size_t pppk_hdlc_encode(const struct pppk_hdlc_tx *tx, u16 proto,
			const u8 *payload, size_t len,
			u8 *out, size_t size, unsigned int flags)
{
	bool simd = pppk_simd_begin(len);
	const u8 *oend = out + size;
	struct pppk_hdlc_enc e;
	u8 *o = out;

	enc_init(tx, proto, payload, len, flags, simd, &e);
	if (e.flag) {
		if (o < oend)
			*o++ = PPPK_HDLC_FLAG;
		else
			o = NULL;
	}
	if (o)
		o = tx_put(tx, e.mask, e.ctl, e.hdr, e.h, o, oend);
	if (o && len)
		o = simd ? tx_put_simd(tx, e.mask, e.ctl, payload, len, o, oend) :
			   tx_put(tx, e.mask, e.ctl, payload, len, o, oend);
	if (simd)
		pppk_simd_end();
	if (o)
		o = tx_put(tx, e.mask, e.ctl, e.trl, e.t, o, oend);
	if (!o || o == oend)
		return 0;
	*o++ = PPPK_HDLC_FLAG;
	return o - out;
}

void pppk_hdlc_enc_start(const struct pppk_hdlc_tx *tx, u16 proto,
			 const u8 *payload, size_t len, unsigned int flags,
			 struct pppk_hdlc_enc *e)
{
	bool simd = pppk_simd_begin(len);

	enc_init(tx, proto, payload, len, flags, simd, e);
	if (simd)
		pppk_simd_end();
}

/*
 * Every piece is sized so that it fits even if each of its octets needs
 * escaping: tx_put() then never runs out of room.
 */
size_t pppk_hdlc_enc_more(const struct pppk_hdlc_tx *tx,
			  struct pppk_hdlc_enc *e, u8 *out, size_t size)
{
	const u8 *oend = out + size;
	u8 *o = out;

	if (size < PPPK_HDLC_ENC_ROOM)
		return 0;
	if (e->stage == ENC_HEAD) {
		if (e->flag)
			*o++ = PPPK_HDLC_FLAG;
		o = tx_put(tx, e->mask, e->ctl, e->hdr, e->h, o, oend);
		e->stage = ENC_BODY;
	}
	if (e->stage == ENC_BODY) {
		size_t n = e->len - e->pos, room = (oend - o) / 2;

		if (n > room)
			n = room;
		if (n) {
			const u8 *p = e->payload + e->pos;
			bool simd = pppk_simd_begin(n);

			o = simd ? tx_put_simd(tx, e->mask, e->ctl, p, n, o, oend) :
				   tx_put(tx, e->mask, e->ctl, p, n, o, oend);
			if (simd)
				pppk_simd_end();
			e->pos += n;
		}
		if (e->pos == e->len)
			e->stage = ENC_TAIL;
	}
	if (e->stage == ENC_TAIL && (size_t)(oend - o) >= 2u * e->t + 1) {
		o = tx_put(tx, e->mask, e->ctl, e->trl, e->t, o, oend);
		*o++ = PPPK_HDLC_FLAG;
		e->stage = ENC_DONE;
	}
	return o - out;
}

bool pppk_hdlc_enc_done(const struct pppk_hdlc_enc *e)
{
	return e->stage == ENC_DONE;
}

/* ---- receive ---- */

static void rx_set_limit(struct pppk_hdlc_rx *rx)
{
	size_t max = (size_t)rx->mru + PPPK_HDLC_HDR_MAX + (rx->fcs32 ? 4 : 2);

	rx->limit = rx->size < max ? rx->size : max;
}

void pppk_hdlc_rx_config(struct pppk_hdlc_rx *rx, u32 accm, u32 mru,
			 bool fcs32)
{
	rx->accm = accm;
	rx->mru = mru;
	rx->fcs32 = fcs32;
	rx_set_limit(rx);
}

void pppk_hdlc_rx_init(struct pppk_hdlc_rx *rx, u32 mru)
{
	memset(rx, 0, sizeof(*rx));
	rx->state = RX_HUNT;
	pppk_hdlc_rx_config(rx, PPPK_HDLC_DEFAULT_ACCM, mru, false);
}

void pppk_hdlc_rx_set_buf(struct pppk_hdlc_rx *rx, u8 *buf, size_t size)
{
	/* a frame already under way had its start in the old buffer */
	if (rx->len)
		rx->state = RX_HUNT;
	rx->buf = buf;
	rx->size = buf ? size : 0;
	rx->len = 0;
	rx_set_limit(rx);
}

/* A flag was seen: the next octet starts a frame. */
static void rx_start(struct pppk_hdlc_rx *rx)
{
	/* judge how to unescape the next frame by this one */
	if (rx->len >= 32)
		rx->dense = rx->frame_esc * 16 > rx->len;
	rx->state = RX_DATA;
	rx->esc = false;
	rx->len = 0;
	rx->frame_esc = 0;
}

/*
 * Unescape [@p, @end), which holds no flag and no octet to discard, octet by
 * octet without branches; for frames where escapes are common.  The caller
 * checked that @end - @p octets fit.
 */
static void rx_put_dense(struct pppk_hdlc_rx *rx, const u8 *p, const u8 *end)
{
	unsigned int esc = rx->esc;
	u8 *o = rx->buf + rx->len;
	u32 nesc = 0;

	while (p < end) {
		unsigned int c = *p++;
		unsigned int e = (c == PPPK_HDLC_ESC) & (esc ^ 1);

		/* an escape octet is written but not kept */
		*o = c ^ (esc << 5);
		o += !e;
		nesc += e;
		esc = e;
	}
	rx->esc = esc;
	rx->len = o - rx->buf;
	rx->frame_esc += nesc;
	rx->stats.escaped += nesc;
}

/* Append to the frame; false (and hunting for a flag) if it cannot. */
static bool rx_put(struct pppk_hdlc_rx *rx, const u8 *p, size_t n)
{
	if (!rx->buf) {
		rx->stats.no_buffer++;
		rx->state = RX_HUNT;
		return false;
	}
	if (rx->len > rx->limit || n > rx->limit - rx->len) {
		rx->stats.oversize++;
		rx->state = RX_HUNT;
		return false;
	}
	memcpy(rx->buf + rx->len, p, n);
	rx->len += n;
	return true;
}

/* LCP code 1-7 with the full header, as sent under the link defaults. */
static bool rx_is_default_lcp(const u8 *b, size_t len)
{
	return len >= 5 && b[0] == PPPK_HDLC_ADDR && b[1] == PPPK_HDLC_CTRL &&
	       pppk_hdlc_needs_defaults(b[2] << 8 | b[3], b[4]);
}

/* Check the FCS of @len octets; on success *@fcs_len is its size. */
static bool rx_fcs_ok(const struct pppk_hdlc_rx *rx, bool simd, const u8 *b,
		      size_t len, size_t *fcs_len)
{
	*fcs_len = 2;
	if (!rx->fcs32)
		return fcs16(simd, PPPK_FCS16_INIT, b, len) == PPPK_FCS16_GOOD;
	if (fcs32(simd, PPPK_FCS32_INIT, b, len) == PPPK_FCS32_GOOD) {
		*fcs_len = 4;
		return true;
	}
	return rx_is_default_lcp(b, len - 2) &&
	       fcs16(simd, PPPK_FCS16_INIT, b, len) == PPPK_FCS16_GOOD;
}

/* The closing flag of a frame: validate it and fill @f if it is good. */
static bool rx_end(struct pppk_hdlc_rx *rx, bool simd,
		   struct pppk_hdlc_frame *f)
{
	size_t len = rx->len, hdr = 0, fcs_len;
	u8 *b = rx->buf;
	u16 proto;

	if (!len)
		return false;		/* back-to-back flags */
	/* RFC 1662 4.3: fewer than 4 octets with FCS-16 (6 with FCS-32) */
	if (len < (rx->fcs32 ? 6 : 4)) {
		rx->stats.runts++;
		return false;
	}
	if (!rx_fcs_ok(rx, simd, b, len, &fcs_len)) {
		rx->stats.bad_fcs++;
		return false;
	}
	len -= fcs_len;
	if (b[0] == PPPK_HDLC_ADDR) {
		if (len < 2 || b[1] != PPPK_HDLC_CTRL) {
			rx->stats.bad_header++;
			return false;
		}
		hdr = 2;
	}
	if (len - hdr < 1 || (!(b[hdr] & 1) && len - hdr < 2)) {
		rx->stats.runts++;
		return false;
	}
	proto = b[hdr++];
	if (!(proto & 1)) {
		if (!(b[hdr] & 1)) {
			rx->stats.bad_header++;
			return false;
		}
		proto = proto << 8 | b[hdr++];
	}
	if (len - hdr > rx->mru) {
		rx->stats.oversize++;
		return false;
	}
	rx->stats.good++;
	f->buf = b;
	f->data = b + hdr;
	f->len = len - hdr;
	f->offset = hdr;
	f->proto = proto;
	/* the buffer is the caller's now */
	rx->buf = NULL;
	rx->size = 0;
	rx->limit = 0;
	return true;
}

bool pppk_hdlc_decode(struct pppk_hdlc_rx *rx, const u8 **pos, const u8 *end,
		      struct pppk_hdlc_frame *f)
{
	bool simd = pppk_simd_begin(end - *pos);
	bool ctl = rx->accm != 0, good = false;
	const u8 *p = *pos;

	while (p < end) {
		const u8 *q;
		u8 c;

		if (rx->state == RX_HUNT) {
			q = memchr(p, PPPK_HDLC_FLAG, end - p);
			if (!q) {
				p = end;
				break;
			}
			p = q + 1;
			rx_start(rx);
			continue;
		}
		if (simd && rx->buf && rx->len <= rx->limit) {
			/* whole blocks; what stops it is the code below's */
			q = pppk_simd_unescape(rx, p, end);
			if (q != p) {
				p = q;
				continue;
			}
		}
		if (rx->dense && rx->buf && rx->len <= rx->limit) {
			/* up to what fits; the slow path reports oversize */
			size_t room = rx->limit - rx->len;

			q = scan_for(p, (size_t)(end - p) > room ? p + room : end,
				     false, ctl);
			if (q != p) {
				rx_put_dense(rx, p, q);
				p = q;
				continue;
			}
		} else if (!rx->esc) {
			q = scan(p, end, ctl);
			if (q != p) {
				rx_put(rx, p, q - p);
				p = q;
				continue;
			}
		}
		c = *p++;
		if (c < 0x20 && ((rx->accm >> c) & 1)) {
			/* RFC 1662 4.2: inserted by the DCE, simply removed */
			rx->stats.accm_discarded++;
			continue;
		}
		if (c == PPPK_HDLC_FLAG) {
			good = !rx->esc && rx_end(rx, simd, f);
			if (rx->esc)
				rx->stats.aborts++;
			rx_start(rx);
			if (good)
				break;
			continue;
		}
		if (rx->esc) {
			rx->esc = false;
			c ^= PPPK_HDLC_TRANS;
		} else if (c == PPPK_HDLC_ESC) {
			rx->esc = true;
			rx->stats.escaped++;
			rx->frame_esc++;
			continue;
		}
		rx_put(rx, &c, 1);
	}
	if (simd)
		pppk_simd_end();
	*pos = p;
	return good;
}
