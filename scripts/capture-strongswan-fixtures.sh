#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Reproduces the IKEv2 fixtures in test/data/ikev2/: real IKEv2 exchanges between two strongSwan
# charon daemons, one in each of two network namespaces joined by a veth pair, captured with
# tcpdump, with the keys of every IKE and ESP SA written as Wireshark decryption tables.
#
# Not run by CI. Needs root (network namespaces, mounts, tcpdump) and Debian's strongSwan,
# tshark and tcpdump packages (installed with apt-get when missing). See test/data/ikev2/README.md.
#
# Usage: scripts/capture-strongswan-fixtures.sh [OUTDIR] [SCENARIO...]
#   OUTDIR defaults to test/data/ikev2 of this tree; with SCENARIO names only those are redone.
#
# The peers: "left" 10.0.0.1 (subnet 10.1.0.0/24, host 10.1.0.1 on lo) always initiates;
# "right" 10.0.0.2 (subnet 10.2.1.0/24, host 10.2.1.1 on lo) responds. Nothing leaves the two
# namespaces, which are deleted at the end (also on error).
#
# The machine this was written on has XFRM but no ESP/AH in its kernel, so charon's
# kernel-netlink cannot install CHILD SAs (XFRM_MSG_NEWSA fails with ENOSYS). The scenarios
# therefore use strongSwan's userspace IPsec (kernel-libipsec, a TUN device), which makes charon
# fake a NAT (libipsec needs UDP encapsulation) so everything after IKE_SA_INIT runs on UDP 4500
# with the 4-byte non-ESP marker. Scenario 06 shows kernel-netlink on such a kernel (UDP 500 only).
#
# Debian's strongSwan is built without the save-keys plugin, so the decryption tables are made by
# scripts/strongswan-log-keys.py from charon's own level-4 log (the keys it derives), in
# save-keys' format (ikev2_decryption_table, esp_sa).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/test/data/ikev2}")"
shift || true
only=("$@")
work="${IKEFX_WORK:-/tmp/ikev2-fixtures}"
ns_l=ikefx-left
ns_r=ikefx-right
psk='ns3-ipsec IKEv2 fixture PSK'
ike_version=2 # the connections' version (1: the IKEv1 fixtures, v1-*)
auth=psk # local.auth and remote.auth of the scenarios (pubkey: certs_for sets the credentials)
build="${IPSEC_BUILD_DIR:-$root/build}"

[ "$(id -u)" = 0 ] || { echo "needs root" >&2; exit 1; }
need=()
[ -x /usr/lib/ipsec/charon ] || need+=(strongswan-charon strongswan-libcharon)
[ -e /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so ] || need+=(libcharon-extra-plugins)
command -v swanctl >/dev/null || need+=(strongswan-swanctl)
command -v tshark >/dev/null || need+=(tshark)
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v ip >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi

pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    pids=()
    ip netns del "$ns_l" 2>/dev/null || true
    ip netns del "$ns_r" 2>/dev/null || true
}
trap cleanup EXIT

netns_up() {
    ip netns del "$ns_l" 2>/dev/null || true
    ip netns del "$ns_r" 2>/dev/null || true
    ip netns add "$ns_l"
    ip netns add "$ns_r"
    ip link add veth-left netns "$ns_l" type veth peer name veth-right netns "$ns_r"
    ip -n "$ns_l" link set lo up
    ip -n "$ns_r" link set lo up
    ip -n "$ns_l" addr add 10.0.0.1/24 dev veth-left
    ip -n "$ns_r" addr add 10.0.0.2/24 dev veth-right
    ip -n "$ns_l" addr add 10.1.0.1/32 dev lo
    ip -n "$ns_r" addr add 10.2.1.1/32 dev lo
    # No IPv6 on the link: keeps router/neighbour solicitations out of the captures.
    ip netns exec "$ns_l" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
    ip netns exec "$ns_r" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
    ip -n "$ns_l" link set veth-left up
    ip -n "$ns_r" link set veth-right up
}

# strongswan_conf DIR KERNEL-PLUGINS: charon's configuration for one peer, everything under DIR
# (its VICI socket and log); the pid file stays /var/run/charon.pid, made private per peer by
# mounting a tmpfs on /run inside the peer's mount namespace (see start_peer).
strongswan_conf() {
    cat > "$1/strongswan.conf" <<EOF
# charon for the ns3-ipsec IKEv2 fixtures (scripts/capture-strongswan-fixtures.sh)
charon {
  load = random nonce openssl aes sha1 sha2 hmac gcm curve25519 gmp kdf pem pkcs1 pkcs8 x509 pubkey constraints $2 socket-default vici
  port = 500
  port_nat_t = 4500
$([ "$ike_version" = 1 ] && printf '  # aggressive mode with a PSK (refused by default: the HASH can be cracked offline)\n  i_dont_care_about_security_and_use_aggressive_mode_psk = yes')
  # no NAT keep-alives, no retransmissions within a capture's few seconds
  keep_alive = 0s
  retransmit_tries = 2
  plugins {
    vici {
      socket = unix://$1/charon.vici
    }
  }
  filelog {
    keys {
      path = $1/charon.log
      time_format = %H:%M:%S
      ike_name = yes
      append = no
      flush_line = yes
      default = 1
      # level 4: the derived IKE and CHILD keys (there is no save-keys plugin in Debian's build)
      ike = 4
      chd = 4
      mgr = 2
      cfg = 1
      enc = 1
      net = 1
      knl = 1
      lib = 1
    }
  }
  syslog {
    daemon {
      default = -1
    }
    auth {
      default = -1
    }
  }
}
EOF
}

# swanctl_conf DIR LOCAL_ADDR REMOTE_ADDR LOCAL_ID REMOTE_ID IKE_PROPOSALS ESP_PROPOSALS
#   LOCAL_TS REMOTE_TS SECRET [EXTRA-CONNECTION-LINES]
swanctl_conf() {
    cat > "$1/swanctl.conf" <<EOF
# swanctl configuration for the ns3-ipsec IKEv2 fixtures (scripts/capture-strongswan-fixtures.sh)
connections {
  fix {
    version = $ike_version
    local_addrs = $2
    remote_addrs = $3
    proposals = $6
    ${11:-}
    local {
      auth = $auth
      id = $4$([ "$auth" = pubkey ] && printf '\n      certs = cert.pem')
    }
    remote {
      auth = $auth
      id = $5
    }
    children {
      net {
        mode = tunnel
        local_ts = $8
        remote_ts = $9
        esp_proposals = $7
        start_action = none
      }
    }
  }
}
secrets {
  ike-fix {
    id-left = $4
    id-right = $5
    secret = "${10}"
  }
}
EOF
}

start_peer() { # start_peer left|right
    local side=$1 ns dir
    ns=$([ "$side" = left ] && echo "$ns_l" || echo "$ns_r")
    dir="$cur/$side"
    rm -f "$dir/charon.vici" "$dir/charon.log"
    # ip netns exec runs in a new mount namespace: the tmpfs on /run gives each charon its own
    # /run/charon.pid without touching the host's /run.
    ip netns exec "$ns" sh -c "mount -t tmpfs tmpfs /run && \
        STRONGSWAN_CONF='$dir/strongswan.conf' exec /usr/lib/ipsec/charon" \
        > "$dir/charon.stdout" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do [ -S "$dir/charon.vici" ] && break; sleep 0.1; done
    [ -S "$dir/charon.vici" ] || { echo "charon ($side) did not start" >&2; cat "$dir/charon.stdout" >&2; exit 1; }
    swanctl --load-conns --file "$dir/swanctl.conf" --uri "unix://$dir/charon.vici" >/dev/null
    # certificates (auth = pubkey): SWANCTL_DIR makes swanctl read x509/, x509ca/, private/ here
    SWANCTL_DIR="$dir" swanctl --load-creds --noprompt --file "$dir/swanctl.conf" \
        --uri "unix://$dir/charon.vici" >/dev/null 2>&1
}

left()  { swanctl "$@" --uri "unix://$cur/left/charon.vici"; }
right() { swanctl "$@" --uri "unix://$cur/right/charon.vici"; }

start_capture() {
    : > "$cur/tcpdump.err"
    ip netns exec "$ns_l" tcpdump -i veth-left -n -s 0 --immediate-mode -U -w "$cur/capture.pcap" \
        'udp port 500 or udp port 4500 or esp' 2> "$cur/tcpdump.err" &
    pids+=($!)
    tcpdump_pid=$!
    for _ in $(seq 100); do grep -q listening "$cur/tcpdump.err" && break; sleep 0.1; done
}

stop_all() {
    sleep 1
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    pids=()
}

# A UDP datagram from left's subnet to right's through the tunnel; right answers with an ICMP
# port unreachable, so the capture holds one ESP packet each way.
ping_through_tunnel() {
    ip netns exec "$ns_l" bash -c 'echo ns3-ipsec > /dev/udp/10.2.1.1/9' || true
    sleep 0.5
}

wait_log() { # wait_log left|right REGEX: until the peer's log has a line matching REGEX
    for _ in $(seq 100); do grep -q -E "$2" "$cur/$1/charon.log" && return 0; sleep 0.1; done
    echo "timeout waiting for '$2' in $1's log" >&2
    return 1
}

# scenario NAME KERNEL-PLUGINS IKE_L ESP_L IKE_R ESP_R ID_L ID_R PSK_L PSK_R [EXTRA_L [EXTRA_R]]
# then the function NAME-with-dashes-as-underscores runs the exchanges.
scenario() {
    local name=$1
    if [ ${#only[@]} -gt 0 ] && [[ " ${only[*]} " != *" $name "* ]]; then return 0; fi
    echo "== $name"
    cur="$work/$name"
    rm -rf "$cur"
    mkdir -p "$cur/left" "$cur/right"
    strongswan_conf "$cur/left" "$2"
    strongswan_conf "$cur/right" "$2"
    swanctl_conf "$cur/left" 10.0.0.1 10.0.0.2 "$7" "$8" "$3" "$4" 10.1.0.0/16 10.2.0.0/16 "$9" "${11:-}"
    swanctl_conf "$cur/right" 10.0.0.2 10.0.0.1 "$8" "$7" "$5" "$6" 10.2.1.0/24 10.1.0.0/24 "${10}" "${12:-}"
    if [ "$auth" = pubkey ]; then certs_for "$cert_scheme"; fi
    netns_up
    start_peer left
    start_peer right
    start_capture
    "run_${name//-/_}"
    stop_all
    ip netns del "$ns_l"
    ip netns del "$ns_r"
    # keep: the pcap, the tables, both peers' configurations
    local dst="$out/$name"
    rm -rf "$dst"
    mkdir -p "$dst/left" "$dst/right"
    cp "$cur/capture.pcap" "$dst/$name.pcap"
    python3 "$root/scripts/strongswan-log-keys.py" "$cur/left/charon.log" "$dst"
    for side in left right; do
        cp "$cur/$side/strongswan.conf" "$cur/$side/swanctl.conf" "$dst/$side/"
        if [ "$auth" = pubkey ]; then
            cp -r "$cur/$side/x509" "$cur/$side/x509ca" "$cur/$side/private" "$dst/$side/"
        fi
    done
}

# certs_for SCHEME: ipsec-ikev2 --auth=SCHEME makes a CA and gwA's and gwB's certificates
# (deterministically, IDs 10.2.1.1 and 10.2.2.2 in their subjectAltNames); left gets gwA's,
# right gwB's, both trust the CA. Call it between scenario's directories and the peers' start:
# scenario runs it through the PRE hook below.
certs_for() {
    local side g
    [ -x "$build/examples/ipsec-ikev2" ] ||
        { echo "no $build/examples/ipsec-ikev2: build it first (scripts/build.sh)" >&2; exit 1; }
    (cd "$cur" && "$build/examples/ipsec-ikev2" --auth="$1" --chart=none --simTime=1 \
        --pem="$cur/pem-" > /dev/null)
    for side in left right; do
        g=$([ "$side" = left ] && echo gwA || echo gwB)
        mkdir -p "$cur/$side/x509" "$cur/$side/x509ca" "$cur/$side/private"
        cp "$cur/pem-$g-cert.pem" "$cur/$side/x509/cert.pem"
        cp "$cur/pem-$g-ca.pem" "$cur/$side/x509ca/ca.pem"
        cp "$cur/pem-$g-key.pem" "$cur/$side/private/key.pem"
    done
}

run_01_psk_aes128_sha256_modp2048() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
    ping_through_tunnel
}

run_02_psk_aes256gcm16_prfsha384_ecp384() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
    ping_through_tunnel
}

run_02b_psk_aes256_sha512_curve25519() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
}

run_03a_rekey_child_pfs() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
    left --rekey --child net > /dev/null
    wait_log left 'CHILD_SA closed'
    ping_through_tunnel
}

run_03b_rekey_ike() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
    left --rekey --ike fix > /dev/null
    wait_log left 'IKE_SA deleted'
    # one more exchange, protected by the new IKE SA's keys
    left --terminate --child net --timeout 20 > /dev/null
}

run_04_informational_dpd_delete() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
    # dpd_delay = 2s on the left: one liveness check (an empty INFORMATIONAL) after 2 s
    wait_log left 'sending DPD request'
    sleep 1
    left --terminate --child net --timeout 20 > /dev/null
    left --terminate --ike fix --timeout 20 > /dev/null
}

run_05a_fail_auth_wrong_psk() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out" 2>&1 || true
}

run_05b_fail_no_proposal_chosen() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out" 2>&1 || true
}

run_05c_invalid_ke_payload() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
}

run_07a_pubkey_ecdsa256() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
}
run_07b_pubkey_rsa2048() { run_07a_pubkey_ecdsa256; }
run_07c_pubkey_ed25519() { run_07a_pubkey_ecdsa256; }
run_07d_pubkey_ecdsa384() { run_07a_pubkey_ecdsa256; }

run_06_kernel_netlink_child_install_fails() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out" 2>&1 || true
}

mkdir -p "$work" "$out"
libipsec=kernel-libipsec\ kernel-netlink
ids=(10.0.0.1 right.example.org)

scenario 01-psk-aes128-sha256-modp2048 "$libipsec" \
    aes128-sha256-modp2048 aes128-sha256 aes128-sha256-modp2048 aes128-sha256 \
    "${ids[@]}" "$psk" "$psk"
scenario 02-psk-aes256gcm16-prfsha384-ecp384 "$libipsec" \
    aes256gcm16-prfsha384-ecp384 aes256gcm16 aes256gcm16-prfsha384-ecp384 aes256gcm16 \
    left.example.org right.example.org "$psk" "$psk"
scenario 02b-psk-aes256-sha512-curve25519 "$libipsec" \
    aes256-sha512-curve25519 aes128gcm16 aes256-sha512-curve25519 aes128gcm16 \
    "${ids[@]}" "$psk" "$psk"
scenario 03a-rekey-child-pfs "$libipsec" \
    aes128-sha256-modp2048 aes128gcm16-modp2048 aes128-sha256-modp2048 aes128gcm16-modp2048 \
    "${ids[@]}" "$psk" "$psk"
scenario 03b-rekey-ike "$libipsec" \
    aes128-sha256-modp2048 aes128gcm16 aes128-sha256-modp2048 aes128gcm16 \
    "${ids[@]}" "$psk" "$psk"
scenario 04-informational-dpd-delete "$libipsec" \
    aes128-sha256-modp2048 aes128gcm16 aes128-sha256-modp2048 aes128gcm16 \
    "${ids[@]}" "$psk" "$psk" "dpd_delay = 2s"
scenario 05a-fail-auth-wrong-psk "$libipsec" \
    aes128-sha256-modp2048 aes128gcm16 aes128-sha256-modp2048 aes128gcm16 \
    "${ids[@]}" "not the PSK right has" "$psk"
scenario 05b-fail-no-proposal-chosen "$libipsec" \
    aes128-sha256-modp2048 aes128gcm16 aes256-sha384-ecp384 aes128gcm16 \
    "${ids[@]}" "$psk" "$psk"
scenario 05c-invalid-ke-payload "$libipsec" \
    aes128-sha256-ecp256-modp2048 aes128gcm16 aes128-sha256-modp2048 aes128gcm16 \
    "${ids[@]}" "$psk" "$psk"
scenario 06-kernel-netlink-child-install-fails kernel-netlink \
    aes128-sha256-modp2048 aes128gcm16 aes128-sha256-modp2048 aes128gcm16 \
    "${ids[@]}" "$psk" "$psk" "mobike = no" "mobike = no"

# Certificates made by ns3-ipsec's IkeCertificateHelper (ipsec-ikev2 --pem): strongSwan
# validates them and signs AUTH (RFC 7427) with their keys; the tests verify its AUTH.
auth=pubkey
cert_ids=(10.2.1.1 10.2.2.2)
for pair in ecdsa256:ecdsa rsa2048:rsa ed25519:ed25519 ecdsa384:ecdsa384; do
    cert_scheme=${pair#*:}
    case ${pair%%:*} in
    ecdsa256) n=07a ;; rsa2048) n=07b ;; ed25519) n=07c ;; ecdsa384) n=07d ;;
    esac
    scenario "$n-pubkey-${pair%%:*}" "$libipsec" \
        aes128-sha256-modp2048 aes128gcm16 aes128-sha256-modp2048 aes128gcm16 \
        "${cert_ids[@]}" "$psk" "$psk"
done
auth=psk

# IKEv1 (only when named: scripts/capture-strongswan-fixtures.sh test/data/ikev1 v1-...): the
# messages as UDP payloads and what charon logged while deriving keys; no JSON (the IKEv2
# tools do not read IKEv1).
run_v1_01_main_psk() {
    left --initiate --child net --timeout 20 > "$cur/initiate.out"
    ping_through_tunnel
}
run_v1_02_aggressive_psk() { run_v1_01_main_psk; }
run_v1_03_main_psk_quick_pfs() { run_v1_01_main_psk; }
if [ ${#only[@]} -gt 0 ] && printf '%s\n' "${only[@]}" | grep -q '^v1-'; then
    ike_version=1
    scenario v1-01-main-psk "$libipsec" \
        aes128-sha1-modp2048 aes128-sha1 aes128-sha1-modp2048 aes128-sha1 \
        "${ids[@]}" "$psk" "$psk"
    scenario v1-02-aggressive-psk "$libipsec" \
        aes256-sha256-modp2048 aes128-sha256 aes256-sha256-modp2048 aes128-sha256 \
        "${ids[@]}" "$psk" "$psk" "aggressive = yes" "aggressive = yes"
    scenario v1-03-main-psk-quick-pfs "$libipsec" \
        aes128-sha256-modp2048 aes128-sha256-modp2048 aes128-sha256-modp2048 \
        aes128-sha256-modp2048 "${ids[@]}" "$psk" "$psk"
    ike_version=2
    for d in "$out"/v1-*/; do
        n=$(basename "$d")
        [ -f "$d/$n.pcap" ] || continue
        tshark -r "$d/$n.pcap" -Y udp -T fields -e frame.number -e ip.src -e udp.srcport \
            -e ip.dst -e udp.dstport -e udp.payload 2>/dev/null |
            awk '{ print $1, $2 ":" $3, $4 ":" $5, $6 }' > "$d/udp-payloads.txt"
        cp "$work/$n/left/charon.log" "$d/left/charon.log"
        rm -f "$d/ikev2_decryption_table" # IKEv1: Wireshark's ikev1_decryption_table is to come
    done
    python3 "$root/scripts/strongswan-log-derivations.py" "$work" "$out"
    echo "done: $out"
    exit 0
fi

# What tshark shows of each fixture, as JSON for the tests (fails if anything did not decrypt)
# (the fixtures made in this run: the pcaps are not kept in git)
made=()
for d in "$out"/*/; do [ -f "$d/$(basename "$d").pcap" ] && made+=("$d"); done
python3 "$root/scripts/ikev2-fixture-json.py" --markdown "${made[@]}" > "$work/messages.md"
# The payload lists tshark saw, and the values charon logged while deriving keys (for the C++
# tests, which read neither JSON nor logs).
(cd "$root" && python3 scripts/ikev2-fixture-payloads.py >/dev/null)
python3 "$root/scripts/strongswan-log-derivations.py" "$work" "$out"
echo "done: $out (message tables: $work/messages.md)"
