// SPDX-License-Identifier: GPL-2.0
/* pppd's pid files: see pidfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pidfile.h"

const char *pidfile_dir(void)
{
	const char *d = getenv("PPPCTL_RUN_DIR");

	return d && *d ? d : PIDFILE_DIR;
}

static int path_of(char *path, size_t len, const char *ifname,
		   const char *linkname)
{
	int r = linkname ?
		snprintf(path, len, "%s/ppp-%s.pid", pidfile_dir(), linkname) :
		snprintf(path, len, "%s/%s.pid", pidfile_dir(), ifname);

	return r < 0 || (size_t)r >= len ? -1 : 0;
}

int pidfile_write(const char *ifname, const char *linkname, char *err,
		  size_t errlen)
{
	char path[512], tmp[540], text[64];
	int fd, n, e = 0;

	if (path_of(path, sizeof(path), ifname, linkname)) {
		snprintf(err, errlen, "pid file of %s: path too long",
			 linkname ? linkname : ifname);
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid());
	n = linkname ? snprintf(text, sizeof(text), "%d\n%s\n", (int)getpid(),
				ifname) :
		       snprintf(text, sizeof(text), "%d\n", (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
		  0644);
	if (fd < 0) {
		e = errno;
	} else {
		if (write(fd, text, n) != n)
			e = errno ? errno : EIO;
		if (close(fd) < 0 && !e)
			e = errno;
		if (!e && rename(tmp, path) < 0)
			e = errno;
		if (e)
			unlink(tmp);
	}
	if (e) {
		snprintf(err, errlen, "cannot write the pid file %s: %s", path,
			 strerror(e));
		return -1;
	}
	return 0;
}

void pidfile_remove(const char *ifname, const char *linkname)
{
	char path[512], text[64];
	ssize_t n;
	int fd;

	if (path_of(path, sizeof(path), ifname, linkname))
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return;
	text[n] = '\0';
	/* another process's (a later pppd or pppctl on the name): leave it */
	if (atoi(text) != (int)getpid())
		return;
	unlink(path);
}
