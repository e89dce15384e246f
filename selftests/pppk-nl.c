// SPDX-License-Identifier: GPL-2.0
/*
 * pppk-nl: a small test client that drives the pppk family directly, to
 * force link state in selftests before (and apart from) the controller.
 *
 *   pppk-nl pair NS_A IF_A NS_B IF_B   a pty pair with a link on each end,
 *                                      each in its network namespace
 *                                      ("-" = the current one)
 *   pppk-nl new TTY [IFNAME]           a link on a tty device path
 *   pppk-nl del IFNAME
 *   pppk-nl set IFNAME KEY=VALUE...    lcp_open ipv4 ipv6 phase magic
 *                                      peer_magic echo_interval echo_failure
 *                                      echo_adaptive tx_accm rx_accm pfc acfc
 *                                      fcs32 tx_mru rx_mru adopt
 *   pppk-nl get IFNAME                 KEY=VALUE lines, counters included
 *   pppk-nl send IFNAME PROTO HEX      one control frame
 *   pppk-nl recv IFNAME SECONDS [N]    adopt the link, print N received
 *                                      control frames as "PROTO HEX"
 *   pppk-nl monitor SECONDS            print events as "MS IFNAME EVENT"
 *
 * Numbers take C syntax (0x...).  Exit status 0 on success; errors print
 * the kernel's extack message.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kstats.h"
#include "nl.h"
#include "chan.h"

static struct nl nl;

static void die(const char *what, int err)
{
	nl_perror(&nl, what, err);
	exit(1);
}

static void open_nl(void)
{
	int err = nl_open(&nl);

	if (err)
		die("pppk family", err);
}

static void put_link(struct nlmsghdr *nlh, const char *ifname)
{
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, ifname);
}

static int name_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };

	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), attr_cb, tb);
	if (tb[PPPK_A_LINK_IFNAME])
		snprintf(data, IFNAMSIZ, "%s", mnl_attr_get_str(tb[PPPK_A_LINK_IFNAME]));
	return MNL_CB_OK;
}

static void raw_tty(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
}

static void new_link(int fd, const char *ifname, char *out)
{
	struct nlmsghdr *nlh = nl_msg(&nl, PPPK_CMD_LINK_NEW, 0);
	int err;

	put_tty(nlh, fd);
	if (ifname)
		put_link(nlh, ifname);
	err = nl_talk(&nl, nlh, name_cb, out);
	if (err)
		die("creating link", err);
}

static void enter_netns(const char *ns)
{
	char path[256];
	int fd;

	if (!strcmp(ns, "-"))
		return;
	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET)) {
		perror(path);
		exit(1);
	}
	close(fd);
}

static int cmd_pair(char **argv)
{
	char name[IFNAMSIZ] = "", slave[64];
	int m, s;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m) ||
	    ptsname_r(m, slave, sizeof(slave))) {
		perror("pty");
		return 1;
	}
	s = open(slave, O_RDWR | O_NOCTTY);
	if (s < 0) {
		perror(slave);
		return 1;
	}
	raw_tty(m);
	raw_tty(s);
	enter_netns(argv[0]);
	open_nl();
	new_link(m, argv[1], name);
	printf("%s", name);
	nl_close(&nl);
	enter_netns(argv[2]);
	open_nl();
	new_link(s, argv[3], name);
	printf(" %s\n", name);
	return 0;
}

static int cmd_new(char **argv, int argc)
{
	char name[IFNAMSIZ] = "";
	int fd = open(argv[0], O_RDWR | O_NOCTTY);

	if (fd < 0) {
		perror(argv[0]);
		return 1;
	}
	raw_tty(fd);
	open_nl();
	new_link(fd, argc > 1 ? argv[1] : NULL, name);
	printf("%s\n", name);
	return 0;
}

static int cmd_del(char **argv)
{
	struct nlmsghdr *nlh;
	int err;

	open_nl();
	nlh = nl_msg(&nl, PPPK_CMD_LINK_DEL, 0);
	put_link(nlh, argv[0]);
	err = nl_talk(&nl, nlh, NULL, NULL);
	if (err)
		die("deleting link", err);
	return 0;
}

static const struct setting {
	const char *key;
	int nest;	/* 0 top level, else PPPK_A_LINK_TX / PPPK_A_LINK_RX */
	int attr;
	int size;	/* 0 flag, 1 u8, 2 u16, 4 u32 */
} settings[] = {
	{ "adopt", 0, PPPK_A_LINK_ADOPT, 0 },
	{ "lcp_open", 0, PPPK_A_LINK_LCP_OPEN, 1 },
	{ "ipv4", 0, PPPK_A_LINK_IPV4_UP, 1 },
	{ "ipv6", 0, PPPK_A_LINK_IPV6_UP, 1 },
	{ "phase", 0, PPPK_A_LINK_PHASE, 1 },
	{ "echo_adaptive", 0, PPPK_A_LINK_ECHO_ADAPTIVE, 1 },
	{ "magic", 0, PPPK_A_LINK_MAGIC_LOCAL, 4 },
	{ "peer_magic", 0, PPPK_A_LINK_MAGIC_PEER, 4 },
	{ "echo_interval", 0, PPPK_A_LINK_ECHO_INTERVAL, 4 },
	{ "echo_failure", 0, PPPK_A_LINK_ECHO_FAILURE, 4 },
	{ "tx_accm", PPPK_A_LINK_TX, PPPK_A_CFG_ACCM, 4 },
	{ "tx_mru", PPPK_A_LINK_TX, PPPK_A_CFG_MRU, 2 },
	{ "tx_fcs32", PPPK_A_LINK_TX, PPPK_A_CFG_FCS32, 1 },
	{ "pfc", PPPK_A_LINK_TX, PPPK_A_CFG_PFC, 1 },
	{ "acfc", PPPK_A_LINK_TX, PPPK_A_CFG_ACFC, 1 },
	{ "rx_accm", PPPK_A_LINK_RX, PPPK_A_CFG_ACCM, 4 },
	{ "rx_mru", PPPK_A_LINK_RX, PPPK_A_CFG_MRU, 2 },
	{ "rx_fcs32", PPPK_A_LINK_RX, PPPK_A_CFG_FCS32, 1 },
};

static const struct setting *find_setting(const char *arg)
{
	size_t n = strcspn(arg, "=");

	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (strlen(settings[i].key) == n && !strncmp(arg, settings[i].key, n))
			return &settings[i];
	return NULL;
}

static void put_setting(struct nlmsghdr *nlh, const struct setting *st,
			const char *arg)
{
	const char *eq = strchr(arg, '=');
	unsigned long v = eq ? strtoul(eq + 1, NULL, 0) : 0;

	switch (st->size) {
	case 0:
		mnl_attr_put(nlh, st->attr, 0, NULL);
		break;
	case 1:
		mnl_attr_put_u8(nlh, st->attr, v);
		break;
	case 2:
		mnl_attr_put_u16(nlh, st->attr, v);
		break;
	default:
		mnl_attr_put_u32(nlh, st->attr, v);
	}
}

static int cmd_set(char **argv, int argc)
{
	static const int nests[] = { 0, PPPK_A_LINK_TX, PPPK_A_LINK_RX };
	struct nlmsghdr *nlh;
	int i, err;

	for (i = 1; i < argc; i++)
		if (!find_setting(argv[i])) {
			fprintf(stderr, "pppk-nl: unknown setting %s\n", argv[i]);
			return 1;
		}
	open_nl();
	nlh = nl_msg(&nl, PPPK_CMD_LINK_SET, 0);
	put_link(nlh, argv[0]);
	for (size_t k = 0; k < sizeof(nests) / sizeof(nests[0]); k++) {
		struct nlattr *nest = NULL;

		for (i = 1; i < argc; i++) {
			const struct setting *st = find_setting(argv[i]);

			if (st->nest != nests[k])
				continue;
			if (nests[k] && !nest)
				nest = mnl_attr_nest_start(nlh, nests[k]);
			put_setting(nlh, st, argv[i]);
		}
		if (nest)
			mnl_attr_nest_end(nlh, nest);
	}
	err = nl_talk(&nl, nlh, NULL, NULL);
	if (err)
		die("setting link", err);
	return 0;
}


static void print_cfg(const char *pre, const struct nlattr *nest)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case PPPK_A_CFG_ACCM:
			printf("%saccm=0x%08x\n", pre, mnl_attr_get_u32(a));
			break;
		case PPPK_A_CFG_PFC:
			printf("%spfc=%u\n", pre, mnl_attr_get_u8(a));
			break;
		case PPPK_A_CFG_ACFC:
			printf("%sacfc=%u\n", pre, mnl_attr_get_u8(a));
			break;
		case PPPK_A_CFG_FCS32:
			printf("%sfcs32=%u\n", pre, mnl_attr_get_u8(a));
			break;
		case PPPK_A_CFG_MRU:
			printf("%smru=%u\n", pre, mnl_attr_get_u16(a));
			break;
		}
	}
}

static int get_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
	const struct nlattr *a;

	(void)data;
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), attr_cb, tb);
	if (tb[PPPK_A_LINK_IFINDEX])
		printf("ifindex=%u\n", mnl_attr_get_u32(tb[PPPK_A_LINK_IFINDEX]));
	if (tb[PPPK_A_LINK_IFNAME])
		printf("ifname=%s\n", mnl_attr_get_str(tb[PPPK_A_LINK_IFNAME]));
	if (tb[PPPK_A_LINK_TTY_NAME])
		printf("tty=%s\n", mnl_attr_get_str(tb[PPPK_A_LINK_TTY_NAME]));
	if (tb[PPPK_A_LINK_CONTROLLER])
		printf("controller=%u\n", mnl_attr_get_u32(tb[PPPK_A_LINK_CONTROLLER]));
	if (tb[PPPK_A_LINK_PHASE])
		printf("phase=%u\n", mnl_attr_get_u8(tb[PPPK_A_LINK_PHASE]));
	if (tb[PPPK_A_LINK_LCP_OPEN])
		printf("lcp_open=%u\n", mnl_attr_get_u8(tb[PPPK_A_LINK_LCP_OPEN]));
	if (tb[PPPK_A_LINK_IPV4_UP])
		printf("ipv4=%u\n", mnl_attr_get_u8(tb[PPPK_A_LINK_IPV4_UP]));
	if (tb[PPPK_A_LINK_IPV6_UP])
		printf("ipv6=%u\n", mnl_attr_get_u8(tb[PPPK_A_LINK_IPV6_UP]));
	if (tb[PPPK_A_LINK_MAGIC_LOCAL])
		printf("magic=0x%08x\n", mnl_attr_get_u32(tb[PPPK_A_LINK_MAGIC_LOCAL]));
	if (tb[PPPK_A_LINK_ECHO_INTERVAL])
		printf("echo_interval=%u\n", mnl_attr_get_u32(tb[PPPK_A_LINK_ECHO_INTERVAL]));
	if (tb[PPPK_A_LINK_ECHO_FAILURE])
		printf("echo_failure=%u\n", mnl_attr_get_u32(tb[PPPK_A_LINK_ECHO_FAILURE]));
	if (tb[PPPK_A_LINK_TX])
		print_cfg("tx_", tb[PPPK_A_LINK_TX]);
	if (tb[PPPK_A_LINK_RX])
		print_cfg("rx_", tb[PPPK_A_LINK_RX]);
	if (tb[PPPK_A_LINK_PROTOS]) {
		const struct nlattr *e, *f;

		mnl_attr_for_each_nested(e, tb[PPPK_A_LINK_PROTOS]) {
			unsigned int num = 0, st = 0;

			mnl_attr_for_each_nested(f, e) {
				if (mnl_attr_get_type(f) == PPPK_A_PROTO_NUMBER)
					num = mnl_attr_get_u16(f);
				else if (mnl_attr_get_type(f) == PPPK_A_PROTO_STATE)
					st = mnl_attr_get_u8(f);
			}
			printf("proto_0x%04x=%u\n", num, st);
		}
	}
	if (tb[PPPK_A_LINK_STATS])
		mnl_attr_for_each_nested(a, tb[PPPK_A_LINK_STATS]) {
			int t = mnl_attr_get_type(a);

			if (kstat_name(t))
				printf("%s=%llu\n", kstat_name(t),
				       (unsigned long long)mnl_attr_get_u64(a));
		}
	return MNL_CB_OK;
}

static int cmd_get(char **argv)
{
	struct nlmsghdr *nlh;
	int err;

	open_nl();
	nlh = nl_msg(&nl, PPPK_CMD_LINK_GET, 0);
	put_link(nlh, argv[0]);
	err = nl_talk(&nl, nlh, get_cb, NULL);
	if (err)
		die("getting link", err);
	return 0;
}

static int cmd_send(char **argv)
{
	unsigned char data[PPPK_MAX_FRAME];
	struct nlmsghdr *nlh;
	size_t n = 0;
	const char *h = argv[2];
	int err;

	while (h[0] && h[1] && n < sizeof(data)) {
		unsigned int b;

		if (sscanf(h, "%2x", &b) != 1)
			break;
		data[n++] = b;
		h += 2;
	}
	open_nl();
	nlh = nl_msg(&nl, PPPK_CMD_FRAME_SEND, 0);
	put_link(nlh, argv[0]);
	mnl_attr_put_u16(nlh, PPPK_A_FRAME_PROTO, strtoul(argv[1], NULL, 0));
	mnl_attr_put(nlh, PPPK_A_FRAME_DATA, n, data);
	err = nl_talk(&nl, nlh, NULL, NULL);
	if (err)
		die("sending frame", err);
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}


struct async_ctx {
	long start;
	int count;
};

static int async_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
	struct async_ctx *ctx = data;

	mnl_attr_parse(nlh, sizeof(*g), attr_cb, tb);
	if (g->cmd == PPPK_CMD_LINK_EVENT && tb[PPPK_A_EVENT]) {
		unsigned int ev = mnl_attr_get_u32(tb[PPPK_A_EVENT]);

		printf("%ld %s %s\n", now_ms() - ctx->start,
		       tb[PPPK_A_LINK_IFNAME] ? mnl_attr_get_str(tb[PPPK_A_LINK_IFNAME]) : "?",
		       kevent_name(ev) ? kevent_name(ev) : "?");
		ctx->count++;
	} else if (g->cmd == PPPK_CMD_FRAME_RECV && tb[PPPK_A_FRAME_PROTO] &&
		   tb[PPPK_A_FRAME_DATA]) {
		const unsigned char *d = mnl_attr_get_payload(tb[PPPK_A_FRAME_DATA]);
		uint16_t len = mnl_attr_get_payload_len(tb[PPPK_A_FRAME_DATA]);

		printf("0x%04x ", mnl_attr_get_u16(tb[PPPK_A_FRAME_PROTO]));
		for (uint16_t i = 0; i < len; i++)
			printf("%02x", d[i]);
		printf("\n");
		ctx->count++;
	}
	fflush(stdout);
	return MNL_CB_OK;
}

/* Print what arrives on the socket until @secs pass or @max items. */
static int listen_loop(int secs, int max)
{
	struct async_ctx ctx = { now_ms(), 0 };
	long deadline = ctx.start + secs * 1000L;
	struct pollfd p = { mnl_socket_get_fd(nl.sock), POLLIN, 0 };
	ssize_t n;

	while (now_ms() < deadline && (!max || ctx.count < max)) {
		if (poll(&p, 1, deadline - now_ms()) <= 0)
			continue;
		n = mnl_socket_recvfrom(nl.sock, nl.buf, MNL_SOCKET_BUFFER_SIZE);
		if (n <= 0)
			break;
		mnl_cb_run(nl.buf, n, 0, 0, async_cb, &ctx);
	}
	return max && ctx.count < max ? 1 : 0;
}

static int cmd_monitor(char **argv, int argc)
{
	int grp;

	open_nl();
	grp = nl.mcgrp_events;
	if (mnl_socket_setsockopt(nl.sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0)
		die("joining events group", -errno);
	printf("ready\n");
	fflush(stdout);
	return listen_loop(atoi(argv[0]), argc > 1 ? atoi(argv[1]) : 0);
}

static int cmd_recv(char **argv, int argc)
{
	struct nlmsghdr *nlh;
	int err;

	open_nl();
	nlh = nl_msg(&nl, PPPK_CMD_LINK_SET, 0);
	put_link(nlh, argv[0]);
	mnl_attr_put(nlh, PPPK_A_LINK_ADOPT, 0, NULL);
	err = nl_talk(&nl, nlh, NULL, NULL);
	if (err)
		die("adopting link", err);
	fprintf(stderr, "ready\n");
	return listen_loop(atoi(argv[1]), argc > 2 ? atoi(argv[2]) : 0);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		goto usage;
	argc -= 2;
	if (!strcmp(argv[1], "pair") && argc == 4)
		return cmd_pair(argv + 2);
	if (!strcmp(argv[1], "new") && argc >= 1)
		return cmd_new(argv + 2, argc);
	if (!strcmp(argv[1], "del") && argc == 1)
		return cmd_del(argv + 2);
	if (!strcmp(argv[1], "set") && argc >= 2)
		return cmd_set(argv + 2, argc);
	if (!strcmp(argv[1], "get") && argc == 1)
		return cmd_get(argv + 2);
	if (!strcmp(argv[1], "send") && argc == 3)
		return cmd_send(argv + 2);
	if (!strcmp(argv[1], "recv") && argc >= 2)
		return cmd_recv(argv + 2, argc);
	if (!strcmp(argv[1], "monitor") && argc >= 1)
		return cmd_monitor(argv + 2, argc);
usage:
	fprintf(stderr, "usage: see the comment at the top of selftests/pppk-nl.c\n");
	return 2;
}
