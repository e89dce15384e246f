// SPDX-License-Identifier: GPL-2.0
/* A tty's life around its links (chat scripts, persist): see dial.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>

#include "dial.h"
#include "plink.h"
#include "script.h"
#include "ttylock.h"

#define container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

static bool needs_steps(const struct link_conf *c)
{
	return c->init || c->connect || c->disconnect || c->persist;
}

static void close_tty(struct dial *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

static void attempt(struct dial *d);
static void next_attempt(struct dial *d);

/*
 * This attempt is over: the line hung up (closed), maybe another.  A link
 * reports its own failures; a failure before there was one is ours to.
 */
static void attempt_over(struct dial *d, bool failed)
{
	const struct link_conf *c = d->conf;

	close_tty(d);
	if (failed && d->state != DIAL_LINK && d->state != DIAL_DISCONNECT)
		d->owner->ops->failed(d->owner, NULL);
	d->state = DIAL_IDLE;
	if (failed) {
		d->fails++;
	} else {
		d->fails = 0;
	}
	if (!c->persist || d->stop || conf_tty_fd(c->tty) >= 0) {
		d->stop = true;
	} else if (c->maxfail && d->fails >= c->maxfail) {
		fprintf(stderr, "pppctl: %s: %u failed attempts in a row (maxfail %u): giving up\n",
			c->tty, d->fails, c->maxfail);
		d->stop = true;
	}
	if (d->stop) {
		d->state = DIAL_DONE;
		tty_unlock(d->lockpath);
		d->lockpath[0] = '\0';
		d->owner->ops->dial_over(d->owner, d);
		return;
	}
	next_attempt(d);
}

static void timer_fired(struct loop_timer *t);

static void next_attempt(struct dial *d)
{
	/* pppd: no holdoff after a link that ended for being idle */
	unsigned int s = d->idled ? 0 : d->conf->holdoff;

	if (s)
		fprintf(stderr, "pppctl: %s: redialling in %u s (holdoff)\n",
			d->conf->tty, s);
	d->timer.fn = timer_fired;
	loop_timer_start(d->owner->loop, &d->timer, s * 1000);
}

/* ---- the init, connect and disconnect scripts ---- */

static void script_ended(struct loop_fd *lf, uint32_t events);

/* /bin/sh -c @cmd with the tty as stdin and stdout, as pppd runs them. */
static int run_script(struct dial *d, const char *what, const char *cmd)
{
	char dev[300], speed[32];
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };
	char *envp[] = {
		"PATH=/usr/local/sbin:/usr/sbin:/usr/local/bin:/usr/bin:/sbin:/bin",
		dev, speed, NULL
	};
	int pfd;

	snprintf(dev, sizeof(dev), "DEVICE=%s", d->conf->tty);
	snprintf(speed, sizeof(speed), "SPEED=%u", d->conf->speed);
	fflush(stderr);
	pfd = script_spawn("/bin/sh", argv, envp, d->fd, &d->pid);
	if (pfd < 0) {
		errno = -pfd;
		fprintf(stderr, "pppctl: %s: %s script: cannot start: %s\n",
			d->conf->tty, what, strerror(errno));
		return -1;
	}
	d->child.fd = pfd;
	d->child.fn = script_ended;
	if (loop_add(d->owner->loop, &d->child, EPOLLIN) < 0) {
		fprintf(stderr, "pppctl: %s: %s script: cannot watch it: %s\n",
			d->conf->tty, what, strerror(errno));
		kill(d->pid, SIGKILL);
		waitpid(d->pid, NULL, 0);
		close(pfd);
		d->pid = 0;
		return -1;
	}
	return 0;
}

static void link_now(struct dial *d);

static const char *script_name(enum dial_state s)
{
	return s == DIAL_INIT ? "init" : s == DIAL_CONNECT ? "connect" :
	       "disconnect";
}

static void script_ended(struct loop_fd *lf, uint32_t events)
{
	struct dial *d = container_of(lf, struct dial, child);
	const char *what = script_name(d->state);
	char why[64];
	int st;

	(void)events;
	if (waitpid(d->pid, &st, WNOHANG) == 0)
		return;
	loop_del(d->owner->loop, &d->child);
	close(d->child.fd);
	d->child.fd = -1;
	d->pid = 0;
	why[0] = '\0';
	if (WIFEXITED(st) && WEXITSTATUS(st))
		snprintf(why, sizeof(why), "exited with status %d",
			 WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(why, sizeof(why), "killed by signal %d",
			 WTERMSIG(st));
	if (d->state == DIAL_DISCONNECT) {
		if (why[0])
			fprintf(stderr, "pppctl: %s: disconnect script %s\n",
				d->conf->tty, why);
		attempt_over(d, d->failed);
		return;
	}
	if (why[0] || d->stop) {
		if (!d->stop)
			fprintf(stderr, "pppctl: %s: %s script failed (%s)\n",
				d->conf->tty, what, why);
		attempt_over(d, !d->stop);
		return;
	}
	if (d->state == DIAL_INIT && d->conf->connect) {
		d->state = DIAL_CONNECT;
		if (run_script(d, "connect", d->conf->connect) < 0)
			attempt_over(d, true);
		return;
	}
	if (d->conf->connect)
		fprintf(stderr, "pppctl: %s: connected\n", d->conf->tty);
	link_now(d);
}

/* ---- the link ---- */

static void open_link(struct dial *d)
{
	d->state = DIAL_LINK;
	loop_timer_stop(d->owner->loop, &d->timer);
	d->owner->ops->open(d->owner, d->link);
}

/* Hand the line to a new kernel link. */
static void link_now(struct dial *d)
{
	struct plink *l;
	char err[512];

	l = plink_new_on(d->owner, d->conf, d->fd, err, sizeof(err));
	if (!l) {
		fprintf(stderr, "pppctl: %s\n", err);
		attempt_over(d, true);
		return;
	}
	l->dial = d;
	d->link = l;
	snprintf(d->ifname, sizeof(d->ifname), "%s", l->ifname);
	d->ifname_known = true;
	fprintf(stderr, "pppctl: %s on %s\n", l->ifname, d->conf->tty);
	/* The kernel holds the tty now; ours only serves the disconnect script. */
	if (!d->conf->disconnect)
		close_tty(d);
	if (d->conf->connect && d->conf->connect_delay) {
		/* pppd: wait for the peer's first frame, at most this long */
		d->state = DIAL_DELAY;
		d->timer.fn = timer_fired;
		loop_timer_start(d->owner->loop, &d->timer,
				 d->conf->connect_delay);
		return;
	}
	open_link(d);
}

void dial_peer_spoke(struct dial *d)
{
	if (d->state == DIAL_DELAY && d->link)
		open_link(d);
}

static void timer_fired(struct loop_timer *t)
{
	struct dial *d = container_of(t, struct dial, timer);

	if (d->state == DIAL_DELAY)
		open_link(d);
	else if (d->state == DIAL_IDLE && !d->stop)
		attempt(d);
}

/* One attempt: lock (once), open, init, connect, link. */
static void attempt(struct dial *d)
{
	const struct link_conf *c = d->conf;
	char err[512];
	int disc;

	d->attempts++;
	d->failed = false;
	d->idled = false;
	if (c->lock && !d->lockpath[0] && conf_tty_fd(c->tty) < 0) {
		const char *dir = getenv("PPPCTL_LOCK_DIR");

		if (tty_lock(c->tty, dir && dir[0] ? dir : NULL, d->lockpath,
			     sizeof(d->lockpath), err, sizeof(err)) < 0) {
			fprintf(stderr, "pppctl: %s\n", err);
			d->lockpath[0] = '\0';
			attempt_over(d, true);
			return;
		}
	}
	d->fd = plink_tty_open(c, err, sizeof(err));
	if (d->fd < 0) {
		fprintf(stderr, "pppctl: %s\n", err);
		attempt_over(d, true);
		return;
	}
	/*
	 * Scripts talk to the line in the normal discipline: a tty someone
	 * else held open across our last link may still have pppk's.
	 */
	if ((c->init || c->connect) && ioctl(d->fd, TIOCGETD, &disc) == 0 &&
	    disc != N_TTY) {
		disc = N_TTY;
		ioctl(d->fd, TIOCSETD, &disc);
	}
	/* as pppd: nothing left over from the last call reaches chat */
	if (c->init || c->connect)
		tcflush(d->fd, TCIOFLUSH);
	if (c->init) {
		d->state = DIAL_INIT;
		if (run_script(d, "init", c->init) < 0)
			attempt_over(d, true);
		return;
	}
	if (c->connect) {
		d->state = DIAL_CONNECT;
		if (run_script(d, "connect", c->connect) < 0)
			attempt_over(d, true);
		return;
	}
	link_now(d);
}

int dial_start(struct dial *d, struct plink_owner *o,
	       const struct link_conf *conf, char *err, size_t errlen)
{
	struct plink *l;

	memset(d, 0, sizeof(*d));
	d->owner = o;
	d->conf = conf;
	d->fd = -1;
	d->child.fd = -1;
	d->timer.fn = timer_fired;
	if (needs_steps(conf)) {
		attempt(d);
		return 0;
	}
	/* Straight to the link, and any failure is the caller's to say. */
	d->stop = true;
	d->straight = true;
	l = plink_new(o, conf, err, errlen);
	if (!l) {
		d->state = DIAL_DONE;
		return -1;
	}
	l->dial = d;
	d->link = l;
	snprintf(d->ifname, sizeof(d->ifname), "%s", l->ifname);
	d->ifname_known = true;
	d->state = DIAL_LINK;
	return 0;
}

void dial_link_ended(struct dial *d, struct plink *l)
{
	if (d->link != l)
		return;
	d->link = NULL;
	l->dial = NULL;
	loop_timer_stop(d->owner->loop, &d->timer);
	/* pppd: an attempt that never reached the network phase failed */
	d->failed = !l->ncp_was_up;
	d->idled = l->idled;
	d->state = DIAL_LINK;
	if (d->conf->disconnect && d->fd >= 0 && !l->hung_up && !d->quitting) {
		int disc = N_TTY;

		/* The line is ours again, as chat expects it. */
		ioctl(d->fd, TIOCSETD, &disc);
		d->state = DIAL_DISCONNECT;
		if (run_script(d, "disconnect", d->conf->disconnect) == 0)
			return;
	}
	attempt_over(d, d->failed);
}

void dial_stop(struct dial *d)
{
	d->stop = true;
	if (d->pid)
		kill(d->pid, SIGTERM);	/* chat ends; script_ended follows */
	if (d->state == DIAL_IDLE) {
		loop_timer_stop(d->owner->loop, &d->timer);
		d->state = DIAL_DONE;
		tty_unlock(d->lockpath);
		d->lockpath[0] = '\0';
		d->owner->ops->dial_over(d->owner, d);
	}
}

bool dial_done(const struct dial *d)
{
	return d->state == DIAL_DONE;
}

void dial_free(struct dial *d)
{
	if (d->pid) {
		kill(d->pid, SIGKILL);
		waitpid(d->pid, NULL, 0);
		d->pid = 0;
	}
	if (d->child.fd >= 0) {
		loop_del(d->owner->loop, &d->child);
		close(d->child.fd);
		d->child.fd = -1;
	}
	loop_timer_stop(d->owner->loop, &d->timer);
	close_tty(d);
	tty_unlock(d->lockpath);
	d->lockpath[0] = '\0';
}
