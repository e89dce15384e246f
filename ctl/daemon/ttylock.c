// SPDX-License-Identifier: GPL-2.0
/* UUCP lock files: see ttylock.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ttylock.h"

/* The process id a lock file names, or 0 when it names none. */
static pid_t lock_owner(const char *lock)
{
	char buf[32];
	ssize_t n;
	long pid;
	int fd = open(lock, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	pid = strtol(buf, NULL, 10);
	return pid > 0 && pid < 1L << 22 ? (pid_t)pid : 0;
}

int tty_lock(const char *tty, const char *dir, char *lock, size_t locklen,
	     char *err, size_t errlen)
{
	const char *base = strrchr(tty, '/');
	char line[16];
	int fd, tries;
	pid_t owner;

	base = base ? base + 1 : tty;
	if (!base[0] || (size_t)snprintf(lock, locklen, "%s/LCK..%s",
					  dir ? dir : TTYLOCK_DIR, base) >= locklen) {
		snprintf(err, errlen, "%s: cannot name its lock file", tty);
		return -1;
	}
	for (tries = 0; tries < 2; tries++) {
		fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0)
			break;
		if (errno != EEXIST) {
			snprintf(err, errlen, "cannot create the lock file %s: %s",
				 lock, strerror(errno));
			return -1;
		}
		owner = lock_owner(lock);
		if (owner && owner != getpid() &&
		    (kill(owner, 0) == 0 || errno == EPERM)) {
			snprintf(err, errlen, "%s is locked by process %d (%s)",
				 tty, (int)owner, lock);
			return -1;
		}
		unlink(lock);	/* stale: its process is gone */
	}
	if (fd < 0) {
		snprintf(err, errlen, "cannot take the lock file %s", lock);
		return -1;
	}
	snprintf(line, sizeof(line), "%10d\n", (int)getpid());
	if (write(fd, line, strlen(line)) != (ssize_t)strlen(line)) {
		snprintf(err, errlen, "cannot write the lock file %s: %s", lock,
			 strerror(errno));
		close(fd);
		unlink(lock);
		return -1;
	}
	close(fd);
	return 0;
}

void tty_unlock(const char *lock)
{
	if (lock && lock[0] && lock_owner(lock) == getpid())
		unlink(lock);
}
