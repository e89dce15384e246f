// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the NCPs: IPCP (ipcp.c), IPV6CP (ipv6cp.c) and
 * CDPCP (cdpcp.c), the first input octet choosing which, on the real
 * automaton, with a configuration from the input, random events and
 * received packets in every state (see fuzz_cp.h for what is checked).
 * Protocol checks: our requests carry only the protocol's options with
 * their exact lengths; IPCP never reports up without a local address, nor
 * with a peer address that is 0.0.0.0, forbidden (loopback, multicast,
 * ours, ...) or outside the peer's address list (made from the input);
 * IPV6CP never asks a zero identifier and never reports up without both
 * identifiers; CDPCP never asks anything.
 */
#include <arpa/inet.h>
#include <stdio.h>

#include "fuzz_cp.h"
#include "proto/cdpcp.h"
#include "proto/cp.h"
#include "proto/ipcp.h"
#include "proto/ipv6cp.h"

struct fz {
	union {
		struct fsm f;
		struct ipcp ip;
		struct ipv6cp v6;
		struct cdpcp cd;
	} u;
	int proto;
	struct ipcp_conf ic;
	struct addrlist al;
	struct ipv6cp_conf vc;
	struct fzc z;
};

static bool ipcp_req_ok(const uint8_t *o, size_t n)
{
	struct ppp_opt_iter it;
	struct ppp_opt p;

	ppp_opt_iter_init(&it, o, n);
	while (ppp_opt_next(&it, &p) > 0)
		if (p.len != 6 || (p.type != IPCP_OPT_ADDR &&
				   (p.type < IPCP_OPT_DNS1 ||
				    p.type > IPCP_OPT_NBNS2)))
			return false;
	return true;
}

static bool ipv6cp_req_ok(const uint8_t *o, size_t n)
{
	struct ppp_opt_iter it;
	struct ppp_opt p;

	ppp_opt_iter_init(&it, o, n);
	while (ppp_opt_next(&it, &p) > 0)
		if (p.type != IPV6CP_OPT_IFID || p.len != 10 ||
		    !cp_get64(p.data))
			return false;
	return true;
}

static bool cdpcp_req_ok(const uint8_t *o, size_t n)
{
	(void)o;
	return n == 0;
}

static void h_up(void *o)
{
	struct fz *x = o;

	CHECK(fsm_state(&x->u.f) == FSM_OPENED);
	if (x->proto == 0) {
		struct in_addr p = ipcp_peer(&x->u.ip);

		CHECK(ipcp_local(&x->u.ip).s_addr != 0);
		CHECK(p.s_addr != 0 && ipcp_peer_addr_ok(&x->u.ip, p));
		CHECK(p.s_addr != ipcp_local(&x->u.ip).s_addr);
		CHECK(!x->ic.allow || addrlist_allows(x->ic.allow, p));
	}
	if (x->proto == 1)
		CHECK(ipv6cp_local(&x->u.v6) != 0 &&
		      ipv6cp_peer(&x->u.v6) != 0);
}

static void h_failed(void *o, const char *why)
{
	(void)o;
	CHECK(why && why[0]);
}

static const struct ncp_hooks hooks = {
	.up = h_up,
	.failed = h_failed,
};

static const uint8_t ipcp_types[] = { 1, 2, 3, 129, 130, 131, 132 };
static const uint8_t ipv6cp_types[] = { 1, 2 };

/* An address list of a few words that collide with addr()'s values. */
static void allow_list(struct fzc *z, struct addrlist *al)
{
	static const char *const w[] = {
		"10.0.0.1", "10.0.0.2", "10.0.0.3", "!10.0.0.2", "10.0.0.0/30",
		"*", "-", "host.example", "10.0.0.0/8+", "!x", "127.0.0.1",
	};
	char buf[128];
	unsigned int n = take(z) % 5, i;
	size_t k = 0;

	buf[0] = 0;
	for (i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s",
				      i ? " " : "",
				      w[take(z) % (sizeof(w) / sizeof(w[0]))]);
	addrlist_parse(al, buf, n);
}

/* 0.0.0.0 or one of a few addresses, so that values collide. */
static struct in_addr addr(struct fzc *z)
{
	uint8_t v = take(z);
	struct in_addr a = { 0 };

	if (v & 0x80)
		a.s_addr = htonl(0x0a000000u | (v & 3));
	return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz x;
	struct fzc *z = &x.z;
	uint8_t flags;
	int steps = 0;

	memset(&x, 0, sizeof(x));
	z->in = data;
	z->left = size;
	x.proto = take(z) % 3;
	flags = take(z);
	switch (x.proto) {
	case 0:
		x.ic.local = addr(z);
		x.ic.remote = addr(z);
		x.ic.accept_local = flags & 1;
		x.ic.accept_remote = flags & 2;
		x.ic.usepeerdns = flags & 4;
		x.ic.usepeerwins = flags & 8;
		x.ic.dns[0] = addr(z);
		x.ic.dns[1] = addr(z);
		x.ic.wins[0] = addr(z);
		x.ic.wins[1] = addr(z);
		if (flags & 16) {
			allow_list(z, &x.al);
			x.ic.allow = &x.al;
		}
		ipcp_init(&x.u.ip, &x.ic, &fzc_ops, z, &hooks, &x);
		z->check_req = ipcp_req_ok;
		z->hint_ok = true;
		z->types = ipcp_types;
		z->ntypes = sizeof(ipcp_types);
		break;
	case 1:
		x.vc.local_id = take(z) & 3;
		x.vc.remote_id = take(z) & 3;
		x.vc.accept_local = flags & 1;
		x.vc.accept_remote = flags & 2;
		ipv6cp_init(&x.u.v6, &x.vc, &fzc_ops, z, &hooks, &x);
		z->check_req = ipv6cp_req_ok;
		z->hint_ok = true;	/* an identifier for a peer sending none */
		z->types = ipv6cp_types;
		z->ntypes = sizeof(ipv6cp_types);
		break;
	default:
		cdpcp_init(&x.u.cd, &fzc_ops, z, &hooks, &x);
		z->check_req = cdpcp_req_ok;
		break;
	}
	z->f = &x.u.f;
	fzc_setup(z);

	while (z->left && steps++ < 2000) {
		uint8_t op = take(z);

		if (!fzc_step(z, op))
			fzc_input(z);
		fzc_invariants(z);
	}
	return 0;
}
