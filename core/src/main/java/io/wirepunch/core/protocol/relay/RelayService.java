package io.wirepunch.core.protocol.relay;

import com.google.protobuf.ByteString;
import io.netty.channel.Channel;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.EventBus;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostEvent;
import io.wirepunch.core.host.Stream;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.StreamEnds;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.HopMessage;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Reservation;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.Status;
import io.wirepunch.core.protocol.relay.pb.CircuitProtos.StopMessage;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay (circuit relay v2 hop server and stop initiator): grants reservations within the
 * {@link RelayConfig} limits, opens circuits to peers that hold one, and splices their streams
 * within the per-circuit limits. Peers that reach us through a relay can neither reserve nor ask
 * for circuits (no circuit over a circuit). Reports {@link RelayEvent}s; {@link #snapshot()} tells
 * the state at any time.
 */
public final class RelayService {
    private static final Logger log = LoggerFactory.getLogger(RelayService.class);
    /**
     * Relay addresses put in a reservation, at most; with the voucher they stay well inside
     * {@link RelayProtocol#MAX_MESSAGE_BYTES}, which a longer list of interfaces could break.
     */
    public static final int MAX_RESERVATION_ADDRS = 16;
    /** How often expired reservations are swept out (and reported), as go-libp2p's relay does. */
    public static final Duration RESERVATION_SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Host host;
    private final RelayConfig config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final CircuitObserver observer;
    private final Supplier<List<Multiaddr>> publicAddrs;
    private final ReservationTable reservations;
    private final CircuitTable circuits;
    private final EventBus<RelayEvent> events = new EventBus<>();
    private final AtomicLong bytesRelayed = new AtomicLong();
    private volatile Subscription hostEvents;
    private volatile Scheduler.Cancellable sweep;

    /**
     * @param publicAddrs the addresses clients may reach us at, put in every reservation (usually
     *                    {@code host::dialableListenAddrs}, or the public addresses AutoNAT confirmed)
     */
    public RelayService(Host host, RelayConfig config, Clock clock, Scheduler scheduler, CircuitObserver observer,
                        Supplier<List<Multiaddr>> publicAddrs) {
        this.host = host;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.observer = observer;
        this.publicAddrs = publicAddrs;
        this.reservations = new ReservationTable(config, clock);
        this.circuits = new CircuitTable(config);
    }

    public void start() {
        HopResponder.Relay relay = new HopResponder.Relay() {
            @Override
            public HopMessage reserve(Stream stream) {
                return RelayService.this.reserve(stream.connection());
            }

            @Override
            public CompletionStage<HopResponder.ConnectAnswer> connect(Stream stream, PeerId destination) {
                return RelayService.this.connect(stream, destination);
            }
        };
        host.protocols().register(RelayProtocol.HOP_ID, stream -> HopResponder.install(stream, relay, config.handshakeTimeout()));
        scheduleSweep();
        hostEvents = host.subscribe(e -> {
            if (e instanceof HostEvent.Disconnected d) {
                reservations.removeIfOn(d.connection()).ifPresent(r ->
                        events.publish(new RelayEvent.ReservationEnded(r.peer(), "disconnected")));
            }
        });
    }

    /** Stops relaying: no new requests, every circuit ended, every reservation dropped. */
    public void stop() {
        host.protocols().unregister(RelayProtocol.HOP_ID);
        Subscription s = hostEvents;
        if (s != null) {
            s.close();
        }
        Scheduler.Cancellable sw = sweep;
        sweep = null;
        if (sw != null) {
            sw.cancel();
        }
        closeAllCircuits();
        reservations.clear().forEach(r -> events.publish(new RelayEvent.ReservationEnded(r.peer(), "relay stopped")));
    }

    public Subscription subscribe(Consumer<? super RelayEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    public RelayConfig config() {
        return config;
    }

    /** Ends every circuit {@code peer} is the source or destination of; returns how many. */
    public int closeCircuitsOf(PeerId peer) {
        List<Circuit> of = circuits.of(peer);
        of.forEach(c -> c.end("closed for " + peer));
        return of.size();
    }

    public int closeAllCircuits() {
        List<Circuit> all = circuits.all();
        all.forEach(c -> c.end("all circuits closed"));
        return all.size();
    }

    public RelaySnapshot snapshot() {
        expireReservations();
        return new RelaySnapshot(
                reservations.all().stream().map(r -> new RelaySnapshot.ReservationView(r.peer(),
                        r.address().getHostAddress(), r.expiry())).toList(),
                circuits.all().stream().map(Circuit::view).toList(),
                bytesRelayed.get());
    }

    private void scheduleSweep() {
        sweep = scheduler.schedule(RESERVATION_SWEEP_INTERVAL, () -> {
            if (sweep != null) {
                expireReservations();
                scheduleSweep();
            }
        });
    }

    private void expireReservations() {
        reservations.expire().forEach(r -> events.publish(new RelayEvent.ReservationEnded(r.peer(), "expired")));
    }

    // ---- RESERVE ----

    HopMessage reserve(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (connection.isRelayed()) {
            return refuseReservation(peer, Status.PERMISSION_DENIED, "reservation over a relayed connection");
        }
        InetAddress address;
        try {
            address = connection.remoteAddr().toInetSocketAddress().getAddress();
        } catch (RuntimeException e) {
            return refuseReservation(peer, Status.PERMISSION_DENIED, "no IP address for " + connection.remoteAddr());
        }
        if (!observer.admitReservation(peer, address)) {
            return refuseReservation(peer, Status.RESERVATION_REFUSED, "refused by the usage policy");
        }
        expireReservations();
        ReservationTable.Outcome outcome = reservations.reserve(peer, address, connection);
        if (outcome.status() != Status.OK) {
            return refuseReservation(peer, outcome.status(), outcome.reason());
        }
        ReservationTable.Entry entry = outcome.entry();
        events.publish(new RelayEvent.ReservationAccepted(peer, entry.expiry(), outcome.refresh()));
        log.debug("reservation for {} until {}", peer, entry.expiry());
        Reservation.Builder r = Reservation.newBuilder()
                .setExpire(entry.expiry().getEpochSecond())
                .setVoucher(ByteString.copyFrom(new ReservationVoucher(host.peerId(), peer, entry.expiry())
                        .seal(host.identity())));
        publicAddrs.get().stream().filter(a -> !a.isCircuit()).limit(MAX_RESERVATION_ADDRS)
                .forEach(a -> r.addAddrs(ByteString.copyFrom(a.withPeerId(host.peerId()).toBytes())));
        return RelayMessages.hopOk(r.build(), config.circuitLimit());
    }

    private HopMessage refuseReservation(PeerId peer, Status status, String reason) {
        log.debug("reservation for {} refused: {}", peer, reason);
        events.publish(new RelayEvent.ReservationRefused(peer, status, reason));
        return RelayMessages.hopStatus(status);
    }

    // ---- CONNECT ----

    CompletionStage<HopResponder.ConnectAnswer> connect(Stream hop, PeerId destination) {
        PeerId source = hop.remotePeer();
        if (hop.connection().isRelayed()) {
            return refuseCircuit(source, destination, Status.PERMISSION_DENIED, "circuit requested over a relayed connection");
        }
        Optional<ReservationTable.Entry> reservation = reservations.get(destination);
        if (reservation.isEmpty()) {
            return refuseCircuit(source, destination, Status.NO_RESERVATION, destination + " holds no reservation");
        }
        if (!observer.admitCircuit(source, destination)) {
            return refuseCircuit(source, destination, Status.RESOURCE_LIMIT_EXCEEDED, "refused by the usage policy");
        }
        String[] why = new String[1];
        Circuit circuit = circuits.tryOpen(source, destination, clock.instant(), why);
        if (circuit == null) {
            return refuseCircuit(source, destination, Status.RESOURCE_LIMIT_EXCEEDED, why[0]);
        }
        Connection toDestination = reservation.get().connection();
        CompletableFuture<Channel> stop = new CompletableFuture<>();
        StopMessage request = RelayMessages.stopConnect(source, config.circuitLimit());
        toDestination.newStream(s -> RelayRequester.start(s.channel(), RelayMessageDecoder.stop(), StopMessage.class,
                        request, config.connectTimeout()).whenComplete((answer, e) -> {
                            if (e != null) {
                                stop.completeExceptionally(e);
                            } else if (answer.getType() != StopMessage.Type.STATUS || !answer.hasStatus()
                                    || answer.getStatus() != Status.OK) {
                                StreamEnds.reset(s.channel());
                                stop.completeExceptionally(new RelayException(Status.CONNECTION_FAILED,
                                        "destination answered " + answer.getType() + " " + answer.getStatus()));
                            } else {
                                stop.complete(s.channel());
                            }
                        }), RelayProtocol.STOP_ID)
                .whenComplete((s, e) -> {
                    if (e != null) {
                        stop.completeExceptionally(e);
                    }
                });
        return stop.handle((stopStream, e) -> {
            if (e != null) {
                circuits.release(circuit);
                String reason = "stop stream to " + destination + " failed: " + e.getMessage();
                events.publish(new RelayEvent.CircuitRefused(source, destination, Status.CONNECTION_FAILED, reason));
                return new HopResponder.ConnectAnswer(RelayMessages.hopStatus(Status.CONNECTION_FAILED), null);
            }
            return new HopResponder.ConnectAnswer(RelayMessages.hopOk(null, config.circuitLimit()),
                    () -> splice(circuit, hop.channel(), stopStream));
        });
    }

    private CompletionStage<HopResponder.ConnectAnswer> refuseCircuit(PeerId source, PeerId destination, Status status,
                                                                      String reason) {
        log.debug("circuit {} -> {} refused: {}", source, destination, reason);
        events.publish(new RelayEvent.CircuitRefused(source, destination, status, reason));
        return CompletableFuture.completedFuture(new HopResponder.ConnectAnswer(RelayMessages.hopStatus(status), null));
    }

    private void splice(Circuit circuit, Channel hopStream, Channel stopStream) {
        events.publish(new RelayEvent.CircuitOpened(circuit.id(), circuit.source(), circuit.destination()));
        CircuitSplice splice = CircuitSplice.start(hopStream, stopStream, config.circuitLimit(), scheduler,
                new CircuitSplice.Listener() {
                    @Override
                    public void relayed(boolean sourceToDestination, long bytes) {
                        (sourceToDestination ? circuit.sourceToDestination : circuit.destinationToSource).addAndGet(bytes);
                        bytesRelayed.addAndGet(bytes);
                        if (sourceToDestination) {
                            observer.bytesRelayed(circuit.source(), circuit.destination(), bytes);
                        } else {
                            observer.bytesRelayed(circuit.destination(), circuit.source(), bytes);
                        }
                    }

                    @Override
                    public void ended(String reason) {
                        if (circuits.release(circuit)) {
                            log.debug("circuit {} {} -> {} closed: {}", circuit.id(), circuit.source(), circuit.destination(), reason);
                            events.publish(new RelayEvent.CircuitClosed(circuit.id(), circuit.source(), circuit.destination(),
                                    circuit.sourceToDestination.get(), circuit.destinationToSource.get(), reason));
                        }
                    }
                }, hopStream.pipeline().get(HopResponder.class), stopStream.pipeline().get(RelayRequester.class));
        circuit.spliced(splice);
    }
}
