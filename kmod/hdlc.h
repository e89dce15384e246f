/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 1662 HDLC-like framing for PPP over asynchronous links: FCS-16 and
 * FCS-32, the octet-stuffing encoder and an incremental decoder.
 *
 * This file and hdlc.c build both into pppk.ko and into the userspace tests,
 * benchmark and fuzzers, so they use nothing but fixed-width types, bool,
 * size_t, memcpy() and memchr(); kmod/tests/kcompat.h provides those outside
 * the kernel.  Nothing here allocates or locks: callers own every buffer and
 * serialise calls on one struct.
 */
#ifndef _PPPK_HDLC_H
#define _PPPK_HDLC_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
#include "tests/kcompat.h"
#endif

#define PPPK_HDLC_FLAG		0x7e	/* Flag Sequence */
#define PPPK_HDLC_ESC		0x7d	/* Control Escape */
#define PPPK_HDLC_TRANS		0x20	/* XORed into an escaped octet */
#define PPPK_HDLC_ADDR		0xff	/* All-Stations address */
#define PPPK_HDLC_CTRL		0x03	/* Unnumbered Information */

#define PPPK_HDLC_DEFAULT_ACCM	0xffffffffU
#define PPPK_PROTO_LCP		0xc021

#define PPPK_FCS16_INIT		0xffffU
#define PPPK_FCS16_GOOD		0xf0b8U	/* residue over data and FCS */
#define PPPK_FCS32_INIT		0xffffffffU
#define PPPK_FCS32_GOOD		0xdebb20e3U

/* Address + Control + two-octet Protocol, the longest header. */
#define PPPK_HDLC_HDR_MAX	4
#define PPPK_HDLC_FCS_MAX	4

/*
 * Update an FCS with @len octets (RFC 1662 appendix C, computed by
 * carry-less multiplication where the CPU can, else a slice of 16 octets at
 * a time).  Start from PPPK_FCS16_INIT / PPPK_FCS32_INIT; the
 * transmitted FCS is the ones' complement of the result, least significant
 * octet first, and a frame checked over its FCS as well leaves
 * PPPK_FCS16_GOOD / PPPK_FCS32_GOOD.
 */
u16 pppk_fcs16(u16 fcs, const u8 *buf, size_t len);
u32 pppk_fcs32(u32 fcs, const u8 *buf, size_t len);

/* ---- transmit ---- */

/* pppk_hdlc_tx_config() flags */
#define PPPK_HDLC_TX_ACFC	0x01	/* omit Address/Control (peer acked ACFC) */
#define PPPK_HDLC_TX_PFC	0x02	/* one-octet Protocol when possible */
#define PPPK_HDLC_TX_FCS32	0x04	/* 32-bit FCS instead of 16-bit */

/* pppk_hdlc_encode() flags */
#define PPPK_HDLC_ENC_FLAG	0x01	/* emit an opening flag too */
#define PPPK_HDLC_ENC_DEFAULTS	0x02	/* ACCM 0xffffffff, full header, FCS-16 */

struct pppk_hdlc_tx {
	u32 accm;		/* peer's ACCM for octets 0x00-0x1f */
	u32 xmap[8];		/* extended map: octet c is bit c%32 of [c/32] */
	u8 flags;		/* PPPK_HDLC_TX_* */
	bool xmap_high;		/* escapes octets other than 0x00-0x1f,0x7d,0x7e */
	bool ctl;		/* escapes some octet below 0x20 */
	/* bit 0: escape under the configured map; bit 1: under the defaults */
	u8 esc[256];
};

/*
 * Link defaults, the state until LCP is Opened: ACCM 0xffffffff, no ACFC, no
 * PFC, FCS-16, empty extended map.
 */
void pppk_hdlc_tx_init(struct pppk_hdlc_tx *tx);

/*
 * Set the negotiated transmit options.  @xmap (may be NULL) is a 256-bit map
 * of further octets to escape (pppd's "escape" option); 0x7d and 0x7e are
 * always escaped whatever the maps say, and 0x20-0x3f and 0x5e never, as
 * their escaped forms are controls and the flag.
 */
void pppk_hdlc_tx_config(struct pppk_hdlc_tx *tx, u32 accm, const u32 *xmap,
			 unsigned int flags);

/*
 * True when a packet must go out with the link defaults whatever was
 * negotiated: LCP codes 1-7 (Configure-*, Terminate-*, Code-Reject), RFC 1661
 * section 6.  @code is the packet's first octet.  Pass
 * PPPK_HDLC_ENC_DEFAULTS to pppk_hdlc_encode() when it returns true.
 */
bool pppk_hdlc_needs_defaults(u16 proto, u8 code);

/* Most octets pppk_hdlc_encode() can write for @len octets of payload. */
static inline size_t pppk_hdlc_max_encoded(size_t len)
{
	/* two flags, every octet escaped */
	return 2 + 2 * (PPPK_HDLC_HDR_MAX + len + PPPK_HDLC_FCS_MAX);
}

/*
 * Frame and escape one packet: [flag] [ff 03] protocol payload FCS flag.
 * LCP (0xc021) always carries Address/Control.  PPPK_HDLC_ENC_DEFAULTS
 * ignores the configured ACCM, ACFC, PFC and FCS-32 but not the extended
 * map.  Returns the number of octets of the frame written to @out, or 0 if
 * they do not fit in @size (a buffer of pppk_hdlc_max_encoded(@len) always
 * suffices).  Octets of @out past the frame, up to @size, may be
 * overwritten: whole blocks are stored while there is room.
 */
size_t pppk_hdlc_encode(const struct pppk_hdlc_tx *tx, u16 proto,
			const u8 *payload, size_t len,
			u8 *out, size_t size, unsigned int flags);

/*
 * A frame whose escaped form may not fit one buffer goes out in pieces:
 * pppk_hdlc_enc_start() takes its header and FCS, then every
 * pppk_hdlc_enc_more() writes as much of it as fits.  The pieces joined are
 * what pppk_hdlc_encode() would write.  The payload must stay in place and
 * @tx unchanged until pppk_hdlc_enc_done().
 */
struct pppk_hdlc_enc {
	const u8 *payload;
	size_t len;
	size_t pos;		/* payload octets written so far */
	u8 hdr[PPPK_HDLC_HDR_MAX];
	u8 trl[PPPK_HDLC_FCS_MAX];
	u8 h, t;		/* octets in hdr[], trl[] */
	u8 mask;		/* which escape map */
	bool ctl;		/* the map escapes some control */
	bool flag;		/* an opening flag first */
	u8 stage;
};

/* Room pppk_hdlc_enc_more() needs to write anything at all. */
#define PPPK_HDLC_ENC_ROOM	(2 + 2 * PPPK_HDLC_HDR_MAX)

void pppk_hdlc_enc_start(const struct pppk_hdlc_tx *tx, u16 proto,
			 const u8 *payload, size_t len, unsigned int flags,
			 struct pppk_hdlc_enc *e);

/*
 * Write the next piece of @e's frame into @out (@size octets): returns the
 * octets written, 0 when @size is below PPPK_HDLC_ENC_ROOM.
 */
size_t pppk_hdlc_enc_more(const struct pppk_hdlc_tx *tx,
			  struct pppk_hdlc_enc *e, u8 *out, size_t size);

bool pppk_hdlc_enc_done(const struct pppk_hdlc_enc *e);

/* ---- receive ---- */

struct pppk_hdlc_rx_stats {
	u64 good;		/* frames returned */
	u64 bad_fcs;
	u64 aborts;		/* 0x7d 0x7e */
	u64 runts;		/* < 4 octets (6 with FCS-32), no protocol */
	u64 oversize;		/* longer than MRU or the buffer */
	u64 bad_header;		/* ff not followed by 03, malformed protocol */
	u64 no_buffer;		/* frame began with no buffer to hold it */
	u64 escaped;		/* Control Escape octets seen inside frames */
	u64 accm_discarded;	/* unescaped octets in the ACCM, removed */
};

struct pppk_hdlc_frame {
	u8 *buf;		/* the buffer given to pppk_hdlc_rx_set_buf() */
	u8 *data;		/* payload, inside @buf */
	size_t len;		/* payload octets */
	size_t offset;		/* data - buf: header octets removed */
	/* the FCS follows the payload in @buf, not counted in @len */
	u16 proto;
};

struct pppk_hdlc_rx {
	u32 accm;		/* our receive ACCM */
	u32 mru;
	bool fcs32;
	u8 state;
	bool esc;		/* previous octet was Control Escape */
	bool dense;		/* last frame was more than 1/16 escapes */
	u32 frame_esc;		/* escapes in this frame so far */
	u8 *buf;
	size_t size;
	size_t limit;		/* min(size, mru + header + FCS) */
	size_t len;
	struct pppk_hdlc_rx_stats stats;
};

/* Buffer size that holds any frame of @mru payload octets, header and FCS. */
static inline size_t pppk_hdlc_rx_buf_size(u32 mru)
{
	return (size_t)mru + PPPK_HDLC_HDR_MAX + PPPK_HDLC_FCS_MAX;
}

/*
 * Reset @rx to look for a flag, with the link defaults (ACCM 0xffffffff,
 * FCS-16) and @mru, no buffer and zeroed counters.
 */
void pppk_hdlc_rx_init(struct pppk_hdlc_rx *rx, u32 mru);

/*
 * Change the receive options; stream state, buffer and counters stay.  RFC
 * 1661 wants a full 1500-octet information field accepted whatever MRU was
 * negotiated, so pass max(MRU, 1500).  With @fcs32 a frame that fails the
 * FCS-32 check is still taken if it is an LCP code 1-7 packet with a good
 * FCS-16, as a peer that restarted negotiation sends.
 */
void pppk_hdlc_rx_config(struct pppk_hdlc_rx *rx, u32 accm, u32 mru,
			 bool fcs32);

/*
 * Give the decoder a buffer to unescape the next frame into, normally
 * pppk_hdlc_rx_buf_size(mru) octets (a smaller one makes longer frames
 * oversize).  When pppk_hdlc_decode() returns a frame the buffer goes back
 * to the caller and the decoder has none until this is called again; a
 * frame that starts while there is none is dropped and counted in
 * no_buffer.  A frame part-way into the old buffer is dropped uncounted.
 */
void pppk_hdlc_rx_set_buf(struct pppk_hdlc_rx *rx, u8 *buf, size_t size);

/*
 * Consume octets from *@pos up to @end, advancing *@pos.  Returns true, with
 * *@pos just past the closing flag, when a good frame is ready in @f; call
 * again (after pppk_hdlc_rx_set_buf()) for the rest of the input.  Returns
 * false when all input is consumed.  Frames may span any number of calls.
 */
bool pppk_hdlc_decode(struct pppk_hdlc_rx *rx, const u8 **pos, const u8 *end,
		      struct pppk_hdlc_frame *f);

#endif /* _PPPK_HDLC_H */
