// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "ctld.h"
#include "plink.h"

static struct plink **bucket(struct ctld *d, uint32_t ifindex)
{
	return &d->hash[ifindex % CTLD_HASH];
}

static struct plink *find(struct ctld *d, uint32_t ifindex)
{
	struct plink *l;

	for (l = *bucket(d, ifindex); l; l = l->hnext)
		if (l->ifindex == ifindex)
			return l;
	return NULL;
}

void ctld_add(struct ctld *d, struct plink *l)
{
	struct plink **b = bucket(d, l->ifindex);

	l->hnext = *b;
	*b = l;
	l->next = d->links;
	d->links = l;
	d->nlinks++;
}

void ctld_remove(struct ctld *d, struct plink *l)
{
	struct plink **p;

	for (p = bucket(d, l->ifindex); *p; p = &(*p)->hnext)
		if (*p == l) {
			*p = l->hnext;
			break;
		}
	for (p = &d->links; *p; p = &(*p)->next)
		if (*p == l) {
			*p = l->next;
			break;
		}
	d->nlinks--;
	plink_free(l);
	if (!d->nlinks && (d->exit_when_empty || d->stopping))
		loop_quit(&d->loop);
}

struct msg_attrs {
	uint32_t ifindex, event;
	uint16_t proto;
	const uint8_t *data;
	size_t len;
};

static int attr_cb(const struct nlattr *a, void *data)
{
	struct msg_attrs *m = data;

	switch (mnl_attr_get_type(a)) {
	case PPPK_A_LINK_IFINDEX:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			m->ifindex = mnl_attr_get_u32(a);
		break;
	case PPPK_A_EVENT:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			m->event = mnl_attr_get_u32(a);
		break;
	case PPPK_A_FRAME_PROTO:
		if (mnl_attr_validate(a, MNL_TYPE_U16) == 0)
			m->proto = mnl_attr_get_u16(a);
		break;
	case PPPK_A_FRAME_DATA:
		m->data = mnl_attr_get_payload(a);
		m->len = mnl_attr_get_payload_len(a);
		break;
	}
	return MNL_CB_OK;
}

static void on_msg(void *arg, const struct nlmsghdr *nlh)
{
	struct ctld *d = arg;
	const struct genlmsghdr *g;
	struct msg_attrs m = { 0 };
	struct kern_refusal r;
	struct plink *l;

	if (kern_refusal(&d->kern, nlh, &r)) {
		l = find(d, r.ifindex);
		if (l)
			plink_refused(l, &r);
		return;
	}
	if (nlh->nlmsg_type != d->kern.nl.family ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*g)))
		return;
	g = mnl_nlmsg_get_payload(nlh);
	mnl_attr_parse(nlh, sizeof(*g), attr_cb, &m);
	l = find(d, m.ifindex);
	if (!l)
		return;
	if (g->cmd == PPPK_CMD_FRAME_RECV && m.data)
		plink_input(l, m.proto, m.data, m.len);
	else if (g->cmd == PPPK_CMD_LINK_EVENT)
		plink_event(l, m.event);
}

static void stop_all(struct ctld *d)
{
	struct plink *l, *next;

	d->stopping = true;
	if (!d->nlinks) {
		loop_quit(&d->loop);
		return;
	}
	for (l = d->links; l; l = next) {
		next = l->next;
		plink_close(l, "signal");
	}
}

static void on_signal(struct loop_fd *lf, uint32_t events)
{
	struct ctld *d = (struct ctld *)((char *)lf - offsetof(struct ctld, sig));
	struct signalfd_siginfo si;

	(void)events;
	while (read(lf->fd, &si, sizeof(si)) == sizeof(si)) {
		if (d->stopping) {
			loop_quit(&d->loop);	/* second signal: now */
			return;
		}
		stop_all(d);
	}
}

int ctld_init(struct ctld *d)
{
	sigset_t set;
	int err;

	memset(d, 0, sizeof(*d));
	d->sigfd = -1;
	err = loop_init(&d->loop);
	if (err)
		return err;
	err = kern_open(&d->kern, &d->loop, on_msg, d);
	if (err)
		return err;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->sigfd < 0)
		return -errno;
	d->sig.fd = d->sigfd;
	d->sig.fn = on_signal;
	return loop_add(&d->loop, &d->sig, EPOLLIN);
}

void ctld_fini(struct ctld *d)
{
	while (d->links)
		ctld_remove(d, d->links);
	kern_close(&d->kern);
	if (d->sigfd >= 0)
		close(d->sigfd);
	loop_free(&d->loop);
}

int ctld_run(struct ctld *d)
{
	int err;

	if (!d->nlinks && d->exit_when_empty)
		return d->rc;
	err = loop_run(&d->loop);
	return err ? 1 : d->rc;
}
