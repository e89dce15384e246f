// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the RFC 1662 framing core (kmod/hdlc.c).
 *
 * Input: 8 octets of settings, then data.  Each run
 *  1. decodes the data as a raw byte stream under the settings' ACCM, MRU
 *     and FCS, fed in chunks of pseudo-random size, into an exact-size heap
 *     buffer, and requires the same frames and counters as the byte-at-a-time
 *     reference decoder in kmod/tests/hdlc_ref.h;
 *  2. cuts the data into payloads, encodes them (byte-identical to the
 *     reference encoder), decodes the stream in random chunks and requires
 *     every payload back, in order, with no error counted;
 *  3. checks FCS-16 and FCS-32 of the data against the bitwise reference.
 * On x86-64 with PCLMULQDQ and SSE4.1 all of it runs twice: scalar only,
 * then with the SIMD code from an input-chosen length (often 0) on.
 *
 * make -C kmod/tests fuzzers; ../../build/kmod-tests/fuzz_hdlc_decode -max_total_time=20
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "hdlc.h"
#include "hdlc_ref.h"
#include "hdlc_simd.h"

#define MAX_FRAMES	512
#define MAX_PAYLOAD	3000

static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 32;
}

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: %s\n", __FILE__,	\
				__LINE__, #cond);			\
			abort();					\
		}							\
	} while (0)

/* frames a decoder produced, in order */
struct seen {
	size_t n, used;
	uint16_t proto[MAX_FRAMES];
	size_t off[MAX_FRAMES], len[MAX_FRAMES];
	uint8_t data[1 << 20];
};

static struct seen core_seen, ref_seen;

static void seen_add(void *ctx, u16 proto, const u8 *data, size_t len)
{
	struct seen *s = ctx;

	CHECK(s->n < MAX_FRAMES && len <= sizeof(s->data) - s->used);
	s->proto[s->n] = proto;
	s->off[s->n] = s->used;
	s->len[s->n] = len;
	memcpy(s->data + s->used, data, len);
	s->used += len;
	s->n++;
}

static void feed(struct pppk_hdlc_rx *rx, u8 *buf, size_t size,
		 const u8 *in, size_t len, struct seen *s)
{
	size_t i = 0;

	pppk_hdlc_rx_set_buf(rx, buf, size);
	while (i < len) {
		size_t n = 1 + rnd() % 97;
		const u8 *p = in + i, *end;
		struct pppk_hdlc_frame f;

		if (rnd() % 8 == 0)
			n = len - i;
		if (n > len - i)
			n = len - i;
		end = p + n;
		while (pppk_hdlc_decode(rx, &p, end, &f)) {
			CHECK(f.buf == buf && f.data == buf + f.offset);
			CHECK(f.offset <= 4 && f.offset + f.len <= size);
			CHECK(f.len <= rx->mru);
			seen_add(s, f.proto, f.data, f.len);
			pppk_hdlc_rx_set_buf(rx, buf, size);
		}
		CHECK(p == end);
		i += n;
	}
}

static const u32 accms[] = { 0, 0xffffffff, 0x000a0000, 0x80000001 };

static void raw_stream(const u8 *set, const u8 *data, size_t size)
{
	u32 accm = (set[0] & 4) ? accms[set[0] & 3] :
		   (u32)set[4] << 24 | set[5] << 16 | set[6] << 8 | set[7];
	u32 mru = 1 + ((set[1] << 8 | set[2]) % 2000);
	bool fcs32 = set[0] & 8;
	size_t bsize = pppk_hdlc_rx_buf_size(mru) - (set[3] & 7);
	u8 *buf = malloc(bsize), *rbuf = malloc(bsize);
	struct pppk_hdlc_rx rx;
	struct ref_rx ref;

	CHECK(buf && rbuf);
	core_seen.n = core_seen.used = 0;
	ref_seen.n = ref_seen.used = 0;
	pppk_hdlc_rx_init(&rx, mru);
	pppk_hdlc_rx_config(&rx, accm, mru, fcs32);
	feed(&rx, buf, bsize, data, size, &core_seen);

	ref_rx_init(&ref, accm, mru, fcs32, rbuf, bsize);
	ref.deliver = seen_add;
	ref.ctx = &ref_seen;
	ref_decode(&ref, data, size);

	CHECK(rx.stats.no_buffer == 0);
	CHECK(!memcmp(&rx.stats, &ref.stats, sizeof(rx.stats)));
	CHECK(core_seen.n == ref_seen.n && core_seen.used == ref_seen.used);
	for (size_t i = 0; i < core_seen.n; i++)
		CHECK(core_seen.proto[i] == ref_seen.proto[i] &&
		      core_seen.len[i] == ref_seen.len[i]);
	CHECK(!memcmp(core_seen.data, ref_seen.data, core_seen.used));
	free(buf);
	free(rbuf);
}

static void round_trip(const u8 *set, const u8 *data, size_t size)
{
	static const u16 protos[] = { 0x0021, 0x0057, 0x00fd, 0x8021, 0xc021,
				      0xc223, 0x002d, 0x8057 };
	static u8 stream[MAX_FRAMES * (2 * MAX_PAYLOAD + 20)], one[2 * MAX_PAYLOAD + 20];
	struct ref_tx rt = { 0 };
	struct pppk_hdlc_tx tx;
	struct pppk_hdlc_rx rx;
	size_t n = 0, pos = 0, nf = 0, bsize;
	u16 sent_proto[MAX_FRAMES];
	size_t sent_off[MAX_FRAMES], sent_len[MAX_FRAMES];
	u8 *buf;

	rt.accm = (set[0] & 0x40) ? accms[set[0] >> 4 & 3] :
		  (u32)set[7] << 24 | set[6] << 16 | set[5] << 8 | set[4];
	rt.flags = set[3] >> 5;
	if (set[2] & 1) {
		for (int i = 0; i < 8; i++)
			rt.xmap[i] = (u32)set[i] * 0x01010101 & rnd();
	}
	pppk_hdlc_tx_config(&tx, rt.accm, rt.xmap, rt.flags);

	while (pos < size && nf < MAX_FRAMES) {
		size_t len = 1 + (data[pos] | (pos + 1 < size ? data[pos + 1] << 4 : 0)) % MAX_PAYLOAD;
		u16 proto = protos[rnd() % 8];
		unsigned int ef = (nf == 0 || rnd() % 4 == 0) ? PPPK_HDLC_ENC_FLAG : 0;
		size_t w, wn;

		if (len > size - pos)
			len = size - pos;
		if (proto == PPPK_PROTO_LCP &&
		    pppk_hdlc_needs_defaults(proto, data[pos]))
			ef |= PPPK_HDLC_ENC_DEFAULTS;
		w = pppk_hdlc_encode(&tx, proto, data + pos, len, stream + n,
				     sizeof(stream) - n, ef);
		CHECK(w > 0 && w <= pppk_hdlc_max_encoded(len));
		wn = ref_encode(&rt, proto, data + pos, len, one, ef);
		CHECK(w == wn && !memcmp(stream + n, one, w));
		/* one octet short never fits */
		CHECK(pppk_hdlc_encode(&tx, proto, data + pos, len, one,
				       w - 1, ef) == 0);
		n += w;
		sent_proto[nf] = proto;
		sent_off[nf] = pos;
		sent_len[nf] = len;
		nf++;
		pos += len;
	}

	bsize = pppk_hdlc_rx_buf_size(MAX_PAYLOAD);
	buf = malloc(bsize);
	CHECK(buf);
	core_seen.n = core_seen.used = 0;
	pppk_hdlc_rx_init(&rx, MAX_PAYLOAD);
	pppk_hdlc_rx_config(&rx, rt.accm, MAX_PAYLOAD, rt.flags & PPPK_HDLC_TX_FCS32);
	feed(&rx, buf, bsize, stream, n, &core_seen);
	CHECK(rx.stats.good == nf && core_seen.n == nf);
	CHECK(rx.stats.bad_fcs + rx.stats.aborts + rx.stats.runts +
	      rx.stats.oversize + rx.stats.bad_header + rx.stats.no_buffer +
	      rx.stats.accm_discarded == 0);
	for (size_t i = 0; i < nf; i++) {
		CHECK(core_seen.proto[i] == sent_proto[i]);
		CHECK(core_seen.len[i] == sent_len[i]);
		CHECK(!memcmp(core_seen.data + core_seen.off[i],
			      data + sent_off[i], sent_len[i]));
	}
	free(buf);
}

static void fcs_check(const u8 *data, size_t size)
{
	CHECK(pppk_fcs16(0xffff, data, size) == ref_fcs16_bits(0xffff, data, size));
	CHECK(pppk_fcs32(0xffffffff, data, size) ==
	      ref_fcs32_bits(0xffffffff, data, size));
}

/* Returns false when there is no SIMD path to take. */
static bool use_path(int simd, size_t min)
{
#ifdef PPPK_HDLC_SIMD
	pppk_hdlc_force_scalar = false;
	if (simd && !pppk_simd_cpu())
		return false;
	pppk_hdlc_force_scalar = !simd;
	pppk_hdlc_simd_min = min;
	return true;
#else
	(void)min;
	return !simd;
#endif
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	u8 set[8] = { 0 };
	uint64_t seed;

	if (!ready) {
		ref_init();
		ready = true;
	}
	memcpy(set, data, size < 8 ? size : 8);
	data += size < 8 ? size : 8;
	size -= size < 8 ? size : 8;
	seed = ((uint64_t)set[0] << 56 | (uint64_t)set[3] << 8 | set[1]) + 1;

	for (int simd = 0; simd < 2; simd++) {
		if (!use_path(simd, (set[5] & 1) ? 0 : set[6] * 2))
			continue;
		rng = seed;
		raw_stream(set, data, size);
		round_trip(set, data, size);
		fcs_check(data, size);
	}
	return 0;
}
