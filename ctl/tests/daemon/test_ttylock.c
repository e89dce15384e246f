// SPDX-License-Identifier: GPL-2.0
/*
 * UUCP lock files (daemon/ttylock.c) in a folder of their own: the format
 * pppd and chat write, a live owner refused by name, a dead one's lock
 * taken over, only our own lock removed.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "daemon/ttylock.h"

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static char *get(const char *path)
{
	static char buf[64];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = 0;
	return buf;
}

FIXTURE(lk) {
	char dir[64];
	char lock[256];
	char err[256];
};

FIXTURE_SETUP(lk)
{
	snprintf(self->dir, sizeof(self->dir), "/tmp/pppctl-lock-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
}

FIXTURE_TEARDOWN(lk)
{
	char cmd[96];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		return;
}

TEST_F(lk, taken_in_uucp_format_and_removed)
{
	char want[64], path[128];

	ASSERT_EQ(0, tty_lock("/dev/ttyUSB2", self->dir, self->lock,
			      sizeof(self->lock), self->err, sizeof(self->err)))
		TH_LOG("%s", self->err);
	snprintf(path, sizeof(path), "%s/LCK..ttyUSB2", self->dir);
	EXPECT_STREQ(path, self->lock);
	snprintf(want, sizeof(want), "%10d\n", (int)getpid());
	EXPECT_STREQ(want, get(self->lock));
	tty_unlock(self->lock);
	EXPECT_NE(0, access(self->lock, F_OK));
}

TEST_F(lk, live_owner_refused_by_name)
{
	char path[128], text[32], want[160];

	snprintf(path, sizeof(path), "%s/LCK..ttyS0", self->dir);
	snprintf(text, sizeof(text), "%10d\n", (int)getppid());
	put(path, text);
	EXPECT_EQ(-1, tty_lock("ttyS0", self->dir, self->lock,
			       sizeof(self->lock), self->err,
			       sizeof(self->err)));
	snprintf(want, sizeof(want), "ttyS0 is locked by process %d (%s)",
		 (int)getppid(), path);
	EXPECT_STREQ(want, self->err);
	/* and not ours to remove */
	tty_unlock(path);
	EXPECT_EQ(0, access(path, F_OK));
}

TEST_F(lk, dead_owner_taken_over)
{
	char path[128], text[32], want[32];
	pid_t dead = fork();

	ASSERT_LE(0, dead);
	if (!dead)
		_exit(0);
	waitpid(dead, NULL, 0);
	snprintf(path, sizeof(path), "%s/LCK..ttyS1", self->dir);
	snprintf(text, sizeof(text), "%10d\n", (int)dead);
	put(path, text);
	ASSERT_EQ(0, tty_lock("/dev/ttyS1", self->dir, self->lock,
			      sizeof(self->lock), self->err,
			      sizeof(self->err))) TH_LOG("%s", self->err);
	snprintf(want, sizeof(want), "%10d\n", (int)getpid());
	EXPECT_STREQ(want, get(path));
	/* garbage is no owner either */
	put(path, "not a pid\n");
	ASSERT_EQ(0, tty_lock("/dev/ttyS1", self->dir, self->lock,
			      sizeof(self->lock), self->err,
			      sizeof(self->err))) TH_LOG("%s", self->err);
	EXPECT_STREQ(want, get(path));
}

TEST_HARNESS_MAIN
