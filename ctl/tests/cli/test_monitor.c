// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl monitor's lines and pppctl wait's states, from the very messages
 * the kernel sends (PPPK_CMD_LINK_EVENT, the LINK_GET answer), built here
 * attribute by attribute as pppk.h describes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/pppk.h>

#include "kselftest_harness.h"
#include "json_check.h"
#include "kernel/kview.h"
#include "pppctl.h"

static struct nlmsghdr *msg(char *buf, uint8_t cmd, const char *ifname,
			    uint32_t event)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, 9);
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, ifname);
	if (event)
		mnl_attr_put_u32(nlh, PPPK_A_EVENT, event);
	return nlh;
}

static void put_ip(struct nlmsghdr *nlh, const char *l, const char *p,
		   const char *dns)
{
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_LOCAL, inet_addr(l));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_PEER, inet_addr(p));
	if (dns)
		mnl_attr_put_u32(nlh, PPPK_A_LINK_IPV4_DNS2, inet_addr(dns));
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

/* monitor_event()'s output for @nlh. */
static char *line(const struct nlmsghdr *nlh, bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	monitor_event(nlh, f, json, "2026-01-02T03:04:05");
	fclose(f);
	return text;
}

TEST(monitor_text_lines)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], *t;
	struct nlmsghdr *nlh;

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_PHASE);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_AUTHENTICATE);
	t = line(nlh, false);
	EXPECT_STREQ("pppk0: phase AUTHENTICATING\n", t);
	free(t);

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_IP_UP);
	put_ip(nlh, "10.0.0.1", "10.0.0.2", "10.0.0.53");
	t = line(nlh, false);
	EXPECT_STREQ("pppk0: ip up 10.0.0.1 -> 10.0.0.2 dns 10.0.0.53\n", t);
	free(t);

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_IP_DOWN);
	put_ip(nlh, "10.0.0.1", "10.0.0.2", NULL);
	t = line(nlh, false);
	EXPECT_STREQ("pppk0: ip down 10.0.0.1 -> 10.0.0.2\n", t);
	free(t);

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_IPV6_UP);
	mnl_attr_put_u64(nlh, PPPK_A_LINK_IPV6_LOCAL_ID, 0x0200000000000001ull);
	mnl_attr_put_u64(nlh, PPPK_A_LINK_IPV6_PEER_ID, 2);
	t = line(nlh, false);
	EXPECT_STREQ("pppk0: ipv6 up fe80::200:0:0:1 -> fe80::2\n", t);
	free(t);

	/* Both ways, one line each; a name's odd octets escaped. */
	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_AUTH);
	put_auth(nlh, PPPK_A_LINK_AUTH_PEER, 0xc223, PPPK_AUTH_OK, "bob");
	put_auth(nlh, PPPK_A_LINK_AUTH_SELF, 0xc023, PPPK_AUTH_FAILED,
		 "al\"i\nce");
	t = line(nlh, false);
	EXPECT_STREQ("pppk0: auth peer \"bob\" CHAP ok\n"
		     "pppk0: auth self \"al\\x22i\\x0ace\" PAP failed\n", t);
	free(t);

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_HANGUP);
	t = line(nlh, false);
	EXPECT_STREQ("pppk0: hangup\n", t);
	free(t);

	/* Not an event: nothing. */
	nlh = msg(buf, PPPK_CMD_LINK_GET, "pppk0", 0);
	t = line(nlh, false);
	EXPECT_STREQ("", t);
	free(t);
}

TEST(monitor_json_objects)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], *t;
	struct nlmsghdr *nlh;

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_IP_UP);
	put_ip(nlh, "10.0.0.1", "10.0.0.2", "10.0.0.53");
	t = line(nlh, true);
	EXPECT_STREQ("{\"time\":\"2026-01-02T03:04:05\",\"ifindex\":9,\"ifname\":\"pppk0\","
		     "\"event\":\"ip_up\",\"local\":\"10.0.0.1\",\"peer\":\"10.0.0.2\","
		     "\"dns\":[\"10.0.0.53\"]}\n", t);
	free(t);

	/* The old printf JSON let a quote in a name break the object. */
	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "a\"b\\", PPPK_EVENT_AUTH);
	put_auth(nlh, PPPK_A_LINK_AUTH_PEER, 0xc223, PPPK_AUTH_OK, "b\"o\x01");
	t = line(nlh, true);
	EXPECT_TRUE(json_valid(t, strlen(t), true)) TH_LOG("%s", t);
	EXPECT_NE(NULL, strstr(t, "\"ifname\":\"a\\\"b\\\\\",\"event\":\"auth\","
			       "\"peer\":{\"protocol\":\"CHAP\",\"result\":\"ok\","
			       "\"name\":\"b\\\"o\\u0001\"}}")) TH_LOG("%s", t);
	free(t);

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_PHASE);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_NETWORK);
	t = line(nlh, true);
	EXPECT_NE(NULL, strstr(t, "\"event\":\"phase\",\"phase\":\"UP\"}\n"))
		TH_LOG("%s", t);
	free(t);
}

/* A name at the kernel's longest, and one that does not validate. */
TEST(kview_takes_what_validates)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], name[PPPK_MAX_AUTH_NAME + 1];
	struct nlmsghdr *nlh = msg(buf, PPPK_CMD_LINK_GET, "pppk0", 0);
	const struct nlattr *a;
	struct kview v;

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	put_auth(nlh, PPPK_A_LINK_AUTH_SELF, 0xc023, PPPK_AUTH_OK, name);
	mnl_attr_put_u16(nlh, PPPK_A_LINK_IPV4_LOCAL, 1);	/* wrong size */
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_TERMINATE);
	kview_init(&v);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		kview_attr(&v, a);
	EXPECT_STREQ(name, v.auth[KVIEW_SELF].name);
	EXPECT_EQ(0, v.auth[KVIEW_PEER].proto);
	EXPECT_FALSE(v.has_ipv4);
	EXPECT_TRUE(v.has_phase);
	EXPECT_STREQ("TERMINATING", kview_phase_name(v.phase));
	EXPECT_STREQ("?", kview_phase_name(77));
}

TEST(wait_arguments)
{
	char err[160];
	struct wait_args w;
	char *ok1[] = { "wait", "pppk0", "up", NULL };
	char *ok2[] = { "wait", "pppk0", "ipv6-down", "timeout", "2.5", NULL };
	char *bad_state[] = { "wait", "pppk0", "sideways", NULL };
	char *bad_word[] = { "wait", "pppk0", "up", "within", "3", NULL };
	char *bad_num[] = { "wait", "pppk0", "up", "timeout", "-1", NULL };
	char *bad_num2[] = { "wait", "pppk0", "up", "timeout", "3s", NULL };
	char *bad_if[] = { "wait", "a-very-long-interface-name", "up", NULL };
	char *short1[] = { "wait", "pppk0", NULL };

	ASSERT_EQ(0, wait_parse(3, ok1, &w, err, sizeof(err)));
	EXPECT_EQ(WAIT_UP, w.target);
	EXPECT_EQ(-1, w.timeout_ms);
	ASSERT_EQ(0, wait_parse(5, ok2, &w, err, sizeof(err)));
	EXPECT_EQ(WAIT_IPV6_DOWN, w.target);
	EXPECT_EQ(2500, w.timeout_ms);
	EXPECT_EQ(-1, wait_parse(3, bad_state, &w, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "unknown state 'sideways'")) TH_LOG("%s", err);
	EXPECT_EQ(-1, wait_parse(5, bad_word, &w, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "'within'")) TH_LOG("%s", err);
	EXPECT_EQ(-1, wait_parse(5, bad_num, &w, err, sizeof(err)));
	EXPECT_EQ(-1, wait_parse(5, bad_num2, &w, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "'3s'")) TH_LOG("%s", err);
	EXPECT_EQ(-1, wait_parse(3, bad_if, &w, err, sizeof(err)));
	EXPECT_EQ(-1, wait_parse(2, short1, &w, err, sizeof(err)));
	/* As the user meets it: one line, exit status 2. */
	EXPECT_EQ(2, cmd_wait(3, bad_state));
}

/* A link's life as wait sees it: answer, then events. */
TEST(wait_follows_the_link)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct wait_state st = { 0 };
	struct nlmsghdr *nlh;

	/* Not there: down states hold, up states do not. */
	EXPECT_TRUE(wait_reached(WAIT_DOWN, &st));
	EXPECT_TRUE(wait_reached(WAIT_IP_DOWN, &st));
	EXPECT_FALSE(wait_reached(WAIT_UP, &st));

	nlh = msg(buf, PPPK_CMD_LINK_GET, "pppk0", 0);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_ESTABLISH);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV4_UP, 0);
	wait_apply(&st, nlh);
	EXPECT_TRUE(st.exists);
	EXPECT_FALSE(wait_reached(WAIT_DOWN, &st));

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_PHASE);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_NETWORK);
	wait_apply(&st, nlh);
	/* The network phase alone is not up: no NCP passes data yet. */
	EXPECT_FALSE(wait_reached(WAIT_UP, &st));

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_IP_UP);
	put_ip(nlh, "10.0.0.1", "10.0.0.2", NULL);
	wait_apply(&st, nlh);
	EXPECT_TRUE(wait_reached(WAIT_UP, &st));
	EXPECT_TRUE(wait_reached(WAIT_IP_UP, &st));
	EXPECT_FALSE(wait_reached(WAIT_IPV6_UP, &st));

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_IP_DOWN);
	wait_apply(&st, nlh);
	EXPECT_FALSE(wait_reached(WAIT_UP, &st));
	EXPECT_TRUE(wait_reached(WAIT_IP_DOWN, &st));

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_PHASE);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, PPPK_PHASE_DEAD);
	wait_apply(&st, nlh);
	EXPECT_TRUE(wait_reached(WAIT_DOWN, &st));

	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_DELETED);
	wait_apply(&st, nlh);
	EXPECT_FALSE(st.exists);
	nlh = msg(buf, PPPK_CMD_LINK_EVENT, "pppk0", PPPK_EVENT_CREATED);
	wait_apply(&st, nlh);
	EXPECT_TRUE(st.exists);
	EXPECT_TRUE(wait_reached(WAIT_DOWN, &st));	/* phase DOWN at birth */
}

TEST_HARNESS_MAIN
