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
	char label[560];
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
	s->say = fn;
	s->arg = arg;
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
	if (!s->n && s->quit_when_idle)
		loop_quit(s->loop);
}

static void exited(struct loop_fd *lf, uint32_t events)
{
	struct script *c = container_of(lf, struct script, lfd);
	struct scripts *s = c->owner;
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
	forget(c);
}

static void too_long(struct loop_timer *t)
{
	struct script *c = container_of(t, struct script, limit);

	c->killed = true;
	kill(c->pid, SIGKILL);	/* the pidfd then says it ended */
}

/* In the child: a clean process for the script, then exec it. */
static void child(const char *path, char *const argv[], char *const envp[])
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
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (syscall(SYS_close_range, 3, ~0U, 0) < 0)
		for (fd = 3; fd < 1024; fd++)
			close(fd);
	setsid();
	if (chdir("/") < 0)
		_exit(126);
	execve(path, argv, envp);
	_exit(127);
}

int scripts_run(struct scripts *s, const char *path, char *const argv[],
		char *const envp[], const char *label)
{
	struct script *c;
	struct stat st;
	int err;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    access(path, X_OK) < 0)
		return 0;
	c = calloc(1, sizeof(*c));
	if (!c) {
		say(s, "%s: cannot start: out of memory", label);
		return -ENOMEM;
	}
	c->owner = s;
	snprintf(c->label, sizeof(c->label), "%s", label);
	c->limit.fn = too_long;
	c->lfd.fn = exited;
	c->pid = fork();
	if (c->pid < 0) {
		err = -errno;
		say(s, "%s: cannot start: %s", label, strerror(-err));
		free(c);
		return err;
	}
	if (c->pid == 0)
		child(path, argv, envp);
	c->lfd.fd = (int)syscall(SYS_pidfd_open, c->pid, 0);
	if (c->lfd.fd < 0 || loop_add(s->loop, &c->lfd, EPOLLIN) < 0) {
		/* Cannot watch it: wait for it here rather than lose it. */
		err = -errno;
		if (c->lfd.fd >= 0)
			close(c->lfd.fd);
		say(s, "%s: cannot watch the script (%s): waiting for it",
		    label, strerror(-err));
		waitpid(c->pid, NULL, 0);
		free(c);
		return 1;
	}
	loop_timer_start(s->loop, &c->limit, s->limit_ms);
	c->next = s->running;
	s->running = c;
	s->n++;
	return 1;
}

void scripts_wait(struct scripts *s)
{
	if (!s->n)
		return;
	s->quit_when_idle = true;
	s->loop->quit = false;
	loop_run(s->loop);
	s->quit_when_idle = false;
}

void scripts_free(struct scripts *s)
{
	while (s->running) {
		struct script *c = s->running;

		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		forget(c);
	}
}
