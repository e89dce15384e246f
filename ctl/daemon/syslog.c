// SPDX-License-Identifier: GPL-2.0
/* The controller's lines to syslog and standard error: see syslog.h. */
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/stat.h>

#include "syslog.h"

static void emit_syslog(int prio, const char *line)
{
	syslog(prio, "%s", line);
}

void (*log_emit)(int prio, const char *line) = emit_syslog;

int log_line_prio(const char *line, const char **text)
{
	*text = line;
	if (!strncmp(line, "pppctl: ", 8)) {
		*text = line + 8;
		return LOG_NOTICE;
	}
	/* "*Mar  1 00:06:37.054: ..." (IOS) or pppd's format: debug */
	return LOG_DEBUG;
}

static void emit(struct log_tee *t, const char *line)
{
	const char *text;
	int prio = log_line_prio(line, &text);

	if (*text)
		log_emit(prio, text);
	(void)t;
}

void log_tee_write(struct log_tee *t, const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (data[i] == '\n') {
			t->buf[t->len] = '\0';
			emit(t, t->buf);
			t->len = 0;
		} else if (t->len < sizeof(t->buf) - 1) {
			t->buf[t->len++] = data[i];
		}
	}
}

static ssize_t tee_write(void *cookie, const char *data, size_t len)
{
	struct log_tee *t = cookie;
	size_t off = 0;

	log_tee_write(t, data, len);
	while (t->fd >= 0 && off < len) {
		ssize_t n = write(t->fd, data + off, len - off);

		if (n <= 0)
			break;	/* no terminal any more: syslog still has it */
		off += n;
	}
	return len;
}

/* Is our standard error the journal?  systemd says so in JOURNAL_STREAM. */
static int stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long dev, ino;
	struct stat st;

	if (!js || sscanf(js, "%lu:%lu", &dev, &ino) != 2 ||
	    fstat(STDERR_FILENO, &st) < 0)
		return 0;
	return st.st_dev == dev && st.st_ino == ino;
}

int log_to_syslog(void)
{
	static struct log_tee tee;
	cookie_io_functions_t io = { .write = tee_write };
	FILE *f;

	if (stderr_is_journal())
		return 0;
	tee.fd = STDERR_FILENO;
	f = fopencookie(&tee, "w", io);
	if (!f)
		return -1;
	setvbuf(f, NULL, _IOLBF, 0);
	openlog("pppctl", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	fflush(stderr);
	stderr = f;
	return 0;
}
