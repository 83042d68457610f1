# SPDX-License-Identifier: GPL-2.0
#
# The interop cases (source it): read by both guests (interop/guest.sh) and
# by the host (interop/gretap.sh), so that all three step through the same
# list. Every case has a key of its own: the wire capture is split by key.

# interop_cases: one case a line, KEY UNDERLAY ENCAP FLAGS (comma-separated, or -)
interop_cases() {
	cat <<-'EOF'
		101 ipv4 gre -
		102 ipv4 gre csum
		103 ipv4 gre seq
		104 ipv4 gre csum,seq
		111 ipv4 udp -
		112 ipv4 udp csum
		113 ipv4 udp seq
		114 ipv4 udp csum,seq
		121 ipv6 gre -
		122 ipv6 gre csum
		123 ipv6 gre seq
		124 ipv6 gre csum,seq
	EOF
}

# case_name KEY UNDERLAY ENCAP FLAGS: "ipv4 gre key 104 csum seq"
case_name() {
	local flags=${4//,/ }
	echo "$2 $3 key $1${flags:+ ${flags#-}}" | sed 's/ $//'
}

# case_features UNDERLAY ENCAP: the `egrectl info` features the egre side needs
case_features() {
	local f=egre
	[ "$1" = ipv6 ] && f="$f egre-ipv6"
	[ "$2" = udp ] && f="$f egre-udp"
	echo "$f"
}

# case_missing UNDERLAY ENCAP FEATURES...: why the case cannot run, or nothing
case_missing() {
	local underlay=$1 encap=$2 need have missing=
	shift 2
	for need in $(case_features "$underlay" "$encap"); do
		for have in "$@"; do
			[ "$need" = "$have" ] && continue 2
		done
		missing="$missing $need"
	done
	missing=${missing# }
	[ -z "$missing" ] || echo "trellis lacks ${missing// /, }"
}
