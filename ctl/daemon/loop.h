/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The controller's one event loop: epoll for file descriptors, a binary
 * heap of one-shot millisecond timers for everything else.  No threads; a
 * timer is a few words inside the object that owns it, so 10,000 links cost
 * nothing until their timers run.
 */
#ifndef PPPCTL_LOOP_H
#define PPPCTL_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct loop_timer {
	uint64_t when;		/* CLOCK_MONOTONIC ms */
	unsigned int slot;	/* heap index + 1, 0 when not armed */
	void (*fn)(struct loop_timer *t);
};

struct loop_fd {
	int fd;
	void (*fn)(struct loop_fd *lf, uint32_t events);
};

struct loop {
	int epfd;
	bool quit;
	struct loop_timer **heap;
	unsigned int n, cap;
};

int loop_init(struct loop *l);
void loop_free(struct loop *l);
/* Watch @lf->fd for @events (EPOLLIN...); @lf must outlive the watch. */
int loop_add(struct loop *l, struct loop_fd *lf, uint32_t events);
void loop_del(struct loop *l, struct loop_fd *lf);
/* (Re)arm @t to fire once in @ms milliseconds. */
void loop_timer_start(struct loop *l, struct loop_timer *t, unsigned int ms);
void loop_timer_stop(struct loop *l, struct loop_timer *t);
static inline bool loop_timer_armed(const struct loop_timer *t)
{
	return t->slot != 0;
}
uint64_t loop_now(void);
/* Run until loop_quit(); returns 0, or -errno if epoll fails. */
int loop_run(struct loop *l);
static inline void loop_quit(struct loop *l)
{
	l->quit = true;
}

#endif
