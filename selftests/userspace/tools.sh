#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# On the host: egrectl's man page builds and renders and says what help
# says; bash completion gives the expected words; make install-tools
# installs the three without kernel headers.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/../lib.sh"

EGRECTL=$root/build/egrectl
PAGE=$root/build/man/egrectl.8

man_page() {
	check make -s -C "$root" man
	local text
	text=$(MANWIDTH=80 man -l "$PAGE" 2>&1)
	for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "TEXT OUTPUT" JSON "EXIT STATUS"; do
		check_match "$text" "^$section$" "section $section"
	done
	check_eq "$(MANWIDTH=80 man -l "$PAGE" 2>&1 >/dev/null)" "" "man -l: no warnings"
}
test_case "the man page builds with scdoc and man -l renders it" man_page

# Every option and command egrectl's help names is in the man page.
man_matches_help() {
	local text word
	text=$(MANWIDTH=200 man -l "$PAGE" 2>/dev/null)
	for word in $("$EGRECTL" help | grep -E '^  -' | grep -oE -- '(^| )-[a-zA-Z0-9]+' | tr -d ' '); do
		check_match "$text" "(^|[ ,])$word([ ,]|$)" "option $word in the man page"
	done
	for word in $("$EGRECTL" help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
		check_match "$text" "(^| )$word( |$)" "command $word in the man page"
	done
}
test_case "the man page names every option and command of help" man_matches_help

# completions LINE: the words bash completion offers after LINE (which ends
# where the cursor is), sorted on one line; egrectl is a stub here that
# knows two slices, two links and a binding.
completions() {
	bash -c '
		egrectl() {
			case "$*" in
			"slice list") printf "red interfaces 2 netns 1\nblue userns 1000 netns 2\n" ;;
			"-br link show") printf "eg1 UP 10.0.0.1 -> 10.0.0.2 key 1\nsl1 UP red/eth0 -> eg1\n" ;;
			"shortbridge show") printf "b1: port eg1 port veth0\n" ;;
			esac
		}
		. "$1"
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_egrectl
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"
	' _ "$root/docs/egrectl.bash-completion" "$1"
}

completion() {
	check_eq "$(completions "egrectl ")" "help info link route shortbridge slice topo" "commands"
	check_eq "$(completions "egrectl s")" "shortbridge slice" "commands by prefix"
	check_match "$(completions "egrectl -")" "(^| )-netns( |$)" "options"
	check_eq "$(completions "egrectl -n ")" "blue red" "-n: slice names"
	check_eq "$(completions "egrectl -slice b")" "blue" "-slice: slice names by prefix"
	check_eq "$(completions "egrectl link ")" "add change del help list set show" "link's verbs"
	check_eq "$(completions "egrectl -j link show ")" "eg1 sl1" "link show: link names"
	check_eq "$(completions "egrectl link del e")" "eg1" "link del: by prefix"
	check_eq "$(completions "egrectl link add x type ")" "egre shortbridge" "link add type"
	check_eq "$(completions "egrectl link add x type egre encap ")" "gre udp" "encap"
	check_eq "$(completions "egrectl slice exec ")" "blue red" "slice exec: slice names"
	check_eq "$(completions "egrectl shortbridge del ")" "b1" "shortbridge del: bindings"
	check_eq "$(completions "egrectl topo ")" "apply check destroy diff exec link show test" "topo's verbs"
	check_eq "$(completions "egrectl route show table ")" "all default local main" "route tables"
	check_eq "$(completions "egrectl route show ")" "table" "route show: only table"
	check_eq "$(completions "egrectl -ne ")" "blue red" "-ne (a prefix of -netns): slice names"
	check_eq "$(completions "egrectl -sl blue link del ")" "eg1 sl1" "after -sl SLICE: link names"
	check_eq "$(completions "egrectl link set eg1 shape d")" "delay dir duplicate" "shape's words"
	check_match "$(completions "egrectl link add x type egre no")" "^nocsum nodirect nopmtudisc noseq$" "no-words"
}
test_case "bash completion: commands, keywords, link and slice names" completion

# The schema of -j is a valid JSON Schema (draft 7), with a definition for
# every command's output; tools/schema-check holds a document to it.
json_schema() {
	local schema=$root/docs/egrectl.schema.json def
	check python3 -c 'import json, sys, jsonschema
jsonschema.Draft7Validator.check_schema(json.load(open(sys.argv[1])))' "$schema"
	for def in link-show link-show-brief shortbridge-show route-show slice-list info \
		topo-show topo-check; do
		check_eq "$(jq -r --arg d "$def" '.definitions | has($d)' "$schema")" true "definition $def"
	done
	run "$root/selftests/tools/schema-check" "$schema" slice-list <<<'[{"name":"s1","netns_inode":4026531840}]'
	check_eq "$rc" 0 "a valid document ($out)"
	run "$root/selftests/tools/schema-check" "$schema" slice-list <<<'[{"name":"s1","userns":"-","netns_inode":1}]'
	check_eq "$rc" 1 "an invalid one"
	check_eq "$out" "0/userns: '-' is not of type 'integer'" "named by path"
}
test_case "the JSON schema of egrectl -j is valid, and the checker holds to it" json_schema

# userspace/ depends one way: a file that includes another's header never
# has that file include its own (tsort finds a loop if one does).
no_include_cycles() {
	local f m h out
	out=$(cd "$root/userspace" && for f in *.c *.h; do
		m=${f%.[ch]}
		for h in $(sed -n 's/^#include "\([a-z_]*\)\.h"/\1/p' "$f"); do
			if [ "$h" != "$m" ]; then echo "$m $h"; fi
		done
	done | tsort 2>&1 >/dev/null)
	check_eq "$out" "" "tsort of userspace/'s includes"
	# and the check sees a loop when there is one
	check_match "$(printf 'a b\nb a\n' | tsort 2>&1 >/dev/null)" "loop" "tsort finds a loop"
}
test_case "userspace/ has no include cycles" no_include_cycles

# The command files parse and print; every netlink message is built in a
# query file (README: Layout), so a command never talks to the kernel itself.
commands_build_no_messages() {
	local cmds="main.c batch.c info.c link.c link_egre.c slice_link.c link_args.c shape.c
		shape_args.c shortbridge.c slice.c route.c route_args.c topo.c topo_show.c print.c
		drops.c" pattern='nlmsg_alloc|nla_put|nla_nest_start|rtnl_[a-z]+_(alloc|build|get)|conn_talk|trellis_genl_(start|request)'
	local f hits=
	for f in $cmds; do
		check test -e "$root/userspace/$f"
		hits+=$(grep -nE "$pattern" "$root/userspace/$f" | sed "s|^|$f:|")
	done
	check_eq "$hits" "" "netlink calls in command files"
	# and the pattern finds one where there is one
	check_match "$(grep -cE "$pattern" "$root/userspace/route_query.c")" "^[1-9]" \
		"route_query.c builds its messages"
}
test_case "command files build no netlink message (the query files do)" \
	commands_build_no_messages

install_tools() {
	local dest=$TEST_TMP/root
	# no kernel tree: KDIR points nowhere
	check make -s -C "$root" install-tools DESTDIR="$dest" PREFIX=/usr KDIR=/nonexistent
	check test -x "$dest/usr/sbin/egrectl"
	check test -s "$dest/usr/share/man/man8/egrectl.8"
	check test -s "$dest/usr/share/bash-completion/completions/egrectl"
	check test -s "$dest/usr/share/trellis/egrectl.schema.json"
	check_eq "$(find "$dest" -type f | wc -l)" 4 "files installed"
}
test_case "make install-tools: egrectl, man page, completion, schema, no kernel headers" install_tools

test_done
