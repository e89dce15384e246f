#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Figures of bench/vm_scale.sh: a table on stdout, JSON to a file.

    scale_report.py WORKDIR JSON N...

WORKDIR/nN holds, per run of N links: wait.out, rss, s0..s3 snapshots
(.meminfo, .slab, .vmalloc: baseline, ptys open, links up, after
teardown), cpu0/cpu1, stats0/stats1 (.a, .b), down_ms; WORKDIR/n1/rss is
the one-link baseline, WORKDIR/pppd/rss pppd's processes.  Kernel figures
are per link end (one net_device, one side of a pty pair): deltas / (2 N).
"""
import json
import os
import re
import sys

KERNEL_FIELDS = ["Slab", "KernelStack", "PageTables", "Percpu", "VmallocUsed"]
SHOW_FIELDS = ["Slab", "SReclaimable", "SUnreclaim", "KernelStack",
               "PageTables", "Percpu", "VmallocUsed", "MemFree",
               "MemAvailable", "AnonPages"]


def read(path, default=None):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def meminfo(path):
    m = {}
    for line in (read(path) or "").splitlines():
        k, _, v = line.partition(":")
        v = v.split()
        if v:
            m[k] = int(v[0])  # kB
    return m


def slabinfo(path):
    """cache -> (active objects, bytes they hold, bytes of its slabs)."""
    s = {}
    for line in (read(path) or "").splitlines()[2:]:
        f = line.split()
        if len(f) > 14:
            s[f[0]] = (int(f[1]), int(f[1]) * int(f[3]), int(f[14]) * int(f[5]) * 4096)
    return s


def slab_pages(s):
    return sum(v[2] for v in s.values())


def vmallocinfo(path):
    """caller -> bytes of pages (guard pages excluded)."""
    v = {}
    for line in (read(path) or "").splitlines():
        f = line.split()
        pages = [x for x in f if x.startswith("pages=")]
        if len(f) < 3 or not pages:
            continue
        caller = re.sub(r"\+0x[0-9a-f]+/0x[0-9a-f]+.*", "", f[2])
        v[caller] = v.get(caller, 0) + int(pages[0][6:]) * 4096
    return v


def alloc_calls(path):
    """(cache, call site < its callers) -> objects, from slub_debug=U's
    /sys/kernel/debug/slab/*/alloc_traces (an entry, then its stack)."""
    c = {}
    key = None
    stack = []

    def flush():
        if key:
            site = key[1]
            names = [re.sub(r"\+0x.*", "", x) for x in stack]
            if site in names:
                site = " < ".join(names[names.index(site):names.index(site) + 3])
            c[(key[0], site)] = c.get((key[0], site), 0) + key[2]

    for line in (read(path) or "").splitlines():
        f = line.split()
        if len(f) >= 3 and f[1].isdigit():
            flush()
            key = (f[0], re.sub(r"\+0x.*", "", f[2]), int(f[1]))
            stack = []
        elif len(f) == 2 and key:
            stack.append(f[1])
    flush()
    return c


def calls_delta(a, b, sizes, ends, top):
    rows = []
    for k in set(a) | set(b):
        d = b.get(k, 0) - a.get(k, 0)
        rows.append((d * sizes.get(k[0], 0), d, k))
    rows.sort(reverse=True)
    return [{"cache": k[0], "site": k[1], "bytes_per_link": round(by / ends),
             "objs_per_link": round(d / ends, 2)} for by, d, k in rows[:top] if by > 0]


def kernel_kb(m):
    return sum(m.get(k, 0) for k in KERNEL_FIELDS)


def kv(path):
    out = {}
    for tok in (read(path) or "").split():
        k, _, v = tok.partition("=")
        if v.isdigit():
            out[k] = int(v)
    return out


def ints(path):
    return [int(x) for x in (read(path) or "").split()]


def rnd(x, n=2):
    return None if x is None else round(x, n)


def slab_delta(a, b, ends, top):
    rows = []
    for name in set(a) | set(b):
        do = b.get(name, (0, 0))[0] - a.get(name, (0, 0))[0]
        db = b.get(name, (0, 0))[1] - a.get(name, (0, 0))[1]
        rows.append((db, do, name))
    rows.sort(reverse=True)
    return {name: {"bytes_per_link": round(db / ends), "objs_per_link": round(do / ends, 2)}
            for db, do, name in rows[:top] if db > 0}


def vmalloc_delta(a, b, ends, top):
    rows = sorted(((b.get(k, 0) - a.get(k, 0), k) for k in set(a) | set(b)), reverse=True)
    return {k: round(d / ends) for d, k in rows[:top] if d > 0}


def one(work, n, base_rss):
    d = os.path.join(work, "n%d" % n)
    r = {"n": n}
    w = (read(os.path.join(d, "wait.out")) or "").split()
    if len(w) == 4:
        r["links_up_a"], r["links_up_b"] = int(w[1]), int(w[2])
        r["links_up"] = min(int(w[1]), int(w[2]))
        r["all_up_s"] = round(int(w[3]) / 1000, 2) if w[0] == "up" else None
        if w[0] != "up":
            r["gave_up_after_s"] = round(int(w[3]) / 1000, 1)
    else:
        r["links_up"], r["all_up_s"] = 0, None
    ends = 2 * n

    rss = ints(os.path.join(d, "rss"))
    if len(rss) == 4 and len(base_rss) == 4 and n > 1:
        per = [(rss[i] - base_rss[i]) / (n - 1) for i in (0, 2)]
        pss = [(rss[i] - base_rss[i]) / (n - 1) for i in (1, 3)]
        r["ctl_rss_kb"] = [rss[0], rss[2]]
        r["ctl_rss_kb_one_link"] = [base_rss[0], base_rss[2]]
        r["ctl_rss_kb_per_link"] = rnd(sum(per) / 2, 3)
        r["ctl_pss_kb_per_link"] = rnd(sum(pss) / 2, 3)

    m = [meminfo(os.path.join(d, "s%d.meminfo" % i)) for i in range(4)]
    if all(m[:3]):
        sl = [slabinfo(os.path.join(d, "s%d.slab" % i)) for i in range(4)]
        vm = [vmallocinfo(os.path.join(d, "s%d.vmalloc" % i)) for i in range(4)]
        total = (kernel_kb(m[2]) - kernel_kb(m[0])) / ends
        pty = (kernel_kb(m[1]) - kernel_kb(m[0])) / ends
        # N_TTY's buffers (vmalloc'd by n_tty_open) go when pppk's line
        # discipline replaces it: not part of what a pty costs under pppk.
        ntty = (vm[1].get("n_tty_open", 0) - vm[0].get("n_tty_open", 0)) / 1024 / ends
        pty_bare = pty - ntty
        r["kernel_kb_per_link"] = rnd(total)
        r["kernel_kb_per_link_pty"] = rnd(pty_bare)
        r["kernel_kb_per_link_pty_ntty"] = rnd(ntty)
        r["kernel_kb_per_link_pppk"] = rnd(total - pty_bare)
        r["meminfo_kb_per_link"] = {
            step: {k: rnd((m[j].get(k, 0) - m[i].get(k, 0)) / ends) for k in SHOW_FIELDS}
            for step, i, j in (("ptys", 0, 1), ("links", 1, 2), ("total", 0, 2))}
        r["slab_top"] = slab_delta(sl[1], sl[2], ends, 8)
        # Slab in /proc/meminfo also counts kmalloc() above 8 KB, served
        # by the page allocator and absent from /proc/slabinfo.
        r["slab_unlisted_kb_per_link"] = rnd(
            ((m[2].get("Slab", 0) - m[1].get("Slab", 0)) * 1024 -
             (slab_pages(sl[2]) - slab_pages(sl[1]))) / 1024 / ends)
        r["slab_top_pty"] = slab_delta(sl[0], sl[1], ends, 5)
        r["vmalloc_top"] = vmalloc_delta(vm[1], vm[2], ends, 5)
        ca = [alloc_calls(os.path.join(d, "s%d.calls" % i)) for i in (1, 2)]
        if ca[0] and ca[1]:
            # Object sizes without slub_debug's tracking: kmalloc caches
            # by name, the others as the kernel states them.
            sizes = {}
            for line in (read(os.path.join(d, "s2.objsize")) or "").splitlines():
                f = line.split()
                if len(f) == 2 and f[1].isdigit():
                    sizes[f[0]] = int(f[1])
            for name in {k[0] for k in ca[1]}:
                m_ = re.match(r"kmalloc-(?:cg-|rcl-)?(\d+)(k?)$", name)
                if m_:
                    sizes[name] = int(m_.group(1)) * (1024 if m_.group(2) else 1)
            r["alloc_sites"] = calls_delta(ca[0], ca[1], sizes, ends, 30)
        if m[3]:
            r["kernel_kb_per_link_after_teardown"] = rnd((kernel_kb(m[3]) - kernel_kb(m[0])) / ends)

    cu = ints(os.path.join(d, "cpu_up"))
    if len(cu) == 4:
        hz = os.sysconf("SC_CLK_TCK")
        r["ctl_cpu_s_to_all_up_ab"] = [round(cu[0] / hz, 1), round(cu[2] / hz, 1)]
    c0, c1 = ints(os.path.join(d, "cpu0")), ints(os.path.join(d, "cpu1"))
    if len(c0) == 7 and len(c1) == 7:
        hz = os.sysconf("SC_CLK_TCK")
        secs = (c1[6] - c0[6]) / 1000
        r["idle_s"] = round(secs, 1)
        cpu = [(c1[i] - c0[i]) / hz / secs * 100 for i in (0, 2)]
        r["idle_ctl_cpu_pct"] = rnd(max(cpu), 3)
        r["idle_ctl_cpu_pct_ab"] = [rnd(x, 3) for x in cpu]
        r["idle_ctl_wakeups_ab"] = [c1[1] - c0[1], c1[3] - c0[3]]
        r["idle_sys_cpu_pct"] = rnd((c1[4] - c0[4]) / max(1, c1[5] - c0[5]) * 100, 1)
    s0 = [kv(os.path.join(d, "stats0.%s" % s)) for s in "ab"]
    s1 = [kv(os.path.join(d, "stats1.%s" % s)) for s in "ab"]
    if all(s0) and all(s1):
        def delta(k):
            return sum(s1[i].get(k, 0) - s0[i].get(k, 0) for i in (0, 1))
        r["echo_sent"] = delta("echo_req_sent")
        r["echo_answered"] = delta("echo_req_answered")
        r["echo_replies"] = delta("echo_rep_rcvd")
        st = ints(os.path.join(d, "stats_ms"))
        secs = (st[1] - st[0]) / 1000 if len(st) == 2 else r.get("idle_s", 0)
        r["echo_expected"] = int(2 * n * secs)
        r["echo_missed_links"] = sum(s.get("echo_missed_links", 0) for s in s1)
        r["links_lost_idle"] = sum(s0[i].get("ipcp_open", 0) - s1[i].get("ipcp_open", 0)
                                   for i in (0, 1))
        r["rx_ctrl_dropped"] = sum(s.get("rx_ctrl_dropped", 0) for s in s1)
    dm = ints(os.path.join(d, "down_ms"))
    if dm:
        r["teardown_s"] = round(dm[0] / 1000, 2)
        r["teardown_links_per_s"] = round(ends / (dm[0] / 1000), 1)
    dp = ints(os.path.join(d, "down_partial"))
    if len(dp) == 3:
        r["teardown_s"] = None
        r["teardown_links_per_s"] = round((ends - dp[1] - dp[2]) / (dp[0] / 1000), 1)
        r["teardown_left_after_s"] = [round(dp[0] / 1000), dp[1] + dp[2]]
    q = (read(os.path.join(d, "qdisc")) or "").split()
    if len(q) > 1:
        r["qdisc"] = q[1]
    pn = ints(os.path.join(d, "pty_nr"))
    if pn:
        r["pty_nr"] = pn[0]
    return r


def fmt(x, spec):
    return "-" if x is None else spec % x


def main():
    work, out, ns = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3:]]
    base = ints(os.path.join(work, "n1", "rss"))
    res = {}
    for n in ns:
        res["n%d" % n] = one(work, n, base)
    pp = [[int(x) for x in l.split()]
          for l in (read(os.path.join(work, "pppd", "rss")) or "").splitlines()]
    pp = [x for x in pp if len(x) == 2 and x[0] > 0]
    if pp:
        res["pppd_rss_kb_per_link"] = round(sum(x[0] for x in pp) / len(pp), 1)
        res["pppd_pss_kb_per_link"] = round(sum(x[1] for x in pp) / len(pp), 1)
        res["pppd_processes"] = len(pp)
        res["pppd_links_up"] = ints(os.path.join(work, "pppd", "up"))[0] // 2 \
            if ints(os.path.join(work, "pppd", "up")) else 0
    res["transport"] = "one pty pair per link (master fd:N in ns A, slave in ns B), " \
                       "lcp-echo-interval 1, one VM boot"
    with open(out, "w") as f:
        json.dump(res, f, indent=1, sort_keys=True)
        f.write("\n")

    pr = res.get("pppd_rss_kb_per_link")
    print("%-7s %11s %9s %12s %15s %10s %12s %13s" % (
        "N", "links up", "all-up s", "ctl RSS KB/l", "kernel KB/l", "pppk KB/l",
        "idle ctl CPU%", "pppd RSS KB/l"))
    for n in ns:
        r = res["n%d" % n]
        print("%-7d %11s %9s %12s %15s %10s %12s %13s" % (
            n, "%d/%d" % (r.get("links_up", 0), n), fmt(r.get("all_up_s"), "%.1f"),
            fmt(r.get("ctl_rss_kb_per_link"), "%.2f"),
            fmt(r.get("kernel_kb_per_link"), "%.1f"),
            fmt(r.get("kernel_kb_per_link_pppk"), "%.1f"),
            fmt(r.get("idle_ctl_cpu_pct"), "%.3f"), fmt(pr, "%.0f")))
    for n in ns:
        r = res["n%d" % n]
        print("n=%d: pty %.1f KB/end (+ N_TTY buffers %.1f KB, freed when pppk attaches); "
              "teardown %s s (%s link ends/s%s); after teardown %s KB/end left" % (
                  n, r.get("kernel_kb_per_link_pty") or 0, r.get("kernel_kb_per_link_pty_ntty") or 0,
                  fmt(r.get("teardown_s"), "%.1f"), fmt(r.get("teardown_links_per_s"), "%.1f"),
                  ", %d left after %d s: stopped" % (r["teardown_left_after_s"][1],
                                                     r["teardown_left_after_s"][0])
                  if "teardown_left_after_s" in r else "",
                  fmt(r.get("kernel_kb_per_link_after_teardown"), "%.1f")))
        if "idle_s" in r:
            print("  idle %.0f s: ctl CPU %% a/b %s, wakeups a/b %s, system CPU %.1f%%; "
                  "echoes sent %d (expected ~%d), answered %d, replies %d; "
                  "links with missed echoes %d, links lost %d, frames to ctl dropped %d" % (
                      r["idle_s"], r.get("idle_ctl_cpu_pct_ab"), r.get("idle_ctl_wakeups_ab"),
                      r.get("idle_sys_cpu_pct", 0), r.get("echo_sent", 0),
                      r.get("echo_expected", 0), r.get("echo_answered", 0),
                      r.get("echo_replies", 0), r.get("echo_missed_links", 0),
                      r.get("links_lost_idle", 0), r.get("rx_ctrl_dropped", 0)))
        if "meminfo_kb_per_link" in r:
            mi = r["meminfo_kb_per_link"]["links"]
            print("  links step, KB/end: " + ", ".join(
                "%s %+.2f" % (k, v) for k, v in mi.items() if v))
            print("  slab, bytes/end (objects): " + ", ".join(
                "%s %d (%.2f)" % (k, v["bytes_per_link"], v["objs_per_link"])
                for k, v in sorted(r["slab_top"].items(), key=lambda x: -x[1]["bytes_per_link"])))
            print("  kmalloc > 8 KB (in Slab, not in slabinfo): %.1f KB/end; qdisc: %s" % (
                r.get("slab_unlisted_kb_per_link") or 0, r.get("qdisc", "?")))
            for a in r.get("alloc_sites", []):
                print("    %-18s %-70s %6d B/end (%.2f)" % (
                    a["cache"], a["site"], a["bytes_per_link"], a["objs_per_link"]))
            if r.get("vmalloc_top"):
                print("  vmalloc, bytes/end: " + ", ".join(
                    "%s %d" % kv_ for kv_ in sorted(r["vmalloc_top"].items(), key=lambda x: -x[1])))
    if pp:
        print("pppd: %d processes (%d links up), VmRSS %.0f KB, Pss %.0f KB per process" % (
            len(pp), res.get("pppd_links_up", 0), res["pppd_rss_kb_per_link"],
            res["pppd_pss_kb_per_link"]))


main()
