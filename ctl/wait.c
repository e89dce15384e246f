// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl wait IFNAME STATE [timeout SECONDS]: block until a link reaches a
 * state, for scripts ("pppctl call isp && pppctl wait pppk0 up timeout 30").
 * It joins the events group first and only then asks the kernel for the
 * link (LINK_GET), so that no change falls between the two: events older
 * than the answer are skipped, later ones applied to it.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kernel/kview.h"
#include "kernel/nl.h"
#include "pppctl.h"

static const struct {
	const char *word;
	enum wait_target target;
	const char *help;
} targets[] = {
	{ "up", WAIT_UP, "phase UP with IPv4 or IPv6 passing: traffic can flow" },
	{ "down", WAIT_DOWN, "phase DOWN, or no such link (deleted or not made)" },
	{ "ip-up", WAIT_IP_UP, "IPv4 passing (IPCP open, addresses set)" },
	{ "ip-down", WAIT_IP_DOWN, "IPv4 not passing, or no such link" },
	{ "ipv6-up", WAIT_IPV6_UP, "IPv6 passing (IPV6CP open)" },
	{ "ipv6-down", WAIT_IPV6_DOWN, "IPv6 not passing, or no such link" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: pppctl wait IFNAME STATE [timeout SECONDS]\n"
		   "Wait until the link is in STATE:\n");
	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		fprintf(f, "  %-10s %s\n", targets[i].word, targets[i].help);
	fprintf(f, "A link that does not exist yet is waited for; one deleted while\n"
		   "waiting for an up state ends the wait.  Without a timeout, waits\n"
		   "for ever.  Exit status: 0 reached, 1 timed out, link deleted or\n"
		   "an error, 2 usage.\n");
}

int wait_parse(int argc, char **argv, struct wait_args *w, char *err,
	       size_t errlen)
{
	size_t i;
	char *end;
	double s;

	memset(w, 0, sizeof(*w));
	w->timeout_ms = -1;
	if (argc != 3 && argc != 5) {
		snprintf(err, errlen, "wait: IFNAME and STATE expected (try pppctl wait --help)");
		return -1;
	}
	if (!argv[1][0] || strlen(argv[1]) >= IFNAMSIZ || argv[1][0] == '-') {
		snprintf(err, errlen, "wait: '%s' is not an interface name", argv[1]);
		return -1;
	}
	w->ifname = argv[1];
	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (!strcmp(argv[2], targets[i].word))
			break;
	if (i == sizeof(targets) / sizeof(targets[0])) {
		snprintf(err, errlen, "wait: unknown state '%s' (up, down, ip-up, ip-down, ipv6-up, ipv6-down)",
			 argv[2]);
		return -1;
	}
	w->target = targets[i].target;
	w->word = targets[i].word;
	if (argc == 3)
		return 0;
	if (strcmp(argv[3], "timeout")) {
		snprintf(err, errlen, "wait: unexpected '%s' (timeout SECONDS?)", argv[3]);
		return -1;
	}
	errno = 0;
	s = strtod(argv[4], &end);
	if (errno || end == argv[4] || *end || !isfinite(s) || s < 0 ||
	    s > 86400 * 365) {
		snprintf(err, errlen, "wait: timeout '%s' is not a number of seconds",
			 argv[4]);
		return -1;
	}
	w->timeout_ms = (long long)(s * 1000 + 0.5);
	return 0;
}

bool wait_reached(enum wait_target t, const struct wait_state *st)
{
	bool v4 = st->exists && st->ipv4_up, v6 = st->exists && st->ipv6_up;

	switch (t) {
	case WAIT_UP:
		return st->exists && st->phase == PPPK_PHASE_NETWORK &&
		       (v4 || v6);
	case WAIT_DOWN:
		return !st->exists || st->phase == PPPK_PHASE_DEAD;
	case WAIT_IP_UP:
		return v4;
	case WAIT_IP_DOWN:
		return !v4;
	case WAIT_IPV6_UP:
		return v6;
	case WAIT_IPV6_DOWN:
		return !v6;
	}
	return false;
}

static bool target_is_down(enum wait_target t)
{
	return t == WAIT_DOWN || t == WAIT_IP_DOWN || t == WAIT_IPV6_DOWN;
}

struct waiter {
	const struct wait_args *args;
	struct wait_state st;
	bool have_reply;	/* the LINK_GET answer came: apply events */
	bool deleted;		/* the link went away while we waited */
};

static const char *msg_ifname(const struct nlmsghdr *nlh, uint32_t *ev)
{
	const char *name = NULL;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == PPPK_A_LINK_IFNAME &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			name = mnl_attr_get_str(a);
		else if (mnl_attr_get_type(a) == PPPK_A_EVENT &&
			 mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			*ev = mnl_attr_get_u32(a);
	}
	return name;
}

void wait_apply(struct wait_state *st, const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct kview v;
	uint32_t ev = 0;

	kview_init(&v);
	mnl_attr_for_each(a, nlh, sizeof(*g))
		kview_attr(&v, a);
	if (g->cmd == PPPK_CMD_LINK_GET) {
		st->exists = true;
		st->phase = v.phase;
		st->ipv4_up = v.ipv4_up;
		st->ipv6_up = v.ipv6_up;
		return;
	}
	msg_ifname(nlh, &ev);
	switch (ev) {
	case PPPK_EVENT_CREATED:
		memset(st, 0, sizeof(*st));
		st->exists = true;
		break;
	case PPPK_EVENT_DELETED:
	case PPPK_EVENT_HANGUP:
		memset(st, 0, sizeof(*st));
		break;
	case PPPK_EVENT_PHASE:
		if (v.has_phase)
			st->phase = v.phase;
		break;
	case PPPK_EVENT_IP_UP:
	case PPPK_EVENT_IP_DOWN:
		st->ipv4_up = ev == PPPK_EVENT_IP_UP;
		break;
	case PPPK_EVENT_IPV6_UP:
	case PPPK_EVENT_IPV6_DOWN:
		st->ipv6_up = ev == PPPK_EVENT_IPV6_UP;
		break;
	}
}

static int msg_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct waiter *w = data;
	const char *name;
	uint32_t ev = 0;
	bool existed;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*g))
		return MNL_CB_OK;
	if (g->cmd == PPPK_CMD_LINK_GET) {
		wait_apply(&w->st, nlh);
		w->have_reply = true;
		return MNL_CB_OK;
	}
	/* Events queued before the answer are older than it. */
	if (g->cmd != PPPK_CMD_LINK_EVENT || !w->have_reply)
		return MNL_CB_OK;
	name = msg_ifname(nlh, &ev);
	if (!name || strcmp(name, w->args->ifname))
		return MNL_CB_OK;
	existed = w->st.exists;
	wait_apply(&w->st, nlh);
	if (existed && !w->st.exists)
		w->deleted = true;
	return MNL_CB_OK;
}

/* Ask the kernel for the link: the state the events then change. */
static int query(struct nl *nl, struct waiter *w)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_GET, 0);
	int err;

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, w->args->ifname);
	w->have_reply = false;
	memset(&w->st, 0, sizeof(w->st));
	err = nl_talk(nl, nlh, msg_cb, w);
	if (err == -ENODEV) {
		err = 0;	/* not (yet) there: a state too */
		nl->err_msg[0] = '\0';
	}
	w->have_reply = true;
	return err;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int cmd_wait(int argc, char **argv)
{
	struct wait_args args;
	struct waiter w = { .args = &args };
	long long deadline = 0, left;
	char err_line[160];
	struct pollfd pfd;
	struct nl nl;
	ssize_t n;
	int err, grp;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (wait_parse(argc, argv, &args, err_line, sizeof(err_line))) {
		fprintf(stderr, "pppctl: %s\n", err_line);
		return 2;
	}
	err = nl_open(&nl);
	if (err) {
		nl_open_perror(&nl, err);
		return 1;
	}
	grp = nl.mcgrp_events;
	if (mnl_socket_setsockopt(nl.sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0) {
		nl_perror(&nl, "joining the events group", -errno);
		goto fail;
	}
	if (args.timeout_ms >= 0)
		deadline = now_ms() + args.timeout_ms;
	err = query(&nl, &w);
	pfd.fd = mnl_socket_get_fd(nl.sock);
	pfd.events = POLLIN;
	while (!err) {
		if (wait_reached(args.target, &w.st)) {
			nl_close(&nl);
			return 0;
		}
		if (w.deleted && !target_is_down(args.target)) {
			fprintf(stderr, "pppctl: wait: %s was deleted before it was %s\n",
				args.ifname, args.word);
			goto fail;
		}
		left = deadline ? deadline - now_ms() : -1;
		if (deadline && left <= 0) {
			fprintf(stderr, "pppctl: wait: %s not %s after %.3g s\n",
				args.ifname, args.word, args.timeout_ms / 1000.0);
			goto fail;
		}
		if (poll(&pfd, 1, left > 1000000 ? 1000000 : (int)left) < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (!(pfd.revents & POLLIN))
			continue;
		n = recv(pfd.fd, nl.buf, MNL_SOCKET_BUFFER_SIZE, MSG_DONTWAIT);
		if (n < 0 && errno == ENOBUFS) {
			/* Events lost: ask again. */
			err = query(&nl, &w);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EPIPE;
			break;
		}
		mnl_cb_run(nl.buf, n, 0, 0, msg_cb, &w);
	}
	nl_perror(&nl, args.ifname, err);
fail:
	nl_close(&nl);
	return 1;
}
