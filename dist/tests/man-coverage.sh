#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pppctl(8) documents everything pppctl says it has: every command that
# "pppctl --help" lists (an entry "pppctl [...] NAME ..."), every option
# word that "pppctl up --help" lists (an entry of its own, with a value when
# the help shows one), and every option ("-f", "--wait", ...) in each
# command's --help.  A word or command added to pppctl without its entry
# fails here, naming it.
#
#   dist/tests/man-coverage.sh [PPPCTL [PAGE]]
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
pppctl=${1:-$top/ctl/pppctl}
page=${2:-$top/Documentation/man/pppctl.8}
[ -x "$pppctl" ] || { echo "man-coverage: $pppctl not built (make -C ctl)" >&2; exit 1; }

# The page as text, wide enough that no entry is broken, in ASCII so that
# "\-" and "-" are both "-".  Entries (.TP tags) start in column 8.
text=$(groff -man -Tascii -rLL=250n -P-cbou "$page" 2>/dev/null)
[ -n "$text" ] || { echo "man-coverage: $page does not render" >&2; exit 1; }
# One section's text: from its heading to the next.
section() { awk -v s="$1" '/^[A-Z]/ { on = ($0 == s) } on' <<<"$text"; }
# The entries of a section, without their indent.
entries() { section "$1" | grep -E '^ {7}[^ ]' | sed 's/^ *//'; }
cmdtext=$(section COMMANDS)
cmdtags=$(entries COMMANDS)
tags=$(entries OPTIONS)
if [ -z "$cmdtags" ] || [ -z "$tags" ]; then
	echo "man-coverage: $page has no COMMANDS or no OPTIONS entries" >&2
	exit 1
fi
missing=0
miss() {
	echo "man-coverage: $page: $*" >&2
	missing=$((missing + 1))
}
re_quote() { sed 's/[][\.*^$+?(){}|/]/\\&/g' <<<"$1"; }

cmds=$("$pppctl" --help | sed -n '/^Commands:/,/^$/{s/^  \([a-z][a-z0-9-]*\) .*/\1/p}')
[ -n "$cmds" ] || { echo "man-coverage: no commands in pppctl --help" >&2; exit 1; }
ncmds=0
for c in $cmds; do
	ncmds=$((ncmds + 1))
	grep -qE "^pppctl( \[[^]]*\])* $(re_quote "$c")( |$)" <<<"$cmdtags" ||
		miss "no entry for the command '$c' (pppctl --help lists it)"
	# Its options: "-x" and "--long" in its usage and option lines.
	for o in $("$pppctl" "$c" --help 2>&1 | grep -oE '(^|[][ |])--?[a-z][a-z-]*' |
		   sed 's/^[][ |]*//' | sort -u); do
		case $o in -h | --help) continue ;; esac
		grep -qE -- "(^|[][ ,(])$(re_quote "$o")([] ,.;)]|$)" <<<"$cmdtext" ||
			miss "no mention of '$o' (pppctl $c --help lists it)"
	done
done

nwords=0
while IFS= read -r line; do
	line=${line#  }
	left=${line%%  *}			# "word ARG", "a | b", "debug [CLASS]"
	IFS='|' read -ra alts <<<"${left// | /|}"
	for alt in "${alts[@]}"; do
		w=${alt%% *}
		arg=
		[[ $alt == *" "* ]] && arg=${alt#* }
		nwords=$((nwords + 1))
		if [[ $w =~ ^[A-Z] ]]; then
			# TTY, SPEED, LOCAL:REMOTE: placeholders, in lower case
			grep -qiE "^$(re_quote "$w")( |$)" <<<"$tags" ||
				miss "no entry for '$w' (pppctl up --help lists it)"
		elif [[ $arg =~ ^[A-Z] ]]; then
			grep -qE "^$(re_quote "$w") [^ ]" <<<"$tags" ||
				miss "no entry '$w $arg' (pppctl up --help lists it)"
		else
			grep -qE "^$(re_quote "$w")( |$)" <<<"$tags" ||
				miss "no entry for '$w' (pppctl up --help lists it)"
		fi
	done
done < <("$pppctl" up --help | sed -n '/^Options (pppd words):/,$p' | tail -n +2 | grep '^  ')

if [ "$nwords" -lt 50 ]; then
	echo "man-coverage: only $nwords words read from pppctl up --help" >&2
	exit 1
fi
if [ "$missing" -gt 0 ]; then
	echo "man-coverage: $missing missing from $page" >&2
	exit 1
fi
echo "# $ncmds commands and $nwords option words of pppctl are in $(basename "$page")"
