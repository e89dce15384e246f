// SPDX-License-Identifier: GPL-2.0
/*
 * The controller's table of links at the scale it is built for: 10,000
 * links found by interface index and removed in any order, each in O(1);
 * links opened a window at a time, in order, so that thousands do not
 * retransmit each other into the ground; debug log files shared between
 * the links that name them; a tty given as fd:N refused with one line
 * when the descriptor is not an open tty.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "daemon/conf.h"
#include "daemon/ctld.h"
#include "daemon/plink.h"

/* A controller with its loop but no kernel: enough for the link table. */
static int bare_ctld(struct ctld *d)
{
	memset(d, 0, sizeof(*d));
	d->sigfd = -1;
	d->owner.loop = &d->loop;
	d->owner.kern = &d->kern;
	d->owner.ops = &ctld_plink_ops;
	return loop_init(&d->loop);
}

static struct plink *bare_link(struct ctld *d, uint32_t ifindex)
{
	struct plink *l = calloc(1, sizeof(*l));

	l->owner = &d->owner;
	l->ifindex = ifindex;
	return l;
}

static unsigned int list_len(struct ctld *d)
{
	unsigned int n = 0;

	for (struct plink *l = d->links; l; l = l->next)
		n++;
	return n;
}

TEST(ten_thousand_links_found_and_removed_in_any_order)
{
	enum { N = 10000 };
	uint32_t *idx = calloc(N, sizeof(*idx));
	bool *present = calloc(3 * N + 1, sizeof(*present));
	struct ctld d;
	int i;

	ASSERT_NE(NULL, idx);
	ASSERT_EQ(0, bare_ctld(&d));
	/* Interface indexes as a busy host hands them out: sparse, any order. */
	for (i = 0; i < N; i++)
		idx[i] = 1 + 3 * i + i % 3;
	srand(6);
	for (i = N - 1; i > 0; i--) {
		int j = rand() % (i + 1);
		uint32_t t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
	}
	for (i = 0; i < N; i++) {
		ctld_add(&d, bare_link(&d, idx[i]));
		present[idx[i]] = true;
	}
	ASSERT_EQ((unsigned int)N, d.nlinks);
	ASSERT_EQ((unsigned int)N, list_len(&d));
	for (i = 0; i < N; i++) {
		struct plink *l = ctld_find(&d, idx[i]);

		ASSERT_NE(NULL, l);
		ASSERT_EQ(idx[i], l->ifindex);
	}
	EXPECT_EQ(NULL, ctld_find(&d, 0));
	EXPECT_EQ(NULL, ctld_find(&d, 3 * N + 7));

	/* Remove two thirds at random: from the head, the tail, the middle. */
	for (i = 0; i < 2 * N / 3; i++) {
		struct plink *l = ctld_find(&d, idx[i]);

		ASSERT_NE(NULL, l);
		ctld_remove(&d, l);
		present[idx[i]] = false;
	}
	ASSERT_EQ((unsigned int)(N - 2 * N / 3), d.nlinks);
	ASSERT_EQ(d.nlinks, list_len(&d));
	for (uint32_t k = 0; k <= 3 * N; k++) {
		struct plink *l = ctld_find(&d, k);

		ASSERT_EQ(present[k], l != NULL) TH_LOG("ifindex %u", k);
	}
	/* The list stays whole both ways: every pprev points at its link. */
	for (struct plink **pp = &d.links; *pp; pp = &(*pp)->next)
		ASSERT_EQ(pp, (*pp)->pprev);

	while (d.links)
		ctld_remove(&d, d.links);
	EXPECT_EQ(0u, d.nlinks);
	EXPECT_TRUE(d.loop.quit == false);	/* not a foreground controller */
	loop_free(&d.loop);
	free(idx);
	free(present);
}

TEST(last_link_gone_ends_a_foreground_controller)
{
	struct ctld d;

	ASSERT_EQ(0, bare_ctld(&d));
	d.exit_when_empty = true;
	ctld_add(&d, bare_link(&d, 5));
	ctld_add(&d, bare_link(&d, 9));
	ctld_remove(&d, ctld_find(&d, 5));
	EXPECT_FALSE(d.loop.quit);
	ctld_remove(&d, ctld_find(&d, 9));
	EXPECT_TRUE(d.loop.quit);
	loop_free(&d.loop);
}

TEST(links_naming_one_log_file_share_it)
{
	char path[] = "/tmp/pppk-ctld-log-XXXXXX", other[] = "/tmp/pppk-ctld-log-XXXXXX";
	struct ctld d;
	FILE *a, *b, *c;
	char buf[256] = "";
	int fd;

	ASSERT_EQ(0, bare_ctld(&d));
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	close(fd);
	fd = mkstemp(other);
	ASSERT_LE(0, fd);
	close(fd);

	a = ctld_log_open(&d, path);
	b = ctld_log_open(&d, path);
	c = ctld_log_open(&d, other);
	ASSERT_NE(NULL, a);
	EXPECT_EQ(a, b);		/* one FILE, one descriptor */
	EXPECT_NE(a, c);
	fputs("first\n", a);
	ctld_log_close(&d, a);
	/* Still open for the second link, and line-buffered. */
	fputs("second\n", b);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(13, read(fd, buf, sizeof(buf) - 1));
	close(fd);
	EXPECT_STREQ("first\nsecond\n", buf);
	ctld_log_close(&d, b);
	EXPECT_NE(NULL, d.logs);	/* other's entry */
	ctld_log_close(&d, c);
	EXPECT_EQ(NULL, d.logs);

	errno = 0;
	EXPECT_EQ(NULL, ctld_log_open(&d, "/nonexistent-dir/pppk.log"));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(NULL, d.logs);
	unlink(path);
	unlink(other);
	loop_free(&d.loop);
}

static struct plink *opened[512];
static unsigned int nopened, quit_at;
static struct ctld *cur;

static void record_open(struct plink *l)
{
	opened[nopened++] = l;
	if (nopened == quit_at)
		loop_quit(&cur->loop);
}

static void guard_fired(struct loop_timer *t)
{
	(void)t;
	loop_quit(&cur->loop);
}

/* Run the loop until @n links in all were opened, or @ms passed. */
static void run_until_opened(struct ctld *d, unsigned int n, unsigned int ms)
{
	struct loop_timer guard = { .fn = guard_fired };

	quit_at = n;
	d->loop.quit = false;
	if (nopened >= n)
		return;
	loop_timer_start(&d->loop, &guard, ms);
	loop_run(&d->loop);
	loop_timer_stop(&d->loop, &guard);
}

TEST(links_open_a_window_at_a_time_in_order)
{
	enum { N = 200 };
	struct link_conf active, listening;
	struct plink *l[N], *ls;
	struct ctld d;
	int i;

	ASSERT_EQ(0, bare_ctld(&d));
	cur = &d;
	nopened = 0;
	d.open_link = record_open;
	conf_defaults(&active);
	conf_defaults(&listening);
	listening.silent = true;
	for (i = 0; i < N; i++) {
		l[i] = bare_link(&d, i + 1);
		l[i]->conf = &active;
		l[i]->lcp.fsm.restart_ms = 60000;
		ctld_add(&d, l[i]);
		ctld_open(&d, l[i]);
	}
	ASSERT_EQ((unsigned int)CTLD_OPENING, nopened);
	EXPECT_EQ((unsigned int)CTLD_OPENING, d.opening);
	for (i = 0; i < CTLD_OPENING; i++)
		ASSERT_EQ(l[i], opened[i]);

	/* A link that only listens takes no slot and does not wait. */
	ls = bare_link(&d, 1000);
	ls->conf = &listening;
	ctld_add(&d, ls);
	ctld_open(&d, ls);
	ASSERT_EQ((unsigned int)CTLD_OPENING + 1, nopened);
	EXPECT_EQ(ls, opened[CTLD_OPENING]);
	EXPECT_EQ((unsigned int)CTLD_OPENING, d.opening);

	/* Ten settle (up or ended): ten more open, from the loop, in order. */
	for (i = 0; i < 10; i++)
		ctld_settled(&d, l[i]);
	ctld_settled(&d, l[0]);		/* twice: one slot all the same */
	EXPECT_EQ((unsigned int)CTLD_OPENING - 10, d.opening);
	EXPECT_EQ((unsigned int)CTLD_OPENING + 1, nopened);
	run_until_opened(&d, CTLD_OPENING + 11, 2000);
	ASSERT_EQ((unsigned int)CTLD_OPENING + 11, nopened);
	for (i = 0; i < 10; i++)
		EXPECT_EQ(l[CTLD_OPENING + i], opened[CTLD_OPENING + 1 + i]);
	EXPECT_EQ((unsigned int)CTLD_OPENING, d.opening);

	/* A waiting link that goes away leaves the queue; the next one moves up. */
	ctld_remove(&d, l[CTLD_OPENING + 10]);
	ctld_settled(&d, l[10]);
	run_until_opened(&d, CTLD_OPENING + 12, 2000);
	ASSERT_EQ((unsigned int)CTLD_OPENING + 12, nopened);
	EXPECT_EQ(l[CTLD_OPENING + 11], opened[CTLD_OPENING + 11]);

	/* Stopping: nothing more opens. */
	d.stopping = true;
	ctld_settled(&d, l[11]);
	run_until_opened(&d, CTLD_OPENING + 13, 100);
	EXPECT_EQ((unsigned int)CTLD_OPENING + 12, nopened);

	while (d.links)
		ctld_remove(&d, d.links);
	EXPECT_EQ(0u, d.opening);
	EXPECT_EQ(NULL, d.pend_head);
	loop_free(&d.loop);
}

TEST(a_slow_link_gives_its_slot_up_after_one_restart_interval)
{
	struct link_conf c;
	struct plink *l[4];
	struct ctld d;
	uint64_t t0;
	int i;

	ASSERT_EQ(0, bare_ctld(&d));
	cur = &d;
	nopened = 0;
	d.open_link = record_open;
	d.opening_max = 2;
	conf_defaults(&c);
	for (i = 0; i < 4; i++) {
		l[i] = bare_link(&d, i + 1);
		l[i]->conf = &c;
		l[i]->lcp.fsm.restart_ms = 50;
		ctld_add(&d, l[i]);
		ctld_open(&d, l[i]);
	}
	ASSERT_EQ(2u, nopened);
	t0 = loop_now();
	run_until_opened(&d, 4, 2000);
	ASSERT_EQ(4u, nopened);
	EXPECT_LE(50u, (unsigned int)(loop_now() - t0));
	EXPECT_EQ(l[2], opened[2]);
	EXPECT_EQ(l[3], opened[3]);
	while (d.links)
		ctld_remove(&d, d.links);
	EXPECT_EQ(0u, d.opening);
	loop_free(&d.loop);
}

/* plink_new() refuses a bad fd:N before it asks the kernel for anything. */
TEST(fd_tty_must_be_an_open_tty)
{
	struct link_conf c;
	struct ctld d;
	char err[256], word[32];
	char *argv[1] = { word };
	int p[2];

	ASSERT_EQ(0, bare_ctld(&d));
	ASSERT_EQ(0, pipe(p));

	conf_defaults(&c);
	snprintf(word, sizeof(word), "fd:%d", p[0]);
	ASSERT_EQ(0, conf_parse_words(&c, 1, argv, true, err, sizeof(err)));
	EXPECT_EQ(NULL, plink_new(&d.owner, &c, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, word)) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "not a tty")) TH_LOG("%s", err);
	/* Refused: the descriptor is left as it was. */
	EXPECT_LE(0, fcntl(p[0], F_GETFD));

	close(p[0]);
	close(p[1]);
	EXPECT_EQ(NULL, plink_new(&d.owner, &c, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, word)) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "no such open descriptor")) TH_LOG("%s", err);
	EXPECT_EQ(0u, d.nlinks);
	loop_free(&d.loop);
}

TEST_HARNESS_MAIN
