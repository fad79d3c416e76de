package io.wirepunch.app.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A D-Bus session bus of a test's own (its configuration and socket in a temporary directory,
 * never the user's bus), and what a test starts beside it: a virtual X display and a notification
 * server. {@link #close()} ends every process it started, politely first.
 */
final class PrivateDesktop implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(20);
    /** The freedesktop notification servers a test can start, by where Debian installs them. */
    static final List<Path> SERVERS = List.of(Path.of("/usr/lib/notification-daemon/notification-daemon"),
            Path.of("/usr/libexec/notification-daemon"));

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private String busAddress;
    private String display;

    PrivateDesktop(Path dir) {
        this.dir = dir;
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static java.util.Optional<Path> server() {
        return SERVERS.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts a session bus that listens in this desktop's directory and allows monitoring; answers its address. */
    String startBus() throws IOException {
        Path config = dir.resolve("session.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:dir=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir));
        Process bus = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(bus);
        busAddress = firstLine(bus, "dbus-daemon");
        return busAddress;
    }

    /** Starts Xvfb on the first free display; answers the display's name. */
    String startDisplay() throws IOException {
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(xvfb);
        String n = firstLine(xvfb, "Xvfb");
        if (!n.matches("\\d+")) {
            throw new IOException("Xvfb did not say which display it took: " + n);
        }
        display = ":" + n;
        return display;
    }

    /** Starts {@code command} on this bus and display, its output in {@code log}. */
    Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DBUS_SESSION_BUS_ADDRESS", busAddress);
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy(); // SIGTERM: Xvfb then removes its lock file and socket
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static String firstLine(Process p, String what) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String l = line.get(START.toSeconds(), TimeUnit.SECONDS);
            if (l == null) {
                throw new IOException(what + " ended without saying where it is");
            }
            return l.strip();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(what + " did not start within " + START.toSeconds() + " s", e);
        }
    }
}
