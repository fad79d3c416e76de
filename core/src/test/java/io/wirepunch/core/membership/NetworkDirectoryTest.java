package io.wirepunch.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.network.Member;
import io.wirepunch.core.network.NetworkConfig;
import io.wirepunch.core.network.PeerKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory of network files: what a scan loads and reports, and how an update writes. */
class NetworkDirectoryTest {
    private static final PeerId LAPTOP = Keys.generateEd25519().publicKey().peerId();
    private static final PeerId NAS = Keys.generateEd25519().publicKey().peerId();

    @TempDir
    Path tmp;

    private static String file(String name) {
        return "name " + name + "\nsubnet 10.0.42.0/24\ntrust laptop " + LAPTOP + "\nrouter nas " + NAS + "\n";
    }

    @Test
    void aMissingDirectoryHoldsNoNetwork() throws Exception {
        NetworkDirectory.Scan scan = new NetworkDirectory(tmp.resolve("absent")).scan();
        assertThat(scan.networks()).isEmpty();
        assertThat(scan.problems()).isEmpty();
    }

    @Test
    void goodFilesLoadAndABadOneIsReportedWithItsLine() throws Exception {
        Files.writeString(tmp.resolve("home.conf"), file("home"));
        Files.writeString(tmp.resolve("office.conf"), file("office"));
        Files.writeString(tmp.resolve("broken.conf"), "name broken\nsubnet 10.1.0.0/16\nbogus directive here\n");
        Files.writeString(tmp.resolve("notes.txt"), "not a network file");

        NetworkDirectory.Scan scan = new NetworkDirectory(tmp).scan();

        assertThat(scan.networks()).containsOnlyKeys("home", "office");
        assertThat(scan.networks().get("home").members()).extracting(m -> m.key().peerId().orElseThrow())
                .containsExactly(LAPTOP, NAS);
        assertThat(scan.problems()).singleElement().asString()
                .startsWith(tmp.resolve("broken.conf") + ": line 3: ");
    }

    @Test
    void aFileNamedOtherThanItsNetworkIsReported() throws Exception {
        Files.writeString(tmp.resolve("home.conf"), file("office"));
        NetworkDirectory.Scan scan = new NetworkDirectory(tmp).scan();
        assertThat(scan.networks()).isEmpty();
        assertThat(scan.problems()).singleElement().asString()
                .contains("home.conf").contains("'office'").contains("office.conf");
    }

    @Test
    void filesPastTheLimitAreLeftOutAndReported() throws Exception {
        for (int i = 0; i <= NetworkDirectory.MAX_NETWORKS; i++) {
            String name = String.format("n%03d", i);
            Files.writeString(tmp.resolve(name + ".conf"), file(name));
        }
        NetworkDirectory.Scan scan = new NetworkDirectory(tmp).scan();
        assertThat(scan.networks()).hasSize(NetworkDirectory.MAX_NETWORKS).doesNotContainKey(
                String.format("n%03d", NetworkDirectory.MAX_NETWORKS));
        assertThat(scan.problems()).singleElement().asString()
                .startsWith(tmp.resolve(String.format("n%03d.conf", NetworkDirectory.MAX_NETWORKS)).toString())
                .contains("at most " + NetworkDirectory.MAX_NETWORKS);

        // Exactly at the limit, nothing is left out.
        Files.delete(tmp.resolve(String.format("n%03d.conf", NetworkDirectory.MAX_NETWORKS)));
        NetworkDirectory.Scan full = new NetworkDirectory(tmp).scan();
        assertThat(full.networks()).hasSize(NetworkDirectory.MAX_NETWORKS);
        assertThat(full.problems()).isEmpty();
    }

    @Test
    void updateCreatesThePrivateDirectoryAndTheFile() throws Exception {
        Path dir = tmp.resolve("config/networks");
        NetworkDirectory networks = new NetworkDirectory(dir);
        NetworkConfig written = networks.update("home", current -> {
            assertThat(current).isEmpty();
            return Optional.of(NetworkConfig.parse(file("home")));
        });
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(NetworkConfig.read(dir.resolve("home.conf"))).isEqualTo(written);
        assertThat(networks.scan().networks()).containsOnlyKeys("home");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("home.conf");
        }
    }

    @Test
    void anUnchangedNetworkIsNotRewrittenAndAChangeReplacesTheFileWhole() throws Exception {
        NetworkDirectory networks = new NetworkDirectory(tmp);
        Path file = networks.fileOf("home");
        Files.writeString(file, "# my notes\n" + file("home"));
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, old);

        networks.update("home", current -> current);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
        assertThat(Files.readString(file)).startsWith("# my notes");

        PeerId newcomer = Keys.generateEd25519().publicKey().peerId();
        Object inodeBefore = Files.readAttributes(file, "unix:ino").get("ino");
        NetworkConfig next = networks.update("home", current -> Optional.of(current.orElseThrow()
                .withMember(Member.trusted(PeerKey.of(newcomer)))));
        assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(old);
        assertThat(NetworkConfig.read(file)).isEqualTo(next);
        assertThat(next.members()).hasSize(3);
        // Written beside and renamed over: a new file, never the old one truncated.
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isNotEqualTo(inodeBefore);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("home.conf");
        }
    }

    @Test
    void aFailedUpdateLeavesTheFileAsItWas() throws Exception {
        NetworkDirectory networks = new NetworkDirectory(tmp);
        Path file = networks.fileOf("home");
        Files.writeString(file, file("home"));
        assertThatThrownBy(() -> networks.update("home", current -> Optional.of(NetworkConfig.parse(file("office")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> networks.update("home", current -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(file)).isEqualTo(file("home"));
    }

    @Test
    void fileOfRefusesNamesThatAreNotPlainFileNames() {
        NetworkDirectory networks = new NetworkDirectory(tmp);
        assertThat(networks.fileOf("home")).isEqualTo(tmp.resolve("home.conf"));
        for (String bad : List.of(".hidden", "..", ".", "", "a/b")) {
            assertThatThrownBy(() -> networks.fileOf(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
