// SPDX-License-Identifier: GPL-2.0
/* pppd's idle and maxconnect: see idle.h. */
#include <stddef.h>
#include <stdio.h>

#include "idle.h"
#include "plink.h"
#include "kernel/rtnl.h"

#define container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

unsigned int idle_poll_ms(unsigned int idle_s)
{
	unsigned int s = idle_s / 8;

	if (s < 1)
		s = 1;
	if (s > 60)
		s = 60;
	return s * 1000;
}

static void expire(struct plink *l, const char *why)
{
	fprintf(stderr, "pppctl: %s: %s\n", l->ifname, why);
	plink_close(l, why);
}

static void idle_check(struct loop_timer *t)
{
	struct plink *l = container_of(t, struct plink, t_idle);
	uint64_t now = loop_now(), limit = (uint64_t)l->conf->idle * 1000;
	uint64_t left, next = idle_poll_ms(l->conf->idle);
	struct rtnl_counters c;

	if (l->closing)
		return;
	if (!rtnl_link_counters(l->ifindex, &c) &&
	    c.rx_packets + c.tx_packets != l->idle_pkts) {
		l->idle_pkts = c.rx_packets + c.tx_packets;
		l->idle_last = now;
	}
	if (now - l->idle_last >= limit) {
		l->idled = true;
		expire(l, "Link inactive");
		return;
	}
	left = limit - (now - l->idle_last);
	loop_timer_start(l->owner->loop, &l->t_idle,
			 (unsigned int)(left < next ? left : next));
}

static void maxconnect_fired(struct loop_timer *t)
{
	struct plink *l = container_of(t, struct plink, t_maxconnect);

	if (!l->closing)
		expire(l, "Connect time expired");
}

void idle_start(struct plink *l)
{
	struct rtnl_counters c;

	if (l->timers_started)
		return;
	l->timers_started = true;
	if (l->conf->maxconnect) {
		l->t_maxconnect.fn = maxconnect_fired;
		loop_timer_start(l->owner->loop, &l->t_maxconnect,
				 l->conf->maxconnect * 1000);
	}
	if (l->conf->idle) {
		l->t_idle.fn = idle_check;
		l->idle_pkts = rtnl_link_counters(l->ifindex, &c) ? 0 :
			       c.rx_packets + c.tx_packets;
		l->idle_last = loop_now();
		loop_timer_start(l->owner->loop, &l->t_idle,
				 idle_poll_ms(l->conf->idle));
	}
}

void idle_stop(struct plink *l)
{
	loop_timer_stop(l->owner->loop, &l->t_idle);
	loop_timer_stop(l->owner->loop, &l->t_maxconnect);
}
