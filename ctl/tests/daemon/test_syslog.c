// SPDX-License-Identifier: GPL-2.0
/*
 * The controller's lines reach syslog whole and one at a time, whatever
 * pieces stdio writes them in: our reports as notices without the
 * "pppctl: " the ident already gives, debug lines as debug, unchanged.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "kselftest_harness.h"
#include "daemon/syslog.h"

static char got[8][1100];
static int prios[8], n;

static void capture(int prio, const char *line)
{
	if (n < 8) {
		prios[n] = prio;
		snprintf(got[n], sizeof(got[n]), "%s", line);
	}
	n++;
}

static void feed(struct log_tee *t, const char *s)
{
	log_tee_write(t, s, strlen(s));
}

TEST(lines_whole_in_any_pieces)
{
	struct log_tee t = { .fd = -1 };

	n = 0;
	log_emit = capture;
	feed(&t, "pppctl: /dev/ttyUSB2: conn");
	EXPECT_EQ(0, n);	/* nothing until the line ends */
	feed(&t, "ected\n*Dec  7 19:08:09.479: pppk0 PPP: Line hung up\npppctl: pppk0: the line");
	ASSERT_EQ(2, n);
	EXPECT_STREQ("/dev/ttyUSB2: connected", got[0]);
	EXPECT_EQ(LOG_NOTICE, prios[0]);
	EXPECT_STREQ("*Dec  7 19:08:09.479: pppk0 PPP: Line hung up", got[1]);
	EXPECT_EQ(LOG_DEBUG, prios[1]);
	feed(&t, " hung up\n");
	ASSERT_EQ(3, n);
	EXPECT_STREQ("pppk0: the line hung up", got[2]);
}

TEST(long_line_cut_not_split)
{
	struct log_tee t = { .fd = -1 };
	char big[3000];

	n = 0;
	log_emit = capture;
	memset(big, 'x', sizeof(big) - 2);
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	feed(&t, big);
	feed(&t, "pppctl: next\n");
	ASSERT_EQ(2, n);
	EXPECT_EQ(sizeof(t.buf) - 1, strlen(got[0]));
	EXPECT_STREQ("next", got[1]);
}

TEST(empty_report_not_logged)
{
	struct log_tee t = { .fd = -1 };

	n = 0;
	log_emit = capture;
	feed(&t, "pppctl: \n");
	EXPECT_EQ(0, n);
}

TEST_HARNESS_MAIN
