// SPDX-License-Identifier: GPL-2.0
/* Hook scripts run from the event loop: see script.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "script.h"

struct script {
	struct script *next;
	struct scripts *owner;
	pid_t pid;
	struct loop_fd lfd;		/* the child's pidfd */
	struct loop_timer limit;
	bool killed;
	void (*done)(void *arg);	/* scripts_run_then() */
	void *arg;
	char label[560];
	/* Waiting to start: its own copy of path, argv and envp. */
	char **argv, **envp;
	char *strings;
};

#define container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

static void say(struct scripts *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(struct scripts *s, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!s->say)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	s->say(s->arg, line);
}

void scripts_init(struct scripts *s, struct loop *loop,
		  void (*fn)(void *arg, const char *line), void *arg)
{
	memset(s, 0, sizeof(*s));
	s->loop = loop;
	s->limit_ms = SCRIPT_LIMIT_MS;
	s->max_running = SCRIPT_MAX_RUNNING;
	s->queue_tail = &s->queue;
	s->say = fn;
	s->arg = arg;
}

static void pump(struct scripts *s);

/* A queued script's own copy of its vectors, no longer needed. */
static void drop_vectors(struct script *c)
{
	free(c->argv);
	free(c->envp);
	free(c->strings);
	c->argv = c->envp = NULL;
	c->strings = NULL;
}

static void drop(struct script *c)
{
	drop_vectors(c);
	free(c);
}

/* Tell the waiting caller, once; c may be gone. */
static void call_done(void (*done)(void *), void *arg)
{
	if (done)
		done(arg);
}

static void forget(struct script *c)
{
	struct scripts *s = c->owner;
	struct script **p;

	for (p = &s->running; *p; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	loop_del(s->loop, &c->lfd);
	loop_timer_stop(s->loop, &c->limit);
	close(c->lfd.fd);
	s->n--;
	free(c);
	pump(s);
	if (!s->n && !s->queue && s->quit_when_idle)
		loop_quit(s->loop);
}

static void exited(struct loop_fd *lf, uint32_t events)
{
	struct script *c = container_of(lf, struct script, lfd);
	struct scripts *s = c->owner;
	void (*done)(void *);
	void *arg;
	int st;

	(void)events;
	if (waitpid(c->pid, &st, WNOHANG) == 0)
		return;		/* not yet: the pidfd woke us early */
	if (c->killed)
		say(s, "%s: still running after %u s: killed", c->label,
		    s->limit_ms / 1000);
	else if (WIFEXITED(st) && WEXITSTATUS(st))
		say(s, "%s: exited with status %d", c->label,
		    WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		say(s, "%s: killed by signal %d", c->label, WTERMSIG(st));
	done = c->done;
	arg = c->arg;
	forget(c);
	call_done(done, arg);
}

static void too_long(struct loop_timer *t)
{
	struct script *c = container_of(t, struct script, limit);

	c->killed = true;
	kill(c->pid, SIGKILL);	/* the pidfd then says it ended */
}

/*
 * In the child: a clean process for the script, then exec it.  @io_fd,
 * when not negative, is its stdin and stdout (a tty for chat) and stderr
 * stays ours; otherwise all three are /dev/null.
 */
static void child(const char *path, char *const argv[], char *const envp[],
		  int io_fd)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;
	int fd, sig;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		_exit(126);
	if (io_fd >= 0) {
		/* dup2 clears FD_CLOEXEC on the copies */
		if (dup2(io_fd, 0) < 0 || dup2(io_fd, 1) < 0)
			_exit(126);
		fcntl(0, F_SETFL, fcntl(0, F_GETFL) & ~O_NONBLOCK);
	} else {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	if (syscall(SYS_close_range, 3, ~0U, 0) < 0)
		for (fd = 3; fd < 1024; fd++)
			close(fd);
	setsid();
	if (chdir("/") < 0)
		_exit(126);
	execve(path, argv, envp);
	_exit(127);
}

int script_spawn(const char *path, char *const argv[], char *const envp[],
		 int io_fd, pid_t *pid)
{
	int pfd, err;

	*pid = fork();
	if (*pid < 0)
		return -errno;
	if (*pid == 0)
		child(path, argv, envp, io_fd);
	pfd = (int)syscall(SYS_pidfd_open, *pid, 0);
	if (pfd < 0) {
		err = -errno;
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
		*pid = 0;
		return err;
	}
	return pfd;
}

/* Start a queued script now.  0, or -errno (said, and c freed). */
static int start(struct script *c)
{
	struct scripts *s = c->owner;
	void (*done)(void *) = c->done;
	void *arg = c->arg;
	int err;

	c->pid = fork();
	if (c->pid < 0) {
		err = -errno;
		say(s, "%s: cannot start: %s", c->label, strerror(-err));
		drop(c);
		call_done(done, arg);
		return err;
	}
	if (c->pid == 0)
		child(c->argv[0], c->argv, c->envp, -1);
	drop_vectors(c);
	c->lfd.fd = (int)syscall(SYS_pidfd_open, c->pid, 0);
	if (c->lfd.fd < 0 || loop_add(s->loop, &c->lfd, EPOLLIN) < 0) {
		/* Cannot watch it: wait for it here rather than lose it. */
		err = -errno;
		if (c->lfd.fd >= 0)
			close(c->lfd.fd);
		say(s, "%s: cannot watch the script (%s): waiting for it",
		    c->label, strerror(-err));
		waitpid(c->pid, NULL, 0);
		free(c);
		call_done(done, arg);
		return 0;
	}
	loop_timer_start(s->loop, &c->limit, s->limit_ms);
	c->next = s->running;
	s->running = c;
	s->n++;
	return 0;
}

/* Start queued scripts, oldest first, while fewer than max run. */
static void pump(struct scripts *s)
{
	while (s->queue && s->n < s->max_running) {
		struct script *c = s->queue;

		s->queue = c->next;
		if (!s->queue)
			s->queue_tail = &s->queue;
		s->queued--;
		c->next = NULL;
		start(c);
	}
}

/* NULL-terminated vectors copied into one buffer c->strings. */
static int copy_vectors(struct script *c, const char *path,
			char *const argv[], char *const envp[])
{
	size_t na = 0, ne = 0, len = strlen(path) + 1, i;
	char *p;

	while (argv[na])
		na++;
	while (envp[ne])
		ne++;
	for (i = 1; i < na; i++)
		len += strlen(argv[i]) + 1;
	for (i = 0; i < ne; i++)
		len += strlen(envp[i]) + 1;
	c->argv = calloc((na ? na : 1) + 1, sizeof(char *));
	c->envp = calloc(ne + 1, sizeof(char *));
	c->strings = malloc(len);
	if (!c->argv || !c->envp || !c->strings)
		return -ENOMEM;
	p = c->strings;
	c->argv[0] = strcpy(p, path);
	p += strlen(path) + 1;
	for (i = 1; i < na; i++) {
		c->argv[i] = strcpy(p, argv[i]);
		p += strlen(argv[i]) + 1;
	}
	for (i = 0; i < ne; i++) {
		c->envp[i] = strcpy(p, envp[i]);
		p += strlen(envp[i]) + 1;
	}
	return 0;
}

int scripts_run(struct scripts *s, const char *path, char *const argv[],
		char *const envp[], const char *label)
{
	return scripts_run_then(s, path, argv, envp, label, NULL, NULL);
}

void scripts_forget_arg(struct scripts *s, void *arg)
{
	struct script *c;

	for (c = s->running; c; c = c->next)
		if (c->arg == arg)
			c->done = NULL;
	for (c = s->queue; c; c = c->next)
		if (c->arg == arg)
			c->done = NULL;
}

int scripts_run_then(struct scripts *s, const char *path, char *const argv[],
		     char *const envp[], const char *label,
		     void (*done)(void *arg), void *arg)
{
	struct script *c;
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    access(path, X_OK) < 0)
		return 0;
	c = calloc(1, sizeof(*c));
	if (!c || copy_vectors(c, path, argv, envp) < 0) {
		say(s, "%s: cannot start: out of memory", label);
		if (c)
			drop(c);
		return -ENOMEM;
	}
	c->owner = s;
	c->done = done;
	c->arg = arg;
	snprintf(c->label, sizeof(c->label), "%s", label);
	c->limit.fn = too_long;
	c->lfd.fn = exited;
	/* In order: a link's ip-down never overtakes its ip-up. */
	*s->queue_tail = c;
	s->queue_tail = &c->next;
	s->queued++;
	pump(s);
	return 1;
}

void scripts_wait(struct scripts *s)
{
	if (!s->n && !s->queue)
		return;
	s->quit_when_idle = true;
	s->loop->quit = false;
	loop_run(s->loop);
	s->quit_when_idle = false;
}

void scripts_free(struct scripts *s)
{
	while (s->queue) {
		struct script *c = s->queue;

		s->queue = c->next;
		drop(c);
	}
	s->queue_tail = &s->queue;
	s->queued = 0;
	while (s->running) {
		struct script *c = s->running;

		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		forget(c);
	}
}
