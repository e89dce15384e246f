/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared part of the libFuzzer targets for the control protocols
 * (fuzz_lcp.c, fuzz_ipcp.c): an owner whose fsm_ops check every packet the
 * protocol makes the automaton send, a random mix of Up/Down/Open/Close,
 * timer expiries, synthetic events and received packets (garbage, or proper
 * headers carrying our own Identifier and request, or lists of the
 * protocol's option types with right and wrong lengths), so that every
 * state sees every kind of packet.  Synthetic events are limited to what an
 * owner sends (RXJ+/RXJ-).
 *
 * Checked on every packet sent: well formed, within FSM_MAX_PKT; our
 * Configure-Requests carry only what the protocol may ask (check_req); a
 * Configure-Ack echoes the request it answers, a Configure-Reject is an
 * ordered subset of it, a Configure-Nak names only options of the request
 * (or, hint_ok, the protocol's hints); Code-Rejects fit the MRU given;
 * packets bounded by the peer's MRU (LCP) fit it.  After every step: the
 * state is valid and the Restart timer is armed exactly when it must be.
 */
#ifndef FUZZ_CP_H
#define FUZZ_CP_H

#include <stdlib.h>
#include <string.h>
#ifdef FZ_DEBUG		/* -DFZ_DEBUG: print the request that failed */
#include <stdio.h>
#endif

#include "proto/fsm.h"
#include "proto/lcp.h"
#include "proto/opts.h"

#define CHECK(x) do { if (!(x)) abort(); } while (0)

struct fzc {
	struct fsm *f;
	const uint8_t *in;
	size_t left;
	bool timer;
	/* the packet being fed to fsm_input */
	bool in_input;
	uint8_t in_code, in_id;
	const uint8_t *in_opts;
	size_t in_optlen;
	size_t mru;
	/* protocol specifics */
	const struct lcp *lcp;		/* bounds Echo-Reply etc. by his.mru */
	bool hint_ok;			/* Naks may add options (IPCP) */
	bool (*check_req)(const uint8_t *opts, size_t len);
	const uint8_t *types;		/* option types worth trying */
	size_t ntypes;
};

static inline uint8_t take(struct fzc *z)
{
	if (!z->left)
		return 0;
	z->left--;
	return *z->in++;
}

static inline uint32_t take32(struct fzc *z)
{
	uint32_t v = take(z);

	v = v << 8 | take(z);
	v = v << 8 | take(z);
	return v << 8 | take(z);
}

static inline bool ordered_subset(const uint8_t *sub, size_t sublen,
			   const uint8_t *set, size_t setlen)
{
	struct ppp_opt_iter is, iset;
	struct ppp_opt a, b;

	ppp_opt_iter_init(&is, sub, sublen);
	ppp_opt_iter_init(&iset, set, setlen);
	while (ppp_opt_next(&is, &a) > 0) {
		for (;;) {
			if (ppp_opt_next(&iset, &b) <= 0)
				return false;
			if (a.len == b.len && !memcmp(a.raw, b.raw, a.len))
				break;
		}
	}
	return true;
}

static inline void fzc_send(struct fsm *f, const uint8_t *pkt, size_t len)
{
	struct fzc *z = f->ctx;
	const uint8_t *o = pkt + 4;
	size_t n = len - 4;
	struct ppp_opt_iter it;
	struct ppp_opt opt, found;

	CHECK(len >= 4 && len <= FSM_MAX_PKT);
	CHECK(((size_t)pkt[2] << 8 | pkt[3]) == len);
	switch (pkt[0]) {
	case PPP_CONFREQ:
		CHECK(ppp_opts_valid(o, n));
#ifdef FZ_DEBUG
		if (!z->check_req(o, n)) {
			for (size_t i = 0; i < len; i++)
				fprintf(stderr, "%02x", pkt[i]);
			fprintf(stderr, " bad request\n");
		}
#endif
		CHECK(z->check_req(o, n));
		break;
	case PPP_CONFACK:
	case PPP_CONFNAK:
	case PPP_CONFREJ:
		if (pkt[0] == PPP_CONFREJ && z->in_input &&
		    z->in_code == PPP_CONFREQ && pkt[1] == z->in_id &&
		    !ppp_opts_valid(z->in_opts, z->in_optlen)) {
			/*
			 * A malformed request: what the protocol rejected of
			 * its good head, then the bad tail verbatim (pppd).
			 */
			size_t good = ppp_opts_prefix(z->in_opts, z->in_optlen);
			size_t tail = z->in_optlen - good;

			CHECK(n >= tail &&
			      !memcmp(o + n - tail, z->in_opts + good, tail));
			CHECK(ordered_subset(o, n - tail, z->in_opts, good));
			break;
		}
		CHECK(ppp_opts_valid(o, n));
		if (!z->in_input || z->in_code != PPP_CONFREQ ||
		    pkt[1] != z->in_id)
			break;
		if (pkt[0] == PPP_CONFACK) {
			CHECK(n == z->in_optlen &&
			      (!n || !memcmp(o, z->in_opts, n)));
			break;
		}
		CHECK(n > 0);
		if (pkt[0] == PPP_CONFREJ) {
			CHECK(ordered_subset(o, n, z->in_opts, z->in_optlen));
			break;
		}
		ppp_opt_iter_init(&it, o, n);
		while (ppp_opt_next(&it, &opt) > 0)
			CHECK(z->hint_ok ||
			      ppp_opt_find(z->in_opts, z->in_optlen, opt.type,
					   &found));
		break;
	case PPP_CODEREJ:
		if (z->in_input) {
			size_t room = z->mru && z->mru < FSM_MAX_PKT ?
				      z->mru : FSM_MAX_PKT;

			CHECK(len <= (room < 4 ? 4 : room));
		}
		break;
	case PPP_PROTREJ:
	case PPP_ECHOREQ:
	case PPP_ECHOREP:
		CHECK(z->lcp && len <= z->lcp->his.mru);
		CHECK(fsm_state(f) == FSM_OPENED);
		break;
	case PPP_TERMREQ:
	case PPP_TERMACK:
		break;
	default:
		CHECK(0);
	}
}

static inline void fzc_start(struct fsm *f, unsigned int ms)
{
	CHECK(ms == f->restart_ms);
	((struct fzc *)f->ctx)->timer = true;
}

static inline void fzc_stop(struct fsm *f)
{
	struct fzc *z = f->ctx;

	CHECK(z->timer);
	z->timer = false;
}

static const struct fsm_ops fzc_ops = {
	.send = fzc_send,
	.start_timer = fzc_start,
	.stop_timer = fzc_stop,
};

static inline void fzc_invariants(struct fzc *z)
{
	int s = fsm_state(z->f);

	CHECK(s >= 0 && s < FSM_NSTATES);
	CHECK(z->timer == (s >= FSM_CLOSING && s <= FSM_ACKSENT));
}

/* One received packet, built from the input. */
static inline void fzc_input(struct fzc *z)
{
	uint8_t pkt[FSM_MAX_PKT + 64];
	struct ppp_optbuf b;
	uint8_t how = take(z);
	size_t len, i;

	if (!(how & 3)) {
		/* raw bytes, header and all */
		len = take(z) | (size_t)(take(z) & 7) << 8;
		if (len > sizeof(pkt))
			len = sizeof(pkt);
		for (i = 0; i < len; i++)
			pkt[i] = take(z);
		goto feed;
	}
	pkt[0] = (how & 0x10) ? 1 + take(z) % 4 : take(z) % 16;
	pkt[1] = (how & 8) ? z->f->reqid : take(z);
	ppp_optbuf_init(&b, pkt + 4, FSM_MAX_OPTS);
	if (how & 0x20) {
		/* our own request: an Ack, or our magic coming back */
		b.len = z->f->proto->build_req(z->f, pkt + 4, FSM_MAX_OPTS);
		if ((how & 0x40) && b.len)
			pkt[4 + take(z) % b.len] ^= take(z);
	} else {
		uint8_t nopt = take(z) % 8, k;

		for (k = 0; k < nopt; k++) {
			uint8_t d[32], dl, t, j;

			t = (take(z) & 1) && z->ntypes ?
			    z->types[take(z) % z->ntypes] : take(z);
			dl = take(z) % 16;
			for (j = 0; j < dl; j++)
				d[j] = take(z);
			ppp_optbuf_put(&b, t, d, dl);
		}
	}
	len = 4 + b.len;
	if (how & 0x80)
		len -= take(z) % 3;	/* a broken tail */
	if (len < 4)
		len = 4;
	pkt[2] = (uint8_t)(len >> 8);
	pkt[3] = (uint8_t)len;
feed:
	z->mru = (size_t)take(z) * 8;
	z->in_input = true;
	/* what the automaton will see: Length octets, padding ignored */
	i = len >= 4 ? (size_t)pkt[2] << 8 | pkt[3] : 0;
	z->in_code = i >= 4 && i <= len ? pkt[0] : 0;
	z->in_id = pkt[1];
	z->in_opts = pkt + 4;
	z->in_optlen = i >= 4 && i <= len ? i - 4 : 0;
	fsm_input(z->f, len ? pkt : NULL, len, z->mru);
	z->in_input = false;
}

/* The automaton's configuration from the input. */
static inline void fzc_setup(struct fzc *z)
{
	z->f->opts = take(z) & 7;
	z->f->max_configure = take(z) % 12;
	z->f->max_terminate = take(z) % 4;
	z->f->max_failure = take(z) % 7;
	z->f->restart_ms = 1000;
}

/* One step of the generic driver; false: not a generic op. */
static inline bool fzc_step(struct fzc *z, uint8_t op)
{
	switch (op % 8) {
	case 0:
		fsm_up(z->f);
		return true;
	case 1:
		fsm_down(z->f);
		return true;
	case 2:
		fsm_open(z->f);
		return true;
	case 3:
		fsm_close(z->f);
		return true;
	case 4:
		/* The timer fires; with none armed, a stale expiry. */
		z->timer = false;
		fsm_timeout(z->f);
		return true;
	case 5:
		fzc_input(z);
		return true;
	case 6:
		if (op & 8) {
			/*
			 * The synthetic events an owner uses: LCP tells an
			 * NCP its protocol was rejected.  (Synthetic RCA and
			 * friends bypass the protocol's callbacks; they exist
			 * for fsm.c's own tests and fuzz_fsm.c covers them.)
			 */
			fsm_event(z->f, (op & 16) ? FSM_EV_RXJ_MINUS :
				  FSM_EV_RXJ_PLUS);
			return true;
		}
		fzc_input(z);
		return true;
	default:
		return false;
	}
}

#endif
