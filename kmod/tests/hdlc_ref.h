/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A plain byte-at-a-time RFC 1662 encoder and decoder, the yardstick that
 * kmod/hdlc.c is tested, fuzzed and benchmarked against.  It shares no code
 * with hdlc.c: its FCS is the classic one-table loop (the table built here
 * from the polynomial), its escape decision reads the ACCM and extended map
 * directly and its decoder walks one octet at a time.  The rules it follows
 * are the same, including every counter, so the two must agree exactly.
 */
#ifndef _PPPK_HDLC_REF_H
#define _PPPK_HDLC_REF_H

#include "../hdlc.h"

/* CRC bit by bit, straight from the reflected polynomials. */
static inline u16 ref_fcs16_bits(u16 fcs, const u8 *p, size_t len)
{
	while (len--) {
		fcs ^= *p++;
		for (int i = 0; i < 8; i++)
			fcs = (fcs & 1) ? (fcs >> 1) ^ 0x8408 : fcs >> 1;
	}
	return fcs;
}

static inline u32 ref_fcs32_bits(u32 fcs, const u8 *p, size_t len)
{
	while (len--) {
		fcs ^= *p++;
		for (int i = 0; i < 8; i++)
			fcs = (fcs & 1) ? (fcs >> 1) ^ 0xedb88320 : fcs >> 1;
	}
	return fcs;
}

static u16 ref_t16[256];
static u32 ref_t32[256];

static inline void ref_init(void)
{
	for (int i = 0; i < 256; i++) {
		u8 b = i;

		ref_t16[i] = ref_fcs16_bits(0, &b, 1);
		ref_t32[i] = ref_fcs32_bits(0, &b, 1);
	}
}

static inline u16 ref_fcs16(u16 fcs, const u8 *p, size_t len)
{
	while (len--)
		fcs = (fcs >> 8) ^ ref_t16[(fcs ^ *p++) & 0xff];
	return fcs;
}

static inline u32 ref_fcs32(u32 fcs, const u8 *p, size_t len)
{
	while (len--)
		fcs = (fcs >> 8) ^ ref_t32[(fcs ^ *p++) & 0xff];
	return fcs;
}

struct ref_tx {
	u32 accm;
	u32 xmap[8];
	unsigned int flags;	/* PPPK_HDLC_TX_* */
};

static inline bool ref_must_escape(u8 c, u32 accm, const u32 *xmap)
{
	if (c == PPPK_HDLC_FLAG || c == PPPK_HDLC_ESC)
		return true;
	if (c < 0x20 && ((accm >> c) & 1))
		return true;
	/* escaped, these would read as controls or as the flag */
	if ((c >= 0x20 && c <= 0x3f) || c == 0x5e)
		return false;
	return (xmap[c / 32] >> (c % 32)) & 1;
}

static inline size_t ref_put(u8 *out, size_t o, u8 c, u32 accm,
			     const u32 *xmap)
{
	if (ref_must_escape(c, accm, xmap)) {
		out[o++] = 0x7d;
		out[o++] = c ^ 0x20;
	} else {
		out[o++] = c;
	}
	return o;
}

/*
 * Same contract as pppk_hdlc_encode(), the classic single loop: each octet
 * goes into the FCS and out, escaped if need be.  No bounds checks: size
 * @out yourself.
 */
static inline size_t ref_encode(const struct ref_tx *tx, u16 proto,
				const u8 *payload, size_t len, u8 *out,
				unsigned int flags)
{
	bool def = flags & PPPK_HDLC_ENC_DEFAULTS;
	unsigned int f = def ? 0 : tx->flags;
	u32 accm = def ? 0xffffffff : tx->accm;
	bool fcs32 = f & PPPK_HDLC_TX_FCS32;
	u32 fcs = fcs32 ? 0xffffffff : 0xffff;
	u8 raw[4];
	size_t n = 0, o = 0, i;

	if (!(f & PPPK_HDLC_TX_ACFC) || proto == PPPK_PROTO_LCP) {
		raw[n++] = 0xff;
		raw[n++] = 0x03;
	}
	if ((f & PPPK_HDLC_TX_PFC) && proto <= 0xff && (proto & 1)) {
		raw[n++] = proto;
	} else {
		raw[n++] = proto >> 8;
		raw[n++] = proto;
	}

	if (flags & PPPK_HDLC_ENC_FLAG)
		out[o++] = 0x7e;
	for (i = 0; i < n + len; i++) {
		u8 c = i < n ? raw[i] : payload[i - n];

		if (fcs32)
			fcs = (fcs >> 8) ^ ref_t32[(fcs ^ c) & 0xff];
		else
			fcs = (fcs >> 8) ^ ref_t16[(fcs ^ c) & 0xff];
		o = ref_put(out, o, c, accm, tx->xmap);
	}
	fcs = ~fcs;
	for (i = 0; i < (fcs32 ? 4u : 2u); i++)
		o = ref_put(out, o, fcs >> (8 * i), accm, tx->xmap);
	out[o++] = 0x7e;
	return o;
}

struct ref_rx {
	u32 accm, mru;
	bool fcs32;
	bool hunt, esc;
	u8 *buf;
	size_t size, len;
	struct pppk_hdlc_rx_stats stats;
	/* called for every good frame */
	void (*deliver)(void *ctx, u16 proto, const u8 *data, size_t len);
	void *ctx;
};

static inline void ref_rx_init(struct ref_rx *rx, u32 accm, u32 mru,
			       bool fcs32, u8 *buf, size_t size)
{
	memset(rx, 0, sizeof(*rx));
	rx->accm = accm;
	rx->mru = mru;
	rx->fcs32 = fcs32;
	rx->hunt = true;
	rx->buf = buf;
	rx->size = size;
}

static inline void ref_rx_end(struct ref_rx *rx)
{
	const u8 *b = rx->buf;
	size_t len = rx->len, fl;
	u16 proto;

	if (len == 0)
		return;
	if (len < (rx->fcs32 ? 6u : 4u)) {
		rx->stats.runts++;
		return;
	}
	if (rx->fcs32 && ref_fcs32(0xffffffff, b, len) == 0xdebb20e3) {
		fl = 4;
	} else if ((!rx->fcs32 || (len >= 7 && b[0] == 0xff && b[1] == 0x03 &&
				   b[2] == 0xc0 && b[3] == 0x21 &&
				   b[4] >= 1 && b[4] <= 7)) &&
		   ref_fcs16(0xffff, b, len) == 0xf0b8) {
		fl = 2;
	} else {
		rx->stats.bad_fcs++;
		return;
	}
	len -= fl;
	if (b[0] == 0xff) {
		if (len < 2 || b[1] != 0x03) {
			rx->stats.bad_header++;
			return;
		}
		b += 2;
		len -= 2;
	}
	if (len == 0) {
		rx->stats.runts++;
		return;
	}
	if (b[0] & 1) {
		proto = b[0];
		b++;
		len--;
	} else if (len < 2) {
		rx->stats.runts++;
		return;
	} else if (!(b[1] & 1)) {
		rx->stats.bad_header++;
		return;
	} else {
		proto = b[0] << 8 | b[1];
		b += 2;
		len -= 2;
	}
	if (len > rx->mru) {
		rx->stats.oversize++;
		return;
	}
	rx->stats.good++;
	if (rx->deliver)
		rx->deliver(rx->ctx, proto, b, len);
}

static inline void ref_rx_byte(struct ref_rx *rx, u8 c)
{
	size_t limit = rx->mru + 4 + (rx->fcs32 ? 4 : 2);

	if (limit > rx->size)
		limit = rx->size;
	if (rx->hunt) {
		if (c == 0x7e) {
			rx->hunt = false;
			rx->esc = false;
			rx->len = 0;
		}
		return;
	}
	if (c < 0x20 && ((rx->accm >> c) & 1)) {
		rx->stats.accm_discarded++;
		return;
	}
	if (c == 0x7e) {
		if (rx->esc)
			rx->stats.aborts++;
		else
			ref_rx_end(rx);
		rx->esc = false;
		rx->len = 0;
		return;
	}
	if (rx->esc) {
		rx->esc = false;
		c ^= 0x20;
	} else if (c == 0x7d) {
		rx->esc = true;
		rx->stats.escaped++;
		return;
	}
	if (rx->len >= limit) {
		rx->stats.oversize++;
		rx->hunt = true;
		return;
	}
	rx->buf[rx->len++] = c;
}

static inline void ref_decode(struct ref_rx *rx, const u8 *p, size_t len)
{
	while (len--)
		ref_rx_byte(rx, *p++);
}

#endif /* _PPPK_HDLC_REF_H */
