package io.wirepunch.core.measure.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL from the Debian packages ({@code /usr/lib/postgresql/N/bin}): initdb into a
 * temporary directory, pg_ctl start on 127.0.0.1 and a free port, and a fresh database with its own
 * user and password for each {@link #newDatabase()}. As root it runs as the {@code postgres} user
 * (PostgreSQL refuses root). {@link #close()} stops it and deletes the directory. Tests that need
 * one call {@link #start()}, which skips them (a JUnit assumption) when the binaries are missing;
 * {@link #startIn(String)} starts it inside a network namespace, where only that namespace's
 * processes reach its TCP port (databases are then made over its Unix socket).
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "postgres";
    private static final long COMMAND_SECONDS = 120;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String superPassword;
    private final boolean asPostgres;
    private final List<String> prefix;
    private final AtomicInteger databases = new AtomicInteger();
    private Thread cleanup;

    private PostgresServer(Path bin, Path dir, int port, String superPassword, boolean asPostgres, List<String> prefix) {
        this.prefix = List.copyOf(prefix);
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.superPassword = superPassword;
        this.asPostgres = asPostgres;
    }

    /** The newest installed server's bin directory, when there is one. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Starts a server, or skips the calling test when PostgreSQL is not installed. */
    public static PostgresServer start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /**
     * Starts a server on 127.0.0.1 of the network namespace {@code netns}, or skips the calling test
     * when PostgreSQL is not installed. Only processes in that namespace can use its URLs; stop it
     * ({@link #close()}) before the namespace goes.
     */
    public static PostgresServer startIn(String netns) throws IOException, InterruptedException {
        return start(List.of("ip", "netns", "exec", netns));
    }

    private static PostgresServer start(List<String> prefix) throws IOException, InterruptedException {
        Optional<Path> bin = binaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("wirepunch-pg-");
        String password = UUID.randomUUID().toString();
        int port = freePort();
        PostgresServer pg = new PostgresServer(bin.get(), dir, port, password, root, prefix);
        Thread cleanup = new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // best effort when the JVM exits without close()
            }
        }, "postgres-cleanup");
        try {
            pg.init();
            Runtime.getRuntime().addShutdownHook(cleanup);
            pg.cleanup = cleanup;
            return pg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private void init() throws IOException, InterruptedException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        if (asPostgres) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = users.lookupPrincipalByName(SUPERUSER);
            GroupPrincipal group = users.lookupPrincipalByGroupName(SUPERUSER);
            for (Path p : List.of(dir, pwfile)) {
                Files.setOwner(p, owner);
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
            }
        }
        run(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                "-A", "scram-sha-256", "-E", "UTF8", "--no-instructions");
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off", "start");
    }

    /** A new empty database with its own owner; answers its JDBC URL (user and password in it). */
    public String newDatabase() throws SQLException, IOException, InterruptedException {
        int n = databases.incrementAndGet();
        String user = "measure" + n;
        String password = UUID.randomUUID().toString().replace("-", "");
        String createUser = "CREATE USER " + user + " PASSWORD '" + password + "'";
        String createDatabase = "CREATE DATABASE " + user + " OWNER " + user;
        if (prefix.isEmpty()) {
            try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, superPassword);
                 Statement st = c.createStatement()) {
                st.execute(createUser);
                st.execute(createDatabase);
            }
        } else {
            // The TCP port is the namespace's: talk to the server over its socket in the directory.
            run(List.of("env", "PGPASSWORD=" + superPassword), bin.resolve("psql").toString(), "-X", "-q",
                    "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p", Integer.toString(port), "-U", SUPERUSER,
                    "-d", "postgres", "-c", createUser, "-c", createDatabase);
        }
        return url(user) + "?user=" + user + "&password=" + password;
    }

    /** The temporary directory holding the cluster. */
    Path directory() {
        return dir;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void run(String... command) throws IOException, InterruptedException {
        run(List.of(), command);
    }

    /** Runs {@code command} in the namespace (if any), as the server's user, after {@code env} (a command prefix). */
    private void run(List<String> env, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        cmd.addAll(env);
        cmd.addAll(List.of(command));
        Path out = Files.createTempFile("wirepunch-pg-cmd-", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + Files.readString(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (cleanup != null && Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
            cleanup = null;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
