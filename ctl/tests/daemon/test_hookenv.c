// SPDX-License-Identifier: GPL-2.0
/*
 * The environment of pppd's scripts (daemon/hookenv.c): pppd's variables,
 * the statistics on the way down (the counters of a real interface, lo),
 * and values never cut short (they were, at 160 characters).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "daemon/hookenv.h"
#include "daemon/plink.h"

static const char *find(char **v, const char *name)
{
	size_t n = strlen(name);

	for (; *v; v++)
		if (!strncmp(*v, name, n) && (*v)[n] == '=')
			return *v + n + 1;
	return NULL;
}

static void free_env(char **v)
{
	char **p;

	for (p = v; *p; p++)
		free(*p);
	free(v);
}

TEST(pppd_variables)
{
	struct plink_owner o = { 0 };
	struct plink *l = calloc(1, sizeof(*l));
	struct link_conf c;
	char tty[400], num[32], **v;
	int n;

	ASSERT_NE(NULL, l);
	conf_defaults(&c);
	memset(tty, 'x', sizeof(tty) - 1);
	memcpy(tty, "/dev/", 5);
	tty[sizeof(tty) - 1] = '\0';
	c.tty = tty;
	c.linkname = "lte";
	c.call = "lte-peer";
	snprintf(c.ipparam, sizeof(c.ipparam), "wan");
	l->owner = &o;
	l->conf = &c;
	l->speed = 115200;
	snprintf(l->ifname, sizeof(l->ifname), "pppk7");

	n = hook_env(l, HOOK_IP, "10.0.0.1", "10.0.0.2", false, &v);
	ASSERT_LT(0, n);
	EXPECT_STREQ("pppk7", find(v, "IFNAME"));
	EXPECT_STREQ(tty, find(v, "DEVICE"));	/* 399 characters, whole */
	EXPECT_STREQ("115200", find(v, "SPEED"));
	EXPECT_STREQ("10.0.0.1", find(v, "IPLOCAL"));
	EXPECT_STREQ("10.0.0.2", find(v, "IPREMOTE"));
	EXPECT_STREQ("lte", find(v, "LINKNAME"));
	EXPECT_STREQ("lte-peer", find(v, "CALL_FILE"));
	EXPECT_STREQ("wan", find(v, "IPPARAM"));
	snprintf(num, sizeof(num), "%u", (unsigned int)getuid());
	EXPECT_STREQ(num, find(v, "ORIG_UID"));
	EXPECT_NE(NULL, find(v, "PPPLOGNAME"));
	snprintf(num, sizeof(num), "%d", (int)getpid());
	EXPECT_STREQ(num, find(v, "PPPD_PID"));
	EXPECT_NE(NULL, find(v, "PATH"));
	/* no peer authenticated, no DNS given, not going down */
	EXPECT_EQ(NULL, find(v, "PEERNAME"));
	EXPECT_EQ(NULL, find(v, "DNS1"));
	EXPECT_EQ(NULL, find(v, "USEPEERDNS"));
	EXPECT_EQ(NULL, find(v, "CONNECT_TIME"));
	EXPECT_EQ(NULL, find(v, "BYTES_SENT"));
	free_env(v);

	/* IPv6 names; no LINKNAME without linkname (pppd) */
	c.linkname = NULL;
	c.call = NULL;
	n = hook_env(l, HOOK_IP6, "fe80::1", "fe80::2", false, &v);
	ASSERT_LT(0, n);
	EXPECT_STREQ("fe80::1", find(v, "LLLOCAL"));
	EXPECT_STREQ("fe80::2", find(v, "LLREMOTE"));
	EXPECT_EQ(NULL, find(v, "IPLOCAL"));
	EXPECT_EQ(NULL, find(v, "LINKNAME"));
	EXPECT_EQ(NULL, find(v, "CALL_FILE"));
	free_env(v);
	free(l);
}

/* Going down: seconds since negotiation began, lo's byte counters. */
TEST(statistics_going_down)
{
	struct plink_owner o = { 0 };
	struct plink *l = calloc(1, sizeof(*l));
	struct link_conf c;
	char **v;
	const char *t, *b;

	ASSERT_NE(NULL, l);
	conf_defaults(&c);
	c.tty = "/dev/ttyS0";
	l->owner = &o;
	l->conf = &c;
	l->ifindex = 1;		/* lo */
	l->started_ms = loop_now() - 7500;
	snprintf(l->ifname, sizeof(l->ifname), "pppk0");
	ASSERT_LT(0, hook_env(l, HOOK_AUTH, NULL, NULL, true, &v));
	t = find(v, "CONNECT_TIME");
	ASSERT_NE(NULL, t);
	EXPECT_TRUE(!strcmp(t, "7") || !strcmp(t, "8")) TH_LOG("%s", t);
	b = find(v, "BYTES_SENT");
	ASSERT_NE(NULL, b);
	EXPECT_EQ(strspn(b, "0123456789"), strlen(b));
	ASSERT_NE(NULL, find(v, "BYTES_RCVD"));
	EXPECT_EQ(NULL, find(v, "IPLOCAL"));
	free_env(v);
	free(l);
}

TEST_HARNESS_MAIN
