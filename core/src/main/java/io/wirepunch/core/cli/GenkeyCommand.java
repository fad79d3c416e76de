package io.wirepunch.core.cli;

import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.kad.workbits.SearchProgress;
import io.wirepunch.core.protocol.kad.workbits.SearchResult;
import io.wirepunch.core.protocol.kad.workbits.WorkBits;
import io.wirepunch.core.protocol.kad.workbits.WorkKeySearch;
import io.wirepunch.core.protocol.kad.workbits.WorkRequirement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirepunch genkey}: a new Ed25519 identity as one key-file line, like {@code wg genkey}. */
@Command(name = "genkey", mixinStandardHelpOptions = true,
        description = {"Generates a new Ed25519 identity key and prints it as one key-file line (base64).",
                "With --out, writes it to FILE instead (mode 0600, written atomically).",
                "With --workbits N, searches for a key with N bits of work in --namespace (for private DHTs);"
                        + " progress and a summary go to stderr."})
final class GenkeyCommand implements Callable<Integer> {
    /** A long search says how it is going this often; short ones print only the summary. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the key to FILE (mode 0600) instead of stdout.")
    Path out;

    @Option(names = "--force", description = "With --out, replace FILE if it exists.")
    boolean force;

    @Option(names = "--workbits", paramLabel = "N",
            description = "Search for a key whose work is at least N bits (0 to " + WorkBits.MAX_REQUIRED_BITS
                    + "); each bit doubles the expected time.")
    Integer workbits;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "With --workbits, the private network's name the work is bound to (default: none).")
    String namespace;

    @Option(names = "--threads", paramLabel = "N",
            description = "With --workbits, search on N threads (default: one per core).")
    Integer threads;

    @Override
    public Integer call() {
        try {
            PrivateKey key = workbits == null ? plainKey() : searchedKey();
            if (out == null) {
                spec.commandLine().getOut().print(KeyFile.encodeLine(key));
                spec.commandLine().getOut().flush();
            } else {
                KeyFile.write(out, key, force);
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return CommandErrors.report(spec, e);
        }
    }

    private PrivateKey plainKey() {
        if (namespace != null || threads != null) {
            throw new IllegalArgumentException("--namespace and --threads only apply with --workbits");
        }
        return Keys.generateEd25519();
    }

    private PrivateKey searchedKey() throws IOException {
        WorkRequirement target = new WorkRequirement(namespace == null ? WorkBits.DEFAULT_NAMESPACE : namespace, workbits);
        // Refused now rather than after a search that may take hours; KeyFile.write checks again.
        if (out != null && !force && Files.exists(out)) {
            throw new FileAlreadyExistsException(out.toAbsolutePath().toString());
        }
        int searchThreads = threads == null ? WorkKeySearch.defaultThreads() : threads;
        PrintWriter err = spec.commandLine().getErr();
        WorkKeySearch search = WorkKeySearch.start(target, searchThreads, PROGRESS_EVERY, p -> printProgress(err, p));
        SearchResult found = search.result().toCompletableFuture().join();
        SearchProgress cost = found.progress();
        err.println(String.format(Locale.ROOT, "searched %d keys in %.1f s (%.0f keys/s on %d threads), work %d bits",
                cost.attempts(), seconds(cost), cost.attemptsPerSecond(), cost.threads(), found.workBits()));
        err.flush();
        return found.key();
    }

    private static void printProgress(PrintWriter err, SearchProgress p) {
        err.println(String.format(Locale.ROOT, "searching: %d keys in %.0f s (%.0f keys/s)",
                p.attempts(), seconds(p), p.attemptsPerSecond()));
        err.flush();
    }

    private static double seconds(SearchProgress p) {
        return p.elapsed().toNanos() / 1e9;
    }
}
