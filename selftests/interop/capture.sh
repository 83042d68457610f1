# SPDX-License-Identifier: GPL-2.0
#
# Checks on a pcap of the wire, as tshark decodes it (source it; used by
# interop/gretap.sh). tshark's own dissectors are the judge: IP protocol 47
# or UDP port 4754 (RFC 8086) to GRE, GRE protocol 0x6558 to Ethernet.

# The GRE frames of PCAP, one a line, tab-separated, key first; a field that
# occurs twice (outer and inner IP) is comma-joined, outer first. Decoded
# once per pcap: tshark takes seconds.
_capture_fields() {
	local out=$TEST_TMP/frames-$(echo "$1" | md5sum | cut -c1-8)
	[ -s "$out" ] || tshark -r "$1" -Y gre -T fields -E separator=/t \
		-e gre.key -e ip.src -e ipv6.src -e ip.proto -e ipv6.nxt -e udp.dstport \
		-e gre.flags.key -e gre.flags.checksum -e gre.flags.sequence_number \
		-e gre.proto -e eth.type -e gre.checksum.status -e gre.sequence_number \
		-e ipv6.dstopts.nxt \
		>"$out" 2>/dev/null
	echo "$out"
}

# _capture_expect UNDERLAY ENCAP FLAGS: awk -v arguments for what a case's
# frames must look like.
_capture_expect() {
	local v6=0 proto=47 port= csum=0 seq=0 a=10.9.0.1 b=10.9.0.2
	[ "$1" = ipv6 ] && v6=1 a=fd00:9::1 b=fd00:9::2
	[ "$2" = udp ] && proto=17 port=4754
	[[ ,$3, == *,csum,* ]] && csum=1
	[[ ,$3, == *,seq,* ]] && seq=1
	echo "-v v6=$v6 -v want_proto=$proto -v port=$port -v csum=$csum -v seq=$seq -v a=$a -v b=$b"
}

# _capture_awk PROGRAM PCAP KEY UNDERLAY ENCAP FLAGS: runs the awk PROGRAM
# over the frames with KEY (fields from $2 on as _capture_fields lists them),
# with `src` and `proto` (the outer IP's, past the destination options
# header in which ip6gretap sends its tunnel encapsulation limit) set. An
# ICMP error quoting a tunnel frame is left out.
_capture_awk() {
	local program=$1 pcap=$2 key=$3 frames
	shift 3
	frames=$(_capture_fields "$pcap")
	# shellcheck disable=SC2046
	awk -F'\t' -v key="$key" $(_capture_expect "$@") "$_capture_awk_head$program" "$frames"
}
_capture_awk_head='
	function first(s) { sub(/,.*/, "", s); return s }
	first($1) != sprintf("0x%08x", key) { next }
	{
		src = first(v6 ? $3 : $2)
		proto = first(v6 ? $5 : $4)
		if (v6 && proto == 60)
			proto = first($14)
		if (proto == 1 || proto == 58)
			next
	}'

# capture_matches PCAP KEY UNDERLAY ENCAP FLAGS: every frame with KEY is GRE
# (in UDP to port 4754 for ENCAP udp) over the UNDERLAY's IP, carrying
# Ethernet, with a checksum (verified good) and a sequence number present
# exactly when FLAGS say; both ends sent some.
capture_matches() {
	_capture_awk '
		{
			n[src]++
			why = ""
			if (proto != want_proto) why = why " outer protocol " proto
			if (port != "" && first($6) != port) why = why " UDP port " $6
			if ($7 != 1) why = why " no key"
			if ($8 != csum) why = why " checksum flag " $8
			if ($9 != seq) why = why " sequence flag " $9
			if ($10 != "0x6558") why = why " GRE protocol " $10
			if (split($11, types, ",") < 2) why = why " no Ethernet inside"
			if (csum && $12 != 1) why = why " checksum status " $12
			if (why != "" && ++bad <= 5)
				print "frame from " src ":" why
		}
		END {
			printf "%d frames from %s, %d from %s, %d wrong\n", n[a], a, n[b], b, bad
			exit !(bad == 0 && n[a] >= 10 && n[b] >= 10)
		}' "$@"
}

# capture_seq_numbers PCAP KEY UNDERLAY ENCAP FLAGS: each end gave every
# frame a number of its own, and skipped none (the capture misses nothing;
# the order on the wire may differ).
capture_seq_numbers() {
	_capture_awk '
		{
			n[src]++
			if (!((src, $13) in seen)) distinct[src]++
			seen[src, $13] = 1
			if (!(src in lo) || $13 < lo[src]) lo[src] = $13
			if (!(src in hi) || $13 > hi[src]) hi[src] = $13
		}
		function report(end) {
			printf "from %s: %d frames, %d numbers, %s to %s\n",
				end, n[end], distinct[end], lo[end], hi[end]
		}
		function good(end) {
			return n[end] >= 10 && distinct[end] == n[end] &&
				hi[end] - lo[end] + 1 == n[end]
		}
		END {
			report(a)
			report(b)
			exit !(good(a) && good(b))
		}' "$@"
}

# capture_keys_known PCAP KEYS: no GRE frame on the wire has another key.
capture_keys_known() {
	local keys=" $(echo "$2" | tr '\n' ' ') " key bad=0
	for key in $(cut -f1 "$(_capture_fields "$1")" | tr ',' '\n' | sort -u); do
		key=$((key))
		[[ $keys == *" $key "* ]] && continue
		echo "a GRE frame with key $key"
		bad=1
	done
	[ "$bad" = 0 ]
}
