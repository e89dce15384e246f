// SPDX-License-Identifier: GPL-2.0
/*
 * scale_rig: many pppk links between two controllers, one pty pair per
 * link, no socat (bench/vm_scale.sh drives it inside the test VM).
 *
 *   scale_rig run N DIR NS_A NS_B PPPCTL [WORD...]
 *	Opens N pty pairs, writes DIR/a.conf (the masters, as fd:M, in
 *	namespace NS_A: links pa0.., 10.64.x.y) and DIR/b.conf (the slaves,
 *	NS_B: pb0.., 10.128.x.y), WORDs as global options of both; prints
 *	"ptys N" and waits for a line on stdin.  Then starts one controller
 *	per namespace (PPPCTL up -f FILE, stderr to DIR/a.out and b.out),
 *	writes DIR/t0 (CLOCK_MONOTONIC ms at the start) and DIR/pids, closes
 *	its copies of the ptys and waits for both controllers to exit.
 *
 *   scale_rig wait DIR NS_A NS_B N TIMEOUT_S
 *	Polls both namespaces until N links in each have IPCP Open; prints
 *	"up A B MS" with MS counted from DIR/t0, or the counts reached when
 *	TIMEOUT_S ran out (exit status 1).  The controller puts the addresses
 *	on a link as IPCP opens, so the poll is a dump of IPv4 addresses
 *	(RTM_GETADDR, cheap); once both counts reach N one dump of pppk's
 *	links confirms IPCP Opened on every link (pppk's dump costs the kernel
 *	far more per link and holds its link list lock: polling with it would
 *	slow down what it measures).
 *
 *   scale_rig stats NS
 *	One dump of NS's links: key=value counts and summed counters.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/rtnetlink.h>

#include <linux/pppk.h>
#include "nl.h"

#define PPP_IPCP	0x8021

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void die(const char *what)
{
	fprintf(stderr, "scale_rig: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void enter_ns(const char *ns)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(path);
	if (setns(fd, CLONE_NEWNET))
		die("setns");
	close(fd);
}

/* One pty pair: the master and its slave, both open, neither a ctty. */
static void open_pair(int *m, int *s)
{
	*m = posix_openpt(O_RDWR | O_NOCTTY);
	if (*m < 0)
		die("posix_openpt (kernel.pty.max?)");
	if (grantpt(*m) || unlockpt(*m))
		die("grantpt/unlockpt");
	*s = ioctl(*m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	if (*s < 0) {
		const char *name = ptsname(*m);

		*s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
		if (*s < 0)
			die("opening the pty slave");
	}
}

static void write_conf(const char *path, const char *prefix, const int *fds,
		       int n, int local_net, int peer_net, char **words,
		       int nwords)
{
	FILE *f = fopen(path, "w");
	int i;

	if (!f)
		die(path);
	for (i = 0; i < nwords; i++)
		fprintf(f, "%s%s", words[i], i + 1 < nwords ? " " : "\n");
	for (i = 0; i < n; i++)
		fprintf(f, "link %s%d fd:%d 10.%d.%d.%d:10.%d.%d.%d\n", prefix,
			i, fds[i], local_net, i / 250, i % 250 + 1, peer_net,
			i / 250, i % 250 + 1);
	if (fclose(f))
		die(path);
}

static pid_t start(const char *ns, const char *pppctl, const char *conf,
		   const char *out, const int *close_fds, int n)
{
	pid_t pid = fork();
	int i, fd;

	if (pid < 0)
		die("fork");
	if (pid)
		return pid;
	for (i = 0; i < n; i++)
		close(close_fds[i]);
	enter_ns(ns);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		dup2(fd, 0);
	execl(pppctl, pppctl, "up", "-f", conf, (char *)NULL);
	fprintf(stderr, "scale_rig: %s: %s\n", pppctl, strerror(errno));
	_exit(127);
}

static int cmd_run(int argc, char **argv)
{
	int n, i, *m, *s, st;
	const char *dir, *ns_a, *ns_b, *pppctl;
	char path[512], pa[512], pb[512], oa[512], ob[512], line[64];
	struct rlimit r;
	pid_t a, b;
	FILE *f;

	if (argc < 6)
		return 2;
	n = atoi(argv[1]);
	dir = argv[2];
	ns_a = argv[3];
	ns_b = argv[4];
	pppctl = argv[5];
	if (n <= 0)
		return 2;
	/* Both ends of every pair, here; each controller inherits half. */
	if (getrlimit(RLIMIT_NOFILE, &r))
		die("RLIMIT_NOFILE");
	if (r.rlim_max < 2 * (rlim_t)n + 256)
		r.rlim_max = 2 * (rlim_t)n + 256;
	r.rlim_cur = r.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &r))
		die("RLIMIT_NOFILE");
	m = calloc(n, sizeof(*m));
	s = calloc(n, sizeof(*s));
	if (!m || !s)
		die("calloc");
	for (i = 0; i < n; i++)
		open_pair(&m[i], &s[i]);
	snprintf(pa, sizeof(pa), "%s/a.conf", dir);
	snprintf(pb, sizeof(pb), "%s/b.conf", dir);
	snprintf(oa, sizeof(oa), "%s/a.out", dir);
	snprintf(ob, sizeof(ob), "%s/b.out", dir);
	write_conf(pa, "pa", m, n, 64, 128, argv + 6, argc - 6);
	write_conf(pb, "pb", s, n, 128, 64, argv + 6, argc - 6);
	printf("ptys %d\n", n);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 1;

	snprintf(path, sizeof(path), "%s/t0", dir);
	f = fopen(path, "w");
	if (!f)
		die(path);
	fprintf(f, "%llu\n", (unsigned long long)now_ms());
	fclose(f);
	a = start(ns_a, pppctl, pa, oa, s, n);
	b = start(ns_b, pppctl, pb, ob, m, n);
	for (i = 0; i < n; i++) {
		close(m[i]);
		close(s[i]);
	}
	snprintf(path, sizeof(path), "%s/pids", dir);
	f = fopen(path, "w");
	if (!f)
		die(path);
	fprintf(f, "%d %d\n", (int)a, (int)b);
	fclose(f);
	printf("started %d %d\n", (int)a, (int)b);
	fflush(stdout);
	for (i = 0; i < 2; i++) {
		pid_t p = wait(&st);

		if (p < 0)
			break;
		printf("exit %s %d\n", p == a ? "a" : "b",
		       WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	}
	free(m);
	free(s);
	return 0;
}

/* ---- dumps ---- */

struct counts {
	unsigned long links, ipcp_open, ipv4_up, missed_links;
	uint64_t stat[PPPK_A_STAT_MAX + 1];
};

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct counts *c = data;
	const struct nlattr *a, *e, *p;

	c->links++;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case PPPK_A_LINK_IPV4_UP:
			if (mnl_attr_validate(a, MNL_TYPE_U8) == 0 &&
			    mnl_attr_get_u8(a))
				c->ipv4_up++;
			break;
		case PPPK_A_LINK_PROTOS:
			mnl_attr_for_each_nested(e, a) {
				int proto = -1, state = -1;

				mnl_attr_for_each_nested(p, e) {
					if (mnl_attr_get_type(p) == PPPK_A_PROTO_NUMBER &&
					    mnl_attr_validate(p, MNL_TYPE_U16) == 0)
						proto = mnl_attr_get_u16(p);
					if (mnl_attr_get_type(p) == PPPK_A_PROTO_STATE &&
					    mnl_attr_validate(p, MNL_TYPE_U8) == 0)
						state = mnl_attr_get_u8(p);
				}
				if (proto == PPP_IPCP && state == PPPK_FSM_OPENED)
					c->ipcp_open++;
			}
			break;
		case PPPK_A_LINK_STATS:
			mnl_attr_for_each_nested(e, a) {
				int t = mnl_attr_get_type(e);

				if (t > 0 && t <= PPPK_A_STAT_MAX &&
				    mnl_attr_validate(e, MNL_TYPE_U64) == 0) {
					c->stat[t] += mnl_attr_get_u64(e);
					if (t == PPPK_A_STAT_ECHO_MISSED &&
					    mnl_attr_get_u64(e))
						c->missed_links++;
				}
			}
			break;
		}
	}
	return MNL_CB_OK;
}

static int dump(struct nl *nl, struct counts *c)
{
	memset(c, 0, sizeof(*c));
	return nl_talk(nl, nl_msg(nl, PPPK_CMD_LINK_GET, NLM_F_DUMP), link_cb, c);
}

static void open_in(struct nl *nl, const char *ns)
{
	int err;

	enter_ns(ns);
	err = nl_open(nl);
	if (err) {
		errno = -err;
		die("pppk netlink family");
	}
}

/*
 * IPv4 addresses of global scope in the socket's namespace.  A dump that
 * the kernel marks interrupted (addresses changed meanwhile) still counts:
 * the final word is the confirming dump of pppk's links.
 */
static long count_addrs(struct mnl_socket *s)
{
	static char buf[1 << 15];
	unsigned long count = 0;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa;
	uint32_t seq = (uint32_t)now_ms();
	ssize_t n;
	int len;

	nlh->nlmsg_type = RTM_GETADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	if (mnl_socket_sendto(s, nlh, nlh->nlmsg_len) < 0)
		return -1;
	for (;;) {
		n = mnl_socket_recvfrom(s, buf, sizeof(buf));
		if (n < 0)
			return -1;
		len = (int)n;
		for (nlh = (struct nlmsghdr *)buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return (long)count;
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return -1;
			ifa = mnl_nlmsg_get_payload(nlh);
			if (nlh->nlmsg_type == RTM_NEWADDR &&
			    ifa->ifa_family == AF_INET &&
			    ifa->ifa_scope == RT_SCOPE_UNIVERSE)
				count++;
		}
	}
}

static struct mnl_socket *rtnl_in(const char *ns)
{
	struct mnl_socket *s;

	enter_ns(ns);
	s = mnl_socket_open(NETLINK_ROUTE);
	if (!s || mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) < 0)
		die("rtnetlink socket");
	return s;
}

static int cmd_wait(int argc, char **argv)
{
	struct mnl_socket *ra, *rb;
	struct nl na, nb;
	struct counts ca, cb;
	unsigned long long t0 = 0;
	uint64_t deadline, last = 0, t, took, t_up;
	char path[512];
	long n, timeout, aa = 0, ab = 0;
	FILE *f;

	if (argc != 6)
		return 2;
	n = atol(argv[4]);
	timeout = atol(argv[5]);
	snprintf(path, sizeof(path), "%s/t0", argv[1]);
	ra = rtnl_in(argv[2]);
	open_in(&na, argv[2]);
	rb = rtnl_in(argv[3]);
	open_in(&nb, argv[3]);
	deadline = now_ms() + timeout * 1000;
	for (;;) {
		if (!t0) {
			f = fopen(path, "r");
			if (f) {
				if (fscanf(f, "%llu", &t0) != 1)
					t0 = 0;
				fclose(f);
			}
		}
		t = now_ms();
		aa = count_addrs(ra);
		ab = count_addrs(rb);
		if (aa < 0 || ab < 0) {
			fprintf(stderr, "scale_rig: address dump failed\n");
			return 2;
		}
		if (t0 && aa >= n && ab >= n) {
			t_up = now_ms();
			if (dump(&na, &ca) || dump(&nb, &cb)) {
				fprintf(stderr, "scale_rig: dump failed\n");
				return 2;
			}
			if ((long)ca.ipcp_open >= n && (long)cb.ipcp_open >= n) {
				printf("up %lu %lu %llu\n", ca.ipcp_open, cb.ipcp_open,
				       (unsigned long long)(t_up - t0));
				return 0;
			}
		}
		if (now_ms() >= deadline) {
			if (dump(&na, &ca) || dump(&nb, &cb))
				return 2;
			printf("timeout %lu %lu %llu\n", ca.ipcp_open,
			       cb.ipcp_open, t0 ? (unsigned long long)(now_ms() - t0) : 0ULL);
			return 1;
		}
		if (now_ms() - last >= 10000) {
			last = now_ms();
			fprintf(stderr, "# %llus: links with addresses %ld/%ld\n",
				t0 ? (unsigned long long)(last - t0) / 1000 : 0ULL, aa, ab);
		}
		took = now_ms() - t;
		usleep(1000 * (took * 4 > 250 ? took * 4 : 250));
	}
}

static int cmd_stats(int argc, char **argv)
{
	struct counts c;
	struct nl nl;

	if (argc != 2)
		return 2;
	open_in(&nl, argv[1]);
	if (dump(&nl, &c)) {
		fprintf(stderr, "scale_rig: dump failed\n");
		return 2;
	}
	printf("links=%lu ipcp_open=%lu ipv4_up=%lu echo_req_sent=%llu "
	       "echo_req_answered=%llu echo_rep_rcvd=%llu echo_missed_links=%lu "
	       "rx_ctrl=%llu rx_ctrl_dropped=%llu tx_dropped=%llu\n",
	       c.links, c.ipcp_open, c.ipv4_up,
	       (unsigned long long)c.stat[PPPK_A_STAT_ECHO_REQ_SENT],
	       (unsigned long long)c.stat[PPPK_A_STAT_ECHO_REQ_ANSWERED],
	       (unsigned long long)c.stat[PPPK_A_STAT_ECHO_REP_RCVD],
	       c.missed_links,
	       (unsigned long long)c.stat[PPPK_A_STAT_RX_CTRL],
	       (unsigned long long)c.stat[PPPK_A_STAT_RX_CTRL_DROPPED],
	       (unsigned long long)c.stat[PPPK_A_STAT_TX_DROPPED]);
	nl_close(&nl);
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "wait"))
		return cmd_wait(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "stats"))
		return cmd_stats(argc - 1, argv + 1);
	fprintf(stderr, "usage: scale_rig run N DIR NS_A NS_B PPPCTL [WORD...]\n"
			"       scale_rig wait DIR NS_A NS_B N TIMEOUT_S\n"
			"       scale_rig stats NS\n");
	return 2;
}
