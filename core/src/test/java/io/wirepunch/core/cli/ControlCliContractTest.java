package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code up}, {@code show}, {@code participate} and {@code down} as separate processes, over the
 * control socket {@code $WIREPUNCH_CONTROL} names: one node per user, a 0600 socket, the JSON of
 * {@code show --json}, and clear sentences when no node runs or one runs already.
 */
class ControlCliContractTest {
    private static final Duration START = Duration.ofSeconds(30);
    private CliProcesses procs;
    private Path socket;

    @BeforeEach
    void setUp() throws Exception {
        procs = new CliProcesses("control");
        socket = Files.createTempDirectory("wirepunch-control").resolve("run/control.sock");
        procs.env.put("WIREPUNCH_CONTROL", socket.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        procs.close();
    }

    @Test
    void oneNodePerUserServesShowParticipateAndDown() throws Exception {
        CliProcesses.Child up = procs.start("up", "--listen", "/ip4/127.0.0.1/tcp/0");
        assertThat(up.nextLine(START)).isEqualTo("control " + socket);
        String listen = up.nextLine(START);
        assertThat(listen).startsWith("listen /ip4/127.0.0.1/tcp/");
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(socket.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        CliProcesses.Result second = procs.run("up", "--listen", "/ip4/127.0.0.1/tcp/0");
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.stderr()).contains("a Wirepunch node is already running for this user");

        JsonNode shown = new ObjectMapper().readTree(String.join("\n", procs.run("show", "--json").stdout()));
        assertThat(shown.path("version").asInt()).isEqualTo(1);
        assertThat(listen).endsWith("/p2p/" + shown.path("node").path("peerId").asText());
        assertThat(shown.path("node").path("participating").asBoolean()).isTrue();
        assertThat(shown.path("node").path("publicKey").asText()).hasSize(44).endsWith("=");
        assertThat(shown.path("peers").isArray()).isTrue();
        assertThat(procs.run("show").stdout()).first().asString().startsWith("node: 12D3KooW");

        assertThat(procs.run("participate", "off").stdout()).containsExactly("participating off");
        JsonNode after = new ObjectMapper().readTree(String.join("\n", procs.run("show", "--json").stdout()));
        assertThat(after.path("node").path("participating").asBoolean()).isFalse();
        CliProcesses.Result bad = procs.run("participate", "maybe");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.stderr()).contains("say 'on' or 'off'");

        assertThat(procs.run("down").stdout()).containsExactly("down");
        assertThat(up.awaitExit(START)).isZero();
        assertThat(Files.exists(socket)).isFalse();
        CliProcesses.Result none = procs.run("show");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.stderr()).contains("no Wirepunch node is running for this user");
    }

    @Test
    void aSocketLeftByANodeThatDiedIsReplaced() throws Exception {
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "left over");

        CliProcesses.Child up = procs.start("up", "--listen", "/ip4/127.0.0.1/tcp/0");

        assertThat(up.nextLine(START)).isEqualTo("control " + socket);
        assertThat(procs.run("down").exit()).isZero();
        assertThat(up.awaitExit(START)).isZero();
    }
}
