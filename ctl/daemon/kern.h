/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The controller's side of the pppk family: one socket that creates links
 * (so it is their controller and receives their control frames), joins the
 * events group, sends frames without waiting and hands everything that
 * arrives to one callback from the event loop.
 */
#ifndef PPPCTL_KERN_H
#define PPPCTL_KERN_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include "loop.h"
#include "kernel/nl.h"

/*
 * Receive buffer asked for (the kernel doubles it): room for a burst of
 * control frames and events from 10,000 links coming up at once.
 */
#define KERN_RCVBUF	(16 << 20)

struct kern {
	struct nl nl;
	struct loop *loop;
	struct loop_fd lfd;
	struct loop_timer drain;	/* notifications queued by nl_talk() */
	char *rbuf;
	void (*on_msg)(void *arg, const struct nlmsghdr *nlh);
	void *arg;
	/*
	 * Called (from the loop or at the end of a talk, never with a talk in
	 * progress) after the kernel dropped messages for the socket; may be
	 * NULL.  nl.overruns counts them.
	 */
	void (*on_overrun)(void *arg);
	unsigned long overruns_seen;
	int rcvbuf;		/* the receive buffer the kernel granted */
	/* Links to delete when the loop comes round, in one request. */
	struct loop_timer del_flush;
	uint32_t *del_q;
	size_t del_n, del_cap;
};

int kern_open(struct kern *k, struct loop *loop,
	      void (*on_msg)(void *arg, const struct nlmsghdr *nlh), void *arg);
void kern_close(struct kern *k);
/* A request that waits for its answer (notifications meanwhile are kept). */
int kern_talk(struct kern *k, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);
int kern_link_new(struct kern *k, int fd, const char *ifname,
		  char name[IFNAMSIZ], uint32_t *ifindex);
int kern_link_del(struct kern *k, uint32_t ifindex);
/*
 * Delete a link when the loop comes round, together with every other link
 * ended meanwhile: one LINK_DEL (and one RCU grace period in the kernel)
 * for them all.  kern_close() sends what is still queued.
 */
void kern_link_del_later(struct kern *k, uint32_t ifindex);
/*
 * A LINK_DEL of the first of the @n links of @q that fit in one request
 * buffer (MNL_SOCKET_BUFFER_SIZE); *@taken says how many.
 */
struct nlmsghdr *kern_del_msg(struct nl *nl, const uint32_t *q, size_t n,
			      size_t *taken);
int kern_frame_send(struct kern *k, uint32_t ifindex, uint16_t proto,
		    const uint8_t *pkt, size_t len);
/* A request sent without waiting; errors come back as kern_refusal. */
int kern_link_set_nowait(struct kern *k, struct nlmsghdr *nlh);

/* What the kernel refused of a request sent without waiting. */
struct kern_refusal {
	uint8_t cmd;		/* PPPK_CMD_* of the request */
	uint32_t ifindex;	/* its link, 0 if it named none */
	int err;		/* -errno */
	char msg[128];		/* the kernel's extack message, or "" */
};

/*
 * True when @nlh is an error answering one of our requests to a link;
 * fills @r.  The socket keeps the request in error messages for this.
 */
bool kern_refusal(const struct kern *k, const struct nlmsghdr *nlh,
		  struct kern_refusal *r);

#endif
