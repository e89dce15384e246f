// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for kmod/hdlc.c, the RFC 1662 framing core of pppk.ko, built here in
 * userspace under ASan and UBSan.  Known values come from the CRC catalogue
 * and from LCP Configure-Requests captured off real links; everything else
 * is checked against the byte-at-a-time reference in hdlc_ref.h and by
 * round trips.
 */
#include "kselftest_harness.h"

#include "hdlc.h"
#include "hdlc_ref.h"
#include "hdlc_fcs_tables.h"
#include "hdlc_simd.h"

/* ---- helpers ---- */

static u64 rng = 0x9e3779b97f4a7c15ULL;

static void seed(u64 s)
{
	rng = s * 0x9e3779b97f4a7c15ULL + 1;
}

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 32;
}

/* Random octets, with the interesting ones (flag, escape, controls) common. */
static void fill(u8 *p, size_t n, int mode)
{
	for (size_t i = 0; i < n; i++) {
		u32 r = rnd();

		if (mode == 0 || (r & 3))
			p[i] = r >> 8;
		else
			p[i] = (const u8[]){ 0x7e, 0x7d, 0x11, 0x13, 0x00,
					     0x20, 0x5e, 0xff }[(r >> 8) & 7];
	}
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* "7e ff 7d 23" -> octets; returns the count. */
static size_t unhex(const char *s, u8 *out)
{
	size_t n = 0;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		out[n++] = hexval(s[0]) << 4 | hexval(s[1]);
		s += 2;
	}
	return n;
}

#define MAXF 4096

/* Frames as a decoder returned them. */
struct got {
	size_t n, used;
	bool bad;		/* a frame pointed outside its buffer */
	u16 proto[MAXF];
	size_t off[MAXF], len[MAXF];
	u8 arena[1 << 22];
};

static struct got *got_new(void)
{
	return calloc(1, sizeof(struct got));
}

static void got_add(void *ctx, u16 proto, const u8 *data, size_t len)
{
	struct got *g = ctx;

	if (g->n == MAXF || len > sizeof(g->arena) - g->used) {
		g->bad = true;
		return;
	}
	g->proto[g->n] = proto;
	g->off[g->n] = g->used;
	g->len[g->n] = len;
	memcpy(g->arena + g->used, data, len);
	g->used += len;
	g->n++;
}

static bool got_eq(const struct got *a, const struct got *b)
{
	if (a->bad || b->bad || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->proto[i] != b->proto[i] || a->len[i] != b->len[i] ||
		    memcmp(a->arena + a->off[i], b->arena + b->off[i], a->len[i]))
			return false;
	return true;
}

static bool got_frame(const struct got *g, size_t i, u16 proto,
		      const u8 *data, size_t len)
{
	return i < g->n && g->proto[i] == proto && g->len[i] == len &&
	       !memcmp(g->arena + g->off[i], data, len);
}

/*
 * Feed @in to the core decoder: whole when @chunk is 0, else in pieces of
 * 1..@chunk octets (exactly 1 when @chunk is 1).  Frames go to @g; the
 * decoder is given @buf again after each one.
 */
static void core_feed(struct pppk_hdlc_rx *rx, u8 *buf, size_t size,
		      const u8 *in, size_t len, size_t chunk, struct got *g)
{
	size_t i = 0;

	if (!rx->buf)
		pppk_hdlc_rx_set_buf(rx, buf, size);
	while (i < len) {
		size_t n = chunk ? 1 + rnd() % chunk : len;
		const u8 *p, *end;
		struct pppk_hdlc_frame f;

		if (n > len - i)
			n = len - i;
		p = in + i;
		end = p + n;
		while (pppk_hdlc_decode(rx, &p, end, &f)) {
			if (f.buf != buf || f.data != buf + f.offset ||
			    f.offset > 4 || f.offset + f.len > size ||
			    p > end || rx->buf)
				g->bad = true;
			got_add(g, f.proto, f.data, f.len);
			pppk_hdlc_rx_set_buf(rx, buf, size);
		}
		if (p != end)
			g->bad = true;
		i += n;
	}
}

static size_t count_octet(const u8 *p, size_t n, u8 c)
{
	size_t k = 0;

	while (n--)
		k += *p++ == c;
	return k;
}

static bool stats_eq(const struct pppk_hdlc_rx_stats *a,
		     const struct pppk_hdlc_rx_stats *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* Undo octet stuffing of one encoded frame (without the flags). */
static size_t unstuff(const u8 *in, size_t n, u8 *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (in[i] == 0x7e)
			continue;
		if (in[i] == 0x7d && i + 1 < n)
			out[o++] = in[++i] ^ 0x20;
		else
			out[o++] = in[i];
	}
	return o;
}

/* Stuff and flag a raw frame (header + payload + FCS) by hand. */
static size_t stuff(const u8 *raw, size_t n, u32 accm, u8 *out)
{
	u32 none[8] = { 0 };
	size_t o = 0;

	out[o++] = 0x7e;
	for (size_t i = 0; i < n; i++) {
		if (ref_must_escape(raw[i], accm, none)) {
			out[o++] = 0x7d;
			out[o++] = raw[i] ^ 0x20;
		} else {
			out[o++] = raw[i];
		}
	}
	out[o++] = 0x7e;
	return o;
}

/* Append a good FCS-16 (or -32) to @raw[0..n); returns the new length. */
static size_t add_fcs(u8 *raw, size_t n, bool fcs32)
{
	if (fcs32) {
		u32 f = ~ref_fcs32_bits(0xffffffff, raw, n);

		for (int i = 0; i < 4; i++)
			raw[n++] = f >> (8 * i);
	} else {
		u16 f = ~ref_fcs16_bits(0xffff, raw, n);

		raw[n++] = f;
		raw[n++] = f >> 8;
	}
	return n;
}

/*
 * LCP Configure-Requests captured on real links, flags included.  The first
 * is pppd's: ACCM 0, CHAP-MD5, Magic-Number, PFC, ACFC; the second a PDA's:
 * ACCM 0, PFC, ACFC.  Both under the default ACCM, as RFC 1662 requires.
 */
static const char confreq_pppd[] =
	"7e ff 7d 23 c0 21 7d 21 7d 21 7d 20 7d 39 7d 22 7d 26 7d 20 7d 20"
	"7d 20 7d 20 7d 23 7d 25 c2 23 7d 25 7d 25 7d 26 b9 7d 21 af 7d 28"
	"7d 27 7d 22 7d 28 7d 22 59 a7 7e";
static const char confreq_pppd_lcp[] =
	"01 01 00 19 02 06 00 00 00 00 03 05 c2 23 05 05 06 b9 01 af 08"
	"07 02 08 02";
static const char confreq_pda[] =
	"7e ff 7d 23 c0 21 7d 21 7d 21 7d 20 7d 2e 7d 22 7d 26 7d 20 7d 20"
	"7d 20 7d 20 7d 27 7d 22 7d 28 7d 22 70 34 7e";
static const char confreq_pda_lcp[] =
	"01 01 00 0e 02 06 00 00 00 00 07 02 08 02";

/* ---- FCS ---- */

TEST(fcs16_check_value)
{
	const u8 *s = (const u8 *)"123456789";
	u8 buf[11];
	u16 fcs;

	/* CRC-16/X-25 check value from the CRC catalogue */
	fcs = pppk_fcs16(PPPK_FCS16_INIT, s, 9) ^ 0xffff;
	EXPECT_EQ(0x906e, fcs);
	/* the same in two pieces */
	EXPECT_EQ(0x906e, pppk_fcs16(pppk_fcs16(0xffff, s, 5), s + 5, 4) ^ 0xffff);
	/* a frame checked over its FCS leaves the good residue */
	memcpy(buf, s, 9);
	buf[9] = fcs;
	buf[10] = fcs >> 8;
	EXPECT_EQ(PPPK_FCS16_GOOD, pppk_fcs16(PPPK_FCS16_INIT, buf, 11));
	buf[3] ^= 0x01;
	EXPECT_NE(PPPK_FCS16_GOOD, pppk_fcs16(PPPK_FCS16_INIT, buf, 11));
}

TEST(fcs32_check_value)
{
	const u8 *s = (const u8 *)"123456789";
	const u8 *fox = (const u8 *)"The quick brown fox jumps over the lazy dog";
	u8 buf[13];
	u32 fcs;

	fcs = ~pppk_fcs32(PPPK_FCS32_INIT, s, 9);
	EXPECT_EQ(0xcbf43926, fcs);
	EXPECT_EQ(0x414fa339, ~pppk_fcs32(PPPK_FCS32_INIT, fox, 43));
	memcpy(buf, s, 9);
	for (int i = 0; i < 4; i++)
		buf[9 + i] = fcs >> (8 * i);
	EXPECT_EQ(PPPK_FCS32_GOOD, pppk_fcs32(PPPK_FCS32_INIT, buf, 13));
	buf[12] ^= 0x80;
	EXPECT_NE(PPPK_FCS32_GOOD, pppk_fcs32(PPPK_FCS32_INIT, buf, 13));
}

/* The committed slicing tables are the ones the polynomials give. */
TEST(fcs_tables_match_polynomials)
{
	u32 t16[PPPK_FCS_SLICES][256], t32[PPPK_FCS_SLICES][256];
	int k, i, bad = 0;

	for (i = 0; i < 256; i++) {
		u8 b = i;

		t16[0][i] = ref_fcs16_bits(0, &b, 1);
		t32[0][i] = ref_fcs32_bits(0, &b, 1);
	}
	for (k = 1; k < PPPK_FCS_SLICES; k++) {
		for (i = 0; i < 256; i++) {
			u8 z = 0;

			/* table k: the CRC of octet i followed by k zeros */
			t16[k][i] = ref_fcs16_bits(t16[k - 1][i], &z, 1);
			t32[k][i] = ref_fcs32_bits(t32[k - 1][i], &z, 1);
		}
	}
	for (k = 0; k < PPPK_FCS_SLICES; k++)
		for (i = 0; i < 256; i++)
			bad += t16[k][i] != pppk_fcs16_tab[k][i] ||
			       t32[k][i] != pppk_fcs32_tab[k][i];
	EXPECT_EQ(0, bad);
}

TEST(fcs_sliced_matches_bitwise)
{
	static u8 data[2048 + 8];
	int bad = 0;

	seed(1);
	fill(data, sizeof(data), 0);
	for (size_t len = 0; len <= 300; len++) {
		for (size_t off = 0; off < 8; off++) {
			u16 i16 = rnd();
			u32 i32 = rnd();

			bad += pppk_fcs16(i16, data + off, len) !=
			       ref_fcs16_bits(i16, data + off, len);
			bad += pppk_fcs32(i32, data + off, len) !=
			       ref_fcs32_bits(i32, data + off, len);
		}
	}
	EXPECT_EQ(0, bad);
	EXPECT_EQ(ref_fcs16_bits(0xffff, data, 2048),
		  pppk_fcs16(0xffff, data, 2048));
	EXPECT_EQ(ref_fcs32_bits(0xffffffff, data + 3, 2048),
		  pppk_fcs32(0xffffffff, data + 3, 2048));
}

/* ---- encoder ---- */

TEST(needs_defaults)
{
	for (int code = 0; code < 256; code++)
		EXPECT_EQ(code >= 1 && code <= 7,
			  pppk_hdlc_needs_defaults(PPPK_PROTO_LCP, code));
	EXPECT_FALSE(pppk_hdlc_needs_defaults(0x8021, 1));	/* IPCP */
	EXPECT_FALSE(pppk_hdlc_needs_defaults(0xc223, 1));	/* CHAP */
	EXPECT_FALSE(pppk_hdlc_needs_defaults(0x0021, 1));
}

/* Encode the captured Configure-Requests and get them back byte for byte. */
TEST(encode_pppd_confreq_bytes)
{
	const char *const wire[] = { confreq_pppd, confreq_pda };
	const char *const lcp[] = { confreq_pppd_lcp, confreq_pda_lcp };
	u32 xmap[8] = { 0 };

	for (int k = 0; k < 2; k++) {
		u8 want[128], pay[64], out[256];
		size_t wn = unhex(wire[k], want), pn = unhex(lcp[k], pay), n;
		struct pppk_hdlc_tx tx;

		ASSERT_TRUE(pppk_hdlc_needs_defaults(PPPK_PROTO_LCP, pay[0]));

		/* before LCP is Opened: link defaults */
		pppk_hdlc_tx_init(&tx);
		n = pppk_hdlc_encode(&tx, PPPK_PROTO_LCP, pay, pn, out,
				     sizeof(out), PPPK_HDLC_ENC_FLAG);
		ASSERT_EQ(wn, n);
		EXPECT_EQ(0, memcmp(want, out, n));

		/* no opening flag requested: the same less the first octet */
		n = pppk_hdlc_encode(&tx, PPPK_PROTO_LCP, pay, pn, out,
				     sizeof(out), 0);
		ASSERT_EQ(wn - 1, n);
		EXPECT_EQ(0, memcmp(want + 1, out, n));

		/* after Opened with everything negotiated: forced defaults */
		xmap[7] = 0x80000000;	/* also escape 0xff normally */
		pppk_hdlc_tx_config(&tx, 0, xmap,
				    PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC |
				    PPPK_HDLC_TX_FCS32);
		n = pppk_hdlc_encode(&tx, PPPK_PROTO_LCP, pay, pn, out,
				     sizeof(out),
				     PPPK_HDLC_ENC_FLAG | PPPK_HDLC_ENC_DEFAULTS);
		/* 0xff in the extended map is escaped even then */
		ASSERT_EQ(wn + 1, n);
		EXPECT_EQ(0x7d, out[1]);
		EXPECT_EQ(0xdf, out[2]);
		EXPECT_EQ(0, memcmp(want + 2, out + 3, n - 3));
		xmap[7] = 0;
		pppk_hdlc_tx_config(&tx, 0, xmap,
				    PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC |
				    PPPK_HDLC_TX_FCS32);
		n = pppk_hdlc_encode(&tx, PPPK_PROTO_LCP, pay, pn, out,
				     sizeof(out),
				     PPPK_HDLC_ENC_FLAG | PPPK_HDLC_ENC_DEFAULTS);
		ASSERT_EQ(wn, n);
		EXPECT_EQ(0, memcmp(want, out, n));
	}
}

/* Address/Control and Protocol compression, and where they must not apply. */
TEST(encode_header_fields)
{
	static const struct {
		unsigned int flags;
		u16 proto;
		const char *hdr;
	} c[] = {
		{ 0, 0x0021, "ff 03 00 21" },
		{ PPPK_HDLC_TX_PFC, 0x0021, "ff 03 21" },
		{ PPPK_HDLC_TX_ACFC, 0x0021, "00 21" },
		{ PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC, 0x0021, "21" },
		{ PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC, 0x0057, "57" },
		{ PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC, 0x00fd, "fd" },
		/* high octet not zero: never compressed */
		{ PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC, 0x8021, "80 21" },
		{ PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC, 0xc223, "c2 23" },
		{ PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC, 0x0281, "02 81" },
		/* LCP keeps Address/Control even with ACFC (RFC 1661 6.6) */
		{ PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC, 0xc021, "ff 03 c0 21" },
	};
	const u8 pay[] = { 0x09, 0x01, 0x00, 0x08, 0x12, 0x34, 0x56, 0x78 };

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		u8 out[64], raw[64], hdr[8];
		size_t hn = unhex(c[i].hdr, hdr), n, rn;
		struct pppk_hdlc_tx tx;

		pppk_hdlc_tx_config(&tx, 0xffffffff, NULL, c[i].flags);
		n = pppk_hdlc_encode(&tx, c[i].proto, pay, sizeof(pay), out,
				     sizeof(out), 0);
		ASSERT_GT(n, 0);
		EXPECT_EQ(0x7e, out[n - 1]);
		rn = unstuff(out, n, raw);
		ASSERT_EQ(hn + sizeof(pay) + 2, rn) TH_LOG("case %zu", i);
		EXPECT_EQ(0, memcmp(hdr, raw, hn)) TH_LOG("case %zu", i);
		EXPECT_EQ(0, memcmp(pay, raw + hn, sizeof(pay)));
		EXPECT_EQ(0xf0b8, ref_fcs16_bits(0xffff, raw, rn));
	}
}

TEST(encode_fcs32)
{
	const u8 pay[] = { 0x45, 0x00, 0x00, 0x1c };
	struct pppk_hdlc_tx tx;
	u8 out[64], raw[64];
	size_t n, rn;

	pppk_hdlc_tx_config(&tx, 0, NULL, PPPK_HDLC_TX_FCS32);
	n = pppk_hdlc_encode(&tx, 0x0021, pay, sizeof(pay), out, sizeof(out), 0);
	rn = unstuff(out, n, raw);
	ASSERT_EQ(4 + sizeof(pay) + 4, rn);
	EXPECT_EQ(0xdebb20e3, ref_fcs32_bits(0xffffffff, raw, rn));
	/* forced defaults fall back to FCS-16 */
	n = pppk_hdlc_encode(&tx, 0x0021, pay, sizeof(pay), out, sizeof(out),
			     PPPK_HDLC_ENC_DEFAULTS);
	rn = unstuff(out, n, raw);
	ASSERT_EQ(4 + sizeof(pay) + 2, rn);
	EXPECT_EQ(0xf0b8, ref_fcs16_bits(0xffff, raw, rn));
}

/*
 * Encode every octet value under @accm and @xmap and check which ones came
 * out escaped: exactly 0x7d, 0x7e, the ACCM's controls and the map's.
 */
static int escape_set_errors(u32 accm, const u32 *xmap)
{
	u8 pay[256], out[1024], raw[1024];
	bool esc[256] = { false }, plain[256] = { false };
	struct pppk_hdlc_tx tx;
	size_t n, i;
	int bad = 0;

	for (i = 0; i < 256; i++)
		pay[i] = i;
	pppk_hdlc_tx_config(&tx, accm, xmap,
			    PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC);
	n = pppk_hdlc_encode(&tx, 0x21, pay, 256, out, sizeof(out), 0);
	/* header "21" is 1 octet, the FCS 2: look only at the payload */
	if (n < 256 + 4 || unstuff(out, n, raw) != 256 + 3 ||
	    memcmp(raw + 1, pay, 256))
		return 1000;
	/* walk the wire octets: escape pairs and plain octets */
	for (i = 0; i + 1 < n; i++) {
		if (out[i] == 0x7d)
			esc[out[++i] ^ 0x20] = true;
		else
			plain[out[i]] = true;
	}
	for (i = 0; i < 256; i++) {
		bool want = i == 0x7d || i == 0x7e ||
			    (i < 0x20 && ((accm >> i) & 1)) ||
			    (xmap && ((xmap[i / 32] >> (i % 32)) & 1) &&
			     !(i >= 0x20 && i <= 0x3f) && i != 0x5e);

		/* each value is in the payload once: escaped or plain */
		if (want && (!esc[i] || plain[i]))
			bad++;
		/* header and FCS are escaped by the same rule */
		if (!want && (esc[i] || !plain[i]))
			bad++;
	}
	return bad;
}

TEST(encode_escapes)
{
	u32 xmap[8] = { 0 };
	struct pppk_hdlc_tx tx;
	u8 out[16];

	EXPECT_EQ(0, escape_set_errors(0, NULL));
	EXPECT_EQ(0, escape_set_errors(0xffffffff, NULL));
	EXPECT_EQ(0, escape_set_errors(0x000a0000, NULL));	/* XON, XOFF */
	xmap[0] = 0x00000020;		/* 0x05 */
	xmap[4] = 0x00000001;		/* 0x80 */
	xmap[7] = 0x80000000;		/* 0xff */
	xmap[2] = 0x20000000;		/* 0x5d */
	EXPECT_EQ(0, escape_set_errors(0, xmap));
	EXPECT_EQ(0, escape_set_errors(0x000a0000, xmap));
	/* 0x20-0x3f and 0x5e cannot be escaped: asking does nothing */
	memset(xmap, 0, sizeof(xmap));
	xmap[1] = 0xffffffff;
	xmap[2] = 0x40000000;
	EXPECT_EQ(0, escape_set_errors(0, xmap));
	pppk_hdlc_tx_config(&tx, 0, xmap, PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC);
	ASSERT_LT(4, pppk_hdlc_encode(&tx, 0x21, (const u8 *)"\x5e\x20", 2,
				      out, sizeof(out), 0));
	EXPECT_EQ(0x21, out[0]);
	EXPECT_EQ(0x5e, out[1]);
	EXPECT_EQ(0x20, out[2]);
	/* a map of only controls takes the word-at-a-time path */
	memset(xmap, 0, sizeof(xmap));
	xmap[0] = 0x80000001;
	EXPECT_EQ(0, escape_set_errors(0, xmap));
}

/* Output is byte-identical to the reference's and never overruns. */
TEST(encode_matches_reference)
{
	static const u16 protos[] = { 0x0021, 0x0057, 0x00fd, 0x8021, 0x8057,
				      0xc021, 0xc023, 0xc223, 0x002d, 0x7d7e };
	static const u32 accms[] = { 0, 0xffffffff, 0x000a0000, 0x80000001 };
	u8 pay[700], want[1600], *out;
	int mismatch = 0, overrun = 0;

	seed(2);
	for (int it = 0; it < 3000; it++) {
		struct pppk_hdlc_tx tx;
		struct ref_tx rt = { 0 };
		u16 proto = protos[rnd() % 10];
		size_t len = rnd() % (it < 1000 ? 40 : 700), wn, n, max;
		unsigned int ef = rnd() % 4;

		rt.accm = (rnd() & 1) ? accms[rnd() % 4] : rnd();
		rt.flags = rnd() % 8;
		if (rnd() % 3 == 0)
			for (int i = 0; i < 8; i++)
				rt.xmap[i] = rnd() & rnd() & rnd();
		fill(pay, len, rnd() & 1);
		pppk_hdlc_tx_config(&tx, rt.accm, (rnd() & 1) ? rt.xmap :
				    (rt.xmap[0] | rt.xmap[1] | rt.xmap[7]) ?
				    rt.xmap : NULL, rt.flags);
		wn = ref_encode(&rt, proto, pay, len, want, ef);
		max = pppk_hdlc_max_encoded(len);
		if (wn > max)
			overrun++;
		/* an exact-size heap buffer, so ASan sees any overrun */
		out = malloc(max);
		n = pppk_hdlc_encode(&tx, proto, len ? pay : NULL, len, out,
				     max, ef);
		if (n != wn || memcmp(out, want, wn))
			mismatch++;
		n = pppk_hdlc_encode(&tx, proto, pay, len, out, wn, ef);
		if (n != wn)
			mismatch++;
		free(out);
		/* every size short of the frame is refused */
		for (size_t sz = (len < 40 ? 0 : wn - 3); sz < wn; sz++) {
			out = malloc(sz ? sz : 1);
			if (pppk_hdlc_encode(&tx, proto, pay, len, out, sz, ef))
				overrun++;
			free(out);
		}
	}
	EXPECT_EQ(0, mismatch);
	EXPECT_EQ(0, overrun);
}

/*
 * A frame sent in pieces: for payloads to 65535 octets, every escape map
 * kind and header form, pieces of random sizes (some below the minimum)
 * joined are exactly the one-shot encoding, and no piece writes past its
 * buffer (each is an exact-size heap block, so ASan sees an overrun).
 */
TEST(encode_in_pieces_matches_whole)
{
	static const u32 accms[] = { 0, 0xffffffff, 0x000a0000 };
	static const size_t lens[] = { 0, 1, 9, 100, 4000, 4470, 9000,
				       65535 };
	size_t max = pppk_hdlc_max_encoded(65535);
	u8 *pay = malloc(65535), *want = malloc(max), *got = malloc(max);
	int mismatch = 0, stuck = 0, pieces = 0;

	seed(11);
	for (int it = 0; it < 240; it++) {
		struct pppk_hdlc_tx tx;
		struct pppk_hdlc_enc e;
		size_t len = lens[it % 8], wn, gn = 0;
		unsigned int ef = rnd() % 4;
		u16 proto = (it & 1) ? 0x0021 : 0xc021;
		u32 xmap[8] = { 0 };

		if (it % 5 == 0)
			xmap[3] = rnd();
		fill(pay, len, rnd() & 1);
		pppk_hdlc_tx_config(&tx, accms[rnd() % 3], xmap, rnd() % 8);
		wn = pppk_hdlc_encode(&tx, proto, pay, len, want, max, ef);
		pppk_hdlc_enc_start(&tx, proto, pay, len, ef, &e);
		while (!pppk_hdlc_enc_done(&e)) {
			size_t room = rnd() % 3 ? 1 + rnd() % 9000 :
				      rnd() % PPPK_HDLC_ENC_ROOM;
			u8 *piece = malloc(room ? room : 1);
			size_t n = pppk_hdlc_enc_more(&tx, &e, piece, room);

			if (room < PPPK_HDLC_ENC_ROOM && n)
				mismatch++;
			if (n > room || gn + n > max) {
				stuck++;
				free(piece);
				break;
			}
			memcpy(got + gn, piece, n);
			gn += n;
			free(piece);
			if (++pieces > 10000000) {
				stuck++;
				break;
			}
		}
		if (gn != wn || memcmp(got, want, wn))
			mismatch++;
	}
	printf("# %d pieces\n", pieces);
	EXPECT_EQ(0, mismatch);
	EXPECT_EQ(0, stuck);
	free(pay);
	free(want);
	free(got);
}

/* ---- decoder ---- */

TEST(decode_pppd_confreq)
{
	const char *const wire[] = { confreq_pppd, confreq_pda };
	const char *const lcp[] = { confreq_pppd_lcp, confreq_pda_lcp };
	static u8 buf[1508];

	for (int k = 0; k < 2; k++) {
		for (int accm = 0; accm < 2; accm++) {
			u8 in[128], pay[64];
			size_t n = unhex(wire[k], in), pn = unhex(lcp[k], pay);
			struct pppk_hdlc_rx rx;
			struct got *g = got_new();
			size_t esc = 0;

			for (size_t i = 0; i < n; i++)
				esc += in[i] == 0x7d;
			pppk_hdlc_rx_init(&rx, 1500);
			/* with our ACCM 0 as well: the peer escaped more */
			if (accm)
				pppk_hdlc_rx_config(&rx, 0, 1500, false);
			core_feed(&rx, buf, sizeof(buf), in, n, 0, g);
			ASSERT_EQ(1, g->n);
			EXPECT_TRUE(got_frame(g, 0, PPPK_PROTO_LCP, pay, pn));
			EXPECT_EQ(1, rx.stats.good);
			EXPECT_EQ(esc, rx.stats.escaped);
			EXPECT_EQ(0, rx.stats.bad_fcs + rx.stats.runts +
				  rx.stats.aborts + rx.stats.oversize +
				  rx.stats.accm_discarded);
			free(g);
		}
	}
}

/* Hand-built frames with every header form, FCS-16 and FCS-32. */
TEST(decode_hand_built_frames)
{
	/* IPv4 header of a 20-octet datagram, 10.0.0.1 -> 10.0.0.2 */
	const u8 ip[] = { 0x45, 0x00, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00,
			  0x40, 0x11, 0x66, 0xd5, 0x0a, 0x00, 0x00, 0x01,
			  0x0a, 0x00, 0x00, 0x02 };
	static const char *const hdrs[] = { "21", "00 21", "ff 03 21",
					    "ff 03 00 21" };
	static u8 buf[1508];

	for (int fcs32 = 0; fcs32 < 2; fcs32++) {
		for (int h = 0; h < 4; h++) {
			u8 raw[64], in[160];
			size_t rn = unhex(hdrs[h], raw), n;
			struct pppk_hdlc_rx rx;
			struct got *g = got_new();

			memcpy(raw + rn, ip, sizeof(ip));
			rn = add_fcs(raw, rn + sizeof(ip), fcs32);
			n = stuff(raw, rn, 0, in);
			pppk_hdlc_rx_init(&rx, 1500);
			pppk_hdlc_rx_config(&rx, 0, 1500, fcs32);
			core_feed(&rx, buf, sizeof(buf), in, n, 0, g);
			ASSERT_EQ(1, g->n) TH_LOG("hdr %s fcs32 %d", hdrs[h], fcs32);
			EXPECT_TRUE(got_frame(g, 0, 0x0021, ip, sizeof(ip)));
			free(g);
		}
	}
}

/* Escape handling details of RFC 1662 4.2. */
TEST(decode_escape_rules)
{
	/*
	 * 7d 5e     -> 7e
	 * 7d 11 5d  -> 7d: the XON (in our ACCM) is removed first
	 * 7d 7d     -> 5d: the octet after an escape is XORed, whatever it is
	 * 01        -> 01: a control not in our ACCM is data
	 */
	const u8 want[] = { 0x7e, 0x7d, 0x5d, 0x01 };
	u8 raw[32] = { 0xff, 0x03, 0x00, 0x21 }, in[64], tail[16], buf[64];
	struct pppk_hdlc_rx rx;
	struct got *g = got_new();
	size_t n, rn, tn;

	memcpy(raw + 4, want, sizeof(want));
	rn = add_fcs(raw, 4 + sizeof(want), false);
	n = unhex("7e ff 03 00 21 7d 5e 7d 11 5d 7d 7d 01", in);
	/* the FCS, stuffed, and the closing flag */
	tn = stuff(raw + rn - 2, 2, 0x00020000, tail);
	memcpy(in + n, tail + 1, tn - 1);
	n += tn - 1;

	for (int chunk = 0; chunk < 2; chunk++) {
		pppk_hdlc_rx_init(&rx, 1500);
		pppk_hdlc_rx_config(&rx, 0x00020000, 1500, false);	/* XON */
		core_feed(&rx, buf, sizeof(buf), in, n, chunk, g);
		ASSERT_EQ(chunk + 1, g->n);
		EXPECT_TRUE(got_frame(g, chunk, 0x0021, want, sizeof(want)));
		EXPECT_EQ(1, rx.stats.accm_discarded);
		EXPECT_EQ(3 + (tn - 4), rx.stats.escaped);
	}
	free(g);
}

/* Frames built from @nf random packets; returns the stream length. */
static size_t build_stream(u8 *s, size_t cap, int nf, u32 accm,
			   const u32 *xmap, unsigned int txf, size_t maxlen,
			   struct got *sent)
{
	static const u16 protos[] = { 0x0021, 0x0057, 0x00fd, 0x8021, 0xc021,
				      0xc223, 0x002d, 0x8057 };
	struct pppk_hdlc_tx tx;
	static u8 pay[17000];
	size_t n = 0;

	pppk_hdlc_tx_config(&tx, accm, xmap, txf);
	for (int i = 0; i < nf; i++) {
		u16 proto = protos[rnd() % 8];
		size_t len = 1 + rnd() % maxlen;
		unsigned int ef = (i == 0 || rnd() % 3 == 0) ?
				  PPPK_HDLC_ENC_FLAG : 0;

		fill(pay, len, rnd() & 1);
		if (proto == PPPK_PROTO_LCP) {
			pay[0] = 1 + rnd() % 11;
			if (pppk_hdlc_needs_defaults(proto, pay[0]))
				ef |= PPPK_HDLC_ENC_DEFAULTS;
		}
		n += pppk_hdlc_encode(&tx, proto, pay, len, s + n, cap - n, ef);
		got_add(sent, proto, pay, len);
	}
	return n;
}

TEST(roundtrip_matrix)
{
	static const u32 accms[] = { 0, 0xffffffff, 0x000a0000 };
	static u8 stream[1 << 20];
	u8 *buf = malloc(pppk_hdlc_rx_buf_size(1600));

	seed(3);
	for (int a = 0; a < 3; a++) {
		for (int x = 0; x < 2; x++) {
			for (unsigned int txf = 0; txf < 8; txf++) {
				u32 xmap[8] = { 0x00000001, 0, 0, 0,
						0x0000ffff, 0, 0, 0x80000000 };
				struct got *sent = got_new(), *g = got_new();
				struct pppk_hdlc_rx rx;
				size_t n, esc = 0;

				n = build_stream(stream, sizeof(stream), 60,
						 accms[a], x ? xmap : NULL,
						 txf, 1600, sent);
				for (size_t i = 0; i < n; i++)
					esc += stream[i] == 0x7d;
				pppk_hdlc_rx_init(&rx, 1600);
				pppk_hdlc_rx_config(&rx, accms[a], 1600,
						    txf & PPPK_HDLC_TX_FCS32);
				core_feed(&rx, buf, pppk_hdlc_rx_buf_size(1600),
					  stream, n, 200, g);
				EXPECT_TRUE(got_eq(sent, g))
					TH_LOG("accm %08x xmap %d txf %u: %zu of %zu",
					       accms[a], x, txf, g->n, sent->n);
				EXPECT_EQ(60, rx.stats.good);
				EXPECT_EQ(esc, rx.stats.escaped);
				EXPECT_EQ(0, rx.stats.bad_fcs + rx.stats.runts +
					  rx.stats.aborts + rx.stats.oversize +
					  rx.stats.bad_header +
					  rx.stats.accm_discarded +
					  rx.stats.no_buffer);
				free(sent);
				free(g);
			}
		}
	}
	free(buf);
}

/*
 * A stream with one of each kind of bad frame, and @nctl unescaped XON/XOFF
 * characters sprinkled into a good frame; counters must be exact.
 */
TEST(decode_counters_exact)
{
	const int nctl = 7;
	static u8 s[4096];
	u8 pay[200], tmp[600], raw[64];
	struct pppk_hdlc_tx tx;
	struct pppk_hdlc_rx rx;
	size_t n = 0, m, esc = 0, i;
	u8 *buf = malloc(pppk_hdlc_rx_buf_size(100));

	seed(4);
	pppk_hdlc_tx_config(&tx, 0x000a0000, NULL, 0);

	/* noise before the first flag is ignored */
	memcpy(s, "\x01\x7d\x11\xff\x03", 5);
	n = 5;

	/* good frame, XON/XOFF inserted by the "modem" */
	fill(pay, 60, 1);
	m = pppk_hdlc_encode(&tx, 0x0021, pay, 60, tmp, sizeof(tmp),
			     PPPK_HDLC_ENC_FLAG);
	for (i = 0; i < m; i++) {
		esc += tmp[i] == 0x7d;
		s[n++] = tmp[i];
		/* after the opening flag, and right after escapes too */
		if (i > 0 && i < 2 * nctl && (i & 1))
			s[n++] = (i & 2) ? 0x11 : 0x13;
	}
	ASSERT_EQ(m + nctl, n - 5);

	/* aborted: 7d 7e */
	memcpy(s + n, "\xff\x03\x00\x21\x45\x00\x7d\x7e", 8);
	n += 8;
	esc++;

	/* bad FCS: one payload bit flipped */
	m = pppk_hdlc_encode(&tx, 0x0057, pay, 40, tmp, sizeof(tmp), 0);
	tmp[10] ^= 0x01;
	ASSERT_FALSE(tmp[10] == 0x7e || tmp[10] == 0x7d || tmp[10] < 0x20);
	esc += count_octet(tmp, m, 0x7d);
	memcpy(s + n, tmp, m);
	n += m;

	/* runt: 3 octets */
	memcpy(s + n, "\x21\x45\x00\x7e", 4);
	n += 4;

	/* oversize: 150 > MRU 100, no escapes so counts stay exact */
	memset(pay + 60, 'A', 140);
	m = pppk_hdlc_encode(&tx, 0x0021, pay + 60, 140, tmp, sizeof(tmp), 0);
	memcpy(s + n, tmp, m);
	n += m;

	/* empty frames between flags are not errors */
	memcpy(s + n, "\x7e\x7e\x7e", 3);
	n += 3;

	/* good FCS, bad header: protocol 0x0022 (low octet even) */
	m = unhex("ff 03 00 22 01 02 03", raw);
	m = add_fcs(raw, m, false);
	m = stuff(raw, m, 0x000a0000, s + n) - 1;
	esc += count_octet(s + n, m, 0x7d);
	n += m;
	/* good FCS, bad header: ff 05, Address not followed by Control */
	m = unhex("ff 05 00 21 01 02 03", raw);
	m = add_fcs(raw, m, false);
	m = stuff(raw, m, 0x000a0000, s + n) - 1;
	esc += count_octet(s + n, m, 0x7d);
	n += m;

	/* good frame again, protocol compressed by hand */
	m = unhex("21 aa bb cc", raw);
	m = add_fcs(raw, m, false);
	m = stuff(raw, m, 0x000a0000, s + n);
	esc += count_octet(s + n, m, 0x7d);
	n += m;

	for (int chunk = 0; chunk < 3; chunk++) {
		struct got *h = got_new();

		pppk_hdlc_rx_init(&rx, 100);
		pppk_hdlc_rx_config(&rx, 0x000a0000, 100, false);
		core_feed(&rx, buf, pppk_hdlc_rx_buf_size(100), s, n,
			  chunk == 0 ? 0 : chunk == 1 ? 1 : 13, h);
		ASSERT_EQ(2, h->n);
		EXPECT_TRUE(got_frame(h, 0, 0x0021, pay, 60));
		EXPECT_TRUE(got_frame(h, 1, 0x0021,
				      (const u8 *)"\xaa\xbb\xcc", 3));
		EXPECT_EQ(2, rx.stats.good);
		EXPECT_EQ(1, rx.stats.aborts);
		EXPECT_EQ(1, rx.stats.bad_fcs);
		EXPECT_EQ(1, rx.stats.runts);
		EXPECT_EQ(1, rx.stats.oversize);
		EXPECT_EQ(2, rx.stats.bad_header);
		EXPECT_EQ(nctl, rx.stats.accm_discarded);
		EXPECT_EQ(esc, rx.stats.escaped);
		EXPECT_EQ(0, rx.stats.no_buffer);
		free(h);
	}
	free(buf);
}

/* The same stream, whole, one octet at a time and in random chunks. */
TEST(decode_chunking_invariant)
{
	static u8 s[1 << 19];
	u8 *buf = malloc(pppk_hdlc_rx_buf_size(1500));
	struct got *sent = got_new(), *whole = got_new();
	struct pppk_hdlc_rx rx;
	struct pppk_hdlc_rx_stats st;
	size_t n;

	seed(5);
	n = build_stream(s, sizeof(s), 200, 0x000a0000, NULL,
			 PPPK_HDLC_TX_PFC, 1500, sent);
	/* damage it: flipped octets, stray flags, escapes and controls */
	for (int i = 0; i < 120; i++)
		s[rnd() % n] = (const u8[]){ 0x7e, 0x7d, 0x11, 0x41,
					     0x13, 0x00 }[rnd() % 6];

	pppk_hdlc_rx_init(&rx, 1500);
	pppk_hdlc_rx_config(&rx, 0x000a0000, 1500, false);
	core_feed(&rx, buf, pppk_hdlc_rx_buf_size(1500), s, n, 0, whole);
	st = rx.stats;
	EXPECT_GT(st.good, 50);
	EXPECT_GT(st.bad_fcs, 10);

	for (int k = 0; k < 12; k++) {
		struct got *g = got_new();
		size_t chunk = k == 0 ? 1 : k < 4 ? 7 : 1 + rnd() % 3000;

		pppk_hdlc_rx_init(&rx, 1500);
		pppk_hdlc_rx_config(&rx, 0x000a0000, 1500, false);
		core_feed(&rx, buf, pppk_hdlc_rx_buf_size(1500), s, n, chunk, g);
		EXPECT_TRUE(got_eq(whole, g)) TH_LOG("chunk %zu", chunk);
		EXPECT_TRUE(stats_eq(&st, &rx.stats)) TH_LOG("chunk %zu", chunk);
		free(g);
	}
	free(sent);
	free(whole);
	free(buf);
}

/* MRU limits, with a heap buffer of exactly the advertised size. */
TEST(decode_mru_boundary)
{
	static const struct {
		const char *hdr;
		size_t len;
		bool good;
	} c[] = {
		{ "ff 03 00 21", 100, true },
		{ "ff 03 00 21", 101, false },	/* over the buffer limit */
		{ "21", 100, true },
		{ "21", 101, false },		/* fits, but payload > MRU */
		{ "21", 103, false },
		{ "ff 03 00 21", 5000, false },
	};
	size_t size = pppk_hdlc_rx_buf_size(100);
	u8 *buf = malloc(size);
	static u8 raw[6000], in[12000];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (int fcs32 = 0; fcs32 < 2; fcs32++) {
			struct pppk_hdlc_rx rx;
			struct got *g = got_new();
			size_t rn = unhex(c[i].hdr, raw), n;

			memset(raw + rn, 0x55, c[i].len);
			rn = add_fcs(raw, rn + c[i].len, fcs32);
			n = stuff(raw, rn, 0, in);
			pppk_hdlc_rx_init(&rx, 100);
			pppk_hdlc_rx_config(&rx, 0, 100, fcs32);
			core_feed(&rx, buf, size, in, n, 0, g);
			EXPECT_EQ(c[i].good, rx.stats.good) TH_LOG("case %zu", i);
			EXPECT_EQ(!c[i].good, rx.stats.oversize);
			free(g);
		}
	}
	/* a buffer smaller than MRU wants: frames beyond it are oversize */
	{
		struct pppk_hdlc_rx rx;
		struct got *g = got_new();
		u8 *small = malloc(40);
		size_t rn = unhex("21", raw), n;

		memset(raw + rn, 0x55, 60);
		rn = add_fcs(raw, rn + 60, false);
		n = stuff(raw, rn, 0, in);
		pppk_hdlc_rx_init(&rx, 100);
		core_feed(&rx, small, 40, in, n, 0, g);
		EXPECT_EQ(0, rx.stats.good);
		EXPECT_EQ(1, rx.stats.oversize);
		free(small);
		free(g);
	}
	free(buf);
}

TEST(decode_no_buffer)
{
	u8 raw[64], in[160], buf[64], other[64];
	struct pppk_hdlc_rx rx;
	struct pppk_hdlc_frame f;
	const u8 *p;
	size_t rn = unhex("ff 03 00 21 0a 0b 0c", raw), n;

	rn = add_fcs(raw, rn, false);
	n = stuff(raw, rn, 0xffffffff, in);

	pppk_hdlc_rx_init(&rx, 1500);
	p = in;
	EXPECT_FALSE(pppk_hdlc_decode(&rx, &p, in + n, &f));
	EXPECT_EQ(1, rx.stats.no_buffer);
	EXPECT_EQ(0, rx.stats.good);

	/* given a buffer, the next copy decodes; the buffer comes back */
	pppk_hdlc_rx_set_buf(&rx, buf, sizeof(buf));
	p = in + 1;	/* its opening flag was the last one's closing flag */
	ASSERT_TRUE(pppk_hdlc_decode(&rx, &p, in + n, &f));
	EXPECT_EQ(in + n, p);
	EXPECT_EQ(&buf[0], f.buf);
	EXPECT_EQ(&buf[4], f.data);
	EXPECT_EQ(3, f.len);
	EXPECT_EQ(0x0021, f.proto);
	EXPECT_EQ(NULL, rx.buf);

	/* and without a new one the following frame is dropped */
	p = in + 1;
	EXPECT_FALSE(pppk_hdlc_decode(&rx, &p, in + n, &f));
	EXPECT_EQ(2, rx.stats.no_buffer);

	/* a buffer swapped in mid-frame drops that frame only */
	pppk_hdlc_rx_set_buf(&rx, buf, sizeof(buf));
	p = in + 1;
	EXPECT_FALSE(pppk_hdlc_decode(&rx, &p, in + 6, &f));
	pppk_hdlc_rx_set_buf(&rx, other, sizeof(other));
	EXPECT_FALSE(pppk_hdlc_decode(&rx, &p, in + n, &f));
	p = in + 1;
	ASSERT_TRUE(pppk_hdlc_decode(&rx, &p, in + n, &f));
	EXPECT_EQ(&other[0], f.buf);
	EXPECT_EQ(2, rx.stats.good);
	EXPECT_EQ(0, rx.stats.bad_fcs + rx.stats.runts + rx.stats.oversize);
}

/* Under FCS-32, LCP codes 1-7 with the default FCS-16 still get through. */
TEST(decode_fcs32_lcp_fallback)
{
	static const struct {
		const char *frame;
		bool good;
	} c[] = {
		{ "ff 03 c0 21 01 07 00 04", true },	/* Configure-Request */
		{ "ff 03 c0 21 05 07 00 04", true },	/* Terminate-Request */
		{ "ff 03 c0 21 09 07 00 08 00 00 00 00", false },	/* Echo */
		{ "ff 03 80 21 01 07 00 04", false },	/* IPCP */
		{ "c0 21 01 07 00 04", false },	/* not in the default form */
	};
	u8 buf[1508];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		u8 raw[64], in[160];
		size_t rn = unhex(c[i].frame, raw), n;
		struct pppk_hdlc_rx rx;
		struct got *g = got_new();

		rn = add_fcs(raw, rn, false);
		n = stuff(raw, rn, 0xffffffff, in);
		pppk_hdlc_rx_init(&rx, 1500);
		pppk_hdlc_rx_config(&rx, 0, 1500, true);
		core_feed(&rx, buf, sizeof(buf), in, n, 0, g);
		EXPECT_EQ(c[i].good, rx.stats.good) TH_LOG("case %zu", i);
		EXPECT_EQ(!c[i].good, rx.stats.bad_fcs) TH_LOG("case %zu", i);
		/* and FCS-16 mode never accepts an FCS-32 frame */
		rn = unhex(c[i].frame, raw);
		rn = add_fcs(raw, rn, true);
		n = stuff(raw, rn, 0xffffffff, in);
		pppk_hdlc_rx_init(&rx, 1500);
		core_feed(&rx, buf, sizeof(buf), in, n, 0, g);
		EXPECT_EQ(0, rx.stats.good);
		EXPECT_EQ(1, rx.stats.bad_fcs);
		free(g);
	}
}

/* RFC 1662 4.3 minimum lengths, and the header forms that are too short. */
TEST(decode_runts)
{
	static const struct {
		const char *frame;	/* before the FCS */
		int fcs32;
		bool runt;
	} c[] = {
		{ "", 0, true },		/* FCS alone */
		{ "21", 0, true },		/* 3 octets */
		{ "21 00", 0, false },		/* 4 octets: smallest frame */
		{ "ff 03", 0, true },		/* no protocol after A/C */
		{ "ff 03 00", 0, true },	/* half a protocol */
		{ "00", 0, true },
		{ "21", 1, true },		/* 5 octets with FCS-32 */
		{ "21 00", 1, false },
	};
	u8 buf[1508];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		u8 raw[64], in[160];
		size_t rn = unhex(c[i].frame, raw), n;
		struct pppk_hdlc_rx rx;
		struct got *g = got_new();

		rn = add_fcs(raw, rn, c[i].fcs32);
		n = stuff(raw, rn, 0, in);
		pppk_hdlc_rx_init(&rx, 1500);
		pppk_hdlc_rx_config(&rx, 0, 1500, c[i].fcs32);
		core_feed(&rx, buf, sizeof(buf), in, n, 0, g);
		EXPECT_EQ(c[i].runt, rx.stats.runts) TH_LOG("case %zu", i);
		EXPECT_EQ(!c[i].runt, rx.stats.good) TH_LOG("case %zu", i);
		free(g);
	}
}

/* Garbage and truncated streams: never a fault, same answers as the reference. */
TEST(decode_garbage_matches_reference)
{
	static u8 s[1 << 17];
	int frames_differ = 0, stats_differ = 0;

	seed(6);
	for (int it = 0; it < 400; it++) {
		u32 mru = 1 + rnd() % 2000;
		u32 accm = (const u32[]){ 0, 0xffffffff, 0x000a0000,
					  rnd() }[rnd() % 4];
		bool fcs32 = rnd() & 1;
		size_t size = pppk_hdlc_rx_buf_size(mru) - rnd() % 8;
		u8 *buf = malloc(size), *rbuf = malloc(size);
		struct got *a = got_new(), *b = got_new(), *sent = got_new();
		struct pppk_hdlc_rx rx;
		struct ref_rx ref;
		size_t n;

		if (it % 2) {
			n = 1 + rnd() % 20000;
			fill(s, n, 1);
		} else {
			n = build_stream(s, sizeof(s), 1 + rnd() % 30,
					 accm & rnd(), NULL,
					 rnd() % 8, 1 + rnd() % 2500, sent);
			n -= rnd() % (n / 2 + 1);	/* truncated */
			for (int k = rnd() % 20; k > 0; k--)
				s[rnd() % n] ^= 1 << (rnd() % 8);
		}
		pppk_hdlc_rx_init(&rx, mru);
		pppk_hdlc_rx_config(&rx, accm, mru, fcs32);
		core_feed(&rx, buf, size, s, n, 1 + rnd() % 400, a);
		ref_rx_init(&ref, accm, mru, fcs32, rbuf, size);
		ref.deliver = got_add;
		ref.ctx = b;
		ref_decode(&ref, s, n);
		frames_differ += !got_eq(a, b);
		stats_differ += !stats_eq(&rx.stats, &ref.stats);
		free(buf);
		free(rbuf);
		free(a);
		free(b);
		free(sent);
	}
	EXPECT_EQ(0, frames_differ);
	EXPECT_EQ(0, stats_differ);
}

/* ---- SIMD and scalar paths ---- */

/*
 * hdlc.c runs SIMD code (hdlc_simd.c) on x86-64 CPUs with PCLMULQDQ and
 * SSE4.1, from PPPK_HDLC_SIMD_MIN octets; elsewhere, or forced, the scalar
 * code.  The tests below run each case on both paths, the SIMD one from any
 * length, and require both to agree with the reference.  (Every TEST runs
 * in its own process, so setting the knobs here does not leak.)
 */
static bool simd_cpu(void)
{
#ifdef PPPK_HDLC_SIMD
	bool forced = pppk_hdlc_force_scalar, ok;

	pppk_hdlc_force_scalar = false;
	ok = pppk_simd_cpu();
	pppk_hdlc_force_scalar = forced;
	return ok;
#else
	return false;
#endif
}

/* 0: scalar only; 1: SIMD for any length */
static void use_path(int simd)
{
#ifdef PPPK_HDLC_SIMD
	pppk_hdlc_force_scalar = !simd;
	pppk_hdlc_simd_min = simd ? 0 : (size_t)-1;
#endif
}

static int npaths(void)
{
	return simd_cpu() ? 2 : 1;
}

static const char *const path_names[] = { "scalar", "SIMD" };

#ifdef PPPK_HDLC_SIMD
#include "hdlc_simd_tables.h"

/* What PSHUFB does: lane j is src[idx[j] & 15], or 0 if bit 7 is set. */
static void pshufb_model(const u8 *src, const u8 *idx, u8 *out, int n)
{
	for (int j = 0; j < n; j++)
		out[j] = (idx[j] & 0x80) ? 0 : src[idx[j] & 15];
}

/* Plain product of two polynomials of degree < 64, as 128 bits. */
static unsigned __int128 clmul_model(u64 a, u64 b)
{
	unsigned __int128 r = 0;

	for (int i = 0; i < 64; i++)
		if (b >> i & 1)
			r ^= (unsigned __int128)a << i;
	return r;
}

static u64 rev64(u64 v)
{
	u64 r = 0;

	for (int i = 0; i < 64; i++)
		r |= (v >> i & 1) << (63 - i);
	return r;
}

/*
 * The generated constants against the bitwise reference CRC: a message of
 * n octets whose first bit alone is set is x^(8n - 1), so its CRC from 0 is
 * x^(8n - 1 + w) mod P reflected in w bits; each constant is that value
 * shifted to the top of 64 bits.  mu must satisfy mu P = x^64 + r with r of
 * degree below w, and P is the polynomial itself.
 */
TEST(simd_constants_match_reference_crc)
{
	static const int pows[6] = { 575, 511, 191, 127, -1, 63 };
	u8 msg[80] = { 0x01 };

	for (int fcs32 = 0; fcs32 < 2; fcs32++) {
		const u64 *k = fcs32 ? pppk_fcs32_k : pppk_fcs16_k;
		int w = fcs32 ? 32 : 16;
		u64 poly = fcs32 ? 0x104c11db7ULL : 0x11021;
		unsigned __int128 prod;

		for (int i = 0; i < 6; i++) {
			int e = pows[i] < 0 ? 63 + w : pows[i];
			size_t n = (e + 1 - w) / 8;
			u64 want;

			ASSERT_EQ((size_t)(e + 1 - w), 8 * n);
			ASSERT_LE(n, sizeof(msg));
			want = fcs32 ? ref_fcs32_bits(0, msg, n) :
				       ref_fcs16_bits(0, msg, n);
			EXPECT_EQ(want << (64 - w), k[i]) TH_LOG("w %d x^%d", w, e);
		}
		EXPECT_EQ(poly, rev64(k[7]));
		prod = clmul_model(rev64(k[6]), poly);
		EXPECT_EQ(1, (u64)(prod >> 64));
		EXPECT_EQ(0, (u64)prod >> w);
	}
}

/* Each table entry escapes or unescapes eight octets as its mask says. */
TEST(simd_shuffle_tables)
{
	int bad = 0;

	for (int m = 0; m < 256; m++) {
		u8 src[16], out[16], want[16];
		int n = 0, k = 0;

		for (int j = 0; j < 16; j++)
			src[j] = j < 8 ? 0xa0 + j : 0x7d;
		for (int j = 0; j < 8; j++) {
			if (m >> j & 1)
				want[n++] = 0x7d;
			want[n++] = src[j];
		}
		pshufb_model(src, pppk_esc_expand[m], out, 16);
		bad += n != 8 + __builtin_popcount(m) || memcmp(out, want, n);

		for (int j = 0; j < 8; j++)
			if (!(m >> j & 1))
				want[k++] = src[j];
		pshufb_model(src, pppk_esc_compress[m], out, 8);
		bad += memcmp(out, want, k) != 0;
		for (int j = k; j < 8; j++)
			bad += out[j] != 0;
	}
	EXPECT_EQ(0, bad);
}
#endif

/*
 * FCS-16 and FCS-32 on both paths, and the SIMD functions called directly,
 * for every length to 300 at every alignment, and long ones, from random
 * starting values; and the good residue over a frame and its FCS.
 */
TEST(fcs_paths_match_reference)
{
	static const size_t longs[] = { 319, 320, 321, 511, 512, 513, 1023,
					1500, 1501, 1502, 4095, 4096, 16383,
					16384, 16385, 65536 + 7 };
	static u8 data[65536 + 64];
	int bad[2] = { 0, 0 }, direct = 0, residue = 0;

	seed(11);
	fill(data, sizeof(data), 1);
	for (size_t li = 0; li < 301 + sizeof(longs) / sizeof(longs[0]); li++) {
		size_t len = li <= 300 ? li : longs[li - 301];

		for (size_t off = 0; off < 16; off += len <= 300 ? 1 : 5) {
			const u8 *p = data + off;
			u16 i16 = rnd(), w16 = ref_fcs16_bits(i16, p, len);
			u32 i32 = rnd(), w32 = ref_fcs32_bits(i32, p, len);

			for (int path = 0; path < npaths(); path++) {
				use_path(path);
				bad[path] += pppk_fcs16(i16, p, len) != w16;
				bad[path] += pppk_fcs32(i32, p, len) != w32;
			}
#ifdef PPPK_HDLC_SIMD
			if (simd_cpu() && len >= PPPK_SIMD_FCS_MIN) {
				direct += pppk_simd_fcs16(i16, p, len) != w16;
				direct += pppk_simd_fcs32(i32, p, len) != w32;
			}
#endif
		}
	}
	/* frames of random content followed by their FCS */
	for (size_t len = 0; len < 600; len += 1 + len / 8) {
		u8 *f = malloc(len + 4);

		memcpy(f, data + len, len);
		for (int path = 0; path < npaths(); path++) {
			size_t n;

			use_path(path);
			n = add_fcs(f, len, false);
			residue += pppk_fcs16(PPPK_FCS16_INIT, f, n) !=
				   PPPK_FCS16_GOOD;
			n = add_fcs(f, len, true);
			residue += pppk_fcs32(PPPK_FCS32_INIT, f, n) !=
				   PPPK_FCS32_GOOD;
		}
		free(f);
	}
	EXPECT_EQ(0, bad[0]);
	EXPECT_EQ(0, bad[1]);
	EXPECT_EQ(0, direct);
	EXPECT_EQ(0, residue);
	if (!simd_cpu())
		TH_LOG("no PCLMULQDQ/SSE4.1 here: scalar path only");
}

/* Payload octets: 0 random, 1 escapes common, 2 all flags, 3 none special */
static void fill_density(u8 *p, size_t n, int mode)
{
	if (mode < 2)
		fill(p, n, mode);
	else
		memset(p, mode == 2 ? 0x7e : 0x41, n);
}

/*
 * Encoder output on both paths byte-identical to the reference for every
 * payload length to 300 and long ones, payload and output at every
 * alignment, every kind of escape map, four escape densities and every
 * header form; an exact-size buffer fits and one octet less does not.
 */
TEST(encode_paths_match_reference)
{
	static const size_t longs[] = { 511, 512, 1500, 1501, 4096, 9000,
					16384, 16399 };
	static const u32 accms[] = { 0, 0xffffffff, 0x000a0000 };
	static const u16 protos[] = { 0x0021, 0x0057, 0x8021, 0xc021, 0x7d7e };
	static u8 pay[16400 + 16];
	int mismatch[2] = { 0, 0 }, sizing[2] = { 0, 0 };

	seed(12);
	for (size_t li = 0; li < 301 + sizeof(longs) / sizeof(longs[0]); li++) {
		size_t len = li <= 300 ? li : longs[li - 301];

		for (int a = 0; a < 5; a++) {
			for (int x = 0; x < 3; x++) {
				struct ref_tx rt = { 0 };
				struct pppk_hdlc_tx tx;
				size_t off = rnd() % 16, ooff = rnd() % 16;
				u16 proto = protos[rnd() % 5];
				unsigned int ef = rnd() % 4;
				u8 *want, *buf;
				size_t wn, max;

				rt.accm = a < 3 ? accms[a] :
					  a == 3 ? rnd() : 1U << (rnd() % 32);
				rt.flags = rnd() % 8;
				if (x == 1) {		/* controls only */
					rt.xmap[0] = rnd() & rnd();
				} else if (x == 2) {	/* octets of all kinds */
					for (int i = 0; i < 8; i++)
						rt.xmap[i] = rnd() & rnd() & rnd();
				}
				pppk_hdlc_tx_config(&tx, rt.accm, rt.xmap,
						    rt.flags);
				fill_density(pay + off, len, (li + a + x) % 4);
				max = pppk_hdlc_max_encoded(len);
				want = malloc(max);
				wn = ref_encode(&rt, proto, pay + off, len, want,
						ef);
				for (int path = 0; path < npaths(); path++) {
					size_t n;

					use_path(path);
					/* output at any alignment, no slack */
					buf = malloc(wn + ooff);
					n = pppk_hdlc_encode(&tx, proto, pay + off,
							     len, buf + ooff, wn,
							     ef);
					mismatch[path] += n != wn ||
						memcmp(buf + ooff, want, wn);
					sizing[path] += pppk_hdlc_encode(&tx, proto,
						pay + off, len, buf + ooff,
						wn - 1, ef) != 0;
					free(buf);
				}
				free(want);
			}
		}
	}
	for (int path = 0; path < npaths(); path++) {
		EXPECT_EQ(0, mismatch[path]) TH_LOG("%s", path_names[path]);
		EXPECT_EQ(0, sizing[path]) TH_LOG("%s", path_names[path]);
	}
}

/*
 * Every 8-bit mask of octets to escape in both halves of a 16-octet block,
 * under each way the SIMD encoder tests octets (flag and escape only; all
 * controls; a bit map), encoded and decoded back on both paths.
 */
TEST(encode_every_escape_mask)
{
	static u8 pay[256 * 16], want[2 * 256 * 16 + 64], out[2 * 256 * 16 + 64];
	static u8 stream[2 * 256 * 16 + 64];
	u32 xmap[8] = { 0 };
	int bad = 0, lost = 0;

	xmap[4] = 0x00010001;		/* 0x80 and 0x90 */
	xmap[7] = 0x80000000;		/* 0xff */
	for (int mode = 0; mode < 3; mode++) {
		static const u8 esc_octets[3][4] = {
			{ 0x7d, 0x7e, 0x7d, 0x7e },
			{ 0x7d, 0x00, 0x7e, 0x1f },
			{ 0x7d, 0x11, 0x80, 0xff },
		};
		u32 accm = mode == 0 ? 0 : mode == 1 ? 0xffffffff : 0x000a0000;
		struct ref_tx rt = { .accm = accm, .flags = PPPK_HDLC_TX_ACFC |
							   PPPK_HDLC_TX_PFC };
		struct pppk_hdlc_tx tx;
		size_t wn;

		if (mode == 2)
			memcpy(rt.xmap, xmap, sizeof(xmap));
		pppk_hdlc_tx_config(&tx, accm, mode == 2 ? xmap : NULL,
				    PPPK_HDLC_TX_ACFC | PPPK_HDLC_TX_PFC);
		for (int m = 0; m < 256; m++) {
			for (int j = 0; j < 16; j++) {
				int bits = j < 8 ? m : 255 - m;
				u8 *c = &pay[16 * m + j];

				if (bits >> (j % 8) & 1)
					*c = esc_octets[mode][(m + j) % 4];
				else
					*c = 0x41 + j;
			}
		}
		wn = ref_encode(&rt, 0x21, pay, sizeof(pay), want,
				PPPK_HDLC_ENC_FLAG);
		for (int path = 0; path < npaths(); path++) {
			struct pppk_hdlc_rx rx;
			struct got *g = got_new();
			size_t n;
			u8 *rbuf = malloc(pppk_hdlc_rx_buf_size(sizeof(pay)));

			use_path(path);
			n = pppk_hdlc_encode(&tx, 0x21, pay, sizeof(pay), out,
					     sizeof(out), PPPK_HDLC_ENC_FLAG);
			bad += n != wn || memcmp(out, want, wn);
			memcpy(stream, out, n);
			pppk_hdlc_rx_init(&rx, sizeof(pay));
			pppk_hdlc_rx_config(&rx, accm, sizeof(pay), false);
			core_feed(&rx, rbuf, pppk_hdlc_rx_buf_size(sizeof(pay)),
				  stream, n, 0, g);
			lost += !got_frame(g, 0, 0x21, pay, sizeof(pay));
			free(rbuf);
			free(g);
		}
	}
	EXPECT_EQ(0, bad);
	EXPECT_EQ(0, lost);
}

/*
 * Stuff @raw escaping what @accm says plus, with probability @p_any in
 * 1/256, any other octet a receiver must take escaped: all but 0x5e (which
 * would read as an abort) and those that would turn into controls in @accm.
 */
static size_t stuff_any(const u8 *raw, size_t n, u32 accm, unsigned int p_any,
			u8 *out)
{
	u32 none[8] = { 0 };
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		u8 x = raw[i] ^ 0x20;
		bool may = x != 0x7e && !(x < 0x20 && (accm >> x & 1));

		if (ref_must_escape(raw[i], accm, none) ||
		    (may && rnd() % 256 < p_any)) {
			out[o++] = 0x7d;
			out[o++] = raw[i] ^ 0x20;
		} else {
			out[o++] = raw[i];
		}
	}
	return o;
}

/*
 * Noise a link can carry, at random places: an ACCM control (removed),
 * "7d 7d" (an escaped 0x7d), an abort, a stray flag, a flipped bit.
 */
static size_t add_noise(u8 *s, size_t n, size_t cap, int count)
{
	for (int k = 0; k < count && n + 2 < cap; k++) {
		size_t at = rnd() % (n + 1);
		int what = rnd() % 5;

		if (what == 4) {
			if (n)
				s[rnd() % n] ^= 1 << (rnd() % 8);
			continue;
		}
		memmove(s + at + 2, s + at, n - at);
		s[at] = (const u8[]){ 0x11, 0x7d, 0x7d, 0x7e }[what];
		s[at + 1] = (const u8[]){ 0x13, 0x7d, 0x7e, 0x7e }[what];
		n += 2;
	}
	return n;
}

/*
 * A stream of frames of lengths 0 to 300 and long ones, escaped sparsely
 * or densely (any octet may be escaped), under several ACCMs and both
 * FCSs, with noise, into exact-size buffers: both paths return the same
 * frames and counters as the reference, fed whole, an octet at a time and
 * in random chunks.
 */
TEST(decode_paths_match_reference)
{
	static const u32 accms[] = { 0, 0xffffffff, 0x000a0000, 0x80000001 };
	static u8 s[1 << 19], raw[20000];
	int frames_differ = 0, stats_differ = 0;

	seed(13);
	for (int it = 0; it < 240; it++) {
		u32 accm = accms[it % 4];
		bool fcs32 = it / 4 % 2;
		u32 mru = (it % 3) ? 1500 : 1 + rnd() % 17000;
		size_t size = pppk_hdlc_rx_buf_size(mru) - (it % 5 == 0 ? rnd() % 40 : 0);
		unsigned int p_any = (const unsigned int[]){ 0, 4, 64, 200 }[it / 8 % 4];
		struct got *ref_got = got_new();
		struct ref_rx ref;
		u8 *rbuf = malloc(size);
		size_t n = 0;

		/* frames: ACFC/PFC-free header, payload, FCS, flag */
		s[n++] = 0x7e;
		for (int f = 0; f < 12 && n < sizeof(s) / 2; f++) {
			size_t len = (it + f) % 3 ? rnd() % 301 :
				     rnd() % (mru + 20);
			size_t rn;

			raw[0] = 0xff;
			raw[1] = 0x03;
			raw[2] = 0x00;
			raw[3] = 0x21;
			fill(raw + 4, len, rnd() & 1);
			rn = add_fcs(raw, 4 + len, fcs32);
			n += stuff_any(raw, rn, accm, p_any, s + n);
			s[n++] = 0x7e;
		}
		if (it % 2)
			n = add_noise(s, n, sizeof(s), 1 + rnd() % 24);

		ref_rx_init(&ref, accm, mru, fcs32, rbuf, size);
		ref.deliver = got_add;
		ref.ctx = ref_got;
		ref_decode(&ref, s, n);

		for (int path = 0; path < npaths(); path++) {
			for (int c = 0; c < 3; c++) {
				size_t chunk = c == 0 ? 0 : c == 1 ? 1 :
					       1 + rnd() % 700;
				struct got *g = got_new();
				struct pppk_hdlc_rx rx;
				u8 *buf = malloc(size);

				use_path(path);
				pppk_hdlc_rx_init(&rx, mru);
				pppk_hdlc_rx_config(&rx, accm, mru, fcs32);
				core_feed(&rx, buf, size, s, n, chunk, g);
				frames_differ += !got_eq(ref_got, g);
				stats_differ += !stats_eq(&ref.stats, &rx.stats);
				if (!got_eq(ref_got, g) ||
				    !stats_eq(&ref.stats, &rx.stats))
					TH_LOG("%s it %d chunk %zu: %zu/%zu frames",
					       path_names[path], it, chunk, g->n,
					       ref_got->n);
				free(buf);
				free(g);
			}
		}
		free(ref_got);
		free(rbuf);
	}
	EXPECT_EQ(0, frames_differ);
	EXPECT_EQ(0, stats_differ);
}

/*
 * One frame cut in two at every possible point, the escape state and the
 * partial block carried across the calls: the same result each time.
 */
TEST(decode_every_split_point)
{
	static u8 raw[400], s[1000];
	int bad = 0;

	seed(14);
	for (int k = 0; k < 8; k++) {
		u32 accm = k & 1 ? 0xffffffff : 0;
		size_t len = 40 + rnd() % 300, rn, n = 0;

		raw[0] = 0x21;
		fill(raw + 1, len, 1);
		rn = add_fcs(raw, 1 + len, k & 2);
		s[n++] = 0x7e;
		n += stuff_any(raw, rn, accm, k & 4 ? 100 : 0, s + n);
		s[n++] = 0x7e;
		for (int path = 0; path < npaths(); path++) {
			use_path(path);
			for (size_t cut = 0; cut <= n; cut++) {
				u8 *buf = malloc(pppk_hdlc_rx_buf_size(400));
				struct pppk_hdlc_rx rx;
				struct pppk_hdlc_frame f;
				const u8 *p = s;
				int got = 0;

				pppk_hdlc_rx_init(&rx, 400);
				pppk_hdlc_rx_config(&rx, accm, 400, k & 2);
				pppk_hdlc_rx_set_buf(&rx, buf,
						     pppk_hdlc_rx_buf_size(400));
				while (pppk_hdlc_decode(&rx, &p, s + cut, &f))
					got += f.proto == 0x21 && f.len == len &&
					       !memcmp(f.data, raw + 1, len);
				while (pppk_hdlc_decode(&rx, &p, s + n, &f))
					got += f.proto == 0x21 && f.len == len &&
					       !memcmp(f.data, raw + 1, len);
				bad += got != 1 || rx.stats.good != 1 ||
				       rx.stats.escaped != count_octet(s, n, 0x7d);
				free(buf);
			}
		}
	}
	EXPECT_EQ(0, bad);
}

static void __attribute__((constructor)) init_ref(void)
{
	ref_init();
#ifdef PPPK_HDLC_SIMD
	/* "make check" runs the whole suite a second time scalar only */
	if (getenv("PPPK_HDLC_SCALAR"))
		pppk_hdlc_force_scalar = true;
	printf("# framing code: %s\n", pppk_simd_cpu() ?
	       "SIMD (PCLMULQDQ, SSE4.1) from 128 octets" : "scalar");
#endif
}

TEST_HARNESS_MAIN
