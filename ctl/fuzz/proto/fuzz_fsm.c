// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the RFC 1661 automaton: random configuration, then a
 * random mix of Up/Down/Open/Close, timer expiries, synthetic events and
 * received packets (raw garbage, or well-formed headers that reuse our
 * current Identifier and request so the deep paths are reached).  The
 * plug-in protocol answers at random too, garbage replies included.
 *
 * Checked on every step: no memory error (ASan/UBSan), every packet sent is
 * well formed and within FSM_MAX_PKT, a Code-Reject fits the MRU it was
 * given, the state is valid, and the Restart timer is armed exactly in
 * Closing, Stopping, Req-Sent, Ack-Rcvd and Ack-Sent.
 */
#include <stdlib.h>
#include <string.h>

#include "proto/fsm.h"
#include "proto/opts.h"

struct fz {
	struct fsm f;
	const uint8_t *in;
	size_t left;
	bool timer;
	size_t mru;		/* given to the fsm_input in progress */
	bool in_input;
	uint8_t req[64];
	size_t reqlen;
	bool reenter;
	int depth;
};

#define FZ(f) ((struct fz *)(f))
#define CHECK(x) do { if (!(x)) abort(); } while (0)

static uint8_t take(struct fz *z)
{
	if (!z->left)
		return 0;
	z->left--;
	return *z->in++;
}

static void fz_send(struct fsm *f, const uint8_t *pkt, size_t len)
{
	struct fz *z = FZ(f);

	CHECK(len >= FSM_HDRLEN && len <= FSM_MAX_PKT);
	CHECK(((size_t)pkt[2] << 8 | pkt[3]) == len);
	if (pkt[0] == PPP_CODEREJ && z->in_input) {
		size_t room = z->mru && z->mru < FSM_MAX_PKT ?
			      z->mru : FSM_MAX_PKT;

		CHECK(len <= (room < FSM_HDRLEN ? FSM_HDRLEN : room));
	}
	if (pkt[0] == PPP_CONFREQ || pkt[0] == PPP_CONFACK)
		CHECK(ppp_opts_valid(pkt + 4, len - 4));
}

static void fz_start(struct fsm *f, unsigned int ms)
{
	CHECK(ms == f->restart_ms);
	FZ(f)->timer = true;
}

static void fz_stop(struct fsm *f)
{
	CHECK(FZ(f)->timer);
	FZ(f)->timer = false;
}

static void fz_trace(struct fsm *f, enum fsm_dir dir, const uint8_t *pkt,
		     size_t len, const char *state)
{
	(void)f;
	(void)dir;
	CHECK(len >= FSM_HDRLEN && pkt && state && state[0]);
}

static void fz_state(struct fsm *f, int from, int to)
{
	CHECK(from != to && to == fsm_state(f));
	CHECK(from >= 0 && from < FSM_NSTATES);
}

static const struct fsm_ops ops = {
	.send = fz_send,
	.start_timer = fz_start,
	.stop_timer = fz_stop,
	.trace = fz_trace,
	.state_change = fz_state,
};

/* A request of whole options, chosen at each new negotiation. */
static void fz_reset(struct fsm *f)
{
	struct fz *z = FZ(f);
	struct ppp_optbuf b;
	uint8_t n = take(z) % 5, i;

	ppp_optbuf_init(&b, z->req, sizeof(z->req));
	for (i = 0; i < n; i++) {
		uint8_t d[8];
		uint8_t dl = take(z) % 7, j;

		for (j = 0; j < dl; j++)
			d[j] = take(z);
		ppp_optbuf_put(&b, take(z), d, dl);
	}
	z->reqlen = b.len;
}

static size_t fz_build(struct fsm *f, uint8_t *buf, size_t cap)
{
	struct fz *z = FZ(f);

	/* Sometimes a callback that claims more than it may. */
	if (z->reqlen == 0 && (take(z) & 0x80))
		return cap + 1;
	memcpy(buf, z->req, z->reqlen);
	return z->reqlen;
}

static int fz_rcv_req(struct fsm *f, const uint8_t *opts, size_t len,
		      uint8_t *reply, size_t cap, size_t *reply_len,
		      bool reject_mode)
{
	struct fz *z = FZ(f);
	uint8_t v = take(z);
	size_t n = take(z), i;

	CHECK(ppp_opts_valid(opts, len));
	(void)reject_mode;
	if (n > cap)
		n = cap;
	if (v & 0x40) {
		/* Echo the request back, as a Reject would. */
		n = len < cap ? len : cap;
		memcpy(reply, opts, n);
	} else {
		for (i = 0; i < n; i++)
			reply[i] = take(z);
	}
	*reply_len = (v & 0x20) ? cap + 7 : n;	/* sometimes a lie */
	return v % 6;	/* 0, 1, 5 are nonsense verdicts */
}

static bool fz_bool(struct fsm *f, const uint8_t *opts, size_t len)
{
	CHECK(ppp_opts_valid(opts, len));
	return take(FZ(f)) & 1;
}

static bool fz_nak(struct fsm *f, const uint8_t *opts, size_t len, bool rm)
{
	(void)rm;
	return fz_bool(f, opts, len);
}

static void fz_tls(struct fsm *f)
{
	struct fz *z = FZ(f);

	if (z->reenter && z->depth < 4 && (take(z) & 1)) {
		z->depth++;
		fsm_up(f);
		z->depth--;
	}
}

static void fz_tlf(struct fsm *f)
{
	struct fz *z = FZ(f);

	if (z->reenter && z->depth < 4 && (take(z) & 1)) {
		z->depth++;
		fsm_down(f);
		z->depth--;
	}
}

static enum fsm_ext fz_rx_code(struct fsm *f, uint8_t code, uint8_t id,
			       const uint8_t *data, size_t len)
{
	(void)code;
	(void)id;
	(void)data;
	(void)len;
	return (enum fsm_ext)(take(FZ(f)) % 5);
}

static void fz_ser(struct fsm *f, uint8_t code, uint8_t id,
		   const uint8_t *data, size_t len)
{
	CHECK(fsm_state(f) == FSM_OPENED);
	CHECK(!len || data);
	if (code == PPP_ECHOREQ)
		fsm_send(f, PPP_ECHOREP, id, data, len);
}

static bool fz_fatal(struct fsm *f, uint8_t code, const uint8_t *data,
		     size_t len)
{
	CHECK(len >= 1 && data);
	(void)code;
	return take(FZ(f)) & 1;
}

#define FZ_FIELDS							\
	.name = "FUZZ",							\
	.reset = fz_reset,						\
	.build_req = fz_build,						\
	.rcv_req = fz_rcv_req,						\
	.rcv_ack = fz_bool,						\
	.rcv_nak = fz_nak,						\
	.rcv_rej = fz_bool,						\
	.tls = fz_tls,							\
	.tlf = fz_tlf,							\
	.ser = fz_ser

static const struct fsm_proto protos[] = {
	{ FZ_FIELDS, .protocol = 0xc021, .rx_code = fz_rx_code },
	{ FZ_FIELDS, .protocol = 0xc021, .rx_code = fz_rx_code,
	  .rxj_fatal = fz_fatal },
	{ FZ_FIELDS, .protocol = 0x8021 },
};

static void invariants(struct fz *z)
{
	int s = fsm_state(&z->f);

	CHECK(s >= 0 && s < FSM_NSTATES);
	CHECK(z->timer == (s >= FSM_CLOSING && s <= FSM_ACKSENT));
	CHECK(fsm_state_name(s)[0] != '?');
}

static void input(struct fz *z)
{
	uint8_t pkt[FSM_MAX_PKT + 64];
	uint8_t how = take(z);
	size_t len = take(z) | (size_t)(take(z) & 7) << 8, i;

	if (len > sizeof(pkt))
		len = sizeof(pkt);
	for (i = 0; i < len; i++)
		pkt[i] = take(z);
	if ((how & 3) && len >= 4) {
		/* A proper header, so the packet gets past the checks. */
		size_t plen = len - ((how & 4) ? take(z) % 8 : 0);

		if (plen < 4)
			plen = 4;
		pkt[0] = take(z) % 16;
		if (how & 8)
			pkt[1] = z->f.reqid;
		pkt[2] = (uint8_t)(plen >> 8);
		pkt[3] = (uint8_t)plen;
		if ((how & 16) && plen - 4 >= z->reqlen) {
			memcpy(pkt + 4, z->req, z->reqlen);
			pkt[3] = (uint8_t)(4 + z->reqlen);
			pkt[2] = 0;
		}
	}
	z->mru = (size_t)take(z) * 8;
	z->in_input = true;
	fsm_input(&z->f, len ? pkt : NULL, len, z->mru);
	z->in_input = false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz z;
	int steps = 0;

	memset(&z, 0, sizeof(z));
	z.in = data;
	z.left = size;
	fsm_init(&z.f, &protos[take(&z) % 3], &ops, NULL);
	z.f.opts = take(&z) & 7;
	z.f.max_configure = take(&z) % 12;
	z.f.max_terminate = take(&z) % 4;
	z.f.max_failure = take(&z) % 7;
	z.reenter = take(&z) & 1;
	z.f.restart_ms = 1000;

	while (z.left && steps++ < 2000) {
		uint8_t op = take(&z);

		switch (op % 8) {
		case 0:
			fsm_up(&z.f);
			break;
		case 1:
			fsm_down(&z.f);
			break;
		case 2:
			fsm_open(&z.f);
			break;
		case 3:
			fsm_close(&z.f);
			break;
		case 4:
			/* The timer fires, or a stale expiry arrives. */
			if (op & 8)
				z.timer = false;
			if (!z.timer)
				fsm_timeout(&z.f);
			break;
		case 5:
			if (op & 8) {
				fsm_event(&z.f, (enum fsm_event)(take(&z) % 17));
				/* A synthetic TO may re-arm or not; an
				 * already armed timer stays armed. */
				break;
			}
			/* fall through */
		default:
			input(&z);
			break;
		}
		invariants(&z);
	}
	return 0;
}
