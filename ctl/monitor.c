// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl monitor: print link events as they happen (created, deleted,
 * hangup, dead_peer, looped, controller_gone, close_requested), one line
 * each, or JSON objects with -j.  Runs until interrupted.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kernel/kstats.h"
#include "kernel/nl.h"
#include "pppctl.h"


static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const char *ifname = "?", *name = "unknown";
	const struct nlattr *a;
	uint32_t ev = 0, ifindex = 0;
	char stamp[32];
	time_t now = time(NULL);

	(void)data;
	if (g->cmd != PPPK_CMD_LINK_EVENT)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(*g)) {
		int t = mnl_attr_get_type(a);

		if (t == PPPK_A_LINK_IFNAME &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			ifname = mnl_attr_get_str(a);
		else if (t == PPPK_A_LINK_IFINDEX &&
			 mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			ifindex = mnl_attr_get_u32(a);
		else if (t == PPPK_A_EVENT &&
			 mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			ev = mnl_attr_get_u32(a);
	}
	if (kevent_name(ev))
		name = kevent_name(ev);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", localtime(&now));
	if (g_opts.json)
		printf("{\"time\":\"%s\",\"ifindex\":%u,\"ifname\":\"%s\",\"event\":\"%s\"}\n",
		       stamp, ifindex, ifname, name);
	else
		printf("%s %s %s\n", stamp, ifname, name);
	fflush(stdout);
	return MNL_CB_OK;
}

int cmd_monitor(int argc, char **argv)
{
	struct nl nl;
	ssize_t n;
	int err, grp;

	if (argc > 1) {
		bool help = !strcmp(argv[1], "--help");

		fprintf(help ? stdout : stderr, "Usage: pppctl [-j] monitor\n"
			"Print pppk link events until interrupted.\n");
		return help ? 0 : 1;
	}
	err = nl_open(&nl);
	if (err) {
		nl_perror(&nl, "pppk netlink family", err);
		return 1;
	}
	grp = nl.mcgrp_events;
	if (mnl_socket_setsockopt(nl.sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0) {
		nl_perror(&nl, "joining the events group", -errno);
		nl_close(&nl);
		return 1;
	}
	while ((n = mnl_socket_recvfrom(nl.sock, nl.buf, MNL_SOCKET_BUFFER_SIZE)) > 0)
		mnl_cb_run(nl.buf, n, 0, 0, event_cb, NULL);
	nl_perror(&nl, "reading events", -errno);
	nl_close(&nl);
	return 1;
}
