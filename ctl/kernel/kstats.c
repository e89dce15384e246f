// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>
#include <linux/pppk.h>
#include "kstats.h"

static const char *const stat_names[PPPK_A_STAT_MAX + 1] = {
	[PPPK_A_STAT_RX_FRAMES] = "rx_frames",
	[PPPK_A_STAT_RX_BAD_FCS] = "rx_bad_fcs",
	[PPPK_A_STAT_RX_ABORTS] = "rx_aborts",
	[PPPK_A_STAT_RX_RUNTS] = "rx_runts",
	[PPPK_A_STAT_RX_OVERSIZE] = "rx_oversize",
	[PPPK_A_STAT_RX_BAD_HEADER] = "rx_bad_header",
	[PPPK_A_STAT_RX_ESCAPED] = "rx_escaped",
	[PPPK_A_STAT_RX_ACCM_DISCARDED] = "rx_accm_discarded",
	[PPPK_A_STAT_RX_NO_BUFFER] = "rx_no_buffer",
	[PPPK_A_STAT_RX_NCP_DOWN] = "rx_ncp_down",
	[PPPK_A_STAT_RX_CTRL] = "rx_ctrl",
	[PPPK_A_STAT_RX_CTRL_DROPPED] = "rx_ctrl_dropped",
	[PPPK_A_STAT_TX_FRAMES] = "tx_frames",
	[PPPK_A_STAT_TX_CTRL] = "tx_ctrl",
	[PPPK_A_STAT_TX_DROPPED] = "tx_dropped",
	[PPPK_A_STAT_ECHO_REQ_SENT] = "echo_req_sent",
	[PPPK_A_STAT_ECHO_REQ_ANSWERED] = "echo_req_answered",
	[PPPK_A_STAT_ECHO_REP_RCVD] = "echo_rep_rcvd",
	[PPPK_A_STAT_ECHO_MISSED] = "echo_missed",
	[PPPK_A_STAT_DISCARD_RCVD] = "discard_rcvd",
};

const char *kstat_name(int type)
{
	return type > 0 && type <= PPPK_A_STAT_MAX ? stat_names[type] : NULL;
}

static const char *const event_names[] = {
	[PPPK_EVENT_CREATED] = "created",
	[PPPK_EVENT_DELETED] = "deleted",
	[PPPK_EVENT_HANGUP] = "hangup",
	[PPPK_EVENT_DEAD_PEER] = "dead_peer",
	[PPPK_EVENT_LOOPED] = "looped",
	[PPPK_EVENT_CONTROLLER_GONE] = "controller_gone",
	[PPPK_EVENT_CLOSE_REQUESTED] = "close_requested",
	[PPPK_EVENT_PHASE] = "phase",
	[PPPK_EVENT_IP_UP] = "ip_up",
	[PPPK_EVENT_IP_DOWN] = "ip_down",
	[PPPK_EVENT_IPV6_UP] = "ipv6_up",
	[PPPK_EVENT_IPV6_DOWN] = "ipv6_down",
	[PPPK_EVENT_AUTH] = "auth",
};

const char *kevent_name(unsigned int event)
{
	return event < sizeof(event_names) / sizeof(event_names[0]) ?
	       event_names[event] : NULL;
}
