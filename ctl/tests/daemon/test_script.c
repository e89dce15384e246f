// SPDX-License-Identifier: GPL-2.0
/*
 * pppd's hook scripts run from the controller's loop (daemon/script.c), with
 * real processes: the arguments and environment they get, a clean process
 * (no inherited descriptor, no blocked signal, /dev/null for stdio), every
 * way they can end reported in one line, the time limit, and a loop that
 * keeps running while they do.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "daemon/loop.h"
#include "daemon/script.h"

struct said {
	char lines[1024];
	int n;
};

static void said(void *arg, const char *line)
{
	struct said *s = arg;
	size_t len = strlen(s->lines);

	snprintf(s->lines + len, sizeof(s->lines) - len, "%s\n", line);
	s->n++;
}

/* A script in a fresh folder; returns its path (static buffer). */
static const char *make_script(const char *dir, const char *name,
			       const char *body, mode_t mode)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, mode);
	return path;
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	buf[0] = 0;
	if (!f)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

FIXTURE(sc) {
	struct loop loop;
	struct scripts s;
	struct said out;
	char dir[64];
};

FIXTURE_SETUP(sc)
{
	memset(&self->out, 0, sizeof(self->out));
	snprintf(self->dir, sizeof(self->dir), "/tmp/pppctl-script-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, loop_init(&self->loop));
	scripts_init(&self->s, &self->loop, said, &self->out);
}

FIXTURE_TEARDOWN(sc)
{
	char cmd[128];

	scripts_free(&self->s);
	loop_free(&self->loop);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		return;
}

/* pppd's arguments and exactly the environment given; nothing said. */
TEST_F(sc, arguments_and_environment)
{
	char out[128], body[512];
	char *argv[] = { NULL, "pppk0", "/dev/ttyS0", "115200", "10.0.0.1",
			 "10.0.0.2", "", NULL };
	char *envp[] = { "IFNAME=pppk0", "IPREMOTE=10.0.0.2", "DNS1=10.9.9.9",
			 NULL };
	const char *p;

	snprintf(out, sizeof(out), "%s/out", self->dir);
	snprintf(body, sizeof(body),
		 "echo \"$# $1 $2 $3 $4 $5 [$6] $(pwd)\" >%s; env | grep -v ^PWD= | sort >>%s", out,
		 out);
	p = make_script(self->dir, "ip-up", body, 0755);
	argv[0] = (char *)p;
	ASSERT_EQ(1, scripts_run(&self->s, p, argv, envp, "pppk0 ip-up"));
	EXPECT_EQ(1u, self->s.n);
	scripts_wait(&self->s);
	EXPECT_EQ(0u, self->s.n);
	EXPECT_STREQ("6 pppk0 /dev/ttyS0 115200 10.0.0.1 10.0.0.2 [] /\n"
		     "DNS1=10.9.9.9\nIFNAME=pppk0\nIPREMOTE=10.0.0.2\n",
		     slurp(out))
		TH_LOG("%s", slurp(out));
	EXPECT_EQ(0, self->out.n);
}

/* A clean process: no descriptor of ours, nothing blocked, /dev/null. */
TEST_F(sc, clean_process)
{
	char out[128], body[512];
	char *argv[] = { NULL, NULL };
	char *envp[] = { "PATH=/usr/bin:/bin", NULL };
	sigset_t set;
	const char *p;
	int keep = open("/dev/null", O_RDONLY);	/* not inherited */

	ASSERT_LE(3, keep);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	snprintf(out, sizeof(out), "%s/out", self->dir);
	snprintf(body, sizeof(body),
		 "ls /proc/self/fd | wc -l >%s; grep SigBlk /proc/self/status >>%s; readlink /proc/self/fd/0 >>%s",
		 out, out, out);
	p = make_script(self->dir, "ip-up", body, 0755);
	argv[0] = (char *)p;
	ASSERT_EQ(1, scripts_run(&self->s, p, argv, envp, "x"));
	scripts_wait(&self->s);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	close(keep);
	/* 0, 1 (the redirection), 2 and ls's own directory: not "keep" */
	EXPECT_STREQ("4\nSigBlk:\t0000000000000000\n/dev/null\n", slurp(out))
		TH_LOG("%s", slurp(out));
}

/* Every way a script ends other than status 0 is said, once. */
TEST_F(sc, endings_reported)
{
	char *argv[] = { NULL, NULL };
	char *envp[] = { NULL };
	const char *p;

	p = make_script(self->dir, "three", "exit 3", 0755);
	argv[0] = (char *)p;
	ASSERT_EQ(1, scripts_run(&self->s, p, argv, envp, "pppk0 three"));
	p = make_script(self->dir, "sig", "kill -USR1 $$", 0755);
	argv[0] = (char *)p;
	ASSERT_EQ(1, scripts_run(&self->s, p, argv, envp, "pppk0 sig"));
	scripts_wait(&self->s);
	EXPECT_EQ(2, self->out.n);
	EXPECT_NE(NULL, strstr(self->out.lines,
			       "pppk0 three: exited with status 3\n"));
	EXPECT_NE(NULL, strstr(self->out.lines,
			       "pppk0 sig: killed by signal 10\n"));
}

/* A script past its limit is killed and said so; the loop never waits. */
TEST_F(sc, time_limit_and_loop_keeps_running)
{
	char *argv[] = { NULL, NULL };
	char *envp[] = { NULL };
	uint64_t t0 = loop_now();
	const char *p;

	self->s.limit_ms = 1000;
	p = make_script(self->dir, "stuck", "exec sleep 30", 0755);
	argv[0] = (char *)p;
	ASSERT_EQ(1, scripts_run(&self->s, p, argv, envp, "pppk0 stuck"));
	EXPECT_LT(loop_now() - t0, 500u);	/* started, not waited for */
	scripts_wait(&self->s);
	EXPECT_GE(loop_now() - t0, 1000u);
	EXPECT_LT(loop_now() - t0, 10000u);
	EXPECT_STREQ("pppk0 stuck: still running after 1 s: killed\n",
		     self->out.lines);
}

/*
 * A thousand links up at once must not fork a thousand scripts: at most
 * max_running run, the rest wait their turn in order.
 */
TEST_F(sc, bounded_and_in_order)
{
	char out[128], body[512], arg[16], *text, *line;
	char *argv[] = { NULL, arg, NULL };
	char *envp[] = { NULL };
	int i, now = 0, most = 0, starts = 0, ends = 0;
	const char *p;

	self->s.max_running = 2;
	snprintf(out, sizeof(out), "%s/out", self->dir);
	snprintf(body, sizeof(body),
		 "echo start $1 >>%s; sleep 0.2; echo end $1 >>%s", out, out);
	p = make_script(self->dir, "ip-up", body, 0755);
	argv[0] = (char *)p;
	for (i = 1; i <= 5; i++) {
		snprintf(arg, sizeof(arg), "%d", i);
		ASSERT_EQ(1, scripts_run(&self->s, p, argv, envp, "x"));
	}
	EXPECT_EQ(2u, self->s.n);
	EXPECT_EQ(3u, self->s.queued);
	scripts_wait(&self->s);
	text = slurp(out);
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "start ", 6)) {
			now++;
			starts++;
			/*
			 * In the order given: script k waits for k - 2 to
			 * have ended (two ready ones may print in any order).
			 */
			EXPECT_GE(ends, atoi(line + 6) - 2) TH_LOG("%s", line);
		} else {
			now--;
			ends++;
		}
		if (now > most)
			most = now;
	}
	EXPECT_EQ(5, starts);
	EXPECT_EQ(2, most);
	EXPECT_EQ(0, self->out.n);
}

/* No file, or not executable: skipped silently, as pppd does. */
TEST_F(sc, missing_or_not_executable_skipped)
{
	char *argv[] = { NULL, NULL };
	char *envp[] = { NULL };
	char missing[128];
	const char *p;

	snprintf(missing, sizeof(missing), "%s/ip-down", self->dir);
	argv[0] = missing;
	EXPECT_EQ(0, scripts_run(&self->s, missing, argv, envp, "x"));
	p = make_script(self->dir, "ip-up", "exit 0", 0644);
	argv[0] = (char *)p;
	EXPECT_EQ(0, scripts_run(&self->s, p, argv, envp, "x"));
	EXPECT_EQ(0u, self->s.n);
	EXPECT_EQ(0, self->out.n);
}

struct waiter {
	int calls;
	uint64_t at;
	struct scripts *s;
	char seen[256];		/* what the script wrote, when done() came */
	const char *out;
};

static void waited(void *arg)
{
	struct waiter *w = arg;
	FILE *f = fopen(w->out, "r");
	size_t n = 0;

	w->calls++;
	w->at = loop_now();
	if (f) {
		n = fread(w->seen, 1, sizeof(w->seen) - 1, f);
		fclose(f);
	}
	w->seen[n] = 0;
}

/*
 * pppd's ip-pre-up is waited for: done() comes once the script ended,
 * after everything it wrote, from the loop (never from the call), also
 * when it fails; a script that is not there: 0, and no done().
 */
TEST_F(sc, run_then_calls_done_once_it_ended)
{
	char out[128], body[256];
	char *argv[] = { NULL, NULL };
	char *envp[] = { NULL };
	struct waiter w = { 0 }, w2 = { 0 };
	uint64_t t0 = loop_now();
	const char *p;

	snprintf(out, sizeof(out), "%s/out", self->dir);
	w.out = w2.out = out;
	snprintf(body, sizeof(body), "sleep 0.3; echo done >%s; exit 4", out);
	p = make_script(self->dir, "ip-pre-up", body, 0755);
	argv[0] = (char *)p;
	ASSERT_EQ(1, scripts_run_then(&self->s, p, argv, envp, "pppk0 ip-pre-up",
				      waited, &w));
	EXPECT_EQ(0, w.calls);
	scripts_wait(&self->s);
	EXPECT_EQ(1, w.calls);
	EXPECT_STREQ("done\n", w.seen);
	EXPECT_GE(w.at - t0, 300u);
	EXPECT_STREQ("pppk0 ip-pre-up: exited with status 4\n", self->out.lines);
	/* no such script */
	snprintf(body, sizeof(body), "%s/none", self->dir);
	argv[0] = body;
	EXPECT_EQ(0, scripts_run_then(&self->s, body, argv, envp, "x", waited, &w2));
	scripts_wait(&self->s);
	EXPECT_EQ(0, w2.calls);
}

/* The link went away meanwhile: the script runs on, no done() for it. */
TEST_F(sc, forgotten_arg_gets_no_done)
{
	char *argv[] = { NULL, NULL };
	char *envp[] = { NULL };
	struct waiter w = { .out = "/nonexistent" }, other = { .out = "/nonexistent" };
	const char *p;

	p = make_script(self->dir, "ip-pre-up", "sleep 0.2", 0755);
	argv[0] = (char *)p;
	self->s.max_running = 1;	/* one running, one queued */
	ASSERT_EQ(1, scripts_run_then(&self->s, p, argv, envp, "a", waited, &w));
	ASSERT_EQ(1, scripts_run_then(&self->s, p, argv, envp, "b", waited, &w));
	ASSERT_EQ(1, scripts_run_then(&self->s, p, argv, envp, "c", waited, &other));
	scripts_forget_arg(&self->s, &w);
	scripts_wait(&self->s);
	EXPECT_EQ(0, w.calls);
	EXPECT_EQ(1, other.calls);
}

TEST_HARNESS_MAIN
