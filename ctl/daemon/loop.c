// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>

#include "loop.h"

uint64_t loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int loop_init(struct loop *l)
{
	*l = (struct loop){ .epfd = epoll_create1(EPOLL_CLOEXEC) };
	return l->epfd < 0 ? -errno : 0;
}

void loop_free(struct loop *l)
{
	if (l->epfd >= 0)
		close(l->epfd);
	free(l->heap);
	l->heap = NULL;
}

int loop_add(struct loop *l, struct loop_fd *lf, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = lf };

	return epoll_ctl(l->epfd, EPOLL_CTL_ADD, lf->fd, &ev) ? -errno : 0;
}

void loop_del(struct loop *l, struct loop_fd *lf)
{
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, lf->fd, NULL);
}

/* ---- min-heap on ->when ---- */

static void heap_set(struct loop *l, unsigned int i, struct loop_timer *t)
{
	l->heap[i] = t;
	t->slot = i + 1;
}

static void heap_up(struct loop *l, unsigned int i)
{
	struct loop_timer *t = l->heap[i];

	while (i) {
		unsigned int p = (i - 1) / 2;

		if (l->heap[p]->when <= t->when)
			break;
		heap_set(l, i, l->heap[p]);
		i = p;
	}
	heap_set(l, i, t);
}

static void heap_down(struct loop *l, unsigned int i)
{
	struct loop_timer *t = l->heap[i];

	for (;;) {
		unsigned int c = 2 * i + 1;

		if (c >= l->n)
			break;
		if (c + 1 < l->n && l->heap[c + 1]->when < l->heap[c]->when)
			c++;
		if (t->when <= l->heap[c]->when)
			break;
		heap_set(l, i, l->heap[c]);
		i = c;
	}
	heap_set(l, i, t);
}

void loop_timer_stop(struct loop *l, struct loop_timer *t)
{
	unsigned int i;
	struct loop_timer *last;

	if (!t->slot)
		return;
	i = t->slot - 1;
	t->slot = 0;
	last = l->heap[--l->n];
	if (i == l->n)
		return;
	heap_set(l, i, last);
	heap_up(l, i);
	heap_down(l, last->slot - 1);
}

void loop_timer_start(struct loop *l, struct loop_timer *t, unsigned int ms)
{
	loop_timer_stop(l, t);
	if (l->n == l->cap) {
		unsigned int cap = l->cap ? 2 * l->cap : 64;
		struct loop_timer **h = realloc(l->heap, cap * sizeof(*h));

		if (!h)
			abort();	/* out of memory for a timer: nothing sane left */
		l->heap = h;
		l->cap = cap;
	}
	t->when = loop_now() + ms;
	heap_set(l, l->n++, t);
	heap_up(l, l->n - 1);
}

static int next_timeout(struct loop *l)
{
	uint64_t now;

	if (!l->n)
		return -1;
	now = loop_now();
	if (l->heap[0]->when <= now)
		return 0;
	return l->heap[0]->when - now > 60000 ? 60000 : (int)(l->heap[0]->when - now);
}

static void run_timers(struct loop *l)
{
	uint64_t now = loop_now();

	while (l->n && l->heap[0]->when <= now && !l->quit) {
		struct loop_timer *t = l->heap[0];

		loop_timer_stop(l, t);
		t->fn(t);
	}
}

int loop_run(struct loop *l)
{
	struct epoll_event ev[64];
	int n, i;

	while (!l->quit) {
		n = epoll_wait(l->epfd, ev, 64, next_timeout(l));
		if (n < 0 && errno != EINTR)
			return -errno;
		for (i = 0; i < n && !l->quit; i++) {
			struct loop_fd *lf = ev[i].data.ptr;

			lf->fn(lf, ev[i].events);
		}
		run_timers(l);
	}
	return 0;
}
