// SPDX-License-Identifier: GPL-2.0
/*
 * The lifetime races of a link, provoked in tight loops inside one program:
 * the racing parties are threads (across a network namespace, a child
 * process) released together by a barrier, each after a random delay that
 * sweeps the window the race lives in.  Loops of shell commands, a process
 * per command, never hit these windows.
 *
 *   hangup_vs_link_del          the tty hangs up (its pty master closes)
 *                               while LINK_DEL deletes the link
 *   hangup_vs_link_set_echo     LINK_SET lcp_open=1 + echo_interval (1, 10,
 *                               100, 1000 ms in turn) again and again while
 *                               the tty hangs up: a timer armed after the
 *                               hang-up must not outlive the link
 *   link_new_vs_hangup          the tty hangs up between TIOCSETD and the
 *                               end of LINK_NEW
 *   hangup_vs_netns_exit        the link's network namespace dies as its
 *                               tty hangs up (together, either first)
 *   many_links_close_at_once    32 links: every master closed at once by
 *                               four threads, with LINK_DEL of each and
 *                               dumps meanwhile
 *   controller_close_vs_frames  the controller's socket (the link's creator
 *                               or its adopter) closes while frames from
 *                               the line are unicast to it, another socket
 *                               adopting the link meanwhile or not
 *   hangup_vs_rmmod             rmmod while ttys hang up (refused while one
 *                               has the discipline), then the module
 *                               is loaded again from PPPK_KO (its own
 *                               fixture, last: the family id changes)
 *
 * Every other iteration of hangup_vs_link_del, link_new_vs_hangup and
 * hangup_vs_rmmod holds one party off the CPU right where the race lives
 * (SCHED_IDLE while a thread spins on every CPU, see struct race) until
 * the other party's request is through; the other iterations only sweep
 * random delays.
 *
 * After every iteration nothing of the race may remain: no pppk link in the
 * dump, no net_device of its name or index, and its tty let go (the pty's
 * index is free again, which needs the link's reference to the tty file
 * dropped: this also covers links in a namespace that is gone).  Every
 * answer must be one the race allows.  Each test ends by creating and
 * deleting a link.
 *
 * PPPK_RACE_ITERS sets the iterations of the single-link races exactly;
 * hangup_vs_netns_exit runs half as many (a namespace is born and dies in
 * each), many_links_close_at_once and hangup_vs_rmmod one round per 20 (32
 * links, or a module reload, each).  Without it the count is 200 but each
 * test also stops after PPPK_RACE_SECONDS (default 20): the debug kernel
 * in software emulation does 2-10 iterations a second, and the whole
 * program stays under three minutes there; the log says where a test
 * stopped.  PPPK_RACE_SEED fixes the random delays, PPPK_RACE_JITTER_US
 * the window they sweep (measured otherwise), PPPK_RACE_LINKS the links of
 * many_links_close_at_once, PPPK_RACE_TESTS (comma-separated names) the
 * tests that run, the others are skipped.  Each test writes
 * "pppk-selftest: link_races.NAME begins", every 50th iteration and "...
 * ends" to the kernel log so that a kernel report can be placed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kselftest_harness.h"
#include "nl.h"
#include "chan.h"
#include "tlib.h"

#define PREFIX		"prc"		/* every link these tests make */
#define GONE_MS		30000		/* a link must be gone this soon */
#define MAX_RACERS	8
#define RACE_MAX_LINKS	64
#define N_PPPK		29		/* the discipline's number (N_DEVELOPMENT) */
#define NOISE_CAP_MS	3000		/* longest a party is held off the CPU */
#define DEFAULT_ITERS	200
#define DEFAULT_SECONDS	20		/* per test, without PPPK_RACE_ITERS */

/* Another iteration: fewer than @n done, and within the time budget. */
#define MORE(i, n) ((i) < (n) && (!self->deadline || now_us() < self->deadline))

/* Say so when the time budget cut the iterations short. */
#define BUDGET_NOTE(i, n) do {						\
	if ((i) < (n))							\
		TH_LOG("time budget (PPPK_RACE_SECONDS=%d) reached after %d of %d iterations", \
		       env_int("PPPK_RACE_SECONDS", DEFAULT_SECONDS), (i), (n)); \
} while (0)

/* ---- small helpers --------------------------------------------------------- */

/* Busy-wait: a sleep would hand the CPU away and blur the timing. */
static void spin_us(unsigned int us)
{
	long long end = now_us() + us;

	while (now_us() < end)
		;
}

static unsigned int rnd(unsigned int *s)
{
	unsigned int x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

static unsigned int rnd_below(unsigned int *s, unsigned int n)
{
	return n ? rnd(s) % n : 0;
}

/* Running estimate of how long something takes, in us. */
static void ewma(int *avg, long long sample)
{
	*avg = *avg ? (*avg * 7 + (int)sample) / 8 : (int)sample;
}

/* Every 50th iteration in the kernel log: how far a test got before a crash. */
#define PROGRESS(i) do {						\
	if ((i) && (i) % 50 == 0)					\
		kmsg("link_races.%s: iteration %d\n", _metadata->name, (i)); \
} while (0)

/* ---- ptys ------------------------------------------------------------------- */

/*
 * Whether the @n ptys a race used, which had the lowest free indexes from
 * @base on, are all released: @n new masters then fit below base + n.  A
 * pty is released only when every file on it is closed, the link's own
 * reference included.
 */
static int ptys_free(int base, int n)
{
	int fds[RACE_MAX_LINKS], i, idx, ok = 1;

	for (i = 0; i < n; i++) {
		fds[i] = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fds[i] < 0 || ioctl(fds[i], TIOCGPTN, &idx) || idx >= base + n)
			ok = 0;
	}
	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return ok;
}

/* ---- requests ---------------------------------------------------------------- */

struct link_info {
	int ifindex;
	char name[IFNAMSIZ];
	uint32_t controller;
	uint64_t stats[PPPK_A_STAT_MAX + 1];
};

/* A LINK_NEW or LINK_GET reply; other messages (FRAME_RECV) are skipped. */
static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
	struct link_info *li = data;
	const struct nlattr *a;

	if (!li || (g->cmd != PPPK_CMD_LINK_NEW && g->cmd != PPPK_CMD_LINK_GET))
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*g), attr_cb, tb);
	if (tb[PPPK_A_LINK_IFINDEX])
		li->ifindex = mnl_attr_get_u32(tb[PPPK_A_LINK_IFINDEX]);
	if (tb[PPPK_A_LINK_IFNAME])
		snprintf(li->name, sizeof(li->name), "%s",
			 mnl_attr_get_str(tb[PPPK_A_LINK_IFNAME]));
	if (tb[PPPK_A_LINK_CONTROLLER])
		li->controller = mnl_attr_get_u32(tb[PPPK_A_LINK_CONTROLLER]);
	if (tb[PPPK_A_LINK_STATS])
		mnl_attr_for_each_nested(a, tb[PPPK_A_LINK_STATS])
			if (mnl_attr_get_type(a) <= PPPK_A_STAT_MAX)
				li->stats[mnl_attr_get_type(a)] = mnl_attr_get_u64(a);
	return MNL_CB_OK;
}

static int link_new(struct nl *nl, int fd, const char *name, int *ifindex)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_NEW, 0);
	struct link_info li = { 0 };
	int64_t chan;
	int ret;

	chan = put_tty(nlh, fd);
	if (chan < 0)
		return (int)chan;
	if (name)
		mnl_attr_put_strz(nlh, PPPK_A_LINK_IFNAME, name);
	ret = nl_talk(nl, nlh, info_cb, &li);
	if (!ret && ifindex)
		*ifindex = li.ifindex;
	return ret;
}

static int link_del(struct nl *nl, int ifindex)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_DEL, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, ifindex);
	return nl_talk(nl, nlh, NULL, NULL);
}

static int link_get(struct nl *nl, int ifindex, struct link_info *li)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_GET, 0);

	if (li)
		memset(li, 0, sizeof(*li));
	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, ifindex);
	return nl_talk(nl, nlh, info_cb, li);
}

static int link_set_echo(struct nl *nl, int ifindex, unsigned int ms)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_SET, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, ifindex);
	mnl_attr_put_u8(nlh, PPPK_A_LINK_LCP_OPEN, 1);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_MAGIC_LOCAL, 0x5a5a0001);
	mnl_attr_put_u32(nlh, PPPK_A_LINK_ECHO_INTERVAL, ms);
	return nl_talk(nl, nlh, NULL, NULL);
}

static int link_adopt(struct nl *nl, int ifindex)
{
	struct nlmsghdr *nlh = nl_msg(nl, PPPK_CMD_LINK_SET, 0);

	mnl_attr_put_u32(nlh, PPPK_A_LINK_IFINDEX, ifindex);
	mnl_attr_put(nlh, PPPK_A_LINK_ADOPT, 0, NULL);
	return nl_talk(nl, nlh, NULL, NULL);
}

struct dump_ctx {
	const char *prefix;
	int n;
};

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct nlattr *tb[PPPK_A_MAX + 1] = { 0 };
	struct dump_ctx *d = data;

	if (g->cmd != PPPK_CMD_LINK_GET)
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*g), attr_cb, tb);
	if (tb[PPPK_A_LINK_IFNAME] &&
	    !strncmp(mnl_attr_get_str(tb[PPPK_A_LINK_IFNAME]), d->prefix,
		     strlen(d->prefix)))
		d->n++;
	return MNL_CB_OK;
}

/* Links of the namespace whose name starts with @prefix, or -errno. */
static int count_links(struct nl *nl, const char *prefix)
{
	struct dump_ctx d = { prefix, 0 };
	int ret = nl_talk(nl, nl_msg(nl, PPPK_CMD_LINK_GET, NLM_F_DUMP),
			  dump_cb, &d);

	return ret ? ret : d.n;
}

/* Throw away whatever waits on the socket (frames of an adopted link). */
static void drain(struct nl *nl)
{
	int fd = mnl_socket_get_fd(nl->sock);

	while (recv(fd, nl->buf, MNL_SOCKET_BUFFER_SIZE, MSG_DONTWAIT) > 0 ||
	       errno == ENOBUFS)
		;
}

/* Nothing left of a link: not dumped, no net_device by name or index. */
static int link_gone(struct nl *nl, const char *name, int ifindex)
{
	char buf[IF_NAMESIZE];

	if (ifindex > 0 && if_indextoname(ifindex, buf))
		return 0;
	if (name && dev_index(name))
		return 0;
	return count_links(nl, PREFIX) == 0;
}

static int rc_in(int rc, const int *set, int n)
{
	for (int i = 0; i < n; i++)
		if (rc == set[i])
			return 1;
	return 0;
}
#define RC_IN(rc, ...) ({						\
	static const int __set[] = { __VA_ARGS__ };			\
	rc_in(rc, __set, sizeof(__set) / sizeof(__set[0]));		\
})

/*
 * Where an iteration's time goes, for the log: setting up, the race itself,
 * waiting for the link to be gone.
 */
struct phases {
	long long mark, t[3];
	int n;
};

static void phase_end(struct phases *ph, int k)
{
	long long now = now_us();

	if (ph->mark)
		ph->t[k] += now - ph->mark;
	ph->mark = now;
}

/* A new iteration begins: what went since the race was teardown. */
static void phase_next(struct phases *ph)
{
	phase_end(ph, 2);
	ph->n++;
}

#define PHASES_FMT "per iteration %lld ms: %lld setting up, %lld racing, %lld tearing down"
#define PHASES_ARGS(ph)							\
	((ph).t[0] + (ph).t[1] + (ph).t[2]) / 1000 / ((ph).n ?: 1),	\
	(ph).t[0] / 1000 / ((ph).n ?: 1), (ph).t[1] / 1000 / ((ph).n ?: 1), \
	(ph).t[2] / 1000 / ((ph).n ?: 1)

/* ---- racing threads ---------------------------------------------------------- */

struct race;
typedef void (*race_fn)(struct race *r, int who);

struct racer {
	struct race *r;
	int who;
};

/*
 * Participant 0 is the calling thread; 1..n-1 are threads kept for the
 * whole test.  Each round all of them pass the "go" barrier together, run
 * fn(r, who), and meet again at "done".  Every participant has its own
 * netlink socket and random state.
 *
 * "Noise" threads (noise_n more, one per CPU) serve to hold a participant
 * off the CPU: that participant makes itself SCHED_IDLE, and once it is
 * where the race lives (asleep in the grace period of the discipline's
 * close(), seen in its wchan; just past attaching the discipline, seen
 * with TIOCGETD) another participant sets the noise threads spinning, runs
 * its racing request and stops them.  The idle one only runs again after
 * the request is through: whatever the kernel had left for it to do then
 * runs against what the request left, which turns a window of a few
 * instructions into one of milliseconds.  Whoever owns the noise calls
 * noise_begin() exactly once a round (0 ms when not wanted) and
 * noise_end(); NOISE_CAP_MS bounds it should the two wait for each other.
 */
struct race {
	int n, noise_n, started;
	pthread_barrier_t go, done;
	pthread_t th[MAX_RACERS];
	struct racer arg[MAX_RACERS];
	struct nl nl[MAX_RACERS];
	unsigned int seed[MAX_RACERS];
	race_fn fn;
	void *ctx;
	int quit;
	sem_t noise_go;
	int noise_stop;
	long long noise_until;
	pid_t tid[MAX_RACERS];	/* each participant's thread id */
};

static void noise_run(struct race *r)
{
	while (sem_wait(&r->noise_go) && errno == EINTR)
		;
	while (!__atomic_load_n(&r->noise_stop, __ATOMIC_ACQUIRE) &&
	       now_us() < __atomic_load_n(&r->noise_until, __ATOMIC_ACQUIRE))
		;
}

/* Spin on every CPU for at most @ms (none: 0) or until noise_end(). */
static void noise_begin(struct race *r, int ms)
{
	__atomic_store_n(&r->noise_until, now_us() + ms * 1000LL, __ATOMIC_RELEASE);
	__atomic_store_n(&r->noise_stop, !ms, __ATOMIC_RELEASE);
	for (int i = 0; i < r->noise_n; i++)
		sem_post(&r->noise_go);
}

static void noise_end(struct race *r)
{
	__atomic_store_n(&r->noise_stop, 1, __ATOMIC_RELEASE);
}

/* The calling thread runs only when nothing else wants the CPU, or again normally. */
static void sched_idle(int on)
{
	struct sched_param sp = { 0 };

	pthread_setschedparam(pthread_self(), on ? SCHED_IDLE : SCHED_OTHER, &sp);
}

/*
 * Whether thread @tid sleeps waiting for an RCU grace period: its wchan,
 * the function it sleeps in, names RCU (synchronize_rcu() and kin).
 */
static int in_rcu_wait(pid_t tid)
{
	char path[64], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/wchan", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, "rcu") != NULL;
}

/*
 * Poll until participant @who sleeps in an RCU grace period (1), or @done
 * becomes set or @ms pass (0).
 */
static int wait_rcu_sleep(struct race *r, int who, const int *done, int ms)
{
	long long end = now_us() + ms * 1000LL;

	while (!__atomic_load_n(done, __ATOMIC_ACQUIRE) && now_us() < end)
		if (in_rcu_wait(r->tid[who]))
			return 1;
	return 0;
}

/* Run the calling thread on CPU @cpu only, or anywhere (-1). */
static void pin_cpu(int cpu)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CPU_ZERO(&set);
	for (int i = 0; i < n && i < CPU_SETSIZE; i++)
		if (cpu < 0 || i == cpu % n)
			CPU_SET(i, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static void *racer_main(void *p)
{
	struct racer *a = p;
	struct race *r = a->r;

	r->tid[a->who] = gettid();
	/* One noise thread per CPU. */
	if (a->who >= r->n)
		pin_cpu(a->who - r->n);
	for (;;) {
		pthread_barrier_wait(&r->go);
		if (__atomic_load_n(&r->quit, __ATOMIC_ACQUIRE))
			return NULL;
		if (a->who >= r->n)
			noise_run(r);
		else
			r->fn(r, a->who);
		pthread_barrier_wait(&r->done);
	}
}

static int race_start(struct race *r, int n, int noise_n, race_fn fn,
		      void *ctx, unsigned int seed)
{
	int i, ret;

	memset(r, 0, sizeof(*r));
	r->n = n;
	r->noise_n = noise_n;
	r->fn = fn;
	r->ctx = ctx;
	for (i = 0; i < n + noise_n; i++) {
		if (i < n) {
			ret = nl_open(&r->nl[i]);
			if (ret)
				return ret;
		}
		r->seed[i] = (seed + 1) * 2654435761u + i * 40503u + 1;
		r->arg[i].r = r;
		r->arg[i].who = i;
	}
	r->tid[0] = gettid();
	sem_init(&r->noise_go, 0, 0);
	pthread_barrier_init(&r->go, NULL, n + noise_n);
	pthread_barrier_init(&r->done, NULL, n + noise_n);
	for (i = 1; i < n + noise_n; i++)
		if (pthread_create(&r->th[i], NULL, racer_main, &r->arg[i]))
			return -EAGAIN;
	r->started = 1;
	return 0;
}

static void race_once(struct race *r)
{
	pthread_barrier_wait(&r->go);
	r->fn(r, 0);
	pthread_barrier_wait(&r->done);
}

static void race_stop(struct race *r)
{
	int i;

	if (r->started) {
		__atomic_store_n(&r->quit, 1, __ATOMIC_RELEASE);
		pthread_barrier_wait(&r->go);
		for (i = 1; i < r->n + r->noise_n; i++)
			pthread_join(r->th[i], NULL);
		pthread_barrier_destroy(&r->go);
		pthread_barrier_destroy(&r->done);
		sem_destroy(&r->noise_go);
		r->started = 0;
	}
	for (i = 0; i < r->n; i++)
		if (r->nl[i].sock)
			nl_close(&r->nl[i]);
}

/* ---- the fixture --------------------------------------------------------------- */

FIXTURE(races) {
	struct nl nl;
	struct race race;
	int iters;
	int pty_base;
	unsigned int seed;
	int jitter_us;
	long long deadline;	/* the time budget, 0: none */
};

/* Whether @name is in the comma-separated @list. */
static int listed(const char *name, const char *list)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

static void common_setup(struct __test_metadata *_metadata, struct nl *nl,
			 int *iters, unsigned int *seed, int *pty_base,
			 long long *deadline)
{
	const char *only = getenv("PPPK_RACE_TESTS");

	if (only && *only && !listed(_metadata->name, only))
		SKIP(return, "not in PPPK_RACE_TESTS");
	signal(SIGPIPE, SIG_IGN);
	ASSERT_EQ(0, nl_open(nl)) TH_LOG("pppk family not found: is pppk.ko loaded?");
	*iters = env_int("PPPK_RACE_ITERS", 0);
	if (!*iters) {
		/* The default count, within the time budget. */
		*iters = DEFAULT_ITERS;
		*deadline = now_us() + env_int("PPPK_RACE_SECONDS", DEFAULT_SECONDS) * 1000000LL;
	}
	ASSERT_LT(0, *iters);
	*seed = (unsigned int)env_int("PPPK_RACE_SEED", 0) ?: (unsigned int)(now_us() ^ getpid());
	ASSERT_EQ(0, count_links(nl, PREFIX)) TH_LOG("links of an earlier run are left");
	*pty_base = pty_lowest_free();
	ASSERT_LE(0, *pty_base);
	kmsg("link_races.%s begins (seed %u)\n", _metadata->name, *seed);
}

FIXTURE_SETUP(races)
{
	common_setup(_metadata, &self->nl, &self->iters, &self->seed,
		     &self->pty_base, &self->deadline);
	self->jitter_us = env_int("PPPK_RACE_JITTER_US", 0);
}

FIXTURE_TEARDOWN(races)
{
	race_stop(&self->race);
	if (self->nl.sock) {
		kmsg("link_races.%s ends\n", _metadata->name);
		nl_close(&self->nl);
	}
}

/* The race left nothing behind: see the comment at the top. */
static void assert_gone(struct __test_metadata *_metadata, struct nl *nl,
			const char *name, int ifindex, int base, int nptys,
			int iter)
{
	ASSERT_TRUE(WAIT_UNTIL(link_gone(nl, name, ifindex), GONE_MS))
		TH_LOG("iteration %d: link %s (ifindex %d) still there after %d ms",
		       iter, name ?: "-", ifindex, GONE_MS);
	ASSERT_TRUE(WAIT_UNTIL(ptys_free(base, nptys), GONE_MS))
		TH_LOG("iteration %d: a tty is still held %d ms after its link went",
		       iter, GONE_MS);
}

/* The module still makes and deletes links. */
static void assert_alive(struct __test_metadata *_metadata, struct nl *nl,
			 int base)
{
	struct pty p;
	int ifindex = 0;

	ASSERT_EQ(0, pty_open(&p, 0));
	ASSERT_EQ(0, link_new(nl, p.s, PREFIX "-alive", &ifindex))
		TH_LOG("creating a link after the race: %s", nl->err_msg);
	EXPECT_EQ(0, link_get(nl, ifindex, NULL));
	EXPECT_EQ(0, link_del(nl, ifindex));
	pty_close(&p);
	assert_gone(_metadata, nl, PREFIX "-alive", ifindex, base, 1, -1);
}

/* ---- hangup_vs_link_del -------------------------------------------------------- */

struct del_race {
	struct pty p;
	int ifindex;
	/*
	 * Hold the hang-up off the CPU once it sleeps in the grace period of
	 * the discipline's close() (the link's tty already NULL), until
	 * LINK_DEL is through.
	 */
	int starve;
	int window_us;		/* what close() of the master takes */
	long long close_us;
	int closed;		/* close() of the master has returned */
	int caught;		/* the hang-up was seen in its grace period */
	int rc;
};

static void del_race_fn(struct race *r, int who)
{
	struct del_race *c = r->ctx;
	long long t;

	if (who == 0) {
		sched_idle(c->starve);
		spin_us(rnd_below(&r->seed[0], c->window_us / 8 + 1));
		t = now_us();
		close(c->p.m);
		close(c->p.s);
		c->close_us = now_us() - t;
		c->p.m = c->p.s = -1;
		__atomic_store_n(&c->closed, 1, __ATOMIC_RELEASE);
		sched_idle(0);
		return;
	}
	if (c->starve) {
		c->caught = wait_rcu_sleep(r, 0, &c->closed, 2000);
		noise_begin(r, c->caught ? NOISE_CAP_MS : 0);
	} else {
		/* Land anywhere in the hang-up, mostly after it began. */
		spin_us(rnd_below(&r->seed[1], c->window_us + 1));
		noise_begin(r, 0);
	}
	c->rc = link_del(&r->nl[1], c->ifindex);
	noise_end(r);
}

TEST_F_TIMEOUT(races, hangup_vs_link_del, 300)
{
	struct phases ph = { 0 };
	struct del_race c = { .window_us = self->jitter_us };
	struct tally t = { 0 };
	char buf[128];
	int i, starved = 0, caught = 0;

	if (_metadata->skip)
		return;

	ASSERT_EQ(0, race_start(&self->race, 2, 2, del_race_fn, &c, self->seed));
	for (i = 0; MORE(i, self->iters); i++) {
		PROGRESS(i);
		phase_next(&ph);
		ASSERT_EQ(0, pty_open(&c.p, 0));
		ASSERT_EQ(0, link_new(&self->nl, c.p.s, PREFIX "0", &c.ifindex))
			TH_LOG("%s", self->nl.err_msg);
		/* Every other time the hang-up is held off the CPU. */
		c.starve = i % 2;
		starved += c.starve;
		c.closed = c.caught = 0;
		phase_end(&ph, 0);
		race_once(&self->race);
		phase_end(&ph, 1);
		caught += c.caught;
		if (!c.starve && !self->jitter_us)
			ewma(&c.window_us, c.close_us + 100);
		tally(&t, c.rc);
		EXPECT_TRUE(RC_IN(c.rc, 0, -ENODEV))
			TH_LOG("iteration %d: LINK_DEL: %s", i, strerror(-c.rc));
		assert_gone(_metadata, &self->nl, PREFIX "0", c.ifindex,
			    self->pty_base, 1, i);
	}
	phase_next(&ph);
	ph.n--;
	BUDGET_NOTE(i, self->iters);
	TH_LOG(PHASES_FMT, PHASES_ARGS(ph));
	TH_LOG("%d iterations (%d with the hang-up held off the CPU, %d of them caught in its grace period), LINK_DEL answered %s; window %d us",
	       i, starved, caught, tally_str(&t, buf, sizeof(buf)), c.window_us);
	assert_alive(_metadata, &self->nl, self->pty_base);
}

/* ---- hangup_vs_link_set_echo ----------------------------------------------- */

/*
 * Keepalive intervals tried in turn, in ms.  A timer armed after the
 * hang-up is still pending when the link is freed unless it is very short:
 * the long ones prove that (debug objects see the pending timer freed, and
 * it fires on freed memory), the short ones race the timer's own run
 * against the free.  The test waits out the longest before it ends.
 */
static const unsigned int echo_ms[] = { 1, 10, 100, 1000 };

struct echo_race {
	struct pty p;
	int ifindex;
	unsigned int interval;
	int window_us;
	int set_us;		/* what a LINK_SET takes */
	int closed;		/* close() of the master has returned */
	int sets, late, bad, timed_out;
};

static void echo_race_fn(struct race *r, int who)
{
	struct echo_race *c = r->ctx;
	long long t, end;
	int rc;

	if (who == 0) {
		spin_us(rnd_below(&r->seed[0], c->window_us + 1));
		close(c->p.m);
		close(c->p.s);
		c->p.m = c->p.s = -1;
		__atomic_store_n(&c->closed, 1, __ATOMIC_RELEASE);
		return;
	}
	end = now_us() + GONE_MS * 1000LL;
	for (;;) {
		t = now_us();
		rc = link_set_echo(&r->nl[1], c->ifindex, c->interval);
		if (rc == -ENODEV)
			break;
		if (rc) {
			c->bad = rc;
			break;
		}
		ewma(&c->set_us, now_us() - t);
		c->sets++;
		if (__atomic_load_n(&c->closed, __ATOMIC_ACQUIRE))
			c->late++;
		if (now_us() > end) {
			c->timed_out = 1;
			break;
		}
	}
}

TEST_F_TIMEOUT(races, hangup_vs_link_set_echo, 300)
{
	struct phases ph = { 0 };
	struct echo_race c = { 0 };
	long long sets = 0, late = 0;
	int i;

	if (_metadata->skip)
		return;

	ASSERT_EQ(0, race_start(&self->race, 2, 0, echo_race_fn, &c, self->seed));
	for (i = 0; MORE(i, self->iters); i++) {
		PROGRESS(i);
		phase_next(&ph);
		ASSERT_EQ(0, pty_open(&c.p, 0));
		ASSERT_EQ(0, link_new(&self->nl, c.p.s, PREFIX "0", &c.ifindex))
			TH_LOG("%s", self->nl.err_msg);
		c.interval = echo_ms[i % (sizeof(echo_ms) / sizeof(echo_ms[0]))];
		c.window_us = self->jitter_us ?: 4 * c.set_us + 200;
		c.closed = c.sets = c.late = c.bad = c.timed_out = 0;
		phase_end(&ph, 0);
		race_once(&self->race);
		phase_end(&ph, 1);
		sets += c.sets;
		late += c.late;
		EXPECT_EQ(0, c.bad)
			TH_LOG("iteration %d: LINK_SET: %s", i, strerror(-c.bad));
		EXPECT_EQ(0, c.timed_out)
			TH_LOG("iteration %d: LINK_SET still succeeds %d ms after the hang-up",
			       i, GONE_MS);
		assert_gone(_metadata, &self->nl, PREFIX "0", c.ifindex,
			    self->pty_base, 1, i);
	}
	/* Timers armed late fire now, inside this test. */
	usleep((echo_ms[sizeof(echo_ms) / sizeof(echo_ms[0]) - 1] + 500) * 1000);
	phase_next(&ph);
	ph.n--;
	BUDGET_NOTE(i, self->iters);
	TH_LOG(PHASES_FMT, PHASES_ARGS(ph));
	TH_LOG("%d iterations, %lld LINK_SETs (lcp_open=1, echo 1-1000 ms), %lld of them after close() of the master returned",
	       i, sets, late);
	assert_alive(_metadata, &self->nl, self->pty_base);
}

/* ---- link_new_vs_hangup ------------------------------------------------------ */

struct new_race {
	struct pty p;
	int fd;			/* the slave, for LINK_NEW */
	int close_slave;
	/*
	 * Hold LINK_NEW off the CPU from the moment the discipline is on
	 * the tty until the hang-up has destroyed the link.
	 */
	int starve;
	int window_us;		/* what LINK_NEW takes */
	long long new_us;
	int done;		/* LINK_NEW has answered */
	int caught;		/* LINK_NEW was held right after attaching */
	int rc, ifindex;
};

/*
 * Poll until the discipline on @fd is pppk's (1), or @done or @ms (0).
 * TIOCGETD waits while the discipline is being changed, and between polls
 * the caller sleeps: sharing a CPU with a SCHED_IDLE LINK_NEW, it takes
 * the CPU from it the moment it wakes, right after the attach at best.
 */
static int wait_attached(int fd, const int *done, int ms)
{
	long long end = now_us() + ms * 1000LL;
	int d;

	while (!__atomic_load_n(done, __ATOMIC_ACQUIRE) && now_us() < end) {
		if (!ioctl(fd, TIOCGETD, &d) && d == N_PPPK)
			return 1;
		usleep(100);
	}
	return 0;
}

static void new_race_fn(struct race *r, int who)
{
	struct new_race *c = r->ctx;
	long long t;

	if (who == 0) {
		if (c->starve) {
			pin_cpu(0);
			c->caught = wait_attached(c->fd, &c->done, 5000);
			noise_begin(r, c->caught ? NOISE_CAP_MS : 0);
		} else {
			/* Anywhere from before LINK_NEW to its end. */
			spin_us(rnd_below(&r->seed[0], c->window_us + 1));
			noise_begin(r, 0);
		}
		close(c->p.m);
		c->p.m = -1;
		if (c->close_slave) {
			close(c->p.s);
			c->p.s = -1;
		}
		if (c->caught) {
			/*
			 * The hang-up's destroy work deletes the link; it is
			 * freed a few grace periods after its net_device left
			 * sysfs.
			 */
			t = now_us();
			WAIT_UNTIL(!dev_index(PREFIX "0"), NOISE_CAP_MS / 2);
			usleep(300000 + 2 * (now_us() - t));
		}
		noise_end(r);
		pin_cpu(-1);
		return;
	}
	if (c->starve)
		pin_cpu(0);
	sched_idle(c->starve);
	spin_us(rnd_below(&r->seed[1], c->window_us / 8 + 1));
	t = now_us();
	c->rc = link_new(&r->nl[1], c->fd, PREFIX "0", &c->ifindex);
	c->new_us = now_us() - t;
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	sched_idle(0);
	pin_cpu(-1);
}

TEST_F_TIMEOUT(races, link_new_vs_hangup, 300)
{
	struct phases ph = { 0 };
	struct new_race c = { .window_us = self->jitter_us };
	struct tally t = { 0 };
	int i, starved = 0, caught = 0;
	long long t0;
	char buf[160];

	if (_metadata->skip)
		return;

	/* What a LINK_NEW takes here, to know the window to sweep. */
	ASSERT_EQ(0, pty_open(&c.p, 0));
	t0 = now_us();
	ASSERT_EQ(0, link_new(&self->nl, c.p.s, PREFIX "0", &c.ifindex));
	if (!c.window_us)
		c.window_us = (now_us() - t0) * 5 / 4;
	EXPECT_EQ(0, link_del(&self->nl, c.ifindex));
	pty_close(&c.p);
	assert_gone(_metadata, &self->nl, PREFIX "0", c.ifindex, self->pty_base, 1, -1);

	ASSERT_EQ(0, race_start(&self->race, 2, 2, new_race_fn, &c, self->seed));
	for (i = 0; MORE(i, self->iters); i++) {
		PROGRESS(i);
		phase_next(&ph);
		ASSERT_EQ(0, pty_open(&c.p, 0));
		c.fd = c.p.s;
		c.close_slave = i % 4 == 3;
		/* Every other time LINK_NEW is held off the CPU. */
		c.starve = i % 2;
		starved += c.starve;
		c.rc = c.ifindex = c.done = c.caught = 0;
		phase_end(&ph, 0);
		race_once(&self->race);
		phase_end(&ph, 1);
		caught += c.caught;
		pty_close(&c.p);
		if (!self->jitter_us && !c.starve && !c.rc)
			ewma(&c.window_us, c.new_us * 5 / 4);
		tally(&t, c.rc);
		/*
		 * 0 or ENODEV: attached, then gone with the hang-up; EIO or
		 * ENOTTY: the descriptor was hung up before TIOCSETD or
		 * PPPKIOCGCHAN; ENOENT: the channel went with the hang-up
		 * before LINK_NEW found it; EBADF: the descriptor was closed.
		 */
		EXPECT_TRUE(RC_IN(c.rc, 0, -ENODEV, -EIO, -ENOTTY, -ENOENT, -EBADF))
			TH_LOG("iteration %d: LINK_NEW: %s (%s)", i,
			       strerror(-c.rc), self->race.nl[1].err_msg);
		assert_gone(_metadata, &self->nl, PREFIX "0", c.ifindex,
			    self->pty_base, 1, i);
	}
	phase_next(&ph);
	ph.n--;
	BUDGET_NOTE(i, self->iters);
	TH_LOG(PHASES_FMT, PHASES_ARGS(ph));
	TH_LOG("%d iterations (%d with LINK_NEW held off the CPU, %d of them caught right after attaching), LINK_NEW answered %s; window %d us",
	       i, starved, caught, tally_str(&t, buf, sizeof(buf)), c.window_us);
	assert_alive(_metadata, &self->nl, self->pty_base);
}

/* ---- hangup_vs_netns_exit ---------------------------------------------------- */

/* Shared with the child that owns the namespace. */
struct ns_shared {
	pthread_barrier_t go;
	int rc, ifindex;
};

/*
 * The child: a fresh network namespace, a link in it on the inherited
 * slave, then nothing but the child itself holds the namespace; it exits
 * (and the namespace dies) @delay_us after the barrier.
 */
static void netns_child(struct ns_shared *sh, struct pty *p, unsigned int delay_us)
{
	struct nl nl;
	int rc;

	close(p->m);
	rc = unshare(CLONE_NEWNET) ? -errno : 0;
	if (!rc)
		rc = nl_open(&nl);
	if (!rc) {
		rc = link_new(&nl, p->s, PREFIX "0", &sh->ifindex);
		nl_close(&nl);
	}
	sh->rc = rc;
	close(p->s);
	pthread_barrier_wait(&sh->go);
	spin_us(delay_us);
	_exit(0);
}

TEST_F_TIMEOUT(races, hangup_vs_netns_exit, 300)
{
	struct phases ph = { 0 };
	int iters = (self->iters + 1) / 2, wide = self->jitter_us ?: 5000;
	unsigned int seed = self->seed | 1;
	pthread_barrierattr_t ba;
	int modes[3] = { 0 }, i, status, close_us = 0;
	long long t;
	struct ns_shared *sh;
	struct pty p;
	pid_t pid;

	if (_metadata->skip)
		return;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sh);
	pthread_barrierattr_init(&ba);
	pthread_barrierattr_setpshared(&ba, PTHREAD_PROCESS_SHARED);
	ASSERT_EQ(0, pthread_barrier_init(&sh->go, &ba, 2));
	for (i = 0; MORE(i, iters); i++) {
		PROGRESS(i);
		phase_next(&ph);
		/*
		 * 0: together; 1: the hang-up first, the namespace dying
		 * while the link's destroy work is under way; 2: the namespace
		 * first, the hang-up while its links are deleted.
		 */
		int mode = i % 3;
		unsigned int child_us = 0, parent_us = 0;

		if (mode == 0) {
			child_us = rnd_below(&seed, 500);
			parent_us = rnd_below(&seed, 500);
		} else if (mode == 1) {
			child_us = rnd_below(&seed, wide);
		} else {
			parent_us = rnd_below(&seed, wide);
		}
		modes[mode]++;
		ASSERT_EQ(0, pty_open(&p, 0));
		sh->rc = -EINPROGRESS;
		sh->ifindex = 0;
		fflush(NULL);
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0)
			netns_child(sh, &p, child_us);
		phase_end(&ph, 0);
		pthread_barrier_wait(&sh->go);
		spin_us(parent_us);
		t = now_us();
		pty_close(&p);
		/*
		 * One party goes first by up to a few hang-ups' time: the
		 * other then meets its teardown (destroy work, or the
		 * namespace's exit methods) under way.
		 */
		ewma(&close_us, now_us() - t);
		if (!self->jitter_us && 3 * close_us > wide)
			wide = 3 * close_us;
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		phase_end(&ph, 1);
		ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
			TH_LOG("iteration %d: child status 0x%x", i, status);
		ASSERT_EQ(0, sh->rc)
			TH_LOG("iteration %d: LINK_NEW in the new namespace: %s",
			       i, strerror(-sh->rc));
		/* The namespace is gone: only the tty shows the link let go. */
		assert_gone(_metadata, &self->nl, NULL, 0, self->pty_base, 1, i);
	}
	pthread_barrier_destroy(&sh->go);
	munmap(sh, sizeof(*sh));
	phase_next(&ph);
	ph.n--;
	BUDGET_NOTE(i, iters);
	TH_LOG(PHASES_FMT, PHASES_ARGS(ph));
	TH_LOG("%d iterations (%d together, %d hang-up first, %d namespace first), window %d us",
	       i, modes[0], modes[1], modes[2], wide);
	assert_alive(_metadata, &self->nl, self->pty_base);
}

/* ---- many_links_close_at_once ------------------------------------------------ */

#define CLOSERS 4

struct many_race {
	int n;
	struct pty p[RACE_MAX_LINKS];
	int ifindex[RACE_MAX_LINKS];
	int del_rc[RACE_MAX_LINKS];
	int forward;
	int dumps, dump_err;
};

static void many_race_fn(struct race *r, int who)
{
	struct many_race *c = r->ctx;
	long long end;
	int j, k, ret;

	if (who < CLOSERS) {
		for (j = who; j < c->n; j += CLOSERS) {
			spin_us(rnd_below(&r->seed[who], 50));
			close(c->p[j].m);
			close(c->p[j].s);
			c->p[j].m = c->p[j].s = -1;
		}
	} else if (who == CLOSERS) {
		for (k = 0; k < c->n; k++) {
			j = c->forward ? k : c->n - 1 - k;
			c->del_rc[j] = link_del(&r->nl[who], c->ifindex[j]);
		}
	} else {
		/* Dump while they go, until none is left. */
		end = now_us() + GONE_MS * 1000LL;
		do {
			ret = count_links(&r->nl[who], PREFIX);
			c->dumps++;
			if (ret < 0)
				c->dump_err = ret;
		} while (ret != 0 && now_us() < end);
	}
}

TEST_F_TIMEOUT(races, many_links_close_at_once, 300)
{
	struct phases ph = { 0 };
	int rounds = self->iters / 20 ?: 1, i, j, n;
	struct many_race c = { 0 };
	struct tally t = { 0 };
	char name[IFNAMSIZ], buf[128];
	long long dumps = 0;

	if (_metadata->skip)
		return;

	n = env_int("PPPK_RACE_LINKS", 32);
	ASSERT_TRUE(n > 0 && n <= RACE_MAX_LINKS);
	c.n = n;
	ASSERT_EQ(0, race_start(&self->race, CLOSERS + 2, 0, many_race_fn,
				&c, self->seed));
	for (i = 0; MORE(i, rounds); i++) {
		PROGRESS(i);
		phase_next(&ph);
		for (j = 0; j < n; j++) {
			ASSERT_EQ(0, pty_open(&c.p[j], 0));
			snprintf(name, sizeof(name), PREFIX "%d", j);
			ASSERT_EQ(0, link_new(&self->nl, c.p[j].s, name, &c.ifindex[j]))
				TH_LOG("link %d: %s", j, self->nl.err_msg);
		}
		c.forward = i % 2;
		c.dumps = c.dump_err = 0;
		phase_end(&ph, 0);
		race_once(&self->race);
		phase_end(&ph, 1);
		dumps += c.dumps;
		for (j = 0; j < n; j++) {
			tally(&t, c.del_rc[j]);
			EXPECT_TRUE(RC_IN(c.del_rc[j], 0, -ENODEV))
				TH_LOG("round %d link %d: LINK_DEL: %s", i, j,
				       strerror(-c.del_rc[j]));
		}
		EXPECT_EQ(0, c.dump_err)
			TH_LOG("round %d: a dump failed: %s", i, strerror(-c.dump_err));
		for (j = 0; j < n; j++) {
			snprintf(name, sizeof(name), PREFIX "%d", j);
			assert_gone(_metadata, &self->nl, name, c.ifindex[j],
				    self->pty_base, 0, i);
		}
		assert_gone(_metadata, &self->nl, NULL, 0, self->pty_base, n, i);
	}
	phase_next(&ph);
	ph.n--;
	BUDGET_NOTE(i, rounds);
	TH_LOG(PHASES_FMT, PHASES_ARGS(ph));
	TH_LOG("%d rounds of %d links, LINK_DEL answered %s, %lld dumps meanwhile",
	       i, n, tally_str(&t, buf, sizeof(buf)), dumps);
	assert_alive(_metadata, &self->nl, self->pty_base);
}

/* ---- controller_close_vs_frames --------------------------------------------- */

struct ctl_race {
	struct pty p;
	int ifindex;
	struct nl ctl;		/* the controller that goes away */
	int readopt;		/* participant 2 adopts the link meanwhile */
	int window_us;
	int stop;
	const uint8_t *blob;
	size_t blob_len;
	long long written;
	int frames, adopt_rc;
};

static int count_frames(const char *buf, ssize_t n)
{
	const struct nlmsghdr *nlh = (const void *)buf;
	int len = n, c = 0;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

		if (nlh->nlmsg_type >= NLMSG_MIN_TYPE &&
		    g->cmd == PPPK_CMD_FRAME_RECV)
			c++;
	}
	return c;
}

static void ctl_race_fn(struct race *r, int who)
{
	struct ctl_race *c = r->ctx;
	long long end;
	size_t off = 0;
	ssize_t n;

	switch (who) {
	case 0:		/* the controller: reads frames a while, then closes */
		end = now_us() + rnd_below(&r->seed[0], c->window_us + 1);
		while (now_us() < end) {
			n = recv(mnl_socket_get_fd(c->ctl.sock), c->ctl.buf,
				 MNL_SOCKET_BUFFER_SIZE, MSG_DONTWAIT);
			if (n > 0)
				c->frames += count_frames(c->ctl.buf, n);
		}
		nl_close(&c->ctl);
		/* Frames keep coming a little after the release. */
		spin_us(rnd_below(&r->seed[0], 2000));
		__atomic_store_n(&c->stop, 1, __ATOMIC_RELEASE);
		break;
	case 1:		/* the line: frames into the master until told */
		while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
			n = write(c->p.m, c->blob + off, c->blob_len - off);
			if (n > 0) {
				c->written += n;
				off = (off + n) % c->blob_len;
			} else {
				sched_yield();
			}
		}
		break;
	case 2:		/* another controller adopts the link meanwhile */
		if (!c->readopt)
			break;
		spin_us(rnd_below(&r->seed[2], c->window_us + 1));
		c->adopt_rc = link_adopt(&r->nl[2], c->ifindex);
		break;
	}
}

TEST_F_TIMEOUT(races, controller_close_vs_frames, 300)
{
	struct phases ph = { 0 };
	struct ctl_race c = { .window_us = self->jitter_us ?: 3000 };
	long long written = 0, rx_ctrl = 0, dropped = 0, frames = 0;
	int adopt_overrun = 0;
	uint8_t blob[4096], data[64];
	struct link_info li;
	size_t len = 0;
	uint32_t want;
	int i, k;

	if (_metadata->skip)
		return;

	/* Configure-Requests (LCP) and PAP Authenticate-Requests: all go up. */
	for (k = 0; k < 32; k++) {
		uint8_t lcp[] = { 1, k, 0, 10, 5, 6, 0x11, 0x22, 0x33, k };
		uint8_t pap[] = { 1, k, 0, 8, 1, 'a', 1, 'b' };

		memcpy(data, k % 2 ? lcp : pap, k % 2 ? sizeof(lcp) : sizeof(pap));
		len += hdlc_frame(blob + len, k % 2 ? 0xc021 : 0xc023, data,
				  k % 2 ? sizeof(lcp) : sizeof(pap));
	}
	c.blob = blob;
	c.blob_len = len;
	ASSERT_EQ(0, race_start(&self->race, 3, 0, ctl_race_fn, &c, self->seed));
	for (i = 0; MORE(i, self->iters); i++) {
		PROGRESS(i);
		phase_next(&ph);
		ASSERT_EQ(0, pty_open(&c.p, 0));
		fcntl(c.p.m, F_SETFL, O_NONBLOCK);
		ASSERT_EQ(0, nl_open(&c.ctl));
		if (i % 4 < 2) {
			/* The controller is the link's creator... */
			ASSERT_EQ(0, link_new(&c.ctl, c.p.s, PREFIX "0", &c.ifindex))
				TH_LOG("%s", c.ctl.err_msg);
		} else {
			/* ... or adopted it. */
			ASSERT_EQ(0, link_new(&self->nl, c.p.s, PREFIX "0", &c.ifindex))
				TH_LOG("%s", self->nl.err_msg);
			ASSERT_EQ(0, link_adopt(&c.ctl, c.ifindex));
		}
		c.readopt = i % 2;
		c.stop = c.frames = c.adopt_rc = 0;
		c.written = 0;
		drain(&self->race.nl[2]);
		phase_end(&ph, 0);
		race_once(&self->race);
		phase_end(&ph, 1);
		written += c.written;
		frames += c.frames;
		/*
		 * The adopter's socket fills with the frames now unicast to it
		 * before it reads its answer: the answer may be lost to an
		 * overrun (ENOBUFS; seen with the VM's CPUs held off by a
		 * loaded host).  Whether the adoption took, LINK_GET says.
		 */
		if (c.adopt_rc == -ENOBUFS)
			adopt_overrun++;
		else
			EXPECT_EQ(0, c.adopt_rc)
				TH_LOG("iteration %d: adopting: %s", i,
				       strerror(-c.adopt_rc));
		/*
		 * The controller that closed is forgotten; one that adopted
		 * meanwhile stays, whichever came first.
		 */
		ASSERT_EQ(0, link_get(&self->nl, c.ifindex, &li));
		want = c.readopt ? self->race.nl[2].portid : 0;
		EXPECT_EQ(want, li.controller)
			TH_LOG("iteration %d: controller %u, want %u", i,
			       li.controller, want);
		rx_ctrl += li.stats[PPPK_A_STAT_RX_CTRL];
		dropped += li.stats[PPPK_A_STAT_RX_CTRL_DROPPED];
		if (i % 2)
			EXPECT_EQ(0, link_del(&self->nl, c.ifindex));
		pty_close(&c.p);
		assert_gone(_metadata, &self->nl, PREFIX "0", c.ifindex,
			    self->pty_base, 1, i);
	}
	phase_next(&ph);
	ph.n--;
	BUDGET_NOTE(i, self->iters);
	TH_LOG(PHASES_FMT, PHASES_ARGS(ph));
	TH_LOG("%d iterations, %lld octets fed, %lld frames unicast (%lld read by the closing controller), %lld found no controller, %d adoption answers lost to an overrun",
	       i, written, rx_ctrl, frames, dropped, adopt_overrun);
	/* The race was there to be had (a handful of iterations may miss it). */
	ASSERT_LT(0, rx_ctrl) TH_LOG("no frame ever reached a controller");
	if (i >= 20)
		ASSERT_LT(0, dropped) TH_LOG("no frame ever found the controller gone");
	assert_alive(_metadata, &self->nl, self->pty_base);
}

/* ---- hangup_vs_rmmod (its own fixture, last: the family id changes) ------ */

FIXTURE(rmmod) {
	struct nl nl;
	struct race race;
	int iters;
	int pty_base;
	unsigned int seed;
	long long deadline;
	const char *ko;
};

FIXTURE_SETUP(rmmod)
{
	self->ko = getenv("PPPK_KO");
	if (!self->ko || access(self->ko, R_OK))
		SKIP(return, "PPPK_KO does not name pppk.ko: cannot reload it");
	common_setup(_metadata, &self->nl, &self->iters, &self->seed,
		     &self->pty_base, &self->deadline);
}

FIXTURE_TEARDOWN(rmmod)
{
	race_stop(&self->race);
	if (self->nl.sock) {
		kmsg("link_races.%s ends\n", _metadata->name);
		nl_close(&self->nl);
	}
}

#define RMMOD_LINKS 4

struct rmmod_race {
	struct pty p[RMMOD_LINKS];
	/*
	 * Hold the hang-ups off the CPU once one sleeps in the grace period
	 * of the discipline's close(), until rmmod is through.
	 */
	int starve;
	int window_us;
	int closed;		/* every master is closed */
	int caught;		/* a hang-up was seen in its grace period */
	int rc, err, tries;
};

static void rmmod_race_fn(struct race *r, int who)
{
	struct rmmod_race *c = r->ctx;
	long long end;
	int j;

	if (who == 1) {
		sched_idle(c->starve);
		for (j = 0; j < RMMOD_LINKS; j++) {
			spin_us(rnd_below(&r->seed[1], c->window_us / RMMOD_LINKS + 1));
			close(c->p[j].m);
			close(c->p[j].s);
			c->p[j].m = c->p[j].s = -1;
		}
		__atomic_store_n(&c->closed, 1, __ATOMIC_RELEASE);
		sched_idle(0);
		return;
	}
	if (c->starve) {
		c->caught = wait_rcu_sleep(r, 1, &c->closed, 2000);
		noise_begin(r, c->caught ? NOISE_CAP_MS : 0);
	} else {
		spin_us(rnd_below(&r->seed[0], c->window_us + 1));
		noise_begin(r, 0);
	}
	end = now_us() + GONE_MS * 1000LL;
	c->err = 0;
	for (c->tries = 1;; c->tries++) {
		c->rc = syscall(__NR_delete_module, "pppk", O_NONBLOCK);
		if (!c->rc)
			break;
		c->err = errno;
		/* Busy while a tty has the discipline (the core's reference). */
		if ((c->err != EAGAIN && c->err != EBUSY) || now_us() > end)
			break;
		usleep(1000);
	}
	noise_end(r);
}

TEST_F_TIMEOUT(rmmod, hangup_vs_rmmod, 300)
{
	struct phases ph = { 0 };
	int rounds = self->iters / 20 ?: 1, i, j, fd, busy = 0, starved = 0, caught = 0;
	struct rmmod_race c = { .window_us = env_int("PPPK_RACE_JITTER_US", 0) ?: 3000 };
	char name[IFNAMSIZ];

	if (_metadata->skip)
		return;

	ASSERT_EQ(0, race_start(&self->race, 2, 2, rmmod_race_fn, &c, self->seed));
	for (i = 0; MORE(i, rounds); i++) {
		PROGRESS(i);
		phase_next(&ph);
		for (j = 0; j < RMMOD_LINKS; j++) {
			ASSERT_EQ(0, pty_open(&c.p[j], 0));
			snprintf(name, sizeof(name), PREFIX "%d", j);
			ASSERT_EQ(0, link_new(&self->nl, c.p[j].s, name, NULL))
				TH_LOG("%s", self->nl.err_msg);
		}
		/* Every other time the hang-ups are held off the CPU. */
		c.starve = i % 2;
		starved += c.starve;
		c.closed = c.caught = 0;
		phase_end(&ph, 0);
		race_once(&self->race);
		phase_end(&ph, 1);
		caught += c.caught;
		ASSERT_EQ(0, c.rc)
			TH_LOG("round %d: delete_module: %s after %d tries", i,
			       strerror(c.err), c.tries);
		busy += c.tries - 1;
		EXPECT_NE(0, access("/sys/module/pppk", F_OK));
		/* Every link was torn down with the module: ttys let go. */
		ASSERT_TRUE(WAIT_UNTIL(ptys_free(self->pty_base, RMMOD_LINKS), GONE_MS))
			TH_LOG("round %d: a tty is still held after rmmod", i);
		fd = open(self->ko, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, syscall(__NR_finit_module, fd, "", 0))
			TH_LOG("round %d: loading %s again: %s", i, self->ko,
			       strerror(errno));
		close(fd);
		/* A new family id: resolve it again. */
		nl_close(&self->nl);
		ASSERT_EQ(0, nl_open(&self->nl));
		ASSERT_EQ(0, count_links(&self->nl, PREFIX));
	}
	phase_next(&ph);
	ph.n--;
	BUDGET_NOTE(i, rounds);
	TH_LOG(PHASES_FMT, PHASES_ARGS(ph));
	TH_LOG("%d rounds of %d links hung up during rmmod (%d with the hang-ups held off the CPU, %d of them caught in a grace period), %d busy answers",
	       i, RMMOD_LINKS, starved, caught, busy);
	assert_alive(_metadata, &self->nl, self->pty_base);
}

TEST_HARNESS_MAIN
