// SPDX-License-Identifier: GPL-2.0
/*
 * IPCP (ipcp.c) on the real automaton: the troubleshooting note's exchange
 * with IOS, pppd 2.4.9's requests (VJ, 0.0.0.0, usepeerdns) with the exact
 * replies, every option rule, and pairs of instances assigning addresses
 * and name servers back to back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "kselftest_harness.h"
#include "cp_wire.h"
#include "proto/ipcp.h"

#define IP4(a, b, c, d) \
	((struct in_addr){ htonl((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d)) })

static const struct ncp_hooks nhooks = {
	.up = h_up,
	.down = h_down,
	.started = h_started,
	.finished = h_finished,
	.failed = h_failed,
};

struct ib {
	struct wend *e;
	struct ipcp ip;
	struct ipcp_conf c;
	struct hrec h;
};

static struct ib *ib_new(const struct ipcp_conf *c)
{
	struct ib *b = calloc(1, sizeof(*b));

	if (!b)
		abort();
	b->e = wend_new();
	b->c = *c;
	ipcp_init(&b->ip, &b->c, &wire_ops, b->e, &nhooks, &b->h);
	b->e->f = &b->ip.fsm;
	return b;
}

static void ib_free(struct ib *b)
{
	free(b->e);
	free(b);
}

/* As IOS does it when LCP and authentication are done: Up, then Open. */
static struct ib *ib_started(const struct ipcp_conf *c)
{
	struct ib *b = ib_new(c);

	fsm_up(&b->ip.fsm);
	fsm_open(&b->ip.fsm);
	return b;
}

static bool addr_is(struct in_addr a, struct in_addr b)
{
	return a.s_addr == b.s_addr;
}

/* The note: 172.22.1.1 here, the peer asks for 172.22.1.2. */
TEST(cisco_note)
{
	struct ipcp_conf c = { .local = IP4(172, 22, 1, 1) };
	struct ib *b = ib_started(&c);
	const struct wpkt *p = wire_last(b->e);
	uint8_t id = p->b[1];

	/* O CONFREQ [Closed] id 4 len 10: Address 172.22.1.1 */
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, id,
			   BYTES(0x03, 0x06, 0xac, 0x16, 0x01, 0x01), 6));
	EXPECT_STREQ("Closed", p->state);
	/* I CONFREQ [REQsent] id 4 len 10 -> O CONFACK [REQsent] id 4 */
	FEED(b->e, PPP_CONFREQ, 4, 0x03, 0x06, 0xac, 0x16, 0x01, 0x02);
	EXPECT_SENT(b->e, PPP_CONFACK, 4, 0x03, 0x06, 0xac, 0x16, 0x01, 0x02);
	EXPECT_STREQ("REQsent", wire_last(b->e)->state);
	/* I CONFACK [ACKsent] id 4 len 10: State is Open */
	EXPECT_EQ(FSM_ACKSENT, fsm_state(&b->ip.fsm));
	FEED(b->e, PPP_CONFACK, id, 0x03, 0x06, 0xac, 0x16, 0x01, 0x01);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->ip.fsm));
	EXPECT_EQ(1, b->h.up);
	EXPECT_TRUE(addr_is(IP4(172, 22, 1, 1), ipcp_local(&b->ip)));
	EXPECT_TRUE(addr_is(IP4(172, 22, 1, 2), ipcp_peer(&b->ip)));
	EXPECT_EQ(0, ipcp_dns(&b->ip, 0).s_addr);
	ib_free(b);
}

/* pppd (noipdefault) against us as the server. */
TEST(pppd_client_gets_an_address)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .remote = IP4(10, 0, 0, 2) };
	struct ib *b = ib_started(&c);

	/* VJ compression is rejected first, alone */
	FEED(b->e, PPP_CONFREQ, 1, 0x02, 0x06, 0x00, 0x2d, 0x0f, 0x01,
	     0x03, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x02, 0x06, 0x00, 0x2d, 0x0f, 0x01);
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFNAK, 2, 0x03, 0x06, 0x0a, 0x00, 0x00, 0x02);
	FEED(b->e, PPP_CONFREQ, 3, 0x03, 0x06, 0x0a, 0x00, 0x00, 0x02);
	EXPECT_SENT(b->e, PPP_CONFACK, 3, 0x03, 0x06, 0x0a, 0x00, 0x00, 0x02);
	wire_ack_last_req(b->e);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->ip.fsm));
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 2), ipcp_peer(&b->ip)));
	ib_free(b);
}

/* pppd usepeerdns: address and both DNS Nak'd in one reply. */
TEST(pppd_usepeerdns_to_ms_dns)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .remote = IP4(10, 0, 0, 2),
			       .dns = { IP4(1, 1, 1, 1), IP4(8, 8, 8, 8) } };
	struct ipcp_conf one = { .local = IP4(10, 0, 0, 1),
				 .remote = IP4(10, 0, 0, 2),
				 .dns = { IP4(1, 1, 1, 1) } };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0, 0, 0, 0,
	     0x81, 0x06, 0, 0, 0, 0, 0x83, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x03, 0x06, 0x0a, 0x00, 0x00, 0x02,
		    0x81, 0x06, 0x01, 0x01, 0x01, 0x01,
		    0x83, 0x06, 0x08, 0x08, 0x08, 0x08);
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x06, 0x0a, 0x00, 0x00, 0x02,
	     0x81, 0x06, 0x01, 0x01, 0x01, 0x01,
	     0x83, 0x06, 0x08, 0x08, 0x08, 0x08);
	EXPECT_EQ(PPP_CONFACK, wire_last(b->e)->b[0]);
	ib_free(b);

	/* Only one ms-dns: the secondary is rejected */
	b = ib_started(&one);
	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0, 0, 0, 0,
	     0x81, 0x06, 0, 0, 0, 0, 0x83, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x83, 0x06, 0, 0, 0, 0);
	ib_free(b);
}

/* Windows asks NBNS too. */
TEST(ms_wins)
{
	struct ipcp_conf c = { .remote = IP4(10, 0, 0, 2),
			       .wins = { IP4(10, 0, 0, 50) } };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x02,
	     0x81, 0x06, 0, 0, 0, 0, 0x82, 0x06, 0, 0, 0, 0,
	     0x83, 0x06, 0, 0, 0, 0, 0x84, 0x06, 0, 0, 0, 0);
	/* no DNS to give, no second WINS */
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x81, 0x06, 0, 0, 0, 0,
		    0x83, 0x06, 0, 0, 0, 0, 0x84, 0x06, 0, 0, 0, 0);
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x06, 0x0a, 0, 0, 0x02,
	     0x82, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFNAK, 2, 0x82, 0x06, 0x0a, 0, 0, 0x32);
	FEED(b->e, PPP_CONFREQ, 3, 0x03, 0x06, 0x0a, 0, 0, 0x02,
	     0x82, 0x06, 0x0a, 0, 0, 0x32);
	EXPECT_EQ(PPP_CONFACK, wire_last(b->e)->b[0]);
	ib_free(b);
}

/* 0.0.0.0 and nothing to give: the option is rejected (see ipcp.h). */
TEST(zero_address_without_remote_rejected)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1) };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x03, 0x06, 0, 0, 0, 0);
	/* any other address is fine */
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x06, 0x0a, 0, 0, 0x09);
	EXPECT_SENT(b->e, PPP_CONFACK, 2, 0x03, 0x06, 0x0a, 0, 0, 0x09);
	ib_free(b);
}

TEST(remote_mismatch_and_accept_remote)
{
	struct ipcp_conf c = { .remote = IP4(10, 0, 0, 2) };
	struct ipcp_conf acc = { .remote = IP4(10, 0, 0, 2),
				 .accept_remote = true };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x09);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x03, 0x06, 0x0a, 0, 0, 0x02);
	ib_free(b);
	b = ib_started(&acc);
	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x09);
	EXPECT_SENT(b->e, PPP_CONFACK, 1, 0x03, 0x06, 0x0a, 0, 0, 0x09);
	wire_ack_last_req(b->e);
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 9), ipcp_peer(&b->ip)));
	ib_free(b);
}

TEST(rejected_options)
{
	struct ipcp_conf c = { .remote = IP4(10, 0, 0, 2),
			       .dns = { IP4(1, 1, 1, 1) } };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1,
	     0x01, 0x0a, 0x0a, 0, 0, 0x02, 0x0a, 0, 0, 0x01,	/* IP-Addresses */
	     0x03, 0x05, 0x0a, 0, 0,				/* short addr */
	     0x81, 0x04, 0, 0,					/* short DNS */
	     0x90, 0x02,					/* unknown */
	     0x83, 0x06, 0, 0, 0, 0);				/* no 2nd DNS */
	EXPECT_SENT(b->e, PPP_CONFREJ, 1,
		    0x01, 0x0a, 0x0a, 0, 0, 0x02, 0x0a, 0, 0, 0x01,
		    0x03, 0x05, 0x0a, 0, 0, 0x81, 0x04, 0, 0, 0x90, 0x02,
		    0x83, 0x06, 0, 0, 0, 0);
	/* a second IP-Address */
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x06, 0x0a, 0, 0, 0x02,
	     0x03, 0x06, 0x0a, 0, 0, 0x03);
	EXPECT_SENT(b->e, PPP_CONFREJ, 2, 0x03, 0x06, 0x0a, 0, 0, 0x03);
	/* malformed list: the bad tail is rejected by the automaton */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 3,
				     0x03, 0x06, 0x0a));
	EXPECT_SENT(b->e, PPP_CONFREJ, 3, 0x03, 0x06, 0x0a);
	ib_free(b);
}

/* No IP-Address from the peer while we have one for it: hint once. */
TEST(address_hint_once)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .remote = IP4(10, 0, 0, 2) };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x03, 0x06, 0x0a, 0, 0, 0x02);
	FEED(b->e, PPP_CONFREQ, 2);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFACK, 2);
	wire_ack_last_req(b->e);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->ip.fsm));
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 2), ipcp_peer(&b->ip)));
	ib_free(b);
}

/* Our request and what the peer's Nak and Reject do to it. */
TEST(we_learn_from_naks)
{
	struct ipcp_conf c = { .usepeerdns = true };
	struct ib *b = ib_started(&c);
	const struct wpkt *p = wire_last(b->e);

	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x03, 0x06, 0, 0, 0, 0, 0x81, 0x06, 0, 0, 0, 0,
				 0x83, 0x06, 0, 0, 0, 0), 18));
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x03, 0x06, 0x0a, 0, 0, 0x02,
	     0x81, 0x06, 0x01, 0x01, 0x01, 0x01,
	     0x83, 0x06, 0x08, 0x08, 0x08, 0x08);
	p = wire_last(b->e);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x03, 0x06, 0x0a, 0, 0, 0x02,
				 0x81, 0x06, 0x01, 0x01, 0x01, 0x01,
				 0x83, 0x06, 0x08, 0x08, 0x08, 0x08), 18));
	FEED(b->e, PPP_CONFREJ, p->b[1], 0x83, 0x06, 0x08, 0x08, 0x08, 0x08);
	p = wire_last(b->e);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x03, 0x06, 0x0a, 0, 0, 0x02,
				 0x81, 0x06, 0x01, 0x01, 0x01, 0x01), 12));
	wire_ack_last_req(b->e);
	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x01);
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->ip.fsm));
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 2), ipcp_local(&b->ip)));
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 1), ipcp_peer(&b->ip)));
	EXPECT_TRUE(addr_is(IP4(1, 1, 1, 1), ipcp_dns(&b->ip, 0)));
	EXPECT_EQ(0, ipcp_dns(&b->ip, 1).s_addr);
	ib_free(b);
}

/* A configured local address stands unless ipcp-accept-local. */
TEST(configured_local_and_accept_local)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 5) };
	struct ipcp_conf acc = { .local = IP4(10, 0, 0, 5),
				 .accept_local = true };
	struct ib *b = ib_started(&c);
	const struct wpkt *p = wire_last(b->e);

	FEED(b->e, PPP_CONFNAK, p->b[1], 0x03, 0x06, 0x0a, 0, 0, 0x07);
	p = wire_last(b->e);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x03, 0x06, 0x0a, 0, 0, 0x05), 6));
	ib_free(b);
	b = ib_started(&acc);
	p = wire_last(b->e);
	FEED(b->e, PPP_CONFNAK, p->b[1], 0x03, 0x06, 0x0a, 0, 0, 0x07);
	p = wire_last(b->e);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1],
			   BYTES(0x03, 0x06, 0x0a, 0, 0, 0x07), 6));
	ib_free(b);
}

/* The peer will not give us an address: IPCP does not come up. */
TEST(no_local_address_fails)
{
	struct ipcp_conf c = { 0 };
	struct ib *b = ib_started(&c);
	const struct wpkt *p = wire_last(b->e);

	FEED(b->e, PPP_CONFREJ, p->b[1], 0x03, 0x06, 0, 0, 0, 0);
	p = wire_last(b->e);
	EXPECT_TRUE(pkt_is(p, PPP_CONFREQ, p->b[1], NULL, 0));
	wire_ack_last_req(b->e);
	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x01);
	EXPECT_EQ(0, b->h.up);
	EXPECT_EQ(1, b->h.failed);
	EXPECT_STREQ("could not determine local IP address", b->h.why);
	EXPECT_EQ(FSM_CLOSING, fsm_state(&b->ip.fsm));
	EXPECT_EQ(PPP_TERMREQ, wire_last(b->e)->b[0]);
	ib_free(b);
}

/* An address list as the owner sets it from the peer's secrets entry. */
static struct addrlist *list_of(const char *w)
{
	static struct addrlist l[4];
	static int next;
	struct addrlist *al = &l[next++ % 4];
	unsigned int n = *w ? 1 : 0;
	const char *p;

	for (p = w; *p; p++)
		n += *p == ' ';
	addrlist_parse(al, w, n);
	return al;
}

/*
 * The peer gives no address and we have none for it: IPCP must not come
 * up with 0.0.0.0 for the peer (a route to nowhere).
 */
TEST(no_address_for_the_peer_fails)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1) };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFACK, 1);
	wire_ack_last_req(b->e);
	EXPECT_EQ(0, b->h.up);
	EXPECT_EQ(1, b->h.failed);
	EXPECT_STREQ("could not determine remote IP address", b->h.why);
	EXPECT_NE(FSM_OPENED, fsm_state(&b->ip.fsm));
	EXPECT_EQ(PPP_TERMREQ, wire_last(b->e)->b[0]);
	ib_free(b);
}

/* Addresses nobody may use: Nak'd with ours, or rejected without one. */
TEST(forbidden_peer_addresses)
{
	static const uint8_t bad[][4] = {
		{ 127, 0, 0, 1 }, { 127, 9, 9, 9 },	/* loopback */
		{ 224, 0, 0, 1 }, { 239, 1, 2, 3 },	/* multicast */
		{ 240, 0, 0, 1 }, { 255, 255, 255, 255 },	/* class E */
		{ 0, 1, 2, 3 },				/* 0/8 */
		{ 10, 0, 0, 1 },			/* ours */
	};
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .remote = IP4(10, 0, 0, 2),
			       .accept_remote = true };
	struct ipcp_conf none = { .local = IP4(10, 0, 0, 1) };
	struct ib *b = ib_started(&c), *n = ib_started(&none);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		FEED(b->e, PPP_CONFREQ, (uint8_t)i, 0x03, 0x06, bad[i][0],
		     bad[i][1], bad[i][2], bad[i][3]);
		EXPECT_SENT(b->e, PPP_CONFNAK, (uint8_t)i,
			    0x03, 0x06, 0x0a, 0, 0, 0x02);
		/* an ordinary address is fine (accept_remote); the Ack
		   also keeps Max-Failure away */
		FEED(b->e, PPP_CONFREQ, 100, 0x03, 0x06, 0x0a, 0, 0, 0x09);
		EXPECT_SENT(b->e, PPP_CONFACK, 100, 0x03, 0x06, 0x0a, 0, 0, 0x09);
		FEED(n->e, PPP_CONFREQ, (uint8_t)i, 0x03, 0x06, bad[i][0],
		     bad[i][1], bad[i][2], bad[i][3]);
		EXPECT_SENT(n->e, PPP_CONFREJ, (uint8_t)i, 0x03, 0x06,
			    bad[i][0], bad[i][1], bad[i][2], bad[i][3]);
	}
	ib_free(b);
	ib_free(n);
}

/*
 * The peer authenticated with an entry listing its addresses: anything
 * else is Nak'd with the list's first single address.
 */
TEST(secrets_list_limits_the_peer)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .accept_remote = true,
			       .allow = list_of("10.0.0.7 !10.0.1.9 10.0.1.0/24") };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x32);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x03, 0x06, 0x0a, 0, 0, 0x07);
	FEED(b->e, PPP_CONFREQ, 2, 0x03, 0x06, 0x0a, 0, 0x01, 0x09);
	EXPECT_SENT(b->e, PPP_CONFNAK, 2, 0x03, 0x06, 0x0a, 0, 0, 0x07);
	FEED(b->e, PPP_CONFREQ, 3, 0x03, 0x06, 0, 0, 0, 0);
	EXPECT_SENT(b->e, PPP_CONFNAK, 3, 0x03, 0x06, 0x0a, 0, 0, 0x07);
	FEED(b->e, PPP_CONFREQ, 4, 0x03, 0x06, 0x0a, 0, 0x01, 0x05);
	EXPECT_SENT(b->e, PPP_CONFACK, 4, 0x03, 0x06, 0x0a, 0, 0x01, 0x05);
	wire_ack_last_req(b->e);
	EXPECT_EQ(1, b->h.up);
	EXPECT_TRUE(addr_is(IP4(10, 0, 1, 5), ipcp_peer(&b->ip)));
	ib_free(b);
}

/* A configured remote address the list does not allow is not offered. */
TEST(secrets_list_overrides_remote)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .remote = IP4(10, 0, 0, 2),
			       .allow = list_of("10.0.0.7") };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x02);
	EXPECT_SENT(b->e, PPP_CONFNAK, 1, 0x03, 0x06, 0x0a, 0, 0, 0x07);
	/* no address asked: the hint is the list's, and taken */
	FEED(b->e, PPP_CONFREQ, 2);
	EXPECT_SENT(b->e, PPP_CONFNAK, 2, 0x03, 0x06, 0x0a, 0, 0, 0x07);
	FEED(b->e, PPP_CONFREQ, 3);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFACK, 3);
	wire_ack_last_req(b->e);
	EXPECT_EQ(1, b->h.up);
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 7), ipcp_peer(&b->ip)));
	ib_free(b);
}

/* An entry without address words allows none (pppd): IPCP stays down. */
TEST(secrets_entry_without_addresses_allows_none)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .remote = IP4(10, 0, 0, 2),
			       .allow = list_of("") };
	struct ib *b = ib_started(&c);

	FEED(b->e, PPP_CONFREQ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x02);
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x03, 0x06, 0x0a, 0, 0, 0x02);
	FEED(b->e, PPP_CONFREQ, 2);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFACK, 2);
	wire_ack_last_req(b->e);
	EXPECT_EQ(0, b->h.up);
	EXPECT_EQ(1, b->h.failed);
	EXPECT_STREQ("could not determine remote IP address", b->h.why);
	ib_free(b);
}

/*
 * A peer that insists on an address it may not use is Nak'd up to
 * Max-Failure, then rejected, and never acked.
 */
TEST(insisting_on_a_forbidden_address_is_never_acked)
{
	struct ipcp_conf c = { .local = IP4(10, 0, 0, 1),
			       .accept_remote = true,
			       .allow = list_of("10.0.0.7") };
	struct ib *b = ib_started(&c);
	int i;

	wire_ack_last_req(b->e);
	for (i = 1; i <= 5; i++) {
		FEED(b->e, PPP_CONFREQ, (uint8_t)i, 0x03, 0x06, 0x0a, 0, 0, 0x32);
		EXPECT_SENT(b->e, PPP_CONFNAK, (uint8_t)i,
			    0x03, 0x06, 0x0a, 0, 0, 0x07);
	}
	for (; i <= 12; i++) {
		FEED(b->e, PPP_CONFREQ, (uint8_t)i, 0x03, 0x06, 0x0a, 0, 0, 0x32);
		EXPECT_SENT(b->e, PPP_CONFREJ, (uint8_t)i,
			    0x03, 0x06, 0x0a, 0, 0, 0x32);
	}
	EXPECT_EQ(0, b->h.up);
	EXPECT_NE(FSM_OPENED, fsm_state(&b->ip.fsm));
	ib_free(b);
}

TEST(instance_is_small)
{
	TH_LOG("sizeof(struct ipcp) = %zu", sizeof(struct ipcp));
	EXPECT_LE(sizeof(struct ipcp), 160);
}

/* ------------------------------------------------------------------ */
/* Back to back                                                        */
/* ------------------------------------------------------------------ */

struct pair {
	struct ib *a, *b;
};

static struct pair pair_run(const struct ipcp_conf *ca,
			    const struct ipcp_conf *cb)
{
	struct pair p = { ib_new(ca), ib_new(cb) };

	wire_pair(p.a->e, p.b->e);
	fsm_up(&p.a->ip.fsm);
	fsm_up(&p.b->ip.fsm);
	fsm_open(&p.a->ip.fsm);
	fsm_open(&p.b->ip.fsm);
	wire_run(p.a->e, p.b->e, 1000);
	return p;
}

static void pair_free(struct pair *p)
{
	ib_free(p->a);
	ib_free(p->b);
}

#define EXPECT_BOTH_OPEN(p) do {					\
	EXPECT_EQ(FSM_OPENED, fsm_state(&(p).a->ip.fsm));		\
	EXPECT_EQ(FSM_OPENED, fsm_state(&(p).b->ip.fsm));		\
	EXPECT_EQ(1, (p).a->h.up);					\
	EXPECT_EQ(1, (p).b->h.up);					\
	EXPECT_TRUE(addr_is(ipcp_local(&(p).a->ip), ipcp_peer(&(p).b->ip))); \
	EXPECT_TRUE(addr_is(ipcp_local(&(p).b->ip), ipcp_peer(&(p).a->ip))); \
} while (0)

TEST(b2b_both_configured)
{
	struct ipcp_conf ca = { .local = IP4(192, 168, 1, 1) };
	struct ipcp_conf cb = { .local = IP4(192, 168, 1, 2) };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_BOTH_OPEN(p);
	EXPECT_TRUE(addr_is(IP4(192, 168, 1, 2), ipcp_peer(&p.a->ip)));
	pair_free(&p);
}

/* A server assigns the address and name servers to a pppd-like client. */
TEST(b2b_assignment_and_name_servers)
{
	struct ipcp_conf srv = { .local = IP4(10, 0, 0, 1),
				 .remote = IP4(10, 0, 0, 2),
				 .dns = { IP4(1, 1, 1, 1), IP4(8, 8, 8, 8) },
				 .wins = { IP4(10, 0, 0, 50) } };
	struct ipcp_conf cli = { .usepeerdns = true, .usepeerwins = true };
	struct pair p = pair_run(&srv, &cli);

	EXPECT_BOTH_OPEN(p);
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 2), ipcp_local(&p.b->ip)));
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 1), ipcp_peer(&p.b->ip)));
	EXPECT_TRUE(addr_is(IP4(1, 1, 1, 1), ipcp_dns(&p.b->ip, 0)));
	EXPECT_TRUE(addr_is(IP4(8, 8, 8, 8), ipcp_dns(&p.b->ip, 1)));
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 50), ipcp_wins(&p.b->ip, 0)));
	EXPECT_EQ(0, ipcp_wins(&p.b->ip, 1).s_addr);
	/* the server asked nothing of the sort */
	EXPECT_EQ(0, ipcp_dns(&p.a->ip, 0).s_addr);
	pair_free(&p);
}

/* Both sides assign each other (one side 0.0.0.0 plus remote). */
TEST(b2b_assignment_both_ways)
{
	struct ipcp_conf ca = { .remote = IP4(10, 1, 0, 2) };
	struct ipcp_conf cb = { .remote = IP4(10, 1, 0, 1) };
	struct pair p = pair_run(&ca, &cb);

	EXPECT_BOTH_OPEN(p);
	EXPECT_TRUE(addr_is(IP4(10, 1, 0, 1), ipcp_local(&p.a->ip)));
	EXPECT_TRUE(addr_is(IP4(10, 1, 0, 2), ipcp_local(&p.b->ip)));
	pair_free(&p);
}

/* Nobody has an address: both refuse to come up and close. */
TEST(b2b_no_addresses_anywhere)
{
	struct ipcp_conf c = { 0 };
	struct pair p = pair_run(&c, &c);

	EXPECT_EQ(0, p.a->h.up);
	EXPECT_EQ(0, p.b->h.up);
	EXPECT_EQ(1, p.a->h.failed);
	EXPECT_EQ(1, p.b->h.failed);
	EXPECT_NE(FSM_OPENED, fsm_state(&p.a->ip.fsm));
	EXPECT_NE(FSM_OPENED, fsm_state(&p.b->ip.fsm));
	pair_free(&p);
}

/*
 * pppd with ipcp-accept-local asking an address outside the list: it
 * takes our Nak and the link comes up with the allowed address.
 */
TEST(b2b_peer_moved_to_its_allowed_address)
{
	struct ipcp_conf srv = { .local = IP4(10, 0, 0, 1),
				 .accept_remote = true,
				 .allow = list_of("10.0.0.7") };
	struct ipcp_conf cli = { .local = IP4(10, 0, 0, 50),
				 .accept_local = true };
	struct pair p;

	p.a = NULL;
	p = pair_run(&srv, &cli);
	EXPECT_BOTH_OPEN(p);
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 7), ipcp_local(&p.b->ip)));
	EXPECT_TRUE(addr_is(IP4(10, 0, 0, 7), ipcp_peer(&p.a->ip)));
	pair_free(&p);
}

TEST_HARNESS_MAIN
