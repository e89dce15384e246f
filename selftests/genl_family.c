// SPDX-License-Identifier: GPL-2.0
/*
 * The "pppk" generic netlink family is visible from userspace with its
 * version and multicast groups, can be subscribed to, and answers requests
 * with proper errors and extack messages.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/pppk.h>
#include "kselftest_harness.h"
#include "nl.h"
#include "kview.h"
#include "chan.h"

FIXTURE(family) {
	struct nl nl;
	struct nl_family_info fi;
};

FIXTURE_SETUP(family)
{
	ASSERT_EQ(0, nl_open(&self->nl)) TH_LOG("pppk family not found: is pppk.ko loaded?");
	ASSERT_EQ(0, nl_get_family(&self->nl, PPPK_GENL_NAME, &self->fi));
}

FIXTURE_TEARDOWN(family)
{
	nl_close(&self->nl);
}

TEST_F(family, visible_with_version)
{
	EXPECT_NE(0, self->fi.id);
	EXPECT_GE(self->fi.id, GENL_MIN_ID);
	EXPECT_EQ(PPPK_GENL_VERSION, (int)self->fi.version);
	EXPECT_EQ(PPPK_A_MAX, (int)self->fi.maxattr);
}

TEST_F(family, events_group_announced)
{
	unsigned int i;
	int found = 0;

	for (i = 0; i < self->fi.n_groups; i++)
		if (!strcmp(self->fi.groups[i].name, PPPK_MCGRP_EVENTS))
			found = 1;
	EXPECT_EQ(1, found);
	EXPECT_NE(0, self->nl.mcgrp_events);
}

TEST_F(family, events_group_joinable)
{
	int grp = self->nl.mcgrp_events;
	int fd = mnl_socket_get_fd(self->nl.sock);

	ASSERT_EQ(0, setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
				sizeof(grp)));
	/* A group the family does not have is refused. */
	grp = self->nl.mcgrp_events + 1000;
	EXPECT_NE(0, setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
				sizeof(grp)));
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(*(int *)data)++;
	return MNL_CB_OK;
}

TEST_F(family, dump_links_succeeds)
{
	int n = 0;

	EXPECT_EQ(0, nl_talk(&self->nl, nl_msg(&self->nl, PPPK_CMD_LINK_GET,
					       NLM_F_DUMP), count_cb, &n));
	EXPECT_GE(n, 0);
}

TEST_F(family, get_unknown_link_has_extack)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_GET, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, 999999);
	EXPECT_EQ(-ENODEV, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, self->nl.err_msg[0]);
	TH_LOG("extack: %s", self->nl.err_msg);
}

TEST_F(family, get_without_selector_is_einval)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_GET, 0);

	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, self->nl.err_msg[0]);
}

TEST_F(family, wrong_attribute_type_is_rejected)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_GET, 0);

	/* IFINDEX is a u32: a u8 must fail the strict policy. */
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IFINDEX, 1);
	EXPECT_EQ(-EINVAL, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, self->nl.err_msg[0]);
	TH_LOG("extack: %s", self->nl.err_msg);
}

TEST_F(family, unknown_command_is_rejected)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_MAX + 10, 0);

	EXPECT_EQ(-EOPNOTSUPP, nl_talk(&self->nl, nlh, NULL, NULL));
}

/* Send @nlh expecting @err, with an extack message. */
static int expect_extack(struct nl *nl, struct nlmsghdr *nlh, int err,
			 struct __test_metadata *_metadata)
{
	int ret = nl_talk(nl, nlh, NULL, NULL);

	EXPECT_EQ(err, ret);
	EXPECT_NE(0, nl->err_msg[0]);
	TH_LOG("%s: extack: %s", strerror(-ret), nl->err_msg);
	return ret;
}

TEST_F(family, new_without_fd)
{
	expect_extack(&self->nl, nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0),
		      -EINVAL, _metadata);
}

TEST_F(family, new_with_closed_fd)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_CHANNEL, 1);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_TTY_FD, 999);
	expect_extack(&self->nl, nlh, -EBADF, _metadata);
}

/*
 * The descriptor must be a file of the channel's own tty: a file of any
 * other kind is only compared, never looked into.
 */
TEST_F(family, new_with_non_tty)
{
	int fd = open("/dev/null", O_RDWR);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	int64_t chan;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, m);
	chan = tty_chan(m);
	ASSERT_LT(0, chan) TH_LOG("%s", strerror((int)-chan));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_CHANNEL, (uint32_t)chan);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_TTY_FD, fd);
	expect_extack(&self->nl, nlh, -ENOENT, _metadata);
	close(fd);
	close(m);
}

/* Without TIOCSETD the tty is no channel: nothing to name. */
TEST_F(family, new_without_the_discipline)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	uint32_t chan;

	ASSERT_LE(0, m);
	EXPECT_NE(0, ioctl(m, PPPKIOCGCHAN, &chan));
	/* A number that is no channel, or another tty's. */
	mnl_attr_put_u32(nlh, PPPK_A_LINK_CHANNEL, 0x7fffffff);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_TTY_FD, m);
	expect_extack(&self->nl, nlh, -ENOENT, _metadata);
	close(m);
}

TEST_F(family, new_with_read_only_tty_is_refused)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	int m = posix_openpt(O_RDWR | O_NOCTTY), s;
	char path[64];

	ASSERT_LE(0, m);
	ASSERT_EQ(0, grantpt(m));
	ASSERT_EQ(0, unlockpt(m));
	ASSERT_EQ(0, ptsname_r(m, path, sizeof(path)));
	s = open(path, O_RDONLY | O_NOCTTY);
	ASSERT_LE(0, s);
	put_tty(nlh, s);
	expect_extack(&self->nl, nlh, -EBADF, _metadata);
	close(s);
	close(m);
}

TEST_F(family, new_with_bad_ifname)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);

	ASSERT_LE(0, m);
	put_tty(nlh, m);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "bad/name");
	expect_extack(&self->nl, nlh, -EINVAL, _metadata);
	close(m);
}

TEST_F(family, set_mru_out_of_range)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	struct nlattr *tx;

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	tx = mnl_attr_nest_start(nlh, PPPK_A_LINK_TX);
	mnl_attr_put_u16(nlh, PPPK_A_CFG_MRU, 10);
	mnl_attr_nest_end(nlh, tx);
	expect_extack(&self->nl, nlh, -ERANGE, _metadata);
}

TEST_F(family, set_xaccm_wrong_length)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	char map[31] = { 0 };
	struct nlattr *tx;

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	tx = mnl_attr_nest_start(nlh, PPPK_A_LINK_TX);
	mnl_attr_put(nlh, PPPK_A_CFG_XACCM, sizeof(map), map);
	mnl_attr_nest_end(nlh, tx);
	expect_extack(&self->nl, nlh, -ERANGE, _metadata);
}

TEST_F(family, set_bool_out_of_range)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	mnl_attr_put_u8(nlh, PPPK_A_LINK_LCP_OPEN, 2);
	expect_extack(&self->nl, nlh, -ERANGE, _metadata);
}

TEST_F(family, set_phase_out_of_range)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_TERMINATE + 1);
	expect_extack(&self->nl, nlh, -ERANGE, _metadata);
}

/* An authentication name is at most PPPK_MAX_AUTH_NAME octets. */
TEST_F(family, set_auth_name_too_long)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	char name[PPPK_MAX_AUTH_NAME + 2];
	struct nlattr *n;

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	n = mnl_attr_nest_start(nlh, PPPK_A_LINK_AUTH_PEER);
	mnl_attr_put_u16(nlh, PPPK_A_AUTH_PROTO, 0xc223);
	mnl_attr_put_strz(nlh, PPPK_A_AUTH_NAME, name);
	mnl_attr_nest_end(nlh, n);
	expect_extack(&self->nl, nlh, -EINVAL, _metadata);
}

TEST_F(family, set_auth_result_out_of_range)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	struct nlattr *n;

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	n = mnl_attr_nest_start(nlh, PPPK_A_LINK_AUTH_SELF);
	mnl_attr_put_u8(nlh, PPPK_A_AUTH_RESULT, PPPK_AUTH_FAILED + 1);
	mnl_attr_nest_end(nlh, n);
	expect_extack(&self->nl, nlh, -ERANGE, _metadata);
}

TEST_F(family, set_ipv4_address_wrong_size)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	mnl_attr_put_u16(nlh, PPPK_A_LINK_IPV4_LOCAL, 1);
	EXPECT_NE(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, self->nl.err_msg[0]);
}

TEST_F(family, frame_too_long)
{
	static char big[PPPK_MAX_FRAME + 1];
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_FRAME_SEND, 0);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	mnl_attr_put_u16(nlh, PPPK_A_FRAME_PROTO, 0xc021);
	mnl_attr_put(nlh, PPPK_A_FRAME_DATA, sizeof(big), big);
	expect_extack(&self->nl, nlh, -ERANGE, _metadata);
}

static int ifindex_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == PPPK_A_LINK_IFINDEX)
			*(uint32_t *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

/*
 * LINK_DEL of a list deletes every link named that exists, in one batch:
 * duplicates and names of links already gone are skipped.
 */
TEST_F(family, delete_a_list_of_links)
{
	uint32_t idx[3] = { 0 };
	struct nlmsghdr *nlh;
	struct nlattr *list;
	char name[IFNAMSIZ];
	int m[3], i;

	for (i = 0; i < 3; i++) {
		m[i] = posix_openpt(O_RDWR | O_NOCTTY);
		ASSERT_LE(0, m[i]);
		nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
		ASSERT_LT(0, put_tty(nlh, m[i]));
		snprintf(name, sizeof(name), "pppk-l%d", i);
		mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, name);
		ASSERT_EQ(0, nl_talk(&self->nl, nlh, ifindex_cb, &idx[i]))
			TH_LOG("%s", self->nl.err_msg);
	}
	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_DEL, 0);
	list = mnl_attr_nest_start(nlh, PPPK_A_LINK_LIST);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, idx[0]);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, idx[1]);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, idx[1]);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, 0x7ffffff0);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, idx[2]);
	mnl_attr_nest_end(nlh, list);
	EXPECT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL)) TH_LOG("%s", self->nl.err_msg);
	for (i = 0; i < 3; i++) {
		nlh = nl_msg(&self->nl, PPPK_CMD_LINK_GET, 0);
		mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, idx[i]);
		EXPECT_EQ(-ENODEV, nl_talk(&self->nl, nlh, NULL, NULL));
		close(m[i]);
	}
}

TEST_F(family, delete_list_with_a_bad_entry)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_DEL, 0);
	struct nlattr *list = mnl_attr_nest_start(nlh, PPPK_A_LINK_LIST);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
	mnl_attr_nest_end(nlh, list);
	expect_extack(&self->nl, nlh, -EINVAL, _metadata);
}

/* A live link on a pty for the tests that need one. */
FIXTURE(link) {
	struct nl nl;
	int master, slave;
};

FIXTURE_SETUP(link)
{
	struct nlmsghdr *nlh;
	char path[64];

	ASSERT_EQ(0, nl_open(&self->nl));
	self->master = posix_openpt(O_RDWR | O_NOCTTY);
	ASSERT_LE(0, self->master);
	ASSERT_EQ(0, grantpt(self->master));
	ASSERT_EQ(0, unlockpt(self->master));
	ASSERT_EQ(0, ptsname_r(self->master, path, sizeof(path)));
	self->slave = open(path, O_RDWR | O_NOCTTY);
	ASSERT_LE(0, self->slave);
	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	put_tty(nlh, self->slave);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL)) TH_LOG("%s", self->nl.err_msg);
}

FIXTURE_TEARDOWN(link)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_DEL, 0);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	EXPECT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL));
	close(self->slave);
	close(self->master);
	nl_close(&self->nl);
}

TEST_F(link, same_name_twice_fails)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	ASSERT_LE(0, m);
	put_tty(nlh, m);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	expect_extack(&self->nl, nlh, -EEXIST, _metadata);
	close(m);
}

TEST_F(link, tty_already_in_use_fails)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);

	put_tty(nlh, self->slave);
	EXPECT_NE(0, nl_talk(&self->nl, nlh, NULL, NULL));
	EXPECT_NE(0, self->nl.err_msg[0]);
	TH_LOG("extack: %s", self->nl.err_msg);
}

TEST_F(link, too_many_protocols)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	struct nlattr *list, *e;
	int i;

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	list = mnl_attr_nest_start(nlh, PPPK_A_LINK_PROTOS);
	for (i = 0; i < PPPK_MAX_PROTOS + 1; i++) {
		e = mnl_attr_nest_start(nlh, PPPK_A_PROTO);
		mnl_attr_put_u16(nlh, PPPK_A_PROTO_NUMBER, 0x8021 + 2 * i);
		mnl_attr_put_u8(nlh, PPPK_A_PROTO_STATE, PPPK_FSM_OPENED);
		mnl_attr_nest_end(nlh, e);
	}
	mnl_attr_nest_end(nlh, list);
	expect_extack(&self->nl, nlh, -E2BIG, _metadata);
}

/* Another tty's descriptor does not open this tty's channel. */
TEST_F(link, channel_of_another_tty_is_refused)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	uint32_t chan;

	ASSERT_EQ(0, ioctl(self->slave, PPPKIOCGCHAN, &chan));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_CHANNEL, chan);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_TTY_FD, self->master);
	expect_extack(&self->nl, nlh, -ENOENT, _metadata);
}

/* Deleting a link leaves its tty a channel, ready for a new link. */
TEST_F(link, channel_outlives_its_link)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_DEL, 0);
	uint32_t before, after;
	int d;

	ASSERT_EQ(0, ioctl(self->slave, PPPKIOCGCHAN, &before));
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL));
	ASSERT_EQ(0, ioctl(self->slave, TIOCGETD, &d));
	EXPECT_EQ(PPPK_LDISC, d);
	ASSERT_EQ(0, ioctl(self->slave, PPPKIOCGCHAN, &after));
	EXPECT_EQ(before, after);
	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	put_tty(nlh, self->slave);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	EXPECT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL)) TH_LOG("%s", self->nl.err_msg);
}

static void put_auth(struct nlmsghdr *nlh, int type, uint16_t proto,
		     uint8_t result, const char *name)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, type);

	mnl_attr_put_u16(nlh, PPPK_A_AUTH_PROTO, proto);
	mnl_attr_put_u8(nlh, PPPK_A_AUTH_RESULT, result);
	mnl_attr_put_strz(nlh, PPPK_A_AUTH_NAME, name);
	mnl_attr_nest_end(nlh, n);
}

struct seen {
	unsigned int n;
	uint32_t ev[16];
	struct kview v[16];
	struct kview get;
};

static int view_cb(const struct nlmsghdr *nlh, void *data)
{
	struct seen *s = data;
	const struct nlattr *a;
	uint32_t ev = 0;
	struct kview v;

	kview_init(&v);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == PPPK_A_EVENT)
			ev = mnl_attr_get_u32(a);
		kview_attr(&v, a);
	}
	if (((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd ==
	    PPPK_CMD_LINK_GET) {
		s->get = v;
	} else if (s->n < 16) {
		s->ev[s->n] = ev;
		s->v[s->n++] = v;
	}
	return MNL_CB_OK;
}

/* Every event the monitor socket @fd holds, waiting up to 300 ms for more. */
static void read_events(struct nl *mon, struct seen *s)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(mon->sock), .events = POLLIN };
	ssize_t n;

	s->n = 0;
	while (poll(&p, 1, 300) == 1) {
		n = recv(p.fd, mon->buf, MNL_SOCKET_BUFFER_SIZE, 0);
		if (n <= 0)
			break;
		mnl_cb_run(mon->buf, n, 0, 0, view_cb, s);
	}
}

/*
 * The controller's view: stored as given, reported by LINK_GET, and
 * multicast once per change, in the documented order, with its values.
 */
TEST_F(link, view_stored_reported_announced)
{
	struct nlmsghdr *nlh;
	char longest[PPPK_MAX_AUTH_NAME + 1];
	int grp = self->nl.mcgrp_events;
	struct seen s = { 0 };
	struct nl mon;

	memset(longest, 'n', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = 0;
	ASSERT_EQ(0, nl_open(&mon));
	ASSERT_EQ(0, mnl_socket_setsockopt(mon.sock, NETLINK_ADD_MEMBERSHIP,
					   &grp, sizeof(grp)));
	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_NETWORK);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_LOCAL, htonl(0x0a000001));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_PEER, htonl(0x0a000002));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_DNS1, htonl(0x0a000035));
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV4_UP, 1);
	put_auth(nlh, PPPK_A_LINK_AUTH_PEER, 0xc223, PPPK_AUTH_OK, longest);
	/* The sender is in the group too, but knows what it sent. */
	ASSERT_EQ(0, mnl_socket_setsockopt(self->nl.sock, NETLINK_ADD_MEMBERSHIP,
					   &grp, sizeof(grp)));
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, view_cb, &s)) TH_LOG("%s", self->nl.err_msg);
	EXPECT_EQ(0, s.n);
	read_events(&self->nl, &s);
	EXPECT_EQ(0, s.n);

	read_events(&mon, &s);
	ASSERT_EQ(3, s.n);
	EXPECT_EQ(PPPK_EVENT_AUTH, s.ev[0]);
	EXPECT_STREQ(longest, s.v[0].auth[KVIEW_PEER].name);
	EXPECT_EQ(PPPK_AUTH_OK, s.v[0].auth[KVIEW_PEER].result);
	EXPECT_EQ(0, s.v[0].auth[KVIEW_SELF].proto);
	EXPECT_EQ(PPPK_EVENT_PHASE, s.ev[1]);
	EXPECT_EQ(PPPK_PHASE_NETWORK, s.v[1].phase);
	EXPECT_EQ(PPPK_EVENT_IP_UP, s.ev[2]);
	EXPECT_EQ(htonl(0x0a000001), s.v[2].local.s_addr);
	EXPECT_EQ(htonl(0x0a000002), s.v[2].peer.s_addr);
	EXPECT_EQ(htonl(0x0a000035), s.v[2].dns[0].s_addr);
	EXPECT_EQ(0, s.v[2].dns[1].s_addr);

	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_GET, 0);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, view_cb, &s));
	EXPECT_EQ(PPPK_PHASE_NETWORK, s.get.phase);
	EXPECT_TRUE(s.get.ipv4_up);
	EXPECT_EQ(htonl(0x0a000002), s.get.peer.s_addr);
	EXPECT_STREQ(longest, s.get.auth[KVIEW_PEER].name);
	EXPECT_FALSE(s.get.has_ipv6);

	/* The same again changes nothing: no event. */
	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_NETWORK);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV4_UP, 1);
	put_auth(nlh, PPPK_A_LINK_AUTH_PEER, 0xc223, PPPK_AUTH_OK, longest);
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL));
	read_events(&mon, &s);
	EXPECT_EQ(0, s.n);

	/* Down: the last addresses; IPv6 with its identifiers. */
	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_SET, 0);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk-ft");
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV4_UP, 0);
	mnl_attr_put_u64(nlh, PPPK_A_LINK_IPV6_LOCAL_ID, 0x1122334455667788ull);
	mnl_attr_put_u64(nlh, PPPK_A_LINK_IPV6_PEER_ID, 2);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV6_UP, 1);
	put_auth(nlh, PPPK_A_LINK_AUTH_SELF, 0xc023, PPPK_AUTH_FAILED, "alice");
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, NULL, NULL));
	read_events(&mon, &s);
	ASSERT_EQ(3, s.n);
	EXPECT_EQ(PPPK_EVENT_IP_DOWN, s.ev[0]);
	EXPECT_EQ(htonl(0x0a000001), s.v[0].local.s_addr);
	EXPECT_EQ(PPPK_EVENT_AUTH, s.ev[1]);
	EXPECT_STREQ("alice", s.v[1].auth[KVIEW_SELF].name);
	EXPECT_EQ(PPPK_AUTH_FAILED, s.v[1].auth[KVIEW_SELF].result);
	EXPECT_STREQ(longest, s.v[1].auth[KVIEW_PEER].name);
	EXPECT_EQ(PPPK_EVENT_IPV6_UP, s.ev[2]);
	EXPECT_EQ(0x1122334455667788ull, s.v[2].id_local);
	EXPECT_EQ(2, s.v[2].id_peer);
	nl_close(&mon);
}

TEST_HARNESS_MAIN
