package io.wirepunch.core.cli;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InvitationException;
import io.wirepunch.core.invite.InviteEvent;
import io.wirepunch.core.invite.InviteService;
import io.wirepunch.core.invite.InviteStore;
import io.wirepunch.core.invite.NetworkParams;
import io.wirepunch.core.membership.JoinException;
import io.wirepunch.core.membership.Joiner;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.pipe.Pipe;
import io.wirepunch.core.pipe.PipeService;
import io.wirepunch.core.protocol.relay.AutoRelay;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A netcat between two computers behind NATs, started by one pasted string: without an invitation
 * it invites and waits; with one it joins. Then stdin of each end flows to stdout of the other.
 */
@Command(name = "0nc", mixinStandardHelpOptions = true, description = {
    "Without INVITATION: print 'invitation <string>' on stderr and wait for the one peer that uses it.",
    "With INVITATION: find the inviter (its address hints, direct ones first, then through its relay),"
            + " prove the invitation's secret without sending it, wait for a hole punch, and connect.",
    "Then stdin of each end flows to stdout of the other, byte for byte, over /wirepunch/pipe/1.0.0;"
            + " the end of stdin half-closes, and each end exits 0 once both directions are done."})
public final class ZeroNcCommand implements Callable<Integer> {
    /** How long the joiner waits, on a relayed connection, for a hole punch to bring a direct one. */
    static final Duration PUNCH_WAIT = Joiner.PUNCH_WAIT;
    /** How long the inviter waits for someone to use the invitation. */
    static final Duration INVITATION_TTL = Duration.ofHours(1);
    /** How long the inviter waits for its relay reservations, so its invitation can name them. */
    static final Duration RESERVATION_WAIT = Duration.ofSeconds(15);

    @Parameters(arity = "0..1", paramLabel = "INVITATION", description = "An invitation printed by '0nc' on another computer.")
    String invitation;

    @Option(names = "--listen", paramLabel = "MULTIADDR", defaultValue = CliSupport.DEFAULT_LISTEN,
            description = "Where to listen (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--relay", paramLabel = "MULTIADDR",
            description = "Inviter: a relay to hold a reservation on and name in the invitation (repeatable).")
    List<String> relays = new ArrayList<>();

    @Option(names = "--verbose-path", description = "Joiner: say on stderr which path the pipe takes ('path direct|relayed').")
    boolean verbosePath;

    @Mixin
    ReachabilityOptions reachability;

    @Override
    public Integer call() throws Exception {
        Invitation parsed = null;
        if (invitation != null) {
            try {
                parsed = Invitation.parse(invitation, Clock.systemUTC());
            } catch (InvitationException e) {
                throw new CliException(e.getMessage());
            }
        }
        List<Multiaddr> relayAddrs = new ArrayList<>();
        for (String r : relays) {
            relayAddrs.add(CliSupport.parseTarget(r));
        }
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of(CliSupport.parseMultiaddr(listen)))
                .withDialFromListenPort(true),
                NodeOptions.defaults().withAutonat(reachability.autonat()).withRelays(relayAddrs)
                        .withAutoRelay(AutoRelay.Mode.OFF));
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        try {
            CliSupport.await(node.start(), "could not start the node");
            Pipe pipe = parsed == null ? invite(node, relayAddrs, in, out) : join(node, parsed, in, out);
            CliSupport.await(pipe.done(), "the pipe broke");
            return 0;
        } finally {
            node.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Pipe invite(Node node, List<Multiaddr> relays, InputStream in, OutputStream out) throws Exception {
        long until = System.nanoTime() + RESERVATION_WAIT.toNanos();
        for (Multiaddr r : relays) {
            PeerId relay = r.peerId().orElseThrow();
            while (node.relayClient().reservation(relay).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            if (node.relayClient().reservation(relay).isEmpty()) {
                System.err.println("0nc: no reservation on " + r + " yet; the invitation names only direct addresses");
            }
        }
        InviteService invites = new InviteService(node.host(), InviteStore.inMemory(Clock.systemUTC()));
        Set<PeerId> members = ConcurrentHashMap.newKeySet();
        invites.subscribe(e -> {
            if (e instanceof InviteEvent.MemberJoined j) {
                members.add(j.peer());
            }
        });
        invites.start();
        CompletableFuture<Pipe> started = new CompletableFuture<>();
        new PipeService(node.host()).serve(peer -> members.contains(peer) && !started.isDone()
                ? Optional.of(new PipeService.Ends(in, out, started::complete))
                : Optional.empty());
        Invitation inv = invites.issue(NetworkParams.of("0nc", ""), INVITATION_TTL);
        System.err.println("invitation " + inv.encode());
        System.err.flush();
        return CliSupport.await(started, "no one joined");
    }

    private Pipe join(Node node, Invitation inv, InputStream in, OutputStream out) throws Exception {
        Instant since = Instant.now();
        Connection best;
        try {
            Connection c = Joiner.reach(node, inv);
            Joiner.prove(node, c, inv, Clock.systemUTC());
            // The inviter starts a hole punch on a relayed connection; a pipe opened before it ends
            // would run on the relayed connection, which closes once a direct one wins.
            best = Joiner.awaitDirect(node, c, since, PUNCH_WAIT);
        } catch (JoinException e) {
            throw new CliException(e.getMessage());
        }
        if (verbosePath) {
            System.err.println("path " + (best.isRelayed() ? "relayed" : "direct"));
        }
        return CliSupport.await(new PipeService(node.host()).open(best, in, out), "could not open the pipe");
    }
}
