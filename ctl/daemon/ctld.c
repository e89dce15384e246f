// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

struct plink *ctld_find(struct ctld *d, uint32_t ifindex)
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
	if (l->next)
		l->next->pprev = &l->next;
	l->pprev = &d->links;
	d->links = l;
	d->nlinks++;
}

/* Nothing left to run or to dial: a foreground controller is done. */
static void maybe_quit(struct ctld *d)
{
	if (!d->nlinks && !d->ndials && (d->exit_when_empty || d->stopping))
		loop_quit(&d->loop);
}

int ctld_dial(struct ctld *d, struct dial *dl, const struct link_conf *conf,
	      char *err, size_t errlen)
{
	int ret = dial_start(dl, &d->owner, conf, err, errlen);

	if (ret == 0 && !dial_done(dl)) {
		dl->next = d->dials;
		d->dials = dl;
		d->ndials++;
	}
	return ret;
}

void ctld_remove(struct ctld *d, struct plink *l)
{
	struct plink **p;

	for (p = bucket(d, l->ifindex); *p; p = &(*p)->hnext)
		if (*p == l) {
			*p = l->hnext;
			break;
		}
	*l->pprev = l->next;
	if (l->next)
		l->next->pprev = l->pprev;
	d->nlinks--;
	ctld_settled(d, l);
	if (l->dial)
		dial_link_ended(l->dial, l);
	plink_free(l);
	maybe_quit(d);
}

/* ---- opening a window of links at a time ---- */

static void unqueue(struct ctld *d, struct plink *l)
{
	if (!l->pending)
		return;
	*l->pend_pprev = l->pend_next;
	if (l->pend_next)
		l->pend_next->pend_pprev = l->pend_pprev;
	else
		d->pend_tail = l->pend_pprev;
	l->pending = false;
}

static void slot_expired(struct loop_timer *t)
{
	struct plink *l = (struct plink *)((char *)t - offsetof(struct plink, t_slot));

	l->owner->ops->settled(l->owner, l);
}

static void start(struct ctld *d, struct plink *l)
{
	if (!l->conf->silent) {
		l->opening = true;
		d->opening++;
		l->t_slot.fn = slot_expired;
		loop_timer_start(&d->loop, &l->t_slot,
				 l->lcp.fsm.restart_ms ? l->lcp.fsm.restart_ms : 3000);
	}
	(d->open_link ? d->open_link : plink_open)(l);
}

static void admit(struct loop_timer *t)
{
	struct ctld *d = (struct ctld *)((char *)t - offsetof(struct ctld, admit));
	struct plink *l;

	while (!d->stopping && d->opening < d->opening_max && (l = d->pend_head)) {
		unqueue(d, l);
		start(d, l);
	}
}

void ctld_open(struct ctld *d, struct plink *l)
{
	if (!d->pend_tail)
		d->pend_tail = &d->pend_head;
	if (!d->opening_max)
		d->opening_max = CTLD_OPENING;
	d->admit.fn = admit;
	if (l->conf->silent || (!d->pend_head && d->opening < d->opening_max)) {
		start(d, l);
		return;
	}
	l->pending = true;
	l->pend_next = NULL;
	l->pend_pprev = d->pend_tail;
	*d->pend_tail = l;
	d->pend_tail = &l->pend_next;
}

void ctld_settled(struct ctld *d, struct plink *l)
{
	unqueue(d, l);
	if (!l->opening)
		return;
	l->opening = false;
	loop_timer_stop(&d->loop, &l->t_slot);
	d->opening--;
	/* From the loop: this may run deep inside one link's callbacks. */
	if (d->pend_head && !loop_timer_armed(&d->admit))
		loop_timer_start(&d->loop, &d->admit, 0);
}

FILE *ctld_log_open(struct ctld *d, const char *path)
{
	struct ctld_log *lg;

	for (lg = d->logs; lg; lg = lg->next)
		if (!strcmp(lg->path, path)) {
			lg->refs++;
			return lg->f;
		}
	lg = calloc(1, sizeof(*lg));
	if (!lg)
		return NULL;
	lg->path = strdup(path);
	lg->f = lg->path ? fopen(path, "a") : NULL;
	if (!lg->f) {
		int e = lg->path ? errno : ENOMEM;

		free(lg->path);
		free(lg);
		errno = e;
		return NULL;
	}
	setvbuf(lg->f, NULL, _IOLBF, 0);
	lg->refs = 1;
	lg->next = d->logs;
	d->logs = lg;
	return lg->f;
}

void ctld_log_close(struct ctld *d, FILE *f)
{
	struct ctld_log **p, *lg;

	for (p = &d->logs; (lg = *p); p = &lg->next) {
		if (lg->f != f)
			continue;
		if (--lg->refs)
			return;
		*p = lg->next;
		fclose(lg->f);
		free(lg->path);
		free(lg);
		return;
	}
}

/* ---- what our links report ---- */

static struct ctld *ctld_of(struct plink_owner *o)
{
	return (struct ctld *)((char *)o - offsetof(struct ctld, owner));
}

static void link_add(struct plink_owner *o, struct plink *l)
{
	ctld_add(ctld_of(o), l);
}

static void link_remove(struct plink_owner *o, struct plink *l)
{
	ctld_remove(ctld_of(o), l);
}

static void link_settled(struct plink_owner *o, struct plink *l)
{
	ctld_settled(ctld_of(o), l);
}

static void link_failed(struct plink_owner *o, struct plink *l)
{
	(void)l;
	ctld_of(o)->rc = 1;
}

static void link_open(struct plink_owner *o, struct plink *l)
{
	ctld_open(ctld_of(o), l);
}

void ctld_detached(struct ctld *d)
{
	int fd;

	if (d->up_fd < 0)
		return;
	fflush(stdout);
	fflush(stderr);
	if (write(d->up_fd, "U", 1) < 0)
		fprintf(stderr, "pppctl: cannot tell the foreground process to go: %s\n",
			strerror(errno));
	close(d->up_fd);
	d->up_fd = -1;
	/* No terminal from now on. */
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
}

/* updetach: once every line is up, the foreground process may go. */
static void link_up(struct plink_owner *o, struct plink *l)
{
	struct ctld *d = ctld_of(o);

	(void)l;
	if (d->up_fd < 0 || !d->up_wanted || --d->up_wanted)
		return;
	ctld_detached(d);
}

static void dial_over(struct plink_owner *o, struct dial *dl)
{
	struct ctld *d = ctld_of(o);
	struct dial *x;

	for (x = d->dials; x; x = x->next)
		if (x == dl) {
			d->ndials--;
			break;
		}
	maybe_quit(d);
}

static FILE *link_log_open(struct plink_owner *o, const char *path)
{
	return ctld_log_open(ctld_of(o), path);
}

static void link_log_close(struct plink_owner *o, FILE *f)
{
	ctld_log_close(ctld_of(o), f);
}

const struct plink_ops ctld_plink_ops = {
	.add = link_add,
	.remove = link_remove,
	.settled = link_settled,
	.failed = link_failed,
	.open = link_open,
	.up = link_up,
	.dial_over = dial_over,
	.log_open = link_log_open,
	.log_close = link_log_close,
};

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
		l = ctld_find(d, r.ifindex);
		if (l)
			plink_refused(l, &r);
		return;
	}
	if (nlh->nlmsg_type != d->kern.nl.family ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*g)))
		return;
	g = mnl_nlmsg_get_payload(nlh);
	mnl_attr_parse(nlh, sizeof(*g), attr_cb, &m);
	l = ctld_find(d, m.ifindex);
	if (!l)
		return;
	/* connect-delay: the peer's first frame ends the wait */
	if (g->cmd == PPPK_CMD_FRAME_RECV && l->dial)
		dial_peer_spoke(l->dial);
	/*
	 * The peer has started on a link still waiting for its slot: open it
	 * now, or its Configure-Request is dropped and both wait out a
	 * restart interval.  The peer's own pace bounds these.
	 */
	if (g->cmd == PPPK_CMD_FRAME_RECV && l->pending && !d->stopping) {
		unqueue(d, l);
		start(d, l);
	}
	if (g->cmd == PPPK_CMD_FRAME_RECV && m.data)
		plink_input(l, m.proto, m.data, m.len);
	else if (g->cmd == PPPK_CMD_LINK_EVENT)
		plink_event(l, m.event);
}

/* ---- after a receive buffer overrun: what did we miss? ---- */

struct resync {
	struct ctld *d;
	uint32_t *dead;		/* links whose keepalives the kernel gave up on */
	size_t ndead, cap;
};

static void resync_link(struct resync *r, const struct nlmsghdr *nlh)
{
	uint32_t ifindex = 0, controller = 0, failure = 0;
	uint64_t missed = 0;
	const struct nlattr *a, *s;
	struct plink *l;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case PPPK_A_LINK_IFINDEX:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				ifindex = mnl_attr_get_u32(a);
			break;
		case PPPK_A_LINK_CONTROLLER:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				controller = mnl_attr_get_u32(a);
			break;
		case PPPK_A_LINK_ECHO_FAILURE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				failure = mnl_attr_get_u32(a);
			break;
		case PPPK_A_LINK_STATS:
			mnl_attr_for_each_nested(s, a)
				if (mnl_attr_get_type(s) == PPPK_A_STAT_ECHO_MISSED &&
				    mnl_attr_validate(s, MNL_TYPE_U64) == 0)
					missed = mnl_attr_get_u64(s);
			break;
		}
	}
	l = ctld_find(r->d, ifindex);
	/* Another controller adopted it: no longer ours, as if deleted. */
	if (!l || controller != r->d->kern.nl.portid)
		return;
	l->seen = true;
	if (!failure || missed < failure)
		return;
	if (r->ndead == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		uint32_t *v = realloc(r->dead, cap * sizeof(*v));

		if (!v)
			return;
		r->dead = v;
		r->cap = cap;
	}
	r->dead[r->ndead++] = ifindex;
}

static int resync_cb(const struct nlmsghdr *nlh, void *data)
{
	resync_link(data, nlh);
	return MNL_CB_OK;
}

static void resync_timer(struct loop_timer *t)
{
	struct ctld *d = (struct ctld *)((char *)t - offsetof(struct ctld, resync));
	struct resync r = { .d = d };
	struct pollfd p = { .fd = d->kern.lfd.fd, .events = POLLIN };
	struct plink *l;
	size_t i;
	int err;

	/*
	 * Read what is queued first: until its queue is empty the kernel
	 * drops even the answer to the dump.  A steady stream waits 2 s at
	 * most.
	 */
	if (d->resync_waits < 10 && poll(&p, 1, 0) > 0) {
		d->resync_waits++;
		loop_timer_start(&d->loop, &d->resync, 200);
		return;
	}
	d->resync_waits = 0;
	for (l = d->links; l; l = l->next)
		l->seen = false;
	err = kern_talk(&d->kern, nl_msg(&d->kern.nl, PPPK_CMD_LINK_GET,
					  NLM_F_DUMP), resync_cb, &r);
	if (err) {
		free(r.dead);
		loop_timer_start(&d->loop, &d->resync, 1000);	/* try again */
		return;
	}
	d->resyncs++;
	/* Links are only ever freed from timers: walking the list is safe. */
	for (l = d->links; l; l = l->next)
		if (!l->seen && !l->gone)
			plink_event(l, PPPK_EVENT_DELETED);
	for (i = 0; i < r.ndead; i++) {
		l = ctld_find(d, r.dead[i]);
		if (l && !l->closing)
			plink_event(l, PPPK_EVENT_DEAD_PEER);
	}
	free(r.dead);
}

static void on_overrun(void *arg)
{
	struct ctld *d = arg;
	static time_t said;
	time_t now = time(NULL);

	if (now - said >= 10) {
		said = now;
		fprintf(stderr, "pppctl: netlink receive buffer overrun (%lu so far): "
			"lost frames are retransmitted; checking every link for lost events\n",
			d->kern.nl.overruns);
	}
	/* Once the burst has passed; during a talk nothing may be sent. */
	if (!loop_timer_armed(&d->resync))
		loop_timer_start(&d->loop, &d->resync, 500);
}

static void stop_all(struct ctld *d)
{
	struct plink *l, *next;
	struct dial *dl;

	d->stopping = true;
	for (dl = d->dials; dl; dl = dl->next)
		if (!dial_done(dl))
			dial_stop(dl);
	if (!d->nlinks) {
		maybe_quit(d);
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
	d->up_fd = -1;
	d->resync.fn = resync_timer;
	d->admit.fn = admit;
	d->pend_tail = &d->pend_head;
	d->opening_max = CTLD_OPENING;
	d->owner.loop = &d->loop;
	d->owner.kern = &d->kern;
	d->owner.ops = &ctld_plink_ops;
	err = loop_init(&d->loop);
	if (err)
		return err;
	scripts_init(&d->scripts, &d->loop, conf_say_stderr, NULL);
	d->owner.scripts = &d->scripts;
	err = kern_open(&d->kern, &d->loop, on_msg, d);
	if (err)
		return err;
	d->kern.on_overrun = on_overrun;
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
	struct dial *dl;

	for (dl = d->dials; dl; dl = dl->next)
		dl->stop = dl->quitting = true;
	while (d->links)
		ctld_remove(d, d->links);
	for (dl = d->dials; dl; dl = dl->next)
		dial_free(dl);
	if (d->up_fd >= 0)
		close(d->up_fd);
	loop_timer_stop(&d->loop, &d->resync);
	loop_timer_stop(&d->loop, &d->admit);
	scripts_free(&d->scripts);
	kern_close(&d->kern);
	if (d->sigfd >= 0)
		close(d->sigfd);
	loop_free(&d->loop);
}

int ctld_run(struct ctld *d)
{
	int err;

	if (!d->nlinks && !d->ndials && d->exit_when_empty)
		return d->rc;
	err = loop_run(&d->loop);
	/* ip-down and the like end before we do (each within its limit). */
	if (!err)
		scripts_wait(&d->scripts);
	return err ? 1 : d->rc;
}
