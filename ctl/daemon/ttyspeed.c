// SPDX-License-Identifier: GPL-2.0
/*
 * Line speeds through termios2 (the kernel's own interface for arbitrary
 * rates).  This file does not include <termios.h>: glibc's struct termios
 * and the kernel's asm/termbits.h cannot meet in one translation unit.
 */
#include <asm/termbits.h>
#include <errno.h>
#include <stddef.h>
#include <sys/ioctl.h>

#include "ttyspeed.h"

/* The rates termios has a constant for: set as such, stty reads them. */
static const struct {
	unsigned int baud;
	unsigned int code;
} std_rates[] = {
	{ 50, B50 }, { 75, B75 }, { 110, B110 }, { 134, B134 }, { 150, B150 },
	{ 200, B200 }, { 300, B300 }, { 600, B600 }, { 1200, B1200 },
	{ 1800, B1800 }, { 2400, B2400 }, { 4800, B4800 }, { 9600, B9600 },
	{ 19200, B19200 }, { 38400, B38400 }, { 57600, B57600 },
	{ 115200, B115200 }, { 230400, B230400 }, { 460800, B460800 },
	{ 500000, B500000 }, { 576000, B576000 }, { 921600, B921600 },
	{ 1000000, B1000000 }, { 1152000, B1152000 }, { 1500000, B1500000 },
	{ 2000000, B2000000 }, { 2500000, B2500000 }, { 3000000, B3000000 },
	{ 3500000, B3500000 }, { 4000000, B4000000 },
};

static unsigned int speed_code(unsigned int baud)
{
	for (size_t i = 0; i < sizeof(std_rates) / sizeof(std_rates[0]); i++)
		if (std_rates[i].baud == baud)
			return std_rates[i].code;
	return BOTHER;
}

int tty_set_speed(int fd, unsigned int baud, unsigned int *got)
{
	struct termios2 t;
	unsigned int code = speed_code(baud);

	*got = 0;
	if (!baud) {
		errno = EINVAL;
		return -1;
	}
	if (ioctl(fd, TCGETS2, &t) < 0)
		return -1;
	t.c_cflag &= ~(CBAUD | (CBAUD << IBSHIFT));
	t.c_cflag |= code | (code << IBSHIFT);
	t.c_ispeed = baud;
	t.c_ospeed = baud;
	if (ioctl(fd, TCSETS2, &t) < 0)
		return -1;
	if (ioctl(fd, TCGETS2, &t) == 0)
		*got = t.c_ospeed;
	return 0;
}

unsigned int tty_get_speed(int fd)
{
	struct termios2 t;

	return ioctl(fd, TCGETS2, &t) == 0 ? t.c_ospeed : 0;
}

int tty_speed_close(unsigned int baud, unsigned int got)
{
	unsigned long long d = got > baud ? got - baud : baud - got;

	return d * 50 <= baud;
}
