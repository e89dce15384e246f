// SPDX-License-Identifier: GPL-2.0
/*
 * Line speeds on a real tty (a pty pair): standard rates beyond the four
 * that used to be honoured and arbitrary ones through BOTHER are set and
 * read back, by termios2 and by glibc's termios; a UART's rounding is
 * told from a different rate.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "daemon/ttyspeed.h"

TEST(speeds_set_and_read_back)
{
	static const unsigned int rates[] = { 9600, 19200, 230400, 460800,
					      921600, 3000000, 250000, 31250,
					      1000000 };
	int fd = posix_openpt(O_RDWR | O_NOCTTY);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, grantpt(fd));
	ASSERT_EQ(0, unlockpt(fd));
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		unsigned int got = 0;

		EXPECT_EQ(0, tty_set_speed(fd, rates[i], &got));
		EXPECT_EQ(rates[i], got);
	}
	/* a standard rate is what glibc's termios reads too */
	{
		struct termios t;
		unsigned int got;

		ASSERT_EQ(0, tty_set_speed(fd, 460800, &got));
		ASSERT_EQ(0, tcgetattr(fd, &t));
		EXPECT_EQ(B460800, cfgetospeed(&t));
	}
	close(fd);
}

TEST(speed_zero_and_a_non_tty_refused)
{
	unsigned int got = 1;
	int fd = open("/dev/null", O_RDWR);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, tty_set_speed(fd, 115200, &got));
	EXPECT_EQ(-1, tty_set_speed(fd, 0, &got));
	EXPECT_EQ(0, (int)got);
	close(fd);
}

TEST(uart_rounding_is_close_a_fallback_is_not)
{
	EXPECT_TRUE(tty_speed_close(921600, 923076));	/* 16C950 divisor */
	EXPECT_TRUE(tty_speed_close(115200, 115200));
	EXPECT_FALSE(tty_speed_close(460800, 115200));	/* driver fell back */
	EXPECT_FALSE(tty_speed_close(250000, 9600));
}

TEST_HARNESS_MAIN
