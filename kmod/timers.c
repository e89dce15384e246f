// SPDX-License-Identifier: GPL-2.0
/*
 * LCP keepalives: every echo_interval ms, while LCP is open, send an
 * Echo-Request carrying our magic number and count it as missed until a
 * reply (or, in adaptive mode, any frame) arrives.  When echo_failure
 * requests in a row go unanswered the controller hears PPPK_EVENT_DEAD_PEER,
 * once; the controller decides what to do about it.
 */

#include <linux/jiffies.h>

#include "compat.h"
#include "netlink.h"
#include "send.h"
#include "timers.h"

static void pppk_echo_timer(struct timer_list *t)
{
	struct pppk_link *link = timer_container_of(link, t, echo_timer);
	u32 interval, failure, magic;
	u8 req[8];
	bool open;

	spin_lock(&link->cfg_lock);
	interval = link->echo_interval;
	failure = link->echo_failure;
	magic = link->magic_local;
	open = link->lcp_open;
	spin_unlock(&link->cfg_lock);
	if (!interval || !open || !rcu_access_pointer(link->tty))
		return;

	if (failure && atomic_read(&link->echo_missed) >= failure) {
		if (!link->dead_reported) {
			link->dead_reported = true;
			pppk_nl_event(link, PPPK_EVENT_DEAD_PEER, GFP_ATOMIC);
		}
		return;
	}
	req[0] = PPPK_LCP_ECHO_REQ;
	req[1] = ++link->echo_id;
	put_unaligned_be16(sizeof(req), req + 2);
	put_unaligned_be32(magic, req + 4);
	if (!pppk_send_ctrl_buf(link, PPPK_PROTO_LCP, req, sizeof(req))) {
		atomic64_inc(&link->stats.echo_req_sent);
		atomic_inc(&link->echo_missed);
	}
	mod_timer(&link->echo_timer, jiffies + msecs_to_jiffies(interval));
}

void pppk_timers_init(struct pppk_link *link)
{
	timer_setup(&link->echo_timer, pppk_echo_timer, 0);
	atomic_set(&link->echo_missed, 0);
}

void pppk_timers_update(struct pppk_link *link)
{
	u32 interval;
	bool open;

	spin_lock_bh(&link->cfg_lock);
	interval = link->echo_interval;
	open = link->lcp_open;
	spin_unlock_bh(&link->cfg_lock);

	if (!interval || !open) {
		timer_delete_sync(&link->echo_timer);
		return;
	}
	atomic_set(&link->echo_missed, 0);
	link->dead_reported = false;
	mod_timer(&link->echo_timer, jiffies + msecs_to_jiffies(interval));
}

void pppk_timers_stop(struct pppk_link *link)
{
	timer_delete_sync(&link->echo_timer);
}

void pppk_timers_uninit(struct pppk_link *link)
{
	timer_shutdown_sync(&link->echo_timer);
}
