package io.wirepunch.core.cli;

import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** What the commands share: loading keys, parsing addresses, waiting with one-sentence errors. */
final class CliSupport {
    private CliSupport() {}

    static PrivateKey loadOrGenerateKey(Path keyFile) throws Exception {
        return keyFile == null ? Keys.generateEd25519() : KeyFile.read(keyFile);
    }

    static Multiaddr parseMultiaddr(String text) {
        try {
            return Multiaddr.parse(text);
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage());
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
}
