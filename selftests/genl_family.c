// SPDX-License-Identifier: GPL-2.0
/*
 * The "pppk" generic netlink family is visible from userspace with its
 * version and multicast groups, can be subscribed to, and answers requests
 * with proper errors and extack messages.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/pppk.h>
#include "kselftest_harness.h"
#include "nl.h"

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

TEST_HARNESS_MAIN
