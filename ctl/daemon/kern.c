// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kern.h"

static void kern_dispatch(struct kern *k, const char *buf, int len)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;

	while (mnl_nlmsg_ok(nlh, len)) {
		k->on_msg(k->arg, nlh);
		nlh = mnl_nlmsg_next(nlh, &len);
	}
}

static void kern_drain(struct loop_timer *t)
{
	struct kern *k = (struct kern *)((char *)t - offsetof(struct kern, drain));
	struct nlmsghdr *nlh;

	while ((nlh = nl_async_pop(&k->nl))) {
		k->on_msg(k->arg, nlh);
		free(nlh);
	}
}

static void check_overrun(struct kern *k)
{
	if (k->nl.overruns == k->overruns_seen)
		return;
	k->overruns_seen = k->nl.overruns;
	if (k->on_overrun)
		k->on_overrun(k->arg);
}

static void kern_readable(struct loop_fd *lf, uint32_t events)
{
	struct kern *k = (struct kern *)((char *)lf - offsetof(struct kern, lfd));
	ssize_t n;
	int i;

	(void)events;
	/* A bounded batch, so that timers run under a steady stream too. */
	for (i = 0; i < 256; i++) {
		/*
		 * What a request queued while we dispatched arrived before
		 * anything still in the socket: keep the order.
		 */
		kern_drain(&k->drain);
		n = recv(lf->fd, k->rbuf, MNL_SOCKET_BUFFER_SIZE, MSG_DONTWAIT);
		if (n < 0 && errno == ENOBUFS) {
			/* Lost messages: frames are retransmitted, events checked. */
			k->nl.overruns++;
			continue;
		}
		if (n <= 0)
			break;
		kern_dispatch(k, k->rbuf, n);
	}
	check_overrun(k);
}

static void kern_del_flush(struct loop_timer *t);

int kern_open(struct kern *k, struct loop *loop,
	      void (*on_msg)(void *arg, const struct nlmsghdr *nlh), void *arg)
{
	int err, grp, bufsz = KERN_RCVBUF, zero = 0;
	socklen_t optlen = sizeof(k->rcvbuf);

	memset(k, 0, sizeof(*k));
	err = nl_open(&k->nl);
	if (err)
		return err;
	k->nl.keep_async = true;
	k->loop = loop;
	k->on_msg = on_msg;
	k->arg = arg;
	k->drain.fn = kern_drain;
	k->del_flush.fn = kern_del_flush;
	k->rbuf = malloc(MNL_SOCKET_BUFFER_SIZE);
	if (!k->rbuf) {
		nl_close(&k->nl);
		return -ENOMEM;
	}
	/*
	 * Many links talk at once: give the socket room.  Above
	 * net.core.rmem_max only with CAP_NET_ADMIN (SO_RCVBUFFORCE), which a
	 * controller has; the kernel only charges what is queued.
	 */
	if (setsockopt(mnl_socket_get_fd(k->nl.sock), SOL_SOCKET,
		       SO_RCVBUFFORCE, &bufsz, sizeof(bufsz)))
		setsockopt(mnl_socket_get_fd(k->nl.sock), SOL_SOCKET, SO_RCVBUF,
			   &bufsz, sizeof(bufsz));
	getsockopt(mnl_socket_get_fd(k->nl.sock), SOL_SOCKET, SO_RCVBUF,
		   &k->rcvbuf, &optlen);
	grp = k->nl.mcgrp_events;
	if (grp && mnl_socket_setsockopt(k->nl.sock, NETLINK_ADD_MEMBERSHIP,
					 &grp, sizeof(grp)) < 0) {
		err = -errno;
		kern_close(k);
		return err;
	}
	/*
	 * Requests sent without waiting have their errors matched to links
	 * by the request the kernel echoes back; acks stay short.
	 */
	mnl_socket_setsockopt(k->nl.sock, NETLINK_CAP_ACK, &zero, sizeof(zero));
	k->lfd.fd = mnl_socket_get_fd(k->nl.sock);
	k->lfd.fn = kern_readable;
	return loop_add(loop, &k->lfd, EPOLLIN);
}

void kern_close(struct kern *k)
{
	if (k->del_n && k->nl.sock)
		kern_del_flush(&k->del_flush);
	if (k->loop)
		loop_timer_stop(k->loop, &k->del_flush);
	free(k->del_q);
	k->del_q = NULL;
	k->del_n = k->del_cap = 0;
	if (k->loop && k->lfd.fn)
		loop_del(k->loop, &k->lfd);
	if (k->loop)
		loop_timer_stop(k->loop, &k->drain);
	nl_close(&k->nl);
	free(k->rbuf);
	k->rbuf = NULL;
}

int kern_talk(struct kern *k, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	int err = nl_talk(&k->nl, nlh, cb, data);

	if (k->nl.q_head && !loop_timer_armed(&k->drain))
		loop_timer_start(k->loop, &k->drain, 0);
	check_overrun(k);
	return err;
}

struct new_reply {
	char *name;
	uint32_t *ifindex;
};

static int new_cb(const struct nlmsghdr *nlh, void *data)
{
	struct new_reply *r = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == PPPK_A_LINK_IFINDEX &&
		    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			*r->ifindex = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) == PPPK_A_LINK_IFNAME &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			snprintf(r->name, IFNAMSIZ, "%s", mnl_attr_get_str(a));
	}
	return MNL_CB_OK;
}

int kern_link_new(struct kern *k, int fd, const char *ifname,
		  char name[IFNAMSIZ], uint32_t *ifindex)
{
	struct new_reply r = { name, ifindex };
	int disc = PPPK_LDISC, ret;
	struct nlmsghdr *nlh;
	uint32_t chan;

	/* The tty becomes a pppk channel, as for any line discipline. */
	if (ioctl(fd, TIOCSETD, &disc) < 0 || ioctl(fd, PPPKIOCGCHAN, &chan) < 0) {
		ret = -errno;
		snprintf(k->nl.err_msg, sizeof(k->nl.err_msg),
			 "cannot set the pppk line discipline (is pppk.ko loaded?)");
		return ret;
	}
	nlh = nl_msg(&k->nl, PPPK_CMD_LINK_NEW, 0);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_CHANNEL, chan);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_TTY_FD, fd);
	if (ifname && ifname[0])
		mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, ifname);
	return kern_talk(k, nlh, new_cb, &r);
}

int kern_link_del(struct kern *k, uint32_t ifindex)
{
	struct nlmsghdr *nlh = nl_msg(&k->nl, PPPK_CMD_LINK_DEL, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, ifindex);
	return kern_talk(k, nlh, NULL, NULL);
}

/*
 * Deletions wait this long for company: a LINK_DEL blocks the controller
 * for at least an RCU grace period however many links it names, and links
 * ending together (a shutdown, a line card gone) end over some tens of ms.
 */
#define KERN_DEL_GATHER_MS	50

struct nlmsghdr *kern_del_msg(struct nl *nl, const uint32_t *q, size_t n,
			      size_t *taken)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_DEL, 0);
	struct nlattr *list = mnl_attr_nest_start(nlh, PPPK_A_LINK_LIST);
	size_t i;

	for (i = 0; i < n; i++)
		if (!mnl_attr_put_u32_check(nlh, MNL_SOCKET_BUFFER_SIZE,
					    PPPK_A_LINK_IFINDEX, q[i]))
			break;
	mnl_attr_nest_end(nlh, list);
	*taken = i;
	return nlh;
}

/* Send the queued deletions, as few requests as their buffer allows. */
static void kern_del_flush(struct loop_timer *t)
{
	struct kern *k = (struct kern *)((char *)t - offsetof(struct kern, del_flush));
	struct nlmsghdr *nlh;
	size_t i = 0, n;
	int err;

	while (i < k->del_n) {
		nlh = kern_del_msg(&k->nl, k->del_q + i, k->del_n - i, &n);
		if (!n)
			break;		/* cannot be: one entry always fits */
		err = kern_talk(k, nlh, NULL, NULL);
		if (err)
			fprintf(stderr, "pppctl: deleting %zu links: %s%s%s\n", n,
				strerror(-err), k->nl.err_msg[0] ? ": " : "",
				k->nl.err_msg);
		i += n;
	}
	k->del_n = 0;
}

void kern_link_del_later(struct kern *k, uint32_t ifindex)
{
	uint32_t *q;

	if (k->del_n == k->del_cap) {
		q = realloc(k->del_q, (k->del_cap * 2 + 16) * sizeof(*q));
		if (!q) {
			kern_link_del(k, ifindex);	/* at once, then */
			return;
		}
		k->del_q = q;
		k->del_cap = k->del_cap * 2 + 16;
	}
	k->del_q[k->del_n++] = ifindex;
	if (!loop_timer_armed(&k->del_flush))
		loop_timer_start(k->loop, &k->del_flush, KERN_DEL_GATHER_MS);
}

int kern_frame_send(struct kern *k, uint32_t ifindex, uint16_t proto,
		    const uint8_t *pkt, size_t len)
{
	struct nlmsghdr *nlh = nl_msg(&k->nl, PPPK_CMD_FRAME_SEND, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, ifindex);
	mnl_attr_put_u16(nlh, PPPK_A_FRAME_PROTO, proto);
	mnl_attr_put(nlh, PPPK_A_FRAME_DATA, len, pkt);
	return nl_send(&k->nl, nlh);
}

int kern_link_set_nowait(struct kern *k, struct nlmsghdr *nlh)
{
	return nl_send(&k->nl, nlh);
}

bool kern_refusal(const struct kern *k, const struct nlmsghdr *nlh,
		  struct kern_refusal *r)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlmsghdr *req = &e->msg;
	size_t room = nlh->nlmsg_len, tlv_off;
	const struct genlmsghdr *g;
	const struct nlattr *a;

	if (nlh->nlmsg_type != NLMSG_ERROR ||
	    room < mnl_nlmsg_size(sizeof(*e)) || !e->error)
		return false;
	memset(r, 0, sizeof(*r));
	r->err = e->error;
	room -= mnl_nlmsg_size(sizeof(*e));
	tlv_off = mnl_nlmsg_size(sizeof(*e));
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		size_t body;

		if (req->nlmsg_len < NLMSG_HDRLEN ||
		    req->nlmsg_len - NLMSG_HDRLEN > room)
			return false;
		body = req->nlmsg_len - NLMSG_HDRLEN;
		tlv_off += NLMSG_ALIGN(body);
		if (req->nlmsg_type == k->nl.family &&
		    body >= sizeof(*g)) {
			g = mnl_nlmsg_get_payload(req);
			r->cmd = g->cmd;
			mnl_attr_for_each(a, req, sizeof(*g)) {
				if (mnl_attr_get_type(a) == PPPK_A_LINK_IFINDEX &&
				    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
					r->ifindex = mnl_attr_get_u32(a);
			}
		}
	}
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && tlv_off < nlh->nlmsg_len) {
		const char *tlvs = (const char *)nlh + tlv_off;
		int len = nlh->nlmsg_len - tlv_off;

		for (a = (const struct nlattr *)tlvs; mnl_attr_ok(a, len);
		     len -= MNL_ALIGN(a->nla_len), a = mnl_attr_next(a)) {
			if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				snprintf(r->msg, sizeof(r->msg), "%s",
					 mnl_attr_get_str(a));
		}
	}
	return r->ifindex != 0;
}
