// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/pppk.h>
#include "nl.h"

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	/* Skip what we do not know: newer kernels may add attributes. */
	if (mnl_attr_type_valid(attr, CTRL_ATTR_MAX) < 0)
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_family_info *fi = data;
	struct nlattr *tb[CTRL_ATTR_MAX + 1] = { 0 };
	struct nlattr *grp, *a;

	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb, tb);
	if (!tb[CTRL_ATTR_FAMILY_ID] ||
	    mnl_attr_validate(tb[CTRL_ATTR_FAMILY_ID], MNL_TYPE_U16) < 0)
		return MNL_CB_ERROR;
	fi->id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION] &&
	    mnl_attr_validate(tb[CTRL_ATTR_VERSION], MNL_TYPE_U32) == 0)
		fi->version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);
	if (tb[CTRL_ATTR_MAXATTR] &&
	    mnl_attr_validate(tb[CTRL_ATTR_MAXATTR], MNL_TYPE_U32) == 0)
		fi->maxattr = mnl_attr_get_u32(tb[CTRL_ATTR_MAXATTR]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return MNL_CB_OK;
	mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
		uint32_t id = 0;
		const char *name = NULL;

		if (fi->n_groups >= sizeof(fi->groups) / sizeof(fi->groups[0]))
			break;
		mnl_attr_for_each_nested(a, grp) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID &&
			    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				id = mnl_attr_get_u32(a);
			else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME &&
				 mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				name = mnl_attr_get_str(a);
		}
		if (!id || !name)
			continue;
		fi->groups[fi->n_groups].id = id;
		snprintf(fi->groups[fi->n_groups].name,
			 sizeof(fi->groups[0].name), "%s", name);
		fi->n_groups++;
	}
	return MNL_CB_OK;
}

static struct nlmsghdr *msg_start(struct nl *nl, uint16_t type, uint8_t cmd,
				  uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

int nl_get_family(struct nl *nl, const char *name, struct nl_family_info *fi)
{
	struct nlmsghdr *nlh;

	memset(fi, 0, sizeof(*fi));
	nlh = msg_start(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	return nl_talk(nl, nlh, family_cb, fi);
}

int nl_open(struct nl *nl)
{
	struct nl_family_info fi;
	int one = 1, err;
	unsigned int i;

	memset(nl, 0, sizeof(*nl));
	nl->seq = (uint32_t)time(NULL);
	nl->buf = malloc(MNL_SOCKET_BUFFER_SIZE);
	if (!nl->buf)
		return -ENOMEM;
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock) {
		err = -errno;
		goto fail;
	}
	/* Ask for extended ACKs: kernel error messages for the user. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto fail;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	err = nl_get_family(nl, PPPK_GENL_NAME, &fi);
	if (err)
		goto fail;
	nl->family = fi.id;
	nl->version = fi.version;
	for (i = 0; i < fi.n_groups; i++)
		if (!strcmp(fi.groups[i].name, PPPK_MCGRP_EVENTS))
			nl->mcgrp_events = fi.groups[i].id;
	return 0;
fail:
	nl_close(nl);
	return err;
}

void nl_close(struct nl *nl)
{
	struct nlmsghdr *q;

	while ((q = nl_async_pop(nl)))
		free(q);
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}

struct nlmsghdr *nl_msg(struct nl *nl, uint8_t cmd, uint16_t flags)
{
	return msg_start(nl, nl->family, cmd, PPPK_GENL_VERSION, flags);
}

struct talk {
	struct nl *nl;
	mnl_cb_t cb;
	void *data;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

/* Pull the extack message (NLMSGERR_ATTR_MSG) out of an error message. */
static int err_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl *nl = ((struct talk *)data)->nl;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	size_t off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
		return MNL_CB_ERROR;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		goto out;
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	mnl_attr_for_each(a, nlh, off) {
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			snprintf(nl->err_msg, sizeof(nl->err_msg), "%s",
				 mnl_attr_get_str(a));
	}
out:
	if (e->error) {
		errno = -e->error;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

/* End of a dump; the kernel may put the dump's error in it. */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	const int *err = mnl_nlmsg_get_payload(nlh);

	(void)data;
	if (nlh->nlmsg_len >= mnl_nlmsg_size(sizeof(*err)) && *err < 0) {
		errno = -*err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

struct nl_queued {
	struct nl_queued *next;
	struct nlmsghdr nlh[];
};

static void queue_async(struct nl *nl, const struct nlmsghdr *nlh)
{
	struct nl_queued *q = malloc(sizeof(*q) + nlh->nlmsg_len);

	if (!q)
		return;
	q->next = NULL;
	memcpy(q->nlh, nlh, nlh->nlmsg_len);
	if (nl->q_tail)
		nl->q_tail->next = q;
	else
		nl->q_head = q;
	nl->q_tail = q;
}

struct nlmsghdr *nl_async_pop(struct nl *nl)
{
	struct nl_queued *q = nl->q_head;

	if (!q)
		return NULL;
	nl->q_head = q->next;
	if (!nl->q_head)
		nl->q_tail = NULL;
	/* Slide the message to the start of its allocation: free() takes it. */
	memmove(q, q->nlh, q->nlh->nlmsg_len);
	return (struct nlmsghdr *)q;
}

int nl_send(struct nl *nl, struct nlmsghdr *nlh)
{
	nlh->nlmsg_flags &= ~NLM_F_ACK;
	return mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0 ? -errno : 0;
}

/* One message at a time: notifications and others' errors are queued. */
static int run_keeping_async(struct nl *nl, ssize_t n, uint32_t seq,
			     struct talk *t, mnl_cb_t *ctl_cb)
{
	const struct nlmsghdr *m = (const struct nlmsghdr *)nl->buf;
	int len = n, ret = MNL_CB_OK, r;

	while (mnl_nlmsg_ok(m, len)) {
		if (m->nlmsg_seq != seq) {
			queue_async(nl, m);
		} else if (ret == MNL_CB_OK) {
			errno = 0;
			r = mnl_cb_run2(m, m->nlmsg_len, seq, nl->portid, data_cb,
					t, ctl_cb, NLMSG_MIN_TYPE);
			if (r <= MNL_CB_STOP)
				ret = r;
			if (r == MNL_CB_ERROR)
				return r;	/* errno set by the callback */
		}
		m = mnl_nlmsg_next(m, &len);
	}
	return ret;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* 1 when something arrived before @deadline, 0 if not. */
static int wait_until(struct nl *nl, uint64_t deadline)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(nl->sock), .events = POLLIN };
	uint64_t now = now_ms();
	int r;

	if (now >= deadline)
		return 0;
	do
		r = poll(&p, 1, (int)(deadline - now));
	while (r < 0 && errno == EINTR);
	return r != 0;
}

int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	mnl_cb_t ctl_cb[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = err_cb,
		[NLMSG_DONE] = done_cb,
	};
	struct talk t = { nl, cb, data };
	uint32_t seq = nlh->nlmsg_seq;
	uint64_t deadline = 0;
	ssize_t n;
	int ret;

	nl->err_msg[0] = '\0';
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		/*
		 * The kernel drops even answers for a socket whose queue is
		 * full: never wait for one forever.
		 */
		if (deadline && !wait_until(nl, deadline))
			return -ENOBUFS;	/* our answer was among the lost */
		if (!deadline && !wait_until(nl, now_ms() + NL_TALK_TIMEOUT_MS))
			return -ETIMEDOUT;
		n = mnl_socket_recvfrom(nl->sock, nl->buf, MNL_SOCKET_BUFFER_SIZE);
		if (n < 0 && errno == ENOBUFS) {
			nl->overruns++;
			if (!deadline)
				deadline = now_ms() + 2000;
			continue;
		}
		if (n < 0)
			return -errno;
		if (nl->keep_async) {
			ret = run_keeping_async(nl, n, seq, &t, ctl_cb);
		} else {
			errno = 0;
			ret = mnl_cb_run2(nl->buf, n, seq, nl->portid, data_cb,
					  &t, ctl_cb, NLMSG_MIN_TYPE);
		}
		if (ret == MNL_CB_ERROR)
			return errno ? -errno : -EPROTO;
		if (ret == MNL_CB_STOP)
			return 0;
	}
}

void nl_open_perror(const struct nl *nl, int err)
{
	if (err == -ENOENT)
		fprintf(stderr, "pppctl: the pppk kernel module is not loaded (modprobe pppk)\n");
	else
		nl_perror(nl, "pppk netlink family", err);
}

void nl_perror(const struct nl *nl, const char *what, int err)
{
	if (nl && nl->err_msg[0])
		fprintf(stderr, "pppctl: %s: %s: %s\n", what, strerror(-err),
			nl->err_msg);
	else
		fprintf(stderr, "pppctl: %s: %s\n", what, strerror(-err));
}
