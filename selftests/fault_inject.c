// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures are handled: with failslab, every fault-injectable
 * allocation a request makes fails in turn, and the receive path (a
 * kworker) runs through a window of random failures.
 *
 *   link_new, link_set, frame_send
 *       /proc/thread-self/fail-nth makes the Nth allocation of the request
 *       fail, for N = 1, 2, ... until the request goes through without a
 *       fault.  Every failure must be a clean error (an errno from the
 *       socket or in the kernel's answer; the errnos seen are logged) that
 *       leaves nothing half made:
 *       no link, no net_device, the tty still a channel carrying nothing
 *       and let go once closed; a link
 *       that did get made (the failure absorbed) must be whole.  The next
 *       call without a fault must work (a frame sent must come out of the
 *       line).  When the answer itself is what failed (the socket reports
 *       ENOBUFS), the outcome is unknown and only the state is checked.
 *   receive_path
 *       failslab fails atomic allocations from the skb caches only
 *       (cache-filter, /sys/kernel/slab/skbuff_head_cache/failslab;
 *       ignore-gfp-wait keeps every sleeping allocation, the harness's
 *       9p and overlay I/O among them, out of it) with a bounded number of
 *       failures while Echo-Requests, control frames and IPv4 frames come
 *       in through the pty master.  Afterwards the frames the controller
 *       read are exactly those counted as sent up, and the link still
 *       answers an echo and passes a control frame up.
 *
 * The failslab settings are restored at the end of every test.  Leaks are
 * left to kmemleak (the VM harness scans after the tests).  Without
 * /sys/kernel/debug/failslab (Debian's kernels) every test is skipped.
 * PPPK_FI_MAX_NTH (default 3000) bounds N.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kselftest_harness.h"
#include "nl.h"
#include "chan.h"
#include "tlib.h"

#define FAILSLAB	"/sys/kernel/debug/failslab/"
#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define NAME		"pfi0"
#define GONE_MS		30000
#define FRAME_MS	5000	/* a frame sent comes out of the line this soon */

/* ---- small helpers --------------------------------------------------------- */

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return 0;
}

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* ---- ptys ------------------------------------------------------------------- */

/* The pty at @base (the lowest free index when it was opened) is released. */
static int pty_free(int base)
{
	int idx = pty_lowest_free();

	return idx >= 0 && idx <= base;
}

static int line_disc(int fd)
{
	int d = -1;

	return ioctl(fd, TIOCGETD, &d) ? -errno : d;
}

/* ---- HDLC framing on the master side ----------------------------------- */

/* What the master reads, unframed: each good frame to @fn. */
struct hdlc_rx {
	uint8_t buf[8192];
	size_t len;
	bool esc;
	void (*fn)(struct hdlc_rx *h, uint16_t proto, const uint8_t *d, size_t n);
	uint32_t want;		/* what fn looks for ... */
	int found;		/* ... and how often it saw it */
};

static void hdlc_end(struct hdlc_rx *h)
{
	const uint8_t *p = h->buf;
	size_t n = h->len;
	uint16_t proto;

	if (n < 6 || fcs16(p, n) != 0xf0b8)
		return;
	n -= 2;
	if (p[0] == 0xff && p[1] == 0x03) {
		p += 2;
		n -= 2;
	}
	if (p[0] & 1) {
		proto = p[0];
		p++;
		n--;
	} else {
		proto = p[0] << 8 | p[1];
		p += 2;
		n -= 2;
	}
	h->fn(h, proto, p, n);
}

static void hdlc_feed(struct hdlc_rx *h, const uint8_t *p, size_t n)
{
	for (; n; n--, p++) {
		uint8_t b = *p;

		if (b == 0x7e) {
			if (h->len && !h->esc)
				hdlc_end(h);
			h->len = 0;
			h->esc = false;
			continue;
		}
		if (b == 0x7d) {
			h->esc = true;
			continue;
		}
		if (h->esc) {
			b ^= 0x20;
			h->esc = false;
		}
		if (h->len < sizeof(h->buf))
			h->buf[h->len++] = b;
	}
}

/* Read what the master has now into @h. */
static void master_read(int m, struct hdlc_rx *h)
{
	uint8_t buf[4096];
	ssize_t n;

	while ((n = read(m, buf, sizeof(buf))) > 0)
		hdlc_feed(h, buf, n);
}

/* ---- netlink ------------------------------------------------------------------ */

struct link_info {
	int ifindex;
	uint32_t controller;
	uint32_t echo_interval;
	uint64_t stats[PPPK_A_STAT_MAX + 1];
};

/* FRAME_RECV notifications seen on the test's socket, wherever they came. */
static long frames_up;

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
	struct link_info *li = data;
	const struct nlattr *a;

	if (g->cmd == PPPK_CMD_FRAME_RECV)
		frames_up++;
	if (!li || (g->cmd != PPPK_CMD_LINK_NEW && g->cmd != PPPK_CMD_LINK_GET))
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*g), attr_cb, tb);
	if (tb[PPPK_A_LINK_IFINDEX])
		li->ifindex = mnl_attr_get_u32(tb[PPPK_A_LINK_IFINDEX]);
	if (tb[PPPK_A_LINK_CONTROLLER])
		li->controller = mnl_attr_get_u32(tb[PPPK_A_LINK_CONTROLLER]);
	if (tb[PPPK_A_LINK_ECHO_INTERVAL])
		li->echo_interval = mnl_attr_get_u32(tb[PPPK_A_LINK_ECHO_INTERVAL]);
	if (tb[PPPK_A_LINK_STATS])
		mnl_attr_for_each_nested(a, tb[PPPK_A_LINK_STATS])
			if (mnl_attr_get_type(a) <= PPPK_A_STAT_MAX)
				li->stats[mnl_attr_get_type(a)] = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

static int count_frames(const void *buf, ssize_t n)
{
	const struct nlmsghdr *nlh = buf;
	int len = n, c = 0;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

		if (nlh->nlmsg_type >= NLMSG_MIN_TYPE &&
		    g->cmd == PPPK_CMD_FRAME_RECV)
			c++;
	}
	return c;
}

/* Read what waits on the socket, counting frames; overruns seen. */
static int drain(struct nl *nl)
{
	int fd = mnl_socket_get_fd(nl->sock), overruns = 0;
	ssize_t n;

	for (;;) {
		n = recv(fd, nl->buf, MNL_SOCKET_BUFFER_SIZE, MSG_DONTWAIT);
		if (n > 0)
			frames_up += count_frames(nl->buf, n);
		else if (n < 0 && errno == ENOBUFS)
			overruns++;
		else
			return overruns;
	}
}

static struct nlmsghdr *msg_link(struct nl *nl, int cmd, int ifindex)
{
	struct nlmsghdr *nlh = nl_msg(nl, cmd, 0);

	if (ifindex)
		mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, ifindex);
	else
		mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
	return nlh;
}

static int link_new(struct nl *nl, int fd, int *ifindex)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_NEW, 0);
	struct link_info li = { 0 };
	int64_t chan;
	int ret;

	chan = put_tty(nlh, fd);
	if (chan < 0)
		return (int)chan;
	mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
	ret = nl_talk(nl, nlh, info_cb, &li);
	if (!ret && ifindex)
		*ifindex = li.ifindex;
	return ret;
}

static int link_get(struct nl *nl, int ifindex, struct link_info *li)
{
	if (li)
		memset(li, 0, sizeof(*li));
	return nl_talk(nl, msg_link(nl, PPPK_CMD_LINK_GET, ifindex), info_cb, li);
}

static int link_del(struct nl *nl, int ifindex)
{
	return nl_talk(nl, msg_link(nl, PPPK_CMD_LINK_DEL, ifindex), NULL, NULL);
}

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	if (g->cmd == PPPK_CMD_FRAME_RECV)
		frames_up++;
	else if (g->cmd == PPPK_CMD_LINK_GET)
		(*(int *)data)++;
	return MNL_CB_OK;
}

/* Links in the namespace, or -errno. */
static int count_links(struct nl *nl)
{
	int n = 0, ret;

	ret = nl_talk(nl, nl_msg(nl, PPPK_CMD_LINK_GET, NLM_F_DUMP), dump_cb, &n);
	return ret ? ret : n;
}

/* No link and no net_device of the test is left. */
static int all_gone(struct nl *nl)
{
	return !dev_index(NAME) && count_links(nl) == 0;
}

/* The kernel's answer to request @seq: 0 or -errno; -ENOBUFS, *lost: lost. */
static int recv_answer(struct nl *nl, uint32_t seq, mnl_cb_t cb, void *data,
		       bool *lost)
{
	int fd = mnl_socket_get_fd(nl->sock);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	const struct nlmsghdr *nlh;
	int len;

	*lost = false;
	nl->err_msg[0] = '\0';
	for (;;) {
		if (poll(&p, 1, 30000) <= 0)
			return -ETIMEDOUT;
		len = recv(fd, nl->buf, MNL_SOCKET_BUFFER_SIZE, 0);
		if (len < 0 && errno == ENOBUFS) {
			/* The answer could not be allocated: it is lost. */
			*lost = true;
			drain(nl);
			return -ENOBUFS;
		}
		if (len < 0)
			return -errno;
		for (nlh = (const void *)nl->buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != seq) {
				/* Frames for a controller: counted. */
				if (nlh->nlmsg_type >= NLMSG_MIN_TYPE && cb)
					cb(nlh, NULL);
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
				const struct nlattr *a;
				size_t off = sizeof(*e);

				if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
					off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
				if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
					mnl_attr_for_each(a, nlh, off)
						if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
						    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
							snprintf(nl->err_msg, sizeof(nl->err_msg),
								 "%s", mnl_attr_get_str(a));
				return e->error;
			}
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_type >= NLMSG_MIN_TYPE && cb)
				cb(nlh, data);
		}
	}
}

/* ---- the fixture --------------------------------------------------------------- */

#define MAX_SAVED 16

FIXTURE(fi) {
	struct nl nl;
	int nth_fd;
	int pty_base;
	int max_nth;
	int nsaved;
	struct {
		char path[128];
		char val[32];
	} saved[MAX_SAVED];
};

/* Set a failslab knob (or any file), remembering its value for teardown. */
static int knob(FIXTURE_DATA(fi) *self, const char *path, const char *val)
{
	int i, ret;

	for (i = 0; i < self->nsaved; i++)
		if (!strcmp(self->saved[i].path, path))
			break;
	if (i == self->nsaved) {
		if (i == MAX_SAVED)
			return -ENOSPC;
		ret = read_file(path, self->saved[i].val, sizeof(self->saved[i].val));
		if (ret)
			return ret;
		snprintf(self->saved[i].path, sizeof(self->saved[i].path), "%s", path);
		self->nsaved++;
	}
	return write_file(path, val);
}

FIXTURE_SETUP(fi)
{
	static const char *const settings[][2] = {
		/* Nothing fails at random; fail-nth alone picks. */
		{ FAILSLAB "probability", "0" },
		{ FAILSLAB "interval", "1" },
		{ FAILSLAB "times", "-1" },
		{ FAILSLAB "space", "0" },
		{ FAILSLAB "verbose", "0" },
		{ FAILSLAB "task-filter", "N" },
		/* GFP_KERNEL allocations too, from every cache. */
		{ FAILSLAB "ignore-gfp-wait", "N" },
		{ FAILSLAB "cache-filter", "N" },
	};
	size_t i;

	self->nth_fd = -1;
	if (access(FAILSLAB, F_OK))
		SKIP(return, "no " FAILSLAB ": a kernel without failslab");
	if (access(FAIL_NTH, F_OK))
		SKIP(return, "no " FAIL_NTH ": a kernel without fault injection");
	signal(SIGPIPE, SIG_IGN);
	ASSERT_EQ(0, nl_open(&self->nl)) TH_LOG("pppk family not found: is pppk.ko loaded?");
	ASSERT_EQ(0, count_links(&self->nl)) TH_LOG("links of an earlier test are left");
	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		ASSERT_EQ(0, knob(self, settings[i][0], settings[i][1]))
			TH_LOG("setting %s", settings[i][0]);
	self->nth_fd = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->nth_fd);
	self->pty_base = pty_lowest_free();
	ASSERT_LE(0, self->pty_base);
	self->max_nth = env_int("PPPK_FI_MAX_NTH", 3000);
	kmsg("fault_inject.%s begins\n", _metadata->name);
}

FIXTURE_TEARDOWN(fi)
{
	int i;

	if (self->nth_fd >= 0) {
		if (write(self->nth_fd, "0", 1) < 0)
			TH_LOG("resetting fail-nth: %s", strerror(errno));
		close(self->nth_fd);
	}
	/* Probability first: nothing fails while the rest comes back. */
	for (i = 0; i < self->nsaved; i++)
		if (strstr(self->saved[i].path, "probability"))
			EXPECT_EQ(0, write_file(self->saved[i].path, self->saved[i].val));
	for (i = self->nsaved; i > 0; i--) {
		const char *path = self->saved[i - 1].path;
		const char *val = self->saved[i - 1].val;
		int ret = write_file(path, val);

		EXPECT_EQ(0, ret) TH_LOG("restoring %s to %s", path, val);
	}
	if (self->nl.sock) {
		kmsg("fault_inject.%s ends\n", _metadata->name);
		nl_close(&self->nl);
	}
}

/*
 * Send @nlh with its @nth fault-injectable allocation failing (none: 0),
 * then read the answer.  *injected: a fault was injected; *lost: the
 * answer itself was lost.  Returns 0 or -errno, from sendmsg or the kernel.
 */
static int talk_nth(FIXTURE_DATA(fi) *self, struct nlmsghdr *nlh, int nth,
		    mnl_cb_t cb, void *data, bool *injected, bool *lost)
{
	struct nl *nl = &self->nl;
	char buf[16];
	int n, ret = 0;

	*injected = *lost = false;
	n = snprintf(buf, sizeof(buf), "%d", nth);
	if (nth && write(self->nth_fd, buf, n) != n)
		return -errno;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		ret = -errno;
	if (nth) {
		/* 0 left: the fault fired.  Else stop counting now. */
		n = pread(self->nth_fd, buf, sizeof(buf) - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		*injected = n > 0 && atoi(buf) == 0;
		if (write(self->nth_fd, "0", 1) != 1)
			return -errno;
	}
	if (ret)
		return ret;
	return recv_answer(nl, nlh->nlmsg_seq, cb, data, lost);
}

/*
 * A clean error: an errno, from sendmsg or in the kernel's answer.  Mostly
 * ENOMEM or ENOBUFS, but the core has its own ways (register_netdevice()
 * answers EINVAL when the device's name could not be allocated): what
 * matters is that nothing is left half made, which the callers check.
 * Not clean: no answer (ETIMEDOUT) or a malformed one (EPROTO).
 */
static int clean_error(int rc)
{
	return rc < 0 && rc > -4096 && rc != -ETIMEDOUT && rc != -EPROTO;
}

static void assert_nothing_left(struct __test_metadata *_metadata,
				FIXTURE_DATA(fi) *self, int nth)
{
	ASSERT_TRUE(WAIT_UNTIL(all_gone(&self->nl), GONE_MS))
		TH_LOG("N=%d: a link is left", nth);
	ASSERT_TRUE(WAIT_UNTIL(pty_free(self->pty_base), GONE_MS))
		TH_LOG("N=%d: the tty is still held after its link went", nth);
}

/* ---- link_new ------------------------------------------------------------------ */

TEST_F_TIMEOUT(fi, link_new, 300)
{
	int nth, rc, ifindex, failed = 0, absorbed = 0, lost_n = 0;
	bool injected, lost, done = false;
	struct tally errs = { 0 };
	struct nlmsghdr *nlh;
	struct link_info li;
	char buf[128];
	struct pty p;

	if (_metadata->skip)
		return;
	for (nth = 1; !done; nth++) {
		ASSERT_LT(nth, self->max_nth) TH_LOG("LINK_NEW still fails at N=%d", nth);
		ASSERT_EQ(0, pty_open(&p, O_NONBLOCK));
		nlh = nl_msg(&self->nl, PPPK_CMD_LINK_NEW, 0);
		ASSERT_LT(0, put_tty(nlh, p.s));
		mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, NAME);
		memset(&li, 0, sizeof(li));
		rc = talk_nth(self, nlh, nth, info_cb, &li, &injected, &lost);
		if (!injected) {
			ASSERT_EQ(0, rc) TH_LOG("N=%d, no fault: %s (%s)", nth,
						strerror(-rc), self->nl.err_msg);
			done = true;
		} else if (lost) {
			lost_n++;
		} else if (rc) {
			failed++;
			tally(&errs, rc);
			EXPECT_TRUE(clean_error(rc))
				TH_LOG("N=%d: LINK_NEW: %s (%s)", nth, strerror(-rc),
				       self->nl.err_msg);
			/* Nothing half made. */
			EXPECT_EQ(0, dev_index(NAME))
				TH_LOG("N=%d: LINK_NEW failed (%s) but net_device %s exists",
				       nth, strerror(-rc), NAME);
			EXPECT_EQ(0, count_links(&self->nl))
				TH_LOG("N=%d: LINK_NEW failed (%s) but the link is listed",
				       nth, strerror(-rc));
			/* The tty is still a channel, carrying no link. */
			EXPECT_EQ(PPPK_LDISC, line_disc(p.s))
				TH_LOG("N=%d: LINK_NEW failed (%s) and the tty lost its channel",
				       nth, strerror(-rc));
			/* Out of the way, to try the next call on a clean slate. */
			if (dev_index(NAME))
				link_del(&self->nl, 0);
			ASSERT_EQ(0, link_new(&self->nl, p.s, NULL))
				TH_LOG("N=%d: LINK_NEW after an injected failure: %s",
				       nth, self->nl.err_msg);
		} else {
			absorbed++;
		}
		/* A link that exists is whole and goes away. */
		ifindex = dev_index(NAME);
		if (ifindex) {
			EXPECT_EQ(0, link_get(&self->nl, ifindex, &li))
				TH_LOG("N=%d: net_device %s without a link", nth, NAME);
			EXPECT_EQ(0, link_del(&self->nl, ifindex));
		}
		pty_close(&p);
		assert_nothing_left(_metadata, self, nth);
	}
	TH_LOG("LINK_NEW: %d fault-injectable allocations; %d failed the request (%s), %d were absorbed, %d lost the answer",
	       nth - 2, failed, tally_str(&errs, buf, sizeof(buf)), absorbed, lost_n);
}

/* ---- link_set ------------------------------------------------------------------ */

/* A LINK_SET that changes everything it can; @k alternates the values. */
static struct nlmsghdr *set_msg(struct nl *nl, int ifindex, int k)
{
	struct nlmsghdr *nlh = msg_link(nl, PPPK_CMD_LINK_SET, ifindex);
	struct nlattr *nest, *e;
	int i;

	mnl_attr_put(nlh, PPPK_A_LINK_ADOPT, 0, NULL);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_PHASE, k % 2 ? PPPK_PHASE_NETWORK :
			PPPK_PHASE_ESTABLISH);
	nest = mnl_attr_nest_start(nlh, PPPK_A_LINK_PROTOS);
	for (i = 0; i < 2 + k % 2; i++) {
		e = mnl_attr_nest_start(nlh, PPPK_A_PROTO);
		mnl_attr_put_u16(nlh, PPPK_A_PROTO_NUMBER, 0x8021 + 2 * i);
		mnl_attr_put_u8(nlh, PPPK_A_PROTO_STATE, PPPK_FSM_OPENED);
		mnl_attr_nest_end(nlh, e);
	}
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_LCP_OPEN, 1);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV4_UP, k % 2);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV6_UP, k % 2);
	nest = mnl_attr_nest_start(nlh, PPPK_A_LINK_TX);
	mnl_attr_put_u32(nlh, PPPK_A_CFG_ACCM, k % 2 ? 0 : 0xffffffff);
	mnl_attr_put_u8(nlh, PPPK_A_CFG_PFC, k % 2);
	mnl_attr_put_u8(nlh, PPPK_A_CFG_ACFC, k % 2);
	mnl_attr_put_u16(nlh, PPPK_A_CFG_MRU, k % 2 ? 1400 : 1500);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, PPPK_A_LINK_RX);
	mnl_attr_put_u32(nlh, PPPK_A_CFG_ACCM, 0);
	mnl_attr_put_u16(nlh, PPPK_A_CFG_MRU, k % 2 ? 2000 : 1500);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_MAGIC_LOCAL, 0x10203040 + k);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_MAGIC_PEER, 0x50607080);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_ECHO_INTERVAL, 1000 + k % 2);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_ECHO_FAILURE, 3);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_ECHO_ADAPTIVE, k % 2);
	mnl_attr_put(nlh, PPPK_A_LINK_CLOSE, 0, NULL);
	return nlh;
}

static int set_up(const char *name)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ret = 0;

	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		ret = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (!ret && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

TEST_F_TIMEOUT(fi, link_set, 300)
{
	int nth, rc, ifindex = 0, failed = 0, absorbed = 0, lost_n = 0;
	bool injected, lost, done = false;
	struct tally errs = { 0 };
	struct link_info li;
	char buf[128];
	struct pty p;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, pty_open(&p, O_NONBLOCK));
	ASSERT_EQ(0, link_new(&self->nl, p.s, &ifindex)) TH_LOG("%s", self->nl.err_msg);
	/* Up, so that MTU changes reach the protocols. */
	ASSERT_EQ(0, set_up(NAME));
	for (nth = 1; !done; nth++) {
		ASSERT_LT(nth, self->max_nth) TH_LOG("LINK_SET still fails at N=%d", nth);
		rc = talk_nth(self, set_msg(&self->nl, ifindex, nth), nth, info_cb,
			      NULL, &injected, &lost);
		if (!injected) {
			ASSERT_EQ(0, rc) TH_LOG("N=%d, no fault: %s (%s)", nth,
						strerror(-rc), self->nl.err_msg);
			done = true;
		} else if (lost) {
			lost_n++;
		} else if (rc) {
			failed++;
			tally(&errs, rc);
			EXPECT_TRUE(clean_error(rc))
				TH_LOG("N=%d: LINK_SET: %s (%s)", nth, strerror(-rc),
				       self->nl.err_msg);
			ASSERT_EQ(0, nl_talk(&self->nl, set_msg(&self->nl, ifindex, nth),
					     NULL, NULL))
				TH_LOG("N=%d: LINK_SET after an injected failure: %s",
				       nth, self->nl.err_msg);
		} else {
			absorbed++;
		}
		/* The link is whole whatever failed. */
		ASSERT_EQ(0, link_get(&self->nl, ifindex, &li))
			TH_LOG("N=%d: the link is gone", nth);
		EXPECT_EQ(self->nl.portid, li.controller);
	}
	/* The settings of the last request hold. */
	EXPECT_EQ(1000u + (nth - 1) % 2, li.echo_interval);
	EXPECT_EQ(0, link_del(&self->nl, ifindex));
	pty_close(&p);
	assert_nothing_left(_metadata, self, nth);
	TH_LOG("LINK_SET: %d fault-injectable allocations; %d failed the request (%s), %d were absorbed, %d lost the answer",
	       nth - 2, failed, tally_str(&errs, buf, sizeof(buf)), absorbed, lost_n);
}

/* ---- frame_send ---------------------------------------------------------------- */

static void marker_fn(struct hdlc_rx *h, uint16_t proto, const uint8_t *d,
		      size_t n)
{
	uint32_t m;

	if (proto != 0xc023 || n != 8)
		return;
	memcpy(&m, d + 4, 4);
	if (m == h->want)
		h->found++;
}

static struct nlmsghdr *frame_msg(struct nl *nl, int ifindex, uint32_t marker)
{
	struct nlmsghdr *nlh = msg_link(nl, PPPK_CMD_FRAME_SEND, ifindex);
	uint8_t data[8] = { 1, marker & 0xff, 0, 8 };

	memcpy(data + 4, &marker, 4);
	mnl_attr_put_u16(nlh, PPPK_A_FRAME_PROTO, 0xc023);
	mnl_attr_put(nlh, PPPK_A_FRAME_DATA, sizeof(data), data);
	return nlh;
}

/* Whether the frame with @marker comes out of the master. */
static int frame_arrives(struct hdlc_rx *h, int m, uint32_t marker)
{
	h->want = marker;
	h->found = 0;
	return WAIT_UNTIL((master_read(m, h), h->found), FRAME_MS);
}

TEST_F_TIMEOUT(fi, frame_send, 300)
{
	int nth, rc, ifindex = 0, failed = 0, absorbed = 0, lost_n = 0;
	bool injected, lost, done = false;
	static struct hdlc_rx h = { .fn = marker_fn };
	struct tally errs = { 0 };
	uint32_t marker;
	char buf[128];
	struct pty p;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, pty_open(&p, O_NONBLOCK));
	ASSERT_EQ(0, link_new(&self->nl, p.s, &ifindex)) TH_LOG("%s", self->nl.err_msg);
	for (nth = 1; !done; nth++) {
		ASSERT_LT(nth, self->max_nth) TH_LOG("FRAME_SEND still fails at N=%d", nth);
		marker = 0x5a000000 | nth;
		rc = talk_nth(self, frame_msg(&self->nl, ifindex, marker), nth,
			      info_cb, NULL, &injected, &lost);
		if (!injected) {
			ASSERT_EQ(0, rc) TH_LOG("N=%d, no fault: %s (%s)", nth,
						strerror(-rc), self->nl.err_msg);
			ASSERT_TRUE(frame_arrives(&h, p.m, marker))
				TH_LOG("N=%d: the frame never came out of the line", nth);
			done = true;
			continue;
		}
		if (lost) {
			lost_n++;
		} else if (rc) {
			failed++;
			tally(&errs, rc);
			EXPECT_TRUE(clean_error(rc))
				TH_LOG("N=%d: FRAME_SEND: %s (%s)", nth, strerror(-rc),
				       self->nl.err_msg);
		} else {
			absorbed++;
		}
		/* The next frame goes out, whatever became of this one. */
		marker |= 0x00800000;
		ASSERT_EQ(0, nl_talk(&self->nl, frame_msg(&self->nl, ifindex, marker),
				     NULL, NULL))
			TH_LOG("N=%d: FRAME_SEND after an injected failure: %s", nth,
			       self->nl.err_msg);
		ASSERT_TRUE(frame_arrives(&h, p.m, marker))
			TH_LOG("N=%d: after an injected failure, a frame sent never came out of the line",
			       nth);
	}
	EXPECT_EQ(0, link_del(&self->nl, ifindex));
	pty_close(&p);
	assert_nothing_left(_metadata, self, nth);
	TH_LOG("FRAME_SEND: %d fault-injectable allocations; %d failed the request (%s), %d were absorbed, %d lost the answer",
	       nth - 2, failed, tally_str(&errs, buf, sizeof(buf)), absorbed, lost_n);
}

/* ---- receive_path -------------------------------------------------------------- */

#define RX_ROUNDS	400
#define RX_TIMES	100	/* failures injected at most */
#define PEER_MAGIC	0x01020304

static void echo_fn(struct hdlc_rx *h, uint16_t proto, const uint8_t *d,
		    size_t n)
{
	if (proto == 0xc021 && n >= 8 && d[0] == 10 && d[1] == (h->want & 0xff))
		h->found++;
}

/* One of each frame the receive path handles; its length. */
static size_t rx_round(uint8_t *out, int k)
{
	uint8_t echo[12] = { 9, k & 0xff, 0, 12, 1, 2, 3, 4, 'e', 'c', 'h', 'o' };
	uint8_t pap[8] = { 1, k & 0xff, 0, 8, 1, 'a', 1, 'b' };
	static uint8_t ip[400];
	size_t o = 0;

	/* IPv4 with a bad header checksum: the stack drops it quietly. */
	ip[0] = 0x45;
	o += hdlc_frame(out + o, 0xc021, echo, sizeof(echo));
	o += hdlc_frame(out + o, 0xc023, pap, sizeof(pap));
	ip[2] = sizeof(ip) >> 8;
	ip[3] = sizeof(ip) & 0xff;
	o += hdlc_frame(out + o, 0x0021, ip, sizeof(ip));	/* skb handed up */
	ip[2] = 0;
	ip[3] = 60;
	o += hdlc_frame(out + o, 0x0021, ip, 60);		/* copied */
	return o;
}

/* Feed @len octets to the master, reading both sides meanwhile. */
static int feed(int m, struct nl *nl, struct hdlc_rx *h, const uint8_t *p,
		size_t len, int *overruns)
{
	ssize_t n;

	while (len) {
		n = write(m, p, len);
		if (n < 0 && errno != EAGAIN)
			return -errno;
		if (n > 0) {
			p += n;
			len -= n;
		} else {
			usleep(1000);
		}
		master_read(m, h);
		*overruns += drain(nl);
	}
	return 0;
}

TEST_F_TIMEOUT(fi, receive_path, 300)
{
	static const char *const caches[] = { "skbuff_head_cache", "skbuff_small_head" };
	static struct hdlc_rx h = { .fn = echo_fn };
	int ifindex = 0, overruns = 0, k, filtered = 0;
	struct link_info li, before;
	uint8_t blob[2048], pap[8] = { 1, 0x77, 0, 8, 1, 'z', 1, 'z' };
	long up_before, injected;
	char path[128], val[32];
	struct nlmsghdr *nlh;
	size_t len;
	struct pty p;

	if (_metadata->skip)
		return;
	ASSERT_EQ(0, pty_open(&p, O_NONBLOCK));
	ASSERT_EQ(0, link_new(&self->nl, p.s, &ifindex)) TH_LOG("%s", self->nl.err_msg);
	nlh = msg_link(&self->nl, PPPK_CMD_LINK_SET, ifindex);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_LCP_OPEN, 1);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_IPV4_UP, 1);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_MAGIC_LOCAL, 0xa1b2c3d4);
	ASSERT_EQ(0, nl_talk(&self->nl, nlh, info_cb, NULL));
	ASSERT_EQ(0, set_up(NAME));
	/* Room for every frame sent up: the count must match exactly. */
	k = 4 << 20;
	setsockopt(mnl_socket_get_fd(self->nl.sock), SOL_SOCKET, SO_RCVBUFFORCE,
		   &k, sizeof(k));
	ASSERT_EQ(0, link_get(&self->nl, ifindex, &before));

	/* Only atomic allocations, only from the skb caches, at most RX_TIMES. */
	for (k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/failslab", caches[k]);
		if (!access(path, F_OK) && !knob(self, path, "1"))
			filtered++;
	}
	ASSERT_LT(0, filtered) TH_LOG("no skb cache can be singled out for failslab");
	ASSERT_EQ(0, knob(self, FAILSLAB "cache-filter", "Y"));
	ASSERT_EQ(0, knob(self, FAILSLAB "ignore-gfp-wait", "Y"));
	snprintf(val, sizeof(val), "%d", RX_TIMES);
	ASSERT_EQ(0, knob(self, FAILSLAB "times", val));
	up_before = frames_up;
	kmsg("fault_inject.receive_path: failslab window opens\n");
	ASSERT_EQ(0, knob(self, FAILSLAB "probability", "30"));
	for (k = 0; k < RX_ROUNDS; k++) {
		len = rx_round(blob, k);
		if (feed(p.m, &self->nl, &h, blob, len, &overruns))
			break;
	}
	ASSERT_EQ(0, write_file(FAILSLAB "probability", "0"));
	kmsg("fault_inject.receive_path: failslab window closes\n");
	ASSERT_EQ(RX_ROUNDS, k);
	ASSERT_EQ(0, read_file(FAILSLAB "times", val, sizeof(val)));
	injected = RX_TIMES - atol(val);

	/* Let the line settle: nothing more comes in. */
	memset(&li, 0, sizeof(li));
	for (k = 0; k < 100; k++) {
		uint64_t last = li.stats[PPPK_A_STAT_RX_FRAMES];

		usleep(100000);
		master_read(p.m, &h);
		overruns += drain(&self->nl);
		ASSERT_EQ(0, link_get(&self->nl, ifindex, &li));
		if (k && li.stats[PPPK_A_STAT_RX_FRAMES] == last)
			break;
	}
	overruns += drain(&self->nl);
	ASSERT_EQ(0, link_get(&self->nl, ifindex, &li));
	TH_LOG("%d rounds fed, %ld allocations failed; %llu frames decoded, %llu without a buffer, %llu sent up, %llu found no way up, %llu echoes answered, %d socket overruns",
	       RX_ROUNDS, injected,
	       (unsigned long long)(li.stats[PPPK_A_STAT_RX_FRAMES] - before.stats[PPPK_A_STAT_RX_FRAMES]),
	       (unsigned long long)li.stats[PPPK_A_STAT_RX_NO_BUFFER],
	       (unsigned long long)li.stats[PPPK_A_STAT_RX_CTRL],
	       (unsigned long long)li.stats[PPPK_A_STAT_RX_CTRL_DROPPED],
	       (unsigned long long)li.stats[PPPK_A_STAT_ECHO_REQ_ANSWERED], overruns);
	ASSERT_LT(0, injected) TH_LOG("no allocation failed: the window missed the receive path");
	/* What went up is what the controller got; nothing counted twice. */
	if (!overruns)
		EXPECT_EQ((long)li.stats[PPPK_A_STAT_RX_CTRL], frames_up - up_before);
	EXPECT_GE(RX_ROUNDS, (long)(li.stats[PPPK_A_STAT_RX_CTRL] +
				    li.stats[PPPK_A_STAT_RX_CTRL_DROPPED]));
	EXPECT_GE(RX_ROUNDS, (long)li.stats[PPPK_A_STAT_ECHO_REQ_ANSWERED]);

	/* The link works after the window: an echo answered, a frame sent up. */
	len = rx_round(blob, 0x42);
	h.want = 0x42;
	h.found = 0;
	up_before = frames_up;
	ASSERT_EQ(0, feed(p.m, &self->nl, &h, blob, len, &overruns));
	EXPECT_TRUE(WAIT_UNTIL((master_read(p.m, &h), h.found), FRAME_MS))
		TH_LOG("no Echo-Reply after the failslab window");
	len = hdlc_frame(blob, 0xc023, pap, sizeof(pap));
	ASSERT_EQ(0, feed(p.m, &self->nl, &h, blob, len, &overruns));
	EXPECT_TRUE(WAIT_UNTIL((drain(&self->nl), frames_up - up_before >= 2), FRAME_MS))
		TH_LOG("control frames no longer reach the controller after the window");

	EXPECT_EQ(0, link_del(&self->nl, ifindex));
	pty_close(&p);
	assert_nothing_left(_metadata, self, 0);
}

TEST_HARNESS_MAIN
