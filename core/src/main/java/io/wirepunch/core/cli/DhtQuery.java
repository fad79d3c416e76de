package io.wirepunch.core.cli;

import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.host.Subscription;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.DhtSettings;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.protocol.kad.KadPeer;
import io.wirepunch.core.protocol.kad.dht.BootstrapState;
import io.wirepunch.core.protocol.kad.dht.BootstrapStatus;
import io.wirepunch.core.protocol.kad.dht.Dht;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code dht} command does around its one query: check the input, start a client node,
 * join through the bootstrap peers, ask within --timeout, stop the node, and turn failures into
 * one sentence with the exit status the {@code dht} command documents.
 */
abstract class DhtQuery implements Callable<Integer> {
    static final int NOT_FOUND = 1;
    static final int CANNOT_ASK = 2;
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** Closing the client node is local work, not part of --timeout; this bounds it should a socket hang. */
    private static final long STOP_SECONDS = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DhtNetworkOptions network;

    @Option(names = "--key", paramLabel = "FILE", description = "Key file (default: a new key for this run).")
    Path keyFile;

    @Option(names = "--listen", paramLabel = "MULTIADDR",
            description = "Address to listen on while the query runs, repeatable (default: "
                    + CliSupport.DEFAULT_LISTEN + ").")
    List<String> listen = List.of();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
            description = "Give up after this long, joining included (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private long deadlineNanos;

    /** Parses and checks the command's own arguments; runs before anything touches the network. */
    abstract void parseArguments();

    /** Asks the joined DHT, prints the answer on {@code out}, and returns the exit status. */
    abstract int query(Node node, Dht dht, PrintWriter out) throws Exception;

    @Override
    public final Integer call() {
        try {
            parseArguments();
            DhtSettings settings = settings();
            PrivateKey key = keyFile == null ? Keys.generateEd25519() : CliSupport.readKey(spec, keyFile);
            DhtNetworkOptions.warnIfKeyLacksWork(spec, key, settings.config().work());
            List<Multiaddr> addrs = (listen.isEmpty() ? List.of(CliSupport.DEFAULT_LISTEN) : listen).stream()
                    .map(CliSupport::parseMultiaddr).toList();
            deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            Node node = new Node(HostConfig.of(key, addrs), false, Optional.of(settings));
            CompletableFuture<BootstrapState> settled = new CompletableFuture<>();
            try (Subscription watch = node.onDhtBootstrap(state -> {
                if (state.status() != BootstrapStatus.JOINING) {
                    settled.complete(state);
                }
            })) {
                await(node.start(), "could not listen on " + addrs);
                if (await(settled, "could not join the DHT").status() != BootstrapStatus.JOINED) {
                    throw new CliException("could not join the DHT: " + DhtNetworkOptions.noPeerAnswered(settings));
                }
                int status = query(node, node.dht().orElseThrow(), spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return status;
            } finally {
                stop(node);
            }
        } catch (Exception e) {
            return CommandErrors.report(spec, e, CANNOT_ASK);
        }
    }

    /** The answer is printed by now, so a node that will not close is worth a warning, not another exit status. */
    private void stop(Node node) throws InterruptedException {
        try {
            node.stop().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            CliSupport.warn(spec, "could not close the node cleanly: " + CommandErrors.sentence(e.getCause()));
        } catch (TimeoutException e) {
            CliSupport.warn(spec, "the node did not close within " + STOP_SECONDS + " s");
        }
    }

    private DhtSettings settings() {
        if (timeoutSeconds < 1) {
            throw new CliException("--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        DhtSettings settings = network.settings(Dht.Mode.CLIENT);
        if (settings.config().bootstrapPeers().isEmpty()) {
            throw new CliException("no --bootstrap peer given; the DHT is joined through at least one");
        }
        return settings;
    }

    /** Waits for {@code stage} within what is left of --timeout; a failure becomes one sentence. */
    <T> T await(CompletionStage<T> stage, String what) throws InterruptedException {
        long left = Math.max(0, deadlineNanos - System.nanoTime());
        try {
            return stage.toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new CliException(what + ": " + CommandErrors.sentence(e.getCause()));
        } catch (TimeoutException e) {
            throw new CliException(what + ": no answer within --timeout " + timeoutSeconds + " s");
        }
    }

    /** The looked-for thing is not there: one sentence, exit status {@link #NOT_FOUND}. */
    int notFound(String sentence) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + sentence);
        err.flush();
        return NOT_FOUND;
    }

    /** A peer and its addresses as the commands print them: the id, then each address without /p2p. */
    static String peerWithAddrs(KadPeer peer) {
        return peer.id() + peer.addrs().stream().map(Multiaddr::withoutPeerId).distinct()
                .map(a -> " " + a).collect(Collectors.joining());
    }
}
