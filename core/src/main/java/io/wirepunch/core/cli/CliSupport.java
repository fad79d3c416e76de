package io.wirepunch.core.cli;

import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.node.Node;
import io.wirepunch.core.node.NodeOptions;
import io.wirepunch.core.protocol.autonat.AutoNatConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** What the commands share: loading keys, parsing addresses, waiting with one-sentence errors. */
final class CliSupport {
    /** Where a node listens when given no --listen: every interface, a port the system picks. */
    static final String DEFAULT_LISTEN = "/ip4/0.0.0.0/tcp/0";

    private CliSupport() {}

    static PrivateKey loadOrGenerateKey(Path keyFile) throws Exception {
        return keyFile == null ? Keys.generateEd25519() : KeyFile.read(keyFile);
    }

    /** Reads a key file; warnings about it (such as loose permissions) go to the command's stderr. */
    static PrivateKey readKey(picocli.CommandLine.Model.CommandSpec spec, Path keyFile) throws java.io.IOException {
        return KeyFile.read(keyFile, warning -> warn(spec, warning));
    }

    /** One warning line on the command's stderr: {@code wirepunch <command>: warning: <sentence>}. */
    static void warn(picocli.CommandLine.Model.CommandSpec spec, String warning) {
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": warning: " + warning);
        err.flush();
    }

    static Multiaddr parseMultiaddr(String text) {
        try {
            return Multiaddr.parse(text);
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage());
        }
    }

    static PeerId parsePeerId(String text) {
        try {
            return PeerId.parse(text);
        } catch (RuntimeException e) {
            throw new CliException("peer id '" + text + "': " + e.getMessage());
        }
    }

    /** A dial target: a multiaddr that names the peer expected behind it. */
    static Multiaddr parseTarget(String text) {
        Multiaddr addr = parseMultiaddr(text);
        if (addr.peerId().isEmpty()) {
            throw new CliException("the address must end in /p2p/<peer id>: " + text);
        }
        return addr;
    }

    static <T> T await(CompletionStage<T> stage, String what) throws InterruptedException {
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new CliException(what + ": " + CommandErrors.sentence(e.getCause()));
        }
    }

    /** What a command does once a short-lived client node is connected to its target. */
    @FunctionalInterface
    interface ConnectedAction {
        int run(Node node, Connection connection) throws Exception;
    }

    /**
     * Starts a client node with a new key and no listener, connects it to {@code target} (which must
     * name the peer), runs {@code action}, and stops the node whatever happens.
     */
    static int withConnection(String target, ConnectedAction action) throws Exception {
        return withConnection(target, AutoNatConfig.defaults(), action);
    }

    /**
     * As {@link #withConnection(String, ConnectedAction)}, with reachability settings. The node has
     * a relay client, so a target {@code <relay>/p2p-circuit/p2p/<peer id>} is reached through the relay.
     */
    static int withConnection(String target, AutoNatConfig autonat, ConnectedAction action) throws Exception {
        Multiaddr addr = parseTarget(target);
        Node node = new Node(HostConfig.of(Keys.generateEd25519(), List.of()), NodeOptions.defaults().withAutonat(autonat));
        try {
            node.start().toCompletableFuture().get();
            Connection c = await(node.host().connect(addr), "could not connect to " + addr);
            return action.run(node, c);
        } finally {
            node.stop().toCompletableFuture().get();
        }
    }
}
