// SPDX-License-Identifier: GPL-2.0
/*
 * Every pppk command needs CAP_NET_ADMIN in the user namespace that owns the
 * caller's network namespace: a caller without it gets EPERM, root of a
 * fresh user namespace gets EPERM on the initial netns but may act in a
 * network namespace of its own.  The same holds for listening to events.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <grp.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/netlink.h>

#include <linux/pppk.h>
#include "kselftest_harness.h"
#include "nl.h"

/* Run @fn in a child process; return its exit status. */
static int in_child(int (*fn)(void))
{
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 255;
	return WEXITSTATUS(st);
}

/*
 * 0: the dump is allowed; 1: it and every other command get EPERM;
 * other: something unexpected.
 */
static int try_dump(void)
{
	static const uint8_t cmds[] = {
		PPPK_CMD_LINK_NEW, PPPK_CMD_LINK_DEL, PPPK_CMD_LINK_GET,
		PPPK_CMD_LINK_SET, PPPK_CMD_FRAME_SEND,
	};
	struct nlmsghdr *nlh;
	struct nl nl;
	size_t i;
	int err = nl_open(&nl);

	if (err)
		return 10;
	err = nl_talk(&nl, nl_msg(&nl, PPPK_CMD_LINK_GET, NLM_F_DUMP), NULL,
		      NULL);
	if (err == -EPERM) {
		for (i = 0; i < sizeof(cmds); i++) {
			nlh = nl_msg(&nl, cmds[i], 0);
			mnl_attr_put_u32(nlh, PPPK_A_LINK_TTY_FD, 0);
			mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, "pppk0");
			if (nl_talk(&nl, nlh, NULL, NULL) != -EPERM)
				err = -100 - i;
		}
	}
	nl_close(&nl);
	if (err == -EPERM)
		return 1;
	return err ? 11 : 0;
}

/* 0: the events group could be joined; 1: EPERM; other: unexpected. */
static int try_join(void)
{
	struct nl nl;
	int grp, ret;

	if (nl_open(&nl))
		return 10;
	grp = nl.mcgrp_events;
	ret = setsockopt(mnl_socket_get_fd(nl.sock), SOL_NETLINK,
			 NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp));
	if (ret)
		ret = errno == EPERM ? 1 : 12;
	nl_close(&nl);
	return ret;
}

static int drop_to_nobody(void)
{
	return setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	       setresuid(65534, 65534, 65534);
}

static int as_nobody(void)
{
	if (drop_to_nobody())
		return 20;
	return try_dump();
}

static int join_as_nobody(void)
{
	if (drop_to_nobody())
		return 20;
	return try_join();
}

static int join_in_new_userns_and_netns(void)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return 22;
	return try_join();
}

static int in_new_userns(void)
{
	if (unshare(CLONE_NEWUSER))
		return 21;
	return try_dump();
}

static int in_new_userns_and_netns(void)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return 22;
	return try_dump();
}

TEST(root_may_dump)
{
	EXPECT_EQ(0, in_child(try_dump));
}

TEST(unprivileged_gets_eperm)
{
	EXPECT_EQ(1, in_child(as_nobody));
}

TEST(userns_root_gets_eperm_on_init_netns)
{
	EXPECT_EQ(1, in_child(in_new_userns));
}

TEST(userns_root_may_act_in_own_netns)
{
	EXPECT_EQ(0, in_child(in_new_userns_and_netns));
}

TEST(root_may_join_events)
{
	EXPECT_EQ(0, in_child(try_join));
}

TEST(unprivileged_cannot_join_events)
{
	EXPECT_EQ(1, in_child(join_as_nobody));
}

TEST(userns_root_may_join_events_in_own_netns)
{
	EXPECT_EQ(0, in_child(join_in_new_userns_and_netns));
}

TEST_HARNESS_MAIN
