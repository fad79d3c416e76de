#!/bin/bash
# A home network in three namespaces for the UPnP tests:
#   ID-lan  192.168.77.2  --  ID-rt (192.168.77.1 | 11.22.33.1, masquerade + miniupnpd)  --  ID-pub 11.22.33.10
# The router's WAN address must not be private or reserved (no 198.51.100.x): miniupnpd refuses to
# forward ports when its external address is not public.
#   upnp-fixture.sh up ID WORKDIR     start, miniupnpd's pid in WORKDIR/miniupnpd.pid
#   upnp-fixture.sh down ID WORKDIR   stop miniupnpd and remove the namespaces; safe to repeat
set -u
cmd=$1 id=$2 dir=$3
lan=$id-lan rt=$id-rt pub=$id-pub

down() {
    if [ -f "$dir/miniupnpd.pid" ]; then
        pid=$(cat "$dir/miniupnpd.pid")
        kill "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
        rm -f "$dir/miniupnpd.pid"
    fi
    for ns in "$lan" "$rt" "$pub"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
        ip netns del "$ns" 2>/dev/null
    done
    return 0
}

up() {
    set -e
    mkdir -p "$dir"
    for ns in "$lan" "$rt" "$pub"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
    ip link add "$id-l0" netns "$lan" type veth peer name "$id-r0" netns "$rt"
    ip link add "$id-r1" netns "$rt" type veth peer name "$id-p0" netns "$pub"
    ip -n "$lan" addr add 192.168.77.2/24 dev "$id-l0"; ip -n "$lan" link set "$id-l0" up
    ip -n "$lan" route add default via 192.168.77.1
    ip -n "$rt" addr add 192.168.77.1/24 dev "$id-r0"; ip -n "$rt" link set "$id-r0" up
    ip -n "$rt" addr add 11.22.33.1/24 dev "$id-r1"; ip -n "$rt" link set "$id-r1" up
    ip -n "$pub" addr add 11.22.33.10/24 dev "$id-p0"; ip -n "$pub" link set "$id-p0" up
    ip netns exec "$rt" sysctl -qw net.ipv4.ip_forward=1
    cat > "$dir/router.nft" <<NFT
table inet filter {
    chain forward {
        type filter hook forward priority 0; policy drop;
        ct state established,related accept
        iifname "$id-r0" oifname "$id-r1" accept
        jump miniupnpd
    }
    chain miniupnpd { }
    chain prerouting {
        type nat hook prerouting priority -100; policy accept;
        jump prerouting_miniupnpd
    }
    chain postrouting {
        type nat hook postrouting priority 100; policy accept;
        jump postrouting_miniupnpd
        oifname "$id-r1" masquerade
    }
    chain prerouting_miniupnpd { }
    chain postrouting_miniupnpd { }
}
NFT
    ip netns exec "$rt" nft -f "$dir/router.nft"
    cat > "$dir/miniupnpd.conf" <<CONF
ext_ifname=$id-r1
listening_ip=$id-r0
port=0
enable_natpmp=no
enable_upnp=yes
secure_mode=yes
system_uptime=yes
lease_file=$dir/upnp.leases
uuid=6a1b7c2e-33d4-4e0f-9d77-0c5a8b1e2f10
upnp_table_name=filter
upnp_nat_table_name=filter
upnp_forward_chain=miniupnpd
upnp_nat_chain=prerouting_miniupnpd
upnp_nat_postrouting_chain=postrouting_miniupnpd
allow 1024-65535 192.168.77.0/24 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
CONF
    : > "$dir/upnp.leases"
    ip netns exec "$rt" /usr/sbin/miniupnpd -f "$dir/miniupnpd.conf" -P "$dir/miniupnpd.pid" -d \
        > "$dir/miniupnpd.log" 2>&1 &
    for _ in $(seq 50); do [ -s "$dir/miniupnpd.pid" ] && break; sleep 0.1; done
    [ -s "$dir/miniupnpd.pid" ] || { echo "miniupnpd did not start:"; cat "$dir/miniupnpd.log"; exit 1; } >&2
}

case $cmd in
    up) up || { down; exit 1; } ;;
    down) down ;;
    *) echo "usage: $0 up|down ID WORKDIR" >&2; exit 2 ;;
esac
