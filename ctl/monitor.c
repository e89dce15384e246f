// SPDX-License-Identifier: GPL-2.0
/*
 * pppctl monitor: print link events as they happen, one line each in the
 * manner of "ip monitor", or one JSON object a line with -j.  The kernel's
 * own (created, deleted, hangup, dead_peer, looped, controller_gone,
 * close_requested) and what the controller tells the kernel it knows:
 *
 *   pppk0: phase AUTHENTICATING
 *   pppk0: auth peer "bob" CHAP ok
 *   pppk0: auth self "alice" PAP failed
 *   pppk0: ip up 10.0.0.1 -> 10.0.0.2 dns 10.0.0.53
 *   pppk0: ipv6 up fe80::1 -> fe80::2
 *
 * Runs until interrupted.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/genetlink.h>

#include <linux/pppk.h>
#include "kernel/kstats.h"
#include "kernel/kview.h"
#include "kernel/nl.h"
#include "json.h"
#include "pppctl.h"

struct event {
	const char *ifname;
	uint32_t ifindex, ev, echo_failure;
	struct kview v;
};

static void parse_event(const struct nlmsghdr *nlh, struct event *e)
{
	const struct nlattr *a;

	memset(e, 0, sizeof(*e));
	e->ifname = "?";
	kview_init(&e->v);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case PPPK_A_LINK_IFNAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				e->ifname = mnl_attr_get_str(a);
			break;
		case PPPK_A_LINK_IFINDEX:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				e->ifindex = mnl_attr_get_u32(a);
			break;
		case PPPK_A_EVENT:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				e->ev = mnl_attr_get_u32(a);
			break;
		case PPPK_A_LINK_ECHO_FAILURE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				e->echo_failure = mnl_attr_get_u32(a);
			break;
		default:
			kview_attr(&e->v, a);
		}
	}
}

static const char *way_name[KVIEW_WAYS] = { "peer", "self" };

static void text_auth(FILE *f, const struct event *e, const char *ifname)
{
	char name[4 * PPPK_MAX_AUTH_NAME + 1], pbuf[8];
	const struct kview_auth *au;
	int i;

	for (i = 0; i < KVIEW_WAYS; i++) {
		au = &e->v.auth[i];
		if (!au->proto)
			continue;
		fprintf(f, "%s: auth %s \"%s\" %s %s\n", ifname, way_name[i],
			kview_esc(au->name, name, sizeof(name)),
			kview_auth_proto(au->proto, pbuf, sizeof(pbuf)),
			kview_auth_result(au->result));
	}
}

static void print_text(FILE *f, const struct event *e)
{
	char ifname[4 * IFNAMSIZ + 1], a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	const struct kview *v = &e->v;
	const char *name = kevent_name(e->ev);

	kview_esc(e->ifname, ifname, sizeof(ifname));
	switch (e->ev) {
	case PPPK_EVENT_PHASE:
		fprintf(f, "%s: phase %s\n", ifname, kview_phase_name(v->phase));
		break;
	case PPPK_EVENT_IP_UP:
	case PPPK_EVENT_IP_DOWN:
		fprintf(f, "%s: ip %s %s -> ", ifname,
			e->ev == PPPK_EVENT_IP_UP ? "up" : "down",
			inet_ntop(AF_INET, &v->local, a, sizeof(a)));
		fprintf(f, "%s", inet_ntop(AF_INET, &v->peer, b, sizeof(b)));
		if (v->dns[0].s_addr || v->dns[1].s_addr)
			fprintf(f, " dns");
		if (v->dns[0].s_addr)
			fprintf(f, " %s", inet_ntop(AF_INET, &v->dns[0], a, sizeof(a)));
		if (v->dns[1].s_addr)
			fprintf(f, " %s", inet_ntop(AF_INET, &v->dns[1], a, sizeof(a)));
		fprintf(f, "\n");
		break;
	case PPPK_EVENT_IPV6_UP:
	case PPPK_EVENT_IPV6_DOWN:
		fprintf(f, "%s: ipv6 %s %s -> %s\n", ifname,
			e->ev == PPPK_EVENT_IPV6_UP ? "up" : "down",
			kview_ll(v->id_local, a, sizeof(a)),
			kview_ll(v->id_peer, b, sizeof(b)));
		break;
	case PPPK_EVENT_AUTH:
		text_auth(f, e, ifname);
		break;
	case PPPK_EVENT_DEAD_PEER:
		fprintf(f, "%s: dead_peer (%u echo requests unanswered)\n",
			ifname, e->echo_failure);
		break;
	default:
		if (name)
			fprintf(f, "%s: %s\n", ifname, name);
		else
			fprintf(f, "%s: event %u\n", ifname, e->ev);
	}
}

static void json_addr(struct jw *w, const char *key, int af, const void *addr)
{
	char buf[INET6_ADDRSTRLEN];

	jw_key(w, key);
	jw_str(w, inet_ntop(af, addr, buf, sizeof(buf)));
}

static void print_json(FILE *f, const struct event *e, const char *stamp)
{
	const struct kview *v = &e->v;
	char a[INET6_ADDRSTRLEN], pbuf[8];
	const char *name = kevent_name(e->ev);
	struct jw w;
	int i;

	jw_init(&w, f);
	jw_obj(&w);
	jw_key(&w, "time");
	jw_str(&w, stamp);
	jw_key(&w, "ifindex");
	jw_uint(&w, e->ifindex);
	jw_key(&w, "ifname");
	jw_str(&w, e->ifname);
	jw_key(&w, "event");
	if (name)
		jw_str(&w, name);
	else
		jw_uint(&w, e->ev);
	switch (e->ev) {
	case PPPK_EVENT_PHASE:
		jw_key(&w, "phase");
		jw_str(&w, kview_phase_name(v->phase));
		break;
	case PPPK_EVENT_IP_UP:
	case PPPK_EVENT_IP_DOWN:
		json_addr(&w, "local", AF_INET, &v->local);
		json_addr(&w, "peer", AF_INET, &v->peer);
		jw_key(&w, "dns");
		jw_arr(&w);
		for (i = 0; i < 2; i++)
			if (v->dns[i].s_addr)
				jw_str(&w, inet_ntop(AF_INET, &v->dns[i], a, sizeof(a)));
		jw_arr_end(&w);
		break;
	case PPPK_EVENT_IPV6_UP:
	case PPPK_EVENT_IPV6_DOWN:
		jw_key(&w, "local");
		jw_str(&w, kview_ll(v->id_local, a, sizeof(a)));
		jw_key(&w, "peer");
		jw_str(&w, kview_ll(v->id_peer, a, sizeof(a)));
		break;
	case PPPK_EVENT_AUTH:
		for (i = 0; i < KVIEW_WAYS; i++) {
			if (!v->auth[i].proto)
				continue;
			jw_key(&w, way_name[i]);
			jw_obj(&w);
			jw_key(&w, "protocol");
			jw_str(&w, kview_auth_proto(v->auth[i].proto, pbuf,
						    sizeof(pbuf)));
			jw_key(&w, "result");
			jw_str(&w, kview_auth_result(v->auth[i].result));
			jw_key(&w, "name");
			jw_str(&w, v->auth[i].name);
			jw_obj_end(&w);
		}
		break;
	case PPPK_EVENT_DEAD_PEER:
		jw_key(&w, "echo_failure");
		jw_uint(&w, e->echo_failure);
		break;
	}
	jw_obj_end(&w);
	fputc('\n', f);
}

void monitor_event(const struct nlmsghdr *nlh, FILE *f, bool json,
		   const char *stamp)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct event e;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*g) ||
	    g->cmd != PPPK_CMD_LINK_EVENT)
		return;
	parse_event(nlh, &e);
	if (json)
		print_json(f, &e, stamp);
	else
		print_text(f, &e);
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	char stamp[32];
	time_t now = time(NULL);

	(void)data;
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", localtime(&now));
	monitor_event(nlh, stdout, g_opts.json, stamp);
	fflush(stdout);
	return MNL_CB_OK;
}

int cmd_monitor(int argc, char **argv)
{
	struct nl nl;
	ssize_t n;
	int err, grp;

	if (argc > 1) {
		bool help = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");

		fprintf(help ? stdout : stderr, "Usage: pppctl [-j] monitor\n"
			"Print pppk link events until interrupted, one line each:\n"
			"  IFNAME: created|deleted|hangup|looped|controller_gone|close_requested\n"
			"  IFNAME: dead_peer (N echo requests unanswered)\n"
			"  IFNAME: phase DOWN|ESTABLISHING|AUTHENTICATING|UP|TERMINATING\n"
			"  IFNAME: auth peer|self \"NAME\" PAP|CHAP ok|failed|pending\n"
			"  IFNAME: ip up|down LOCAL -> PEER [dns ADDR...]\n"
			"  IFNAME: ipv6 up|down LOCAL -> PEER (link-local addresses)\n"
			"With -j, one JSON object a line.\n");
		return help ? 0 : 1;
	}
	err = nl_open(&nl);
	if (err) {
		nl_perror(&nl, "pppk netlink family", err);
		return 1;
	}
	grp = nl.mcgrp_events;
	if (mnl_socket_setsockopt(nl.sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0) {
		nl_perror(&nl, "joining the events group", -errno);
		nl_close(&nl);
		return 1;
	}
	for (;;) {
		n = mnl_socket_recvfrom(nl.sock, nl.buf, MNL_SOCKET_BUFFER_SIZE);
		if (n < 0 && errno == ENOBUFS) {
			fprintf(stderr, "pppctl: monitor: events lost (receive buffer overrun)\n");
			continue;
		}
		if (n <= 0)
			break;
		mnl_cb_run(nl.buf, n, 0, 0, event_cb, NULL);
	}
	nl_perror(&nl, "reading events", n < 0 ? -errno : -EPIPE);
	nl_close(&nl);
	return 1;
}
