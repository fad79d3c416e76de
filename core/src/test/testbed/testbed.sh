#!/usr/bin/env bash
# A NAT testbed made of Linux network namespaces: a public segment with a relay host and two
# routers, each with one peer behind it. See README.md next to this file.
#
#   testbed.sh check
#   testbed.sh up ID NAT_A NAT_B        NAT kinds: eim | edm | upnp
#   testbed.sh down ID
#   testbed.sh exec ID NODE cmd...      NODE: pub | relay | ra | a | rb | b
#
# Environment: TESTBED_DELAY_MS (one-way delay on each router WAN, default 25, 0 = none; needs
# netem), TESTBED_FW (nft | iptables: the tool for the router rules; default nft when present).
set -euo pipefail

STATE_ROOT=/tmp/wirepunch-testbed
NODES=(pub relay ra a rb b)

# The public segment. Not a documentation range (192.0.2/24, 198.51.100/24, 203.0.113/24): miniupnpd
# treats those as private, reports no external address and refuses every port forward. 100.128.0.0/24
# lies just past the shared 100.64.0.0/10 block; nothing here is routed outside the namespaces.
PUBLIC_NET=100.128.0
RELAY_IP=$PUBLIC_NET.10
# A second address of the public host, for a service that must count as another observer.
RELAY_IP2=$PUBLIC_NET.11
RA_WAN=$PUBLIC_NET.2
RB_WAN=$PUBLIC_NET.3
UPNP_PORT=5000

log() { printf 'testbed: %s\n' "$*" >&2; }
die() { printf 'testbed: error: %s\n' "$*" >&2; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: testbed.sh check
       testbed.sh up ID NAT_A NAT_B     (NAT kinds: eim, edm, upnp)
       testbed.sh down ID
       testbed.sh exec ID NODE cmd...   (NODE: pub, relay, ra, a, rb, b)
EOF
  exit 2
}

valid_id() {
  [[ $1 =~ ^[a-z][a-z0-9]{0,11}$ ]] || die "ID must be 1-12 lowercase letters/digits starting with a letter: '$1'"
}

have() { command -v "$1" >/dev/null 2>&1; }

firewall_tool() {
  case "${TESTBED_FW:-}" in
    nft|iptables) echo "$TESTBED_FW" ;;
    "") if have nft; then echo nft; elif have iptables; then echo iptables; else echo none; fi ;;
    *) die "TESTBED_FW must be nft or iptables, not '$TESTBED_FW'" ;;
  esac
}

cmd_check() {
  local missing=()
  [ "$(id -u)" -eq 0 ] || missing+=("root privileges")
  have ip || missing+=("ip (iproute2)")
  have nft || have iptables || missing+=("nft or iptables")
  have miniupnpd || missing+=("miniupnpd")
  if [ ${#missing[@]} -gt 0 ]; then
    local joined
    joined=$(printf '%s, ' "${missing[@]}")
    printf 'testbed: missing: %s\n' "${joined%, }" >&2
    exit 1
  fi
  if ! ip netns list >/dev/null 2>&1; then
    echo "testbed: missing: network namespace support (ip netns list failed)" >&2
    exit 1
  fi
}

nsx() { # nsx NODE cmd...
  local node=$1; shift
  ip netns exec "$ID-$node" "$@"
}

sysctl_set() { # sysctl_set NODE key value
  nsx "$1" sh -c "echo $3 > /proc/sys/${2//.//}"
}

# The rules of one router, in nft syntax: stateful forwarding, inbound dropped unless it belongs to
# a connection the LAN opened or to a port forward, and source NAT on the WAN. The upnp kind adds the
# chains miniupnpd fills (its default table "filter" and chain names, inet family).
router_rules_nft() { # router_rules_nft KIND LAN_NET
  local kind=$1 lan_net=$2 masq=masquerade upnp_jump=
  [ "$kind" = edm ] && masq="masquerade fully-random"
  [ "$kind" = upnp ] && upnp_jump="jump miniupnpd"
  cat <<EOF
table inet filter {
  chain input {
    type filter hook input priority 0; policy drop;
    iifname "lo" accept
    ct state established,related accept
    iifname "lan" ip saddr $lan_net accept
  }
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    iifname "lan" oifname "wan" ip saddr $lan_net accept
    $upnp_jump
  }
  chain miniupnpd {
  }
  chain prerouting {
    type nat hook prerouting priority -100; policy accept;
    jump prerouting_miniupnpd
  }
  chain postrouting {
    type nat hook postrouting priority 100; policy accept;
    jump postrouting_miniupnpd
    oifname "wan" $masq
  }
  chain prerouting_miniupnpd {
  }
  chain postrouting_miniupnpd {
  }
}
EOF
}

# The same policy with iptables; for upnp, miniupnpd (nftables build) still gets its own nft table,
# whose forward chain accepts by default so that only the iptables FORWARD policy decides, and that
# policy lets DNAT'ed (port-forwarded) packets through.
router_rules_iptables() { # router_rules_iptables NODE KIND LAN_NET
  local node=$1 kind=$2 lan_net=$3 random=()
  [ "$kind" = edm ] && random=(--random-fully)
  nsx "$node" iptables -w -P INPUT DROP
  nsx "$node" iptables -w -A INPUT -i lo -j ACCEPT
  nsx "$node" iptables -w -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  nsx "$node" iptables -w -A INPUT -i lan -s "$lan_net" -j ACCEPT
  nsx "$node" iptables -w -P FORWARD DROP
  nsx "$node" iptables -w -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  nsx "$node" iptables -w -A FORWARD -i lan -o wan -s "$lan_net" -j ACCEPT
  nsx "$node" iptables -w -t nat -A POSTROUTING -o wan -j MASQUERADE "${random[@]}"
  if [ "$kind" = upnp ]; then
    nsx "$node" iptables -w -A FORWARD -i wan -o lan -m conntrack --ctstate DNAT -j ACCEPT
    nsx "$node" nft -f - <<'EOF'
table inet filter {
  chain forward { type filter hook forward priority 0; policy accept; jump miniupnpd; }
  chain miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
EOF
  fi
}

setup_router() { # setup_router NODE KIND WAN_IP LAN_IP LAN_NET
  local node=$1 kind=$2 wan_ip=$3 lan_ip=$4 lan_net=$5
  nsx "$node" ip addr add "$wan_ip/24" dev wan
  nsx "$node" ip addr add "$lan_ip/24" dev lan
  nsx "$node" ip link set wan up
  nsx "$node" ip link set lan up
  sysctl_set "$node" net.ipv4.ip_forward 1
  case "$FW" in
    nft) router_rules_nft "$kind" "$lan_net" | nsx "$node" nft -f - ;;
    iptables) router_rules_iptables "$node" "$kind" "$lan_net" ;;
  esac
  local delay=${TESTBED_DELAY_MS:-25}
  if [ "$delay" != 0 ] && [ "$NETEM" = yes ]; then
    if ! nsx "$node" tc qdisc add dev wan root netem delay "${delay}ms" 2>/dev/null; then
      NETEM=no
      log "netem is unavailable; continuing without delay"
    fi
  fi
}

setup_peer() { # setup_peer NODE IP GATEWAY
  nsx "$1" ip addr add "$2/24" dev eth0
  nsx "$1" ip link set eth0 up
  nsx "$1" ip route add default via "$3"
}

start_miniupnpd() { # start_miniupnpd ROUTER_NODE LAN_NET
  local node=$1 lan_net=$2 dir=$STATE_DIR/$1
  mkdir -p "$dir"
  cat >"$dir/miniupnpd.conf" <<EOF
ext_ifname=wan
listening_ip=lan
port=$UPNP_PORT
enable_upnp=yes
enable_natpmp=yes
secure_mode=yes
system_uptime=yes
notify_interval=60
clean_ruleset_interval=600
uuid=3f2504e0-4f89-41d3-9a0c-0305e82c3301
lease_file=$dir/upnp.leases
upnp_table_name=filter
upnp_nat_table_name=filter
upnp_forward_chain=miniupnpd
upnp_nat_chain=prerouting_miniupnpd
upnp_nat_postrouting_chain=postrouting_miniupnpd
allow 1024-65535 $lan_net 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
EOF
  : >"$dir/upnp.leases"
  nsx "$node" miniupnpd -d -f "$dir/miniupnpd.conf" -P "$dir/miniupnpd.pid" \
    </dev/null >"$dir/miniupnpd.log" 2>&1 &
  echo $! >"$dir/miniupnpd.launcher.pid"
  local i
  for i in $(seq 1 50); do
    if nsx "$node" ss -Hltn "sport = :$UPNP_PORT" 2>/dev/null | grep -q LISTEN; then
      log "miniupnpd up in $ID-$node (log: $dir/miniupnpd.log)"
      return 0
    fi
    if ! kill -0 "$(cat "$dir/miniupnpd.launcher.pid")" 2>/dev/null; then
      die "miniupnpd in $ID-$node exited: $(tail -n 5 "$dir/miniupnpd.log" | tr '\n' ' ')"
    fi
    sleep 0.1
  done
  die "miniupnpd in $ID-$node did not open port $UPNP_PORT: $(tail -n 5 "$dir/miniupnpd.log" | tr '\n' ' ')"
}

cmd_up() {
  [ $# -eq 3 ] || usage
  ID=$1; valid_id "$ID"
  local kind_a=$2 kind_b=$3 k
  for k in "$kind_a" "$kind_b"; do
    case "$k" in eim|edm|upnp) ;; *) die "unknown NAT kind '$k' (eim, edm or upnp)" ;; esac
  done
  cmd_check
  FW=$(firewall_tool)
  [ "$FW" != none ] || die "neither nft nor iptables found"
  have "$FW" || die "$FW not found"
  if [ "$kind_a" = upnp ] || [ "$kind_b" = upnp ]; then have nft || die "upnp needs nft (miniupnpd's nftables backend)"; fi
  local n
  for n in "${NODES[@]}"; do
    if ip netns list | awk '{print $1}' | grep -qx "$ID-$n"; then die "namespace $ID-$n already exists; run 'testbed.sh down $ID' first"; fi
  done
  STATE_DIR=$STATE_ROOT/$ID
  trap 'rc=$?; if [ $rc -ne 0 ]; then log "up failed; cleaning up"; (cmd_down "$ID") || true; fi' EXIT
  mkdir -p "$STATE_DIR"
  echo "$kind_a $kind_b $FW" >"$STATE_DIR/kinds"
  log "creating namespaces $ID-{$(IFS=,; echo "${NODES[*]}")} (router rules: $FW)"
  for n in "${NODES[@]}"; do
    ip netns add "$ID-$n"
    nsx "$n" ip link set lo up
    sysctl_set "$n" net.ipv4.conf.all.rp_filter 0
    sysctl_set "$n" net.ipv4.conf.default.rp_filter 0
  done
  # The public switch: a bridge in its own namespace, one veth port per public host.
  nsx pub ip link add br0 type bridge
  nsx pub ip link set br0 up
  local port peer
  for peer in relay ra rb; do
    port=p-$peer
    local far=eth0
    [ "$peer" = relay ] || far=wan
    ip link add "$port" netns "$ID-pub" type veth peer name "$far" netns "$ID-$peer"
    nsx pub ip link set "$port" master br0
    nsx pub ip link set "$port" up
  done
  # The LAN links.
  ip link add lan netns "$ID-ra" type veth peer name eth0 netns "$ID-a"
  ip link add lan netns "$ID-rb" type veth peer name eth0 netns "$ID-b"

  nsx relay ip addr add "$RELAY_IP/24" dev eth0
  nsx relay ip addr add "$RELAY_IP2/24" dev eth0
  nsx relay ip link set eth0 up

  NETEM=yes
  setup_router ra "$kind_a" "$RA_WAN" 10.0.1.1 10.0.1.0/24
  setup_router rb "$kind_b" "$RB_WAN" 10.0.2.1 10.0.2.0/24
  setup_peer a 10.0.1.10 10.0.1.1
  setup_peer b 10.0.2.10 10.0.2.1
  # SSDP goes to 239.255.255.250 out of the LAN interface; the default route already does that, the
  # explicit multicast route keeps it so if a test changes the default route.
  nsx a ip route add 224.0.0.0/4 dev eth0
  nsx b ip route add 224.0.0.0/4 dev eth0

  [ "$kind_a" = upnp ] && start_miniupnpd ra 10.0.1.0/24
  [ "$kind_b" = upnp ] && start_miniupnpd rb 10.0.2.0/24
  trap - EXIT
  log "up: $ID (A: $kind_a, B: $kind_b)"
}

cmd_down() {
  [ $# -eq 1 ] || usage
  local id=$1 n ns pids left
  valid_id "$id"
  local names=()
  for n in "${NODES[@]}"; do
    ns=$id-$n
    if ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$ns"; then names+=("$ns"); fi
  done
  for sig in TERM KILL; do
    left=0
    for ns in "${names[@]}"; do
      pids=$(ip netns pids "$ns" 2>/dev/null || true)
      if [ -n "$pids" ]; then
        left=1
        # shellcheck disable=SC2086
        kill -"$sig" $pids 2>/dev/null || true
      fi
    done
    [ $left -eq 1 ] || break
    local i
    for i in $(seq 1 20); do
      left=0
      for ns in "${names[@]}"; do
        [ -z "$(ip netns pids "$ns" 2>/dev/null || true)" ] || left=1
      done
      [ $left -eq 1 ] || break
      sleep 0.1
    done
  done
  for ns in "${names[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "${STATE_ROOT:?}/$id"
  [ ${#names[@]} -eq 0 ] || log "down: $id"
}

cmd_exec() {
  [ $# -ge 3 ] || usage
  local id=$1 node=$2; shift 2
  valid_id "$id"
  case "$node" in pub|relay|ra|a|rb|b) ;; *) die "unknown node '$node'" ;; esac
  exec ip netns exec "$id-$node" "$@"
}

main() {
  [ $# -ge 1 ] || usage
  local command=$1; shift
  case "$command" in
    check) cmd_check "$@" ;;
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    exec) cmd_exec "$@" ;;
    *) usage ;;
  esac
}

# One compound command, parsed whole before it runs: editing this file cannot upset a running copy.
{ main "$@"; exit; }
