package io.wirepunch.core.protocol.relay;

import com.google.protobuf.ByteString;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.record.EnvelopeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of circuit relay v2: reserves slots on relays and keeps them refreshed, offers
 * our {@code /p2p-circuit} addresses to the host (identify announces them), dials peers through a
 * relay ({@code .../p2p/RELAY/p2p-circuit/p2p/TARGET}), and accepts circuits relays open to us.
 * Either way the circuit is upgraded with Noise and Yamux into a connection marked as relayed.
 */
public final class RelayClient {
    private static final Logger log = LoggerFactory.getLogger(RelayClient.class);
    /** A kept reservation is renewed this long before it expires (go-libp2p's autorelay uses 2 min too). */
    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(2);
    /** After a failed refresh, the next attempt comes this much later. */
    public static final Duration RETRY_DELAY = Duration.ofSeconds(30);

    private final Host host;
    private final Clock clock;
    private final Scheduler scheduler;
    private final EventBus<RelayEvent> events = new EventBus<>();
    private final Map<PeerId, RelayReservation> reservations = new ConcurrentHashMap<>();
    private final Map<PeerId, Kept> kept = new ConcurrentHashMap<>();
    private final RelayedConnections circuits;
    private volatile Subscription addrSource;
    private volatile Subscription hostEvents;

    /** A reservation we keep: where the relay is, and the pending refresh. */
    private static final class Kept {
        final Multiaddr relayAddr;
        volatile Scheduler.Cancellable timer;
        volatile boolean stopped;

        Kept(Multiaddr relayAddr) {
            this.relayAddr = relayAddr;
        }
    }

    public RelayClient(Host host, Clock clock, Scheduler scheduler) {
        this(host, clock, scheduler, CircuitTrafficListener.NONE);
    }

    /** With {@code traffic} told what each relay carries for us, counted at the circuit stream. */
    public RelayClient(Host host, Clock clock, Scheduler scheduler, CircuitTrafficListener traffic) {
        this.host = host;
        this.clock = clock;
        this.scheduler = scheduler;
        this.circuits = new RelayedConnections(host, this::connectTo, traffic);
    }

    /** Accepts circuits (stop protocol), dials circuit addresses for the host, and offers our circuit addresses. */
    public void start() {
        host.protocols().register(RelayProtocol.STOP_ID, stream ->
                StopResponder.install(stream, circuits::accept, RelayProtocol.HANDSHAKE_TIMEOUT));
        host.setCircuitDialer(this::dial);
        addrSource = host.addAddressSource(this::circuitAddrs);
        hostEvents = host.subscribe(e -> {
            if (e instanceof HostEvent.Disconnected d && !d.connection().isRelayed()
                    && host.connections().get(d.connection().remotePeer()).isEmpty()) {
                dropReservation(d.connection().remotePeer(), "disconnected from the relay");
            }
        });
    }

    public void stop() {
        host.protocols().unregister(RelayProtocol.STOP_ID);
        host.setCircuitDialer(null);
        kept.values().forEach(k -> {
            k.stopped = true;
            if (k.timer != null) {
                k.timer.cancel();
            }
        });
        kept.clear();
        for (Subscription s : new Subscription[] {addrSource, hostEvents}) {
            if (s != null) {
                s.close();
            }
        }
        reservations.clear();
    }

    public Subscription subscribe(Consumer<? super RelayEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    /** Our addresses through every relay we hold a live reservation on. */
    public List<Multiaddr> circuitAddrs() {
        Instant now = clock.instant();
        List<Multiaddr> out = new ArrayList<>();
        reservations.values().stream().filter(r -> r.expiry().isAfter(now)).forEach(r -> out.addAll(r.circuitAddrs()));
        return out;
    }

    public Optional<RelayReservation> reservation(PeerId relay) {
        return Optional.ofNullable(reservations.get(relay));
    }

    // ---- reservations ----

    /**
     * Reserves a slot once on the relay at {@code relayAddr} (which ends in /p2p/relay; a bare
     * /p2p/relay uses a connection or the peerstore's addresses).
     */
    public CompletionStage<RelayReservation> reserve(Multiaddr relayAddr) {
        PeerId relay = relayAddr.peerId().orElseThrow(() ->
                new IllegalArgumentException("relay address must end in /p2p/<relay>: " + relayAddr));
        return connectTo(relayAddr, relay).thenCompose(this::reserveOn).whenComplete((r, e) -> {
            if (r != null) {
                boolean changed = !r.circuitAddrs().equals(
                        Optional.ofNullable(reservations.put(relay, r)).map(RelayReservation::circuitAddrs).orElse(null));
                events.publish(new RelayEvent.Reserved(relay, r.expiry(), r.circuitAddrs()));
                if (changed) {
                    host.addressesChanged();
                }
            }
        });
    }

    /** Reserves on the relay and renews the reservation before each expiry until {@link #release}. */
    public CompletionStage<RelayReservation> keepReserved(Multiaddr relayAddr) {
        PeerId relay = relayAddr.peerId().orElseThrow(() ->
                new IllegalArgumentException("relay address must end in /p2p/<relay>: " + relayAddr));
        Kept k = new Kept(relayAddr);
        Kept old = kept.put(relay, k);
        if (old != null) {
            old.stopped = true;
            if (old.timer != null) {
                old.timer.cancel();
            }
        }
        return reserve(relayAddr).whenComplete((r, e) -> scheduleRefresh(relay, k, r));
    }

    /** Stops renewing the reservation on {@code relay} and stops announcing addresses through it. */
    public void release(PeerId relay) {
        Kept k = kept.remove(relay);
        if (k != null) {
            k.stopped = true;
            if (k.timer != null) {
                k.timer.cancel();
            }
        }
        dropReservation(relay, "released");
    }

    private void scheduleRefresh(PeerId relay, Kept k, RelayReservation current) {
        if (k.stopped) {
            return;
        }
        Duration delay;
        if (current == null) {
            delay = RETRY_DELAY;
        } else {
            Duration left = Duration.between(clock.instant(), current.expiry());
            delay = left.compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) > 0
                    ? left.minus(REFRESH_BEFORE_EXPIRY) : left.dividedBy(2);
        }
        k.timer = scheduler.schedule(delay, () -> {
            if (k.stopped) {
                return;
            }
            reserve(k.relayAddr).whenComplete((r, e) -> {
                if (e != null) {
                    log.debug("refreshing the reservation on {} failed: {}", relay, e.getMessage());
                    RelayReservation held = reservations.get(relay);
                    if (held != null && !held.expiry().isAfter(clock.instant())) {
                        dropReservation(relay, "expired; refresh failed: " + e.getMessage());
                    }
                    scheduleRefresh(relay, k, null);
                } else {
                    scheduleRefresh(relay, k, r);
                }
            });
        });
    }

    private void dropReservation(PeerId relay, String reason) {
        if (reservations.remove(relay) != null) {
            events.publish(new RelayEvent.ReservationLost(relay, reason));
            host.addressesChanged();
        }
    }

    CompletionStage<Connection> connectTo(Multiaddr relayAddr, PeerId relay) {
        return relayAddr.components().size() == 1 ? host.connect(relay) : host.connect(relayAddr);
    }

    private CompletionStage<RelayReservation> reserveOn(Connection relayConnection) {
        PeerId relay = relayConnection.remotePeer();
        if (relayConnection.isRelayed()) {
            return CompletableFuture.failedFuture(new RelayException(Status.PERMISSION_DENIED,
                    "no reservation through a relayed connection to " + relay));
        }
        CompletableFuture<HopMessage> answer = new CompletableFuture<>();
        relayConnection.newStream(s -> forward(RelayRequester.start(s.channel(), RelayMessageDecoder.hop(), HopMessage.class,
                        RelayMessages.reserve(), RelayProtocol.HANDSHAKE_TIMEOUT).whenComplete((m, e) -> {
                            if (e == null) {
                                StreamEnds.closeGracefully(s.channel());
                            }
                        }), answer), RelayProtocol.HOP_ID)
                .whenComplete((s, e) -> {
                    if (e != null) {
                        answer.completeExceptionally(new RelayException(Status.CONNECTION_FAILED,
                                "could not open a hop stream to " + relay, e));
                    }
                });
        return answer.thenApply(m -> readReservation(relay, m));
    }

    private RelayReservation readReservation(PeerId relay, HopMessage m) {
        if (m.getType() != HopMessage.Type.STATUS) {
            throw new RelayException(Status.UNEXPECTED_MESSAGE, "relay " + relay + " answered RESERVE with " + m.getType());
        }
        Status status = RelayMessages.statusOf(m.hasStatus(), m.getStatus());
        if (status != Status.OK) {
            throw new RelayException(status, "relay " + relay + " refused the reservation");
        }
        if (!m.hasReservation()) {
            throw new RelayException(Status.MALFORMED_MESSAGE, "relay " + relay + " accepted without a reservation");
        }
        Instant expiry = Instant.ofEpochSecond(Math.max(0, m.getReservation().getExpire()));
        if (!expiry.isAfter(clock.instant())) {
            throw new RelayException(Status.MALFORMED_MESSAGE, "reservation on " + relay + " expired already at " + expiry);
        }
        Optional<ReservationVoucher> voucher = Optional.empty();
        if (m.getReservation().hasVoucher()) {
            try {
                ReservationVoucher v = ReservationVoucher.open(m.getReservation().getVoucher().toByteArray());
                if (!v.relay().equals(relay) || !v.peer().equals(host.peerId())) {
                    throw new EnvelopeException("voucher is for " + v.peer() + " on " + v.relay());
                }
                voucher = Optional.of(v);
            } catch (EnvelopeException e) {
                throw new RelayException(Status.MALFORMED_MESSAGE, "bad voucher from " + relay + ": " + e.getMessage());
            }
        }
        List<Multiaddr> addrs = new ArrayList<>();
        for (ByteString raw : m.getReservation().getAddrsList()) {
            try {
                Multiaddr a = Multiaddr.fromBytes(raw.toByteArray());
                if (!a.isCircuit()) {
                    addrs.add(a.withPeerId(relay));
                }
            } catch (RuntimeException e) {
                log.debug("skipping a relay address of {} that does not parse or names another peer: {}", relay, e.getMessage());
            }
        }
        return new RelayReservation(relay, expiry, addrs, RelayMessages.limitOf(m.hasLimit(), m.getLimit()), voucher);
    }

    /** Dials {@code target} through the relay named in {@code circuitAddr} ({@code <relay addr>/p2p-circuit/p2p/<target>}). */
    public CompletionStage<Connection> dial(Multiaddr circuitAddr, PeerId target) {
        return circuits.dial(circuitAddr, target);
    }

    private static <T> void forward(CompletionStage<T> from, CompletableFuture<T> to) {
        from.whenComplete((v, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(v);
            }
        });
    }
}
