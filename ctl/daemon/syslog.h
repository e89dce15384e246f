/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The controller's lines go to syslog as pppd's do (facility daemon, ident
 * "pppctl", with the pid), and to standard error while there is one: every
 * fprintf(stderr) of the controller, its debug lines included, unchanged.
 * Our own report lines ("pppctl: ...") are notices, without the prefix the
 * ident already gives; debug lines are LOG_DEBUG.  When standard error is
 * already the journal (systemd's JOURNAL_STREAM names it), syslog is left
 * out: the journal would hold every line twice.
 */
#ifndef PPPCTL_SYSLOG_H
#define PPPCTL_SYSLOG_H

#include <stddef.h>
#include <stdio.h>

/* Where whole lines go: syslog(3) unless a test says otherwise. */
extern void (*log_emit)(int prio, const char *line);

/* Make stderr the tee (once, before any link exists).  0, or -1. */
int log_to_syslog(void);
/* The tee's write: complete lines are emitted, the rest kept. */
struct log_tee {
	int fd;			/* the real standard error, or -1 */
	size_t len;
	char buf[1024];
};
void log_tee_write(struct log_tee *t, const char *data, size_t len);
/* The priority of one of our lines, and where its text starts. */
int log_line_prio(const char *line, const char **text);

#endif
