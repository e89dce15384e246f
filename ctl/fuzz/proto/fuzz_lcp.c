// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for LCP (lcp.c) on the real automaton: a configuration
 * from the input, then random events and received packets in every state
 * (see fuzz_cp.h for what is checked), plus lcp_send_protrej() and
 * lcp_send_echo().  LCP-specific checks: our requests carry only the six
 * options with their exact lengths and sane values; the negotiated MRUs
 * are at least 128, ours never above what we asked or 1500, and what we
 * send never above our mtu; hooks->up never runs without the
 * authentication the configuration requires; every loop is reported with
 * its count; only harmless codes reach hooks->code_rej.
 */
#include "fuzz_cp.h"
#include "proto/cp.h"
#include "proto/vocab.h"

struct fz {
	struct lcp l;
	struct lcp_conf c;
	struct fzc z;
};

static bool lcp_req_ok(const uint8_t *o, size_t n)
{
	struct ppp_opt_iter it;
	struct ppp_opt p;

	ppp_opt_iter_init(&it, o, n);
	while (ppp_opt_next(&it, &p) > 0) {
		switch (p.type) {
		case LCP_OPT_MRU:
			if (p.len != 4 || cp_get16(p.data) < LCP_MIN_MRU)
				return false;
			break;
		case LCP_OPT_ACCM:
			if (p.len != 6)
				return false;
			break;
		case LCP_OPT_AUTH:
			if (!(p.len == 4 && cp_get16(p.data) == PPP_PAP) &&
			    !(p.len == 5 && cp_get16(p.data) == PPP_CHAP &&
			      p.data[2] == LCP_CHAP_MD5))
				return false;
			break;
		case LCP_OPT_MAGIC:
			if (p.len != 6 || !cp_get32(p.data))
				return false;
			break;
		case LCP_OPT_PFC:
		case LCP_OPT_ACFC:
			if (p.len != 2)
				return false;
			break;
		default:
			return false;
		}
	}
	return true;
}

static void h_up(void *o)
{
	struct fz *x = o;
	uint8_t req = x->c.require_auth & (LCP_AUTH_PAP | LCP_AUTH_CHAP);

	CHECK(fsm_state(&x->l.fsm) == FSM_OPENED);
	if (req)
		CHECK((lcp_auth_peer(&x->l) == PPP_PAP &&
		       (req & LCP_AUTH_PAP)) ||
		      (lcp_auth_peer(&x->l) == PPP_CHAP &&
		       (req & LCP_AUTH_CHAP)));
	CHECK(lcp_tx_mru(&x->l) >= LCP_MIN_MRU);
	CHECK(!x->c.mtu || lcp_tx_mru(&x->l) <= x->c.mtu ||
	      lcp_tx_mru(&x->l) == LCP_MIN_MRU);
	CHECK(lcp_rx_mru(&x->l) >= LCP_MIN_MRU);
	/* never more than we asked, or 1500 */
	CHECK(lcp_rx_mru(&x->l) <= LCP_DEF_MRU ||
	      lcp_rx_mru(&x->l) <= x->c.mru);
}

static void h_protrej(void *o, uint16_t proto)
{
	struct fz *x = o;

	CHECK(proto != PPP_LCP);
	CHECK(fsm_state(&x->l.fsm) == FSM_OPENED);
}

static void h_failed(void *o, const char *why)
{
	(void)o;
	CHECK(why && why[0]);
}

/* Every loop is reported, with the count of this negotiation. */
static void h_looped(void *o, unsigned int count)
{
	struct fz *x = o;

	CHECK(count >= 1 && count == x->l.loops);
	CHECK(!x->c.nomagic);
}

/* Only codes the link can live without are left to the owner. */
static void h_coderej(void *o, uint8_t code)
{
	(void)o;
	CHECK(code < PPP_CONFREQ || code > PPP_CODEREJ);
}

static const struct lcp_hooks hooks = {
	.up = h_up,
	.looped = h_looped,
	.code_rej = h_coderej,
	.proto_rej = h_protrej,
	.failed = h_failed,
};

static const uint8_t lcp_types[] = {
	1, 2, 3, 4, 5, 7, 8, 9, 13, 17, 18, 19,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz x;
	struct fzc *z = &x.z;
	uint8_t buf[FSM_MAX_PKT + 16];
	int steps = 0;
	uint8_t flags;

	memset(&x, 0, sizeof(x));
	z->in = data;
	z->left = size;
	x.c.mru = (uint16_t)(take(z) << 8 | take(z));
	x.c.mtu = (uint16_t)(take(z) << 8 | take(z)) % 5000;
	x.c.asyncmap = take32(z);
	flags = take(z);
	x.c.default_asyncmap = flags & 1;
	x.c.nopcomp = flags & 2;
	x.c.noaccomp = flags & 4;
	x.c.nomagic = flags & 8;
	x.c.refuse_pap = flags & 16;
	x.c.refuse_chap = flags & 32;
	x.c.can_pap = flags & 64;
	x.c.can_chap = flags & 128;
	x.c.require_auth = take(z);	/* stray bits must be harmless */
	take(z);	/* was max_loops: keeps the corpus' layout */
	lcp_init(&x.l, &x.c, &fzc_ops, z, &hooks, &x);
	z->f = &x.l.fsm;
	z->lcp = &x.l;
	z->check_req = lcp_req_ok;
	z->types = lcp_types;
	z->ntypes = sizeof(lcp_types);
	fzc_setup(z);

	while (z->left && steps++ < 2000) {
		uint8_t op = take(z);
		size_t n;

		if (!fzc_step(z, op)) {
			n = take(z) | (size_t)(take(z) & 7) << 8;
			if (n > sizeof(buf))
				n = sizeof(buf);
			memset(buf, take(z), n);
			if (op & 8)
				lcp_send_protrej(&x.l, (uint16_t)take32(z), buf,
						 n);
			else
				lcp_send_echo(&x.l, buf, n);
		}
		fzc_invariants(z);
		CHECK(x.l.his.mru >= LCP_MIN_MRU);
		CHECK(x.l.got.mru >= LCP_MIN_MRU);
	}
	return 0;
}
