// SPDX-License-Identifier: GPL-2.0
/*
 * Receive options armed for a Configure-Ack (PPPK_A_LINK_RX_PENDING) are
 * taken at the Ack of that very Configure-Request and at no other: the
 * kernel holds the mechanism, the controller the policy.  The test is the
 * link's controller on one side of a pty and the peer on the other: it
 * sends our Configure-Request with FRAME_SEND, writes the peer's Acks to
 * the master, waits for each Ack to come up to it (FRAME_RECV), and reads
 * the receive ACCM back with LINK_GET.
 *
 *   stale_ack_changes_nothing      an Ack with another identifier
 *   altered_ack_changes_nothing    the right identifier, other options
 *   unarmed_ack_changes_nothing    an Ack of a request nothing was armed for
 *   matching_ack_takes_them        the right Ack: ACCM 0 from then on
 *   repeated_ack_changes_nothing   the same Ack again after the controller
 *                                  set other options: they stay
 *   frame_right_after_the_ack      a frame with bare control octets written
 *                                  together with the Ack arrives whole
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>

#include "kselftest_harness.h"
#include "nl.h"
#include "chan.h"
#include "tlib.h"

#define NAME		"prxp0"
#define LCP		0xc021
#define CHAP		0xc223
#define MAGIC		0x5eed1e55u

FIXTURE(pend) {
	struct nl nl;
	struct pty p;
	int ifindex;
};

struct got {
	int ifindex;
	uint32_t rx_accm;
};

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
	struct got *got = data;
	const struct nlattr *a;

	if (g->cmd != PPPK_CMD_LINK_NEW && g->cmd != PPPK_CMD_LINK_GET)
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*g), attr_cb, tb);
	if (tb[PPPK_A_LINK_IFINDEX])
		got->ifindex = mnl_attr_get_u32(tb[PPPK_A_LINK_IFINDEX]);
	if (tb[PPPK_A_LINK_RX])
		mnl_attr_for_each_nested(a, tb[PPPK_A_LINK_RX])
			if (mnl_attr_get_type(a) == PPPK_A_CFG_ACCM)
				got->rx_accm = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static uint32_t rx_accm(struct nl *nl)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_GET, 0);
	struct got got = { .rx_accm = 0x12345678 };

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
	if (nl_talk(nl, nlh, link_cb, &got))
		return 0x12345678;
	return got.rx_accm;
}

/* An LCP Configure packet: ACCM @accm and our magic number; its length. */
static size_t lcp_conf(uint8_t *pkt, uint8_t code, uint8_t id, uint32_t accm)
{
	const uint8_t opts[] = {
		2, 6, (uint8_t)(accm >> 24), (uint8_t)(accm >> 16),
		(uint8_t)(accm >> 8), (uint8_t)accm,
		5, 6, (uint8_t)(MAGIC >> 24), (uint8_t)(MAGIC >> 16),
		(uint8_t)(MAGIC >> 8), (uint8_t)MAGIC,
	};

	pkt[0] = code;
	pkt[1] = id;
	pkt[2] = 0;
	pkt[3] = 4 + sizeof(opts);
	memcpy(pkt + 4, opts, sizeof(opts));
	return 4 + sizeof(opts);
}

/* Our Configure-Request @id asking for ACCM @accm, through the kernel. */
static int send_req(struct nl *nl, uint8_t id, uint32_t accm)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_FRAME_SEND, 0);
	uint8_t pkt[32];
	size_t n = lcp_conf(pkt, 1, id, accm);

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
	mnl_attr_put_u16(nlh, PPPK_A_FRAME_PROTO, LCP);
	mnl_attr_put(nlh, PPPK_A_FRAME_DATA, n, pkt);
	return nl_talk(nl, nlh, NULL, NULL);
}

/* Arm ACCM @accm for the Ack of request @id. */
static int arm(struct nl *nl, uint8_t id, uint32_t accm)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_SET, 0);
	struct nlattr *n;

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
	n = mnl_attr_nest_start(nlh, PPPK_A_LINK_RX_PENDING);
	mnl_attr_put_u8(nlh, PPPK_A_CFG_REQ_ID, id);
	mnl_attr_put_u32(nlh, PPPK_A_CFG_ACCM, accm);
	mnl_attr_nest_end(nlh, n);
	return nl_talk(nl, nlh, NULL, NULL);
}

/* What the controller sets itself: receive ACCM @accm. */
static int set_rx(struct nl *nl, uint32_t accm)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_SET, 0);
	struct nlattr *n;

	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
	n = mnl_attr_nest_start(nlh, PPPK_A_LINK_RX);
	mnl_attr_put_u32(nlh, PPPK_A_CFG_ACCM, accm);
	mnl_attr_nest_end(nlh, n);
	return nl_talk(nl, nlh, NULL, NULL);
}

/*
 * Wait up to @ms for a FRAME_RECV of @proto whose packet starts with
 * @code (0: any) and, for LCP, identifier @id; its packet into @out (at
 * most @cap octets) and the packet's length, or -1.
 */
static int wait_up(struct nl *nl, uint16_t proto, uint8_t code, uint8_t id,
		   uint8_t *out, size_t cap, int ms)
{
	int fd = mnl_socket_get_fd(nl->sock);
	long long end = now_us() + ms * 1000LL;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (now_us() < end) {
		const struct nlmsghdr *nlh = (const void *)nl->buf;
		int len;

		if (poll(&pfd, 1, 50) <= 0)
			continue;
		len = recv(fd, nl->buf, MNL_SOCKET_BUFFER_SIZE, MSG_DONTWAIT);
		for (; len > 0 && mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
			const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
			struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
			const uint8_t *d;
			size_t n;

			if (nlh->nlmsg_type < NLMSG_MIN_TYPE || g->cmd != PPPK_CMD_FRAME_RECV)
				continue;
			mnl_attr_parse(nlh, sizeof(*g), attr_cb, tb);
			if (!tb[PPPK_A_FRAME_PROTO] || !tb[PPPK_A_FRAME_DATA] ||
			    mnl_attr_get_u16(tb[PPPK_A_FRAME_PROTO]) != proto)
				continue;
			d = mnl_attr_get_payload(tb[PPPK_A_FRAME_DATA]);
			n = mnl_attr_get_payload_len(tb[PPPK_A_FRAME_DATA]);
			if (code && (n < 2 || d[0] != code || d[1] != id))
				continue;
			memcpy(out, d, n < cap ? n : cap);
			return (int)n;
		}
	}
	return -1;
}

/* The peer writes @n octets of frames; then its Ack @id must come up. */
static int peer_writes(struct nl *nl, int m, const uint8_t *buf, size_t n,
		       uint8_t ack_id)
{
	uint8_t pkt[64];

	if (write(m, buf, n) != (ssize_t)n)
		return -errno;
	return wait_up(nl, LCP, 2, ack_id, pkt, sizeof(pkt), 5000) < 0 ? -ETIMEDOUT : 0;
}

/* The peer's Configure-Ack @id of ACCM @accm, with the default ACCM. */
static int peer_acks(struct nl *nl, int m, uint8_t id, uint32_t accm)
{
	uint8_t pkt[32], frame[80];
	size_t n = lcp_conf(pkt, 2, id, accm);

	n = hdlc_frame(frame, LCP, pkt, n);
	return peer_writes(nl, m, frame, n, id);
}

/* Read and forget what the link wrote to the master. */
static void drain_line(int m)
{
	uint8_t buf[4096];

	while (read(m, buf, sizeof(buf)) > 0)
		;
}

/*
 * Our Configure-Request @id for ACCM 0, armed or not, then the peer's Ack
 * @ack_id of ACCM @ack_accm; the receive ACCM after it.
 */
static uint32_t req_then_ack(struct __test_metadata *_metadata, struct nl *nl,
			     int m, bool armed, uint8_t id, uint8_t ack_id,
			     uint32_t ack_accm)
{
	if (armed)
		EXPECT_EQ(0, arm(nl, id, 0));
	EXPECT_EQ(0, send_req(nl, id, 0));
	drain_line(m);
	EXPECT_EQ(0, peer_acks(nl, m, ack_id, ack_accm));
	return rx_accm(nl);
}

FIXTURE_SETUP(pend)
{
	struct nlmsghdr *nlh;
	struct got got = { 0 };

	ASSERT_EQ(0, nl_open(&self->nl));
	ASSERT_EQ(0, pty_open(&self->p, O_NONBLOCK));
	nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
	ASSERT_LT(0, put_tty(nlh, self->p.s));
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, link_cb, &got)) TH_LOG("%s", self->nl.err_msg);
	self->ifindex = got.ifindex;
	ASSERT_EQ(0xffffffffu, rx_accm(&self->nl));
}

FIXTURE_TEARDOWN(pend)
{
	struct nlmsghdr *nlh = nl_msg(&self->nl, PPPK_CMD_LINK_DEL, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, self->ifindex);
	nl_talk(&self->nl, nlh, NULL, NULL);
	pty_close(&self->p);
	nl_close(&self->nl);
}

TEST_F(pend, stale_ack_changes_nothing)
{
	EXPECT_EQ(0xffffffffu, req_then_ack(_metadata, &self->nl, self->p.m,
					    true, 7, 6, 0));
}

TEST_F(pend, altered_ack_changes_nothing)
{
	EXPECT_EQ(0xffffffffu, req_then_ack(_metadata, &self->nl, self->p.m,
					    true, 7, 7, 0x000a0000));
}

TEST_F(pend, unarmed_ack_changes_nothing)
{
	EXPECT_EQ(0xffffffffu, req_then_ack(_metadata, &self->nl, self->p.m,
					    false, 9, 9, 0));
}

TEST_F(pend, matching_ack_takes_them)
{
	EXPECT_EQ(0u, req_then_ack(_metadata, &self->nl, self->p.m, true, 7, 7, 0));
}

TEST_F(pend, repeated_ack_changes_nothing)
{
	ASSERT_EQ(0u, req_then_ack(_metadata, &self->nl, self->p.m, true, 7, 7, 0));
	/* The controller decides otherwise; a duplicate Ack must not undo it. */
	ASSERT_EQ(0, set_rx(&self->nl, 0xffffffff));
	ASSERT_EQ(0, peer_acks(&self->nl, self->p.m, 7, 0));
	EXPECT_EQ(0xffffffffu, rx_accm(&self->nl));
}

TEST_F(pend, frame_right_after_the_ack)
{
	static const uint8_t chap[] = { 1, 1, 0, 12, 7, 0x01, 0x02, 0x11, 0x13, 0x1f, 0x00, 0x03 };
	uint8_t pkt[32], buf[160], up[64];
	size_t n;
	int got;

	ASSERT_EQ(0, arm(&self->nl, 7, 0));
	ASSERT_EQ(0, send_req(&self->nl, 7, 0));
	drain_line(self->p.m);
	/* The Ack, then at once a Challenge with its control octets bare. */
	n = hdlc_frame(buf, LCP, pkt, lcp_conf(pkt, 2, 7, 0));
	n += hdlc_frame_accm(buf + n, CHAP, chap, sizeof(chap), 0);
	ASSERT_EQ(0, peer_writes(&self->nl, self->p.m, buf, n, 7));
	got = wait_up(&self->nl, CHAP, 1, 1, up, sizeof(up), 5000);
	ASSERT_EQ((int)sizeof(chap), got);
	EXPECT_EQ(0, memcmp(up, chap, sizeof(chap)));
}

TEST_HARNESS_MAIN
