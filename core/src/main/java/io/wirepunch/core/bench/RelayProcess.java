package io.wirepunch.core.bench;

import io.wirepunch.core.multiaddr.Multiaddr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relay node in a JVM of its own ({@code wirepunch node --relay-service}), so that its heap can
 * be read apart from its clients': after a full collection, through {@code jcmd}.
 */
final class RelayProcess implements AutoCloseable {
    private static final String MAIN = "io.wirepunch.core.cli.WirepunchCli";
    private static final String LISTEN_PREFIX = "listen ";
    private static final long START_SECONDS = 30;
    private static final long STOP_SECONDS = 10;
    private static final long JCMD_SECONDS = 30;
    /** {@code GC.heap_info}'s first line: "garbage-first heap   total 262144K, used 10240K [...]". */
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final double KIB_PER_MIB = 1024;

    private final Process process;
    private final Path dir;
    private final Multiaddr addr;

    /** Starts the relay with {@code configJson} as its {@code --relay-config}; waits until it listens. */
    RelayProcess(String configJson) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("wirepunch-relay-bench");
        Path config = Files.writeString(dir.resolve("relay.json"), configJson);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                MAIN, "node", "--listen", "/ip4/127.0.0.1/tcp/0", "--no-perf", "--relay-service",
                "--relay-config", config.toString(), "--data-dir", dir.toString()));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        addr = readListenAddr();
    }

    private Multiaddr readListenAddr() throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Multiaddr> listen = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(LISTEN_PREFIX)) {
                        return Multiaddr.parse(line.substring(LISTEN_PREFIX.length()).trim());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        Multiaddr found;
        try {
            found = listen.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            found = null;
        }
        if (found == null) {
            close();
            throw new IOException("the relay process did not report a listen address within " + START_SECONDS + " s");
        }
        drain(out);
        return found;
    }

    /** Keeps reading the child's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "relay-bench-drain");
        t.setDaemon(true);
        t.start();
    }

    Multiaddr addr() {
        return addr;
    }

    /** The relay JVM's used heap in MiB after a full collection; empty where {@code jcmd} is missing or fails. */
    OptionalDouble heapUsedMiB() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return OptionalDouble.empty();
        }
        try {
            jcmd(jcmd, "GC.run");
            Matcher m = HEAP_USED.matcher(jcmd(jcmd, "GC.heap_info"));
            return m.find() ? OptionalDouble.of(Long.parseLong(m.group(1)) / KIB_PER_MIB) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    private String jcmd(Path jcmd, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), what)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(JCMD_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    /** Stops the relay (SIGTERM, as the node command expects) and removes its files. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        }
        deleteTree(dir);
    }

    /** Removes {@code dir} and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
