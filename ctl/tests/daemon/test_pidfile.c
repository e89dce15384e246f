// SPDX-License-Identifier: GPL-2.0
/*
 * pppd's pid files (daemon/pidfile.c) in a folder of their own
 * (PPPCTL_RUN_DIR): IFNAME.pid and ppp-LINKNAME.pid with pppd's contents,
 * removed at the end only while they are still ours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "daemon/pidfile.h"

static char *get(const char *path)
{
	static char buf[128];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = 0;
	return f ? buf : NULL;
}

FIXTURE(dir)
{
	char dir[64];
	char path[128];
};

FIXTURE_SETUP(dir)
{
	snprintf(self->dir, sizeof(self->dir), "/tmp/pppctl-pid.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	setenv("PPPCTL_RUN_DIR", self->dir, 1);
}

FIXTURE_TEARDOWN(dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->dir);
	unsetenv("PPPCTL_RUN_DIR");
}

TEST_F(dir, as_pppd_writes_them)
{
	char want[64], err[256];
	struct stat st;

	EXPECT_STREQ(self->dir, pidfile_dir());
	ASSERT_EQ(0, pidfile_write("pppk3", NULL, err, sizeof(err))) TH_LOG("%s", err);
	ASSERT_EQ(0, pidfile_write("pppk3", "lte", err, sizeof(err))) TH_LOG("%s", err);
	snprintf(self->path, sizeof(self->path), "%s/pppk3.pid", self->dir);
	snprintf(want, sizeof(want), "%d\n", (int)getpid());
	EXPECT_STREQ(want, get(self->path));
	ASSERT_EQ(0, stat(self->path, &st));
	EXPECT_EQ(0644, (int)(st.st_mode & 0777));
	snprintf(self->path, sizeof(self->path), "%s/ppp-lte.pid", self->dir);
	snprintf(want, sizeof(want), "%d\npppk3\n", (int)getpid());
	EXPECT_STREQ(want, get(self->path));
	pidfile_remove("pppk3", "lte");
	EXPECT_EQ(NULL, get(self->path));
	snprintf(self->path, sizeof(self->path), "%s/pppk3.pid", self->dir);
	EXPECT_NE(NULL, get(self->path));
	pidfile_remove("pppk3", NULL);
	EXPECT_EQ(NULL, get(self->path));
}

/* Another process's file (it took the name since) stays. */
TEST_F(dir, only_ours_removed)
{
	FILE *f;

	snprintf(self->path, sizeof(self->path), "%s/ppp-lte.pid", self->dir);
	f = fopen(self->path, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "%d\nppp0\n", (int)getpid() + 1);
	fclose(f);
	pidfile_remove("pppk0", "lte");
	EXPECT_NE(NULL, get(self->path));
}

TEST_F(dir, unwritable_named_in_one_line)
{
	char err[256], want[300];

	setenv("PPPCTL_RUN_DIR", "/nonexistent-pppctl", 1);
	EXPECT_EQ(-1, pidfile_write("pppk0", NULL, err, sizeof(err)));
	snprintf(want, sizeof(want),
		 "cannot write the pid file /nonexistent-pppctl/pppk0.pid: No such file or directory");
	EXPECT_STREQ(want, err);
}

TEST_HARNESS_MAIN
