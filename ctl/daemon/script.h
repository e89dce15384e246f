/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pppd's hook scripts (/etc/ppp/ip-up, ip-down, ipv6-up, ipv6-down) run
 * from the controller's event loop without ever blocking it: each child is
 * watched through a pidfd, reaped when it exits, and killed when it runs
 * longer than the time limit.  A non-zero exit status, a death by signal
 * and a kill at the limit are each reported in one line; a script that is
 * not there (or not executable) is skipped silently, as pppd does.
 *
 * The child gets /dev/null as stdin, stdout and stderr, no other open
 * descriptor, an empty signal mask and default dispositions, "/" as its
 * directory, a session of its own, and exactly the argument vector and
 * environment the caller gives (pppd's).
 */
#ifndef PPPCTL_SCRIPT_H
#define PPPCTL_SCRIPT_H

#include <stdbool.h>
#include <sys/types.h>

#include "loop.h"

#define SCRIPT_LIMIT_MS	60000	/* pppd has none; a stuck script must end */
/*
 * At most this many run at once; the others wait their turn, in order (a
 * link's ip-down never overtakes its ip-up).  A thousand links coming up
 * together must not fork a thousand run-parts at once.
 */
#define SCRIPT_MAX_RUNNING	4

struct script;

struct scripts {
	struct loop *loop;
	struct script *running;
	unsigned int n;			/* children running */
	unsigned int max_running;	/* SCRIPT_MAX_RUNNING */
	struct script *queue, **queue_tail;	/* waiting to start */
	unsigned int queued;
	unsigned int limit_ms;		/* SCRIPT_LIMIT_MS */
	/* One line about how a script ended (never for status 0). */
	void (*say)(void *arg, const char *line);
	void *arg;
	bool quit_when_idle;		/* scripts_wait() is waiting */
};

void scripts_init(struct scripts *s, struct loop *loop,
		  void (*say)(void *arg, const char *line), void *arg);
/*
 * Start @path with @argv (argv[0] is the path) and @envp, NULL-terminated.
 * @label names it in reports ("pppk0 /etc/ppp/ip-up").  Everything is
 * copied: the script may wait its turn (SCRIPT_MAX_RUNNING).  Returns 1
 * when the script was started or queued, 0 when there is no executable
 * file at @path, -ENOMEM (said, too).  A failure to fork is said.
 */
int scripts_run(struct scripts *s, const char *path, char *const argv[],
		char *const envp[], const char *label);
/*
 * Fork @path in a clean process (as described above) with @io_fd as its
 * stdin and stdout and our stderr, or /dev/null for all three when @io_fd
 * is negative.  Returns a pidfd for the child (*@pid), or -errno.
 */
int script_spawn(const char *path, char *const argv[], char *const envp[],
		 int io_fd, pid_t *pid);
/*
 * As scripts_run(), and when it returns 1, @done(@arg) is called once the
 * script has ended (however: status, signal, killed at the limit) or could
 * not start, from the loop, or from this call when fork() fails at once.
 * pppd waits for ip-pre-up this way, without blocking the loop.
 */
int scripts_run_then(struct scripts *s, const char *path, char *const argv[],
		     char *const envp[], const char *label,
		     void (*done)(void *arg), void *arg);
/* @arg is going away: no @done call for it any more (the scripts run on). */
void scripts_forget_arg(struct scripts *s, void *arg);
/* Run the loop until every script has ended (each within its limit). */
void scripts_wait(struct scripts *s);
/* Kill what still runs and forget it. */
void scripts_free(struct scripts *s);

#endif
