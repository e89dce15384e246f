/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Line speeds: any rate the tty driver takes, standard or not (230400,
 * 460800, 921600, 3000000, 250000 ...), through termios2 and BOTHER.
 */
#ifndef PPPCTL_TTYSPEED_H
#define PPPCTL_TTYSPEED_H

/*
 * Set @fd's speed both ways to @baud; 0, or -1 with errno.  *@got is then
 * what the driver reports it set (0 if unknown): drivers round to what
 * their clock divides to, and may fall back to another rate altogether.
 */
int tty_set_speed(int fd, unsigned int baud, unsigned int *got);

/* @fd's output speed as the driver reports it; 0 if unknown. */
unsigned int tty_get_speed(int fd);

/* Whether @got is @baud as a UART rounds it: within 2 %. */
int tty_speed_close(unsigned int baud, unsigned int got);

#endif
