// SPDX-License-Identifier: GPL-2.0
/*
 * CDPCP (cdpcp.c) on the real automaton: the note's exchange with IOS,
 * options rejected, and two instances back to back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "cp_wire.h"
#include "proto/cdpcp.h"

static const struct ncp_hooks nhooks = {
	.up = h_up,
	.down = h_down,
	.started = h_started,
	.finished = h_finished,
};

struct cb {
	struct wend *e;
	struct cdpcp cd;
	struct hrec h;
};

static struct cb *cb_new(void)
{
	struct cb *b = calloc(1, sizeof(*b));

	if (!b)
		abort();
	b->e = wend_new();
	cdpcp_init(&b->cd, &wire_ops, b->e, &nhooks, &b->h);
	b->e->f = &b->cd.fsm;
	return b;
}

static void cb_free(struct cb *b)
{
	free(b->e);
	free(b);
}

/*
 *   CDPCP: O CONFREQ [Closed] id 4 len 4
 *   CDPCP: I CONFREQ [REQsent] id 4 len 4
 *   CDPCP: O CONFACK [REQsent] id 4 len 4
 *   CDPCP: I CONFACK [ACKsent] id 4 len 4
 *   CDPCP: State is Open
 */
TEST(cisco_note)
{
	struct cb *b = cb_new();
	uint8_t id;

	fsm_up(&b->cd.fsm);
	fsm_open(&b->cd.fsm);
	ASSERT_EQ(1, b->e->nlog);
	id = b->e->log[0].b[1];
	EXPECT_SENT_EMPTY(b->e, PPP_CONFREQ, id);
	EXPECT_STREQ("Closed", b->e->log[0].state);
	FEED(b->e, PPP_CONFREQ, 4);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFACK, 4);
	EXPECT_STREQ("REQsent", wire_last(b->e)->state);
	EXPECT_EQ(FSM_ACKSENT, fsm_state(&b->cd.fsm));
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFACK, id));
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->cd.fsm));
	EXPECT_EQ(1, b->h.up);
	cb_free(b);
}

TEST(options_rejected)
{
	struct cb *b = cb_new();

	fsm_up(&b->cd.fsm);
	fsm_open(&b->cd.fsm);
	FEED(b->e, PPP_CONFREQ, 1, 0x01, 0x03, 0x00, 0x02, 0x02);
	EXPECT_SENT(b->e, PPP_CONFREJ, 1, 0x01, 0x03, 0x00, 0x02, 0x02);
	/* a malformed tail: rejected verbatim */
	EXPECT_EQ(FSM_RX_EVENT, FEED(b->e, PPP_CONFREQ, 2, 0x01));
	EXPECT_SENT(b->e, PPP_CONFREJ, 2, 0x01);
	/* A Nak of our empty request changes nothing: same request again */
	FEED(b->e, PPP_CONFNAK, b->e->log[0].b[1], 0x01, 0x02);
	EXPECT_SENT_EMPTY(b->e, PPP_CONFREQ, wire_last(b->e)->b[1]);
	/* Unknown code: Code-Reject */
	FEED(b->e, 9, 7, 1, 2);
	EXPECT_SENT(b->e, PPP_CODEREJ, wire_last(b->e)->b[1],
		    9, 7, 0, 6, 1, 2);
	cb_free(b);
}

TEST(b2b)
{
	struct cb *a = cb_new(), *b = cb_new();

	wire_pair(a->e, b->e);
	fsm_up(&a->cd.fsm);
	fsm_up(&b->cd.fsm);
	fsm_open(&a->cd.fsm);
	fsm_open(&b->cd.fsm);
	wire_run(a->e, b->e, 100);
	EXPECT_EQ(FSM_OPENED, fsm_state(&a->cd.fsm));
	EXPECT_EQ(FSM_OPENED, fsm_state(&b->cd.fsm));
	EXPECT_EQ(1, a->h.up);
	EXPECT_EQ(1, b->h.up);
	/* Close one side: both go down, cleanly */
	fsm_close(&a->cd.fsm);
	wire_run(a->e, b->e, 100);
	EXPECT_EQ(FSM_CLOSED, fsm_state(&a->cd.fsm));
	EXPECT_EQ(FSM_STOPPED, fsm_state(&b->cd.fsm));
	EXPECT_EQ(1, a->h.down);
	EXPECT_EQ(1, b->h.down);
	EXPECT_EQ(1, a->h.finished);
	EXPECT_EQ(1, b->h.finished);
	cb_free(a);
	cb_free(b);
}

TEST(instance_is_small)
{
	TH_LOG("sizeof(struct cdpcp) = %zu", sizeof(struct cdpcp));
	EXPECT_LE(sizeof(struct cdpcp), 80);
}

TEST_HARNESS_MAIN
