// SPDX-License-Identifier: GPL-2.0
/*
 * Link settings and frames go to the kernel without waiting for an answer;
 * an error the kernel sends back is matched to its link by the request it
 * echoes.  These are the error messages netlink_ack() builds: with the
 * request whole, capped to its header, with and without an extack message,
 * and cut short.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/pppk.h>

#include "kselftest_harness.h"
#include "daemon/kern.h"

#define FAMILY	0x1c

static char buf[1024] __attribute__((aligned(4)));

/* An error for a pppk request @cmd naming link @ifindex. */
static struct nlmsghdr *error_msg(int err, uint8_t cmd, uint32_t ifindex,
				  bool capped, const char *extack)
{
	struct nlmsghdr *nlh, *req;
	struct nlmsgerr *e;
	struct genlmsghdr *g;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = err;
	/* the request, built where netlink_ack() copies it */
	req = &e->msg;
	req->nlmsg_len = NLMSG_HDRLEN;
	req->nlmsg_type = FAMILY;
	req->nlmsg_flags = NLM_F_REQUEST;
	g = mnl_nlmsg_put_extra_header(req, sizeof(*g));
	g->cmd = cmd;
	mnl_attr_put_u32(req, PPPK_A_LINK_IFINDEX, ifindex);
	mnl_attr_put_u16(req, PPPK_A_FRAME_PROTO, 0xc021);
	if (capped) {
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	} else {
		/* the error message grows by the request's body */
		nlh->nlmsg_len += req->nlmsg_len - NLMSG_HDRLEN;
	}
	if (extack) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, extack);
	}
	if (capped)
		req->nlmsg_len = NLMSG_HDRLEN + sizeof(*g) + 16;
	return nlh;
}

static struct kern k = { .nl = { .family = FAMILY } };

TEST(link_set_refused_with_message)
{
	struct nlmsghdr *nlh = error_msg(-EINVAL, PPPK_CMD_LINK_SET, 7, false,
					 "MRU out of range");
	struct kern_refusal r;

	ASSERT_TRUE(kern_refusal(&k, nlh, &r));
	EXPECT_EQ(PPPK_CMD_LINK_SET, r.cmd);
	EXPECT_EQ(7, r.ifindex);
	EXPECT_EQ(-EINVAL, r.err);
	EXPECT_STREQ("MRU out of range", r.msg);
}

TEST(frame_send_refused_without_message)
{
	struct nlmsghdr *nlh = error_msg(-ENOBUFS, PPPK_CMD_FRAME_SEND, 12,
					 false, NULL);
	struct kern_refusal r;

	ASSERT_TRUE(kern_refusal(&k, nlh, &r));
	EXPECT_EQ(PPPK_CMD_FRAME_SEND, r.cmd);
	EXPECT_EQ(12, r.ifindex);
	EXPECT_EQ(-ENOBUFS, r.err);
	EXPECT_STREQ("", r.msg);
}

TEST(ack_is_no_refusal)
{
	struct nlmsghdr *nlh = error_msg(0, PPPK_CMD_LINK_SET, 7, false, NULL);
	struct kern_refusal r;

	EXPECT_FALSE(kern_refusal(&k, nlh, &r));
}

TEST(capped_error_names_no_link)
{
	struct nlmsghdr *nlh = error_msg(-EPERM, PPPK_CMD_LINK_SET, 7, true,
					 "no permission");
	struct kern_refusal r;

	EXPECT_FALSE(kern_refusal(&k, nlh, &r));
}

TEST(other_family_names_no_link)
{
	struct kern other = { .nl = { .family = FAMILY + 1 } };
	struct nlmsghdr *nlh = error_msg(-EINVAL, PPPK_CMD_LINK_SET, 7, false,
					 NULL);
	struct kern_refusal r;

	EXPECT_FALSE(kern_refusal(&other, nlh, &r));
}

TEST(request_longer_than_the_error_is_ignored)
{
	struct nlmsghdr *nlh = error_msg(-EINVAL, PPPK_CMD_LINK_SET, 7, false,
					 NULL);
	struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct kern_refusal r;

	e->msg.nlmsg_len += 64;
	EXPECT_FALSE(kern_refusal(&k, nlh, &r));
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;	/* shorter than nlmsgerr */
	EXPECT_FALSE(kern_refusal(&k, nlh, &r));
}

TEST(not_an_error)
{
	struct nlmsghdr *nlh = error_msg(-EINVAL, PPPK_CMD_LINK_SET, 7, false,
					 NULL);
	struct kern_refusal r;

	nlh->nlmsg_type = FAMILY;
	EXPECT_FALSE(kern_refusal(&k, nlh, &r));
}

/*
 * Links ended together are deleted with as few LINK_DELs as fit: every
 * request stays inside its buffer (one page) and together they name every
 * link once, in order.
 */
TEST(deletions_split_to_fit_the_request_buffer)
{
	static uint32_t q[2000];
	struct nl nl = { .family = FAMILY };
	size_t done = 0, taken, i, msgs = 0;
	const struct nlattr *list, *a;
	struct nlmsghdr *nlh;

	for (i = 0; i < 2000; i++)
		q[i] = 1000 + i;
	nl.buf = malloc(MNL_SOCKET_BUFFER_SIZE);
	ASSERT_NE(NULL, nl.buf);
	while (done < 2000) {
		nlh = kern_del_msg(&nl, q + done, 2000 - done, &taken);
		ASSERT_LT(0, taken);
		ASSERT_GE(MNL_SOCKET_BUFFER_SIZE, nlh->nlmsg_len);
		list = mnl_nlmsg_get_payload_offset(nlh, sizeof(struct genlmsghdr));
		ASSERT_EQ(PPPK_A_LINK_LIST, mnl_attr_get_type(list));
		i = 0;
		mnl_attr_for_each_nested(a, list) {
			ASSERT_EQ(PPPK_A_LINK_IFINDEX, mnl_attr_get_type(a));
			ASSERT_EQ(q[done + i], mnl_attr_get_u32(a));
			i++;
		}
		ASSERT_EQ(taken, i);
		done += taken;
		msgs++;
	}
	EXPECT_GE(msgs, 4u);
	free(nl.buf);
}

TEST_HARNESS_MAIN
