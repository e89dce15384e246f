// SPDX-License-Identifier: GPL-2.0
/* pppd's scripts and their environment: see hookenv.h. */
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "hookenv.h"
#include "plink.h"
#include "kernel/rtnl.h"

#define ENV_MAX	32

struct env {
	char *v[ENV_MAX + 1];
	int n;
	bool oom;
};

static void __attribute__((format(printf, 2, 3)))
put(struct env *e, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	if (e->n >= ENV_MAX) {
		e->oom = true;
		return;
	}
	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0) {
		e->oom = true;
		return;
	}
	e->v[e->n++] = s;
	e->v[e->n] = NULL;
}

static void env_free(struct env *e)
{
	int i;

	for (i = 0; i < e->n; i++)
		free(e->v[i]);
	e->n = 0;
}

static void build(struct env *e, struct plink *l, enum hook_kind kind,
		  const char *local, const char *remote, bool down)
{
	const struct link_conf *c = l->conf;
	struct in_addr d0 = ipcp_dns(&l->ipcp, 0), d1 = ipcp_dns(&l->ipcp, 1);
	const char *peer = auth_peer_name(&l->auth);
	struct passwd *pw = getpwuid(getuid());
	char a[INET_ADDRSTRLEN];

	memset(e, 0, sizeof(*e));
	put(e, "PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin");
	put(e, "IFNAME=%s", l->ifname);
	put(e, "DEVICE=%s", c->tty);
	put(e, "SPEED=%u", l->speed);
	put(e, "ORIG_UID=%u", (unsigned int)getuid());
	put(e, "PPPLOGNAME=%s", pw && pw->pw_name ? pw->pw_name : "");
	put(e, "PPPD_PID=%d", (int)getpid());
	put(e, "PPPCTL=1");
	if (c->linkname)
		put(e, "LINKNAME=%s", c->linkname);
	if (c->call)
		put(e, "CALL_FILE=%s", c->call);
	if (c->ipparam[0])
		put(e, "IPPARAM=%s", c->ipparam);
	if (peer)
		put(e, "PEERNAME=%s", peer);
	if (kind == HOOK_IP) {
		put(e, "IPLOCAL=%s", local);
		put(e, "IPREMOTE=%s", remote);
	} else if (kind == HOOK_IP6) {
		put(e, "LLLOCAL=%s", local);
		put(e, "LLREMOTE=%s", remote);
	}
	/* pppd: whether or not usepeerdns was given */
	if (d0.s_addr)
		put(e, "DNS1=%s", inet_ntop(AF_INET, &d0, a, sizeof(a)));
	if (d1.s_addr)
		put(e, "DNS2=%s", inet_ntop(AF_INET, &d1, a, sizeof(a)));
	if (c->usepeerdns && (d0.s_addr || d1.s_addr))
		put(e, "USEPEERDNS=1");
	if (down) {
		struct rtnl_counters n;
		uint64_t ms = l->started_ms ? loop_now() - l->started_ms : 0;

		if (rtnl_link_counters(l->ifindex, &n))
			memset(&n, 0, sizeof(n));
		put(e, "CONNECT_TIME=%llu", (unsigned long long)(ms / 1000));
		put(e, "BYTES_SENT=%llu", (unsigned long long)n.tx_bytes);
		put(e, "BYTES_RCVD=%llu", (unsigned long long)n.rx_bytes);
	}
}

int hook_env(struct plink *l, enum hook_kind kind, const char *local,
	     const char *remote, bool down, char ***v)
{
	struct env e;
	char **out;
	int i;

	build(&e, l, kind, local, remote, down);
	out = calloc(e.n + 1, sizeof(*out));
	if (!out || e.oom) {
		free(out);
		env_free(&e);
		return -1;
	}
	for (i = 0; i < e.n; i++)
		out[i] = e.v[i];
	*v = out;
	return e.n;
}

int hook_run(struct plink *l, const char *name, enum hook_kind kind,
	     const char *local, const char *remote, bool down,
	     void (*done)(void *arg), void *arg)
{
	char path[512], label[IFNAMSIZ + 520], speed[16], user[CONF_NAME_MAX];
	const char *peer = auth_peer_name(&l->auth);
	char *argv[8];
	struct env e;
	int r;

	if (!l->owner->scripts)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", conf_etc_ppp(), name);
	snprintf(label, sizeof(label), "%s %s", l->ifname, path);
	snprintf(speed, sizeof(speed), "%u", l->speed);
	if (access(path, X_OK) < 0)
		return 0;
	build(&e, l, kind, local, remote, down);
	if (e.oom) {
		env_free(&e);
		fprintf(stderr, "pppctl: %s: cannot start: out of memory\n", label);
		return 0;
	}
	argv[0] = path;
	argv[1] = l->ifname;
	if (kind == HOOK_AUTH) {
		/* interface, peer name, user name, tty, speed */
		snprintf(user, sizeof(user), "%s",
			 l->conf->user[0] ? l->conf->user : l->conf->name);
		argv[2] = (char *)(peer ? peer : "");
		argv[3] = user;
		argv[4] = (char *)l->conf->tty;
		argv[5] = speed;
		argv[6] = NULL;
	} else {
		/* interface, tty, speed, local, remote, ipparam */
		argv[2] = (char *)l->conf->tty;
		argv[3] = speed;
		argv[4] = (char *)local;
		argv[5] = (char *)remote;
		argv[6] = (char *)l->conf->ipparam;
		argv[7] = NULL;
	}
	r = scripts_run_then(l->owner->scripts, path, argv, e.v, label, done,
			     arg);
	env_free(&e);
	if (r > 0)
		dbg_msg(&l->dbg, DBG_NEGOTIATION, l->ifname, "PPP",
			"Script %s started", path);
	return r > 0 ? 1 : 0;
}
