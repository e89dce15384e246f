/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A thin layer over libmnl for the "pppk" generic netlink family: open a
 * socket, resolve the family, send a request and run a callback on every
 * reply.  Kernel errors come back as -errno with the extack message, if the
 * kernel gave one, in nl->err_msg.
 */
#ifndef PPPCTL_NL_H
#define PPPCTL_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

struct nl_queued;

struct nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint8_t version;
	uint32_t seq;
	uint32_t portid;
	uint32_t mcgrp_events;	/* 0 when the kernel did not announce it */
	char err_msg[256];
	char *buf;		/* MNL_SOCKET_BUFFER_SIZE bytes */
	/*
	 * With keep_async set, notifications (sequence number 0) that arrive
	 * while nl_talk() waits for its reply are queued for nl_async_pop()
	 * instead of being dropped, so a controller can talk and listen on one
	 * socket without handling events in the middle of a request.
	 */
	bool keep_async;
	struct nl_queued *q_head, *q_tail;
	/*
	 * Receive buffer overruns seen (ENOBUFS): the kernel dropped messages
	 * for this socket.  nl_talk() keeps waiting for its answer through
	 * one, for at most two seconds, since the answer may be what was lost.
	 */
	unsigned long overruns;
};

/* nl_talk() gives up (-ETIMEDOUT) after this long without a message. */
#define NL_TALK_TIMEOUT_MS	30000

/* Open a socket and resolve the pppk family; -errno on failure. */
int nl_open(struct nl *nl);
void nl_close(struct nl *nl);

/* Start a request of @cmd with @flags; attributes are added by the caller. */
struct nlmsghdr *nl_msg(struct nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Send @nlh and process replies until the ACK or the end of a dump, calling
 * @cb(nlh, data) for every data message.  Returns 0 or -errno (-ETIMEDOUT
 * after NL_TALK_TIMEOUT_MS of silence, -ENOBUFS when the answer was lost
 * in a receive buffer overrun).
 */
int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/* Resolve a generic netlink family by name; fills id, version and groups. */
struct nl_family_info {
	uint16_t id;
	uint8_t version;
	uint32_t maxattr;
	unsigned int n_groups;
	struct {
		uint32_t id;
		char name[32];
	} groups[8];
};
int nl_get_family(struct nl *nl, const char *name, struct nl_family_info *fi);

/* Send without waiting for an answer; errors come back as notifications. */
int nl_send(struct nl *nl, struct nlmsghdr *nlh);
/* The oldest queued notification, or NULL; free() it when done. */
struct nlmsghdr *nl_async_pop(struct nl *nl);

/* nl_open() failed with @err: say so in one line (module not loaded?). */
void nl_open_perror(const struct nl *nl, int err);
/* Print "pppctl: WHAT: strerror[: kernel message]" to stderr. */
void nl_perror(const struct nl *nl, const char *what, int err);

#endif
