package io.wirepunch.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    private static final String BOOTSTRAP = "/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWGRUVh2Y8yS4BLJ5Vr5dBPfY7VzWqRaP6R6yQx9L6B2xD";

    @TempDir
    Path dir;

    @Test
    void aMissingFileMeansDefaults() throws Exception {
        assertThat(new SettingsFile(dir.resolve("settings.json")).load()).isEqualTo(AppSettings.DEFAULTS);
    }

    @Test
    void whatIsSavedIsLoadedBack() throws Exception {
        AppSettings settings = new AppSettings(List.of("/ip4/192.0.2.7/tcp/4001"),
                new RelaySettings(false, 5000, 100, Duration.ofHours(24), 10, 5),
                new MeasurementSettings("punchr.example.net:10000", "s3cret-key"), 3,
                Optional.of(new WindowPlacement(40, 50.5, 800, 600)), true, false, false);
        SettingsFile file = new SettingsFile(dir.resolve("conf").resolve("settings.json"));

        file.save(settings);

        assertThat(file.load()).isEqualTo(settings);
    }

    @Test
    void theFileIsPrivateAndNoTemporaryFileIsLeft() throws Exception {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        file.save(AppSettings.DEFAULTS.withLaunchAtLogin(true));
        file.save(AppSettings.DEFAULTS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void unknownFieldsAreToleratedAndMissingOnesTakeDefaults() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"host_count\": 2, \"future_feature\": {\"x\": 1}, \"relay\": {\"max_circuits\": 9}}");

        AppSettings loaded = new SettingsFile(path).load();

        assertThat(loaded.hostCount()).isEqualTo(2);
        assertThat(loaded.relay().maxCircuits()).isEqualTo(9);
        assertThat(loaded.relay().maxReservations()).isEqualTo(RelaySettings.DEFAULTS.maxReservations());
        assertThat(loaded.window()).isEmpty();
        assertThat(loaded.participate()).as("a file from before the switch was saved participates").isTrue();
        assertThat(loaded.notifications()).isTrue();
    }

    @Test
    void theParticipateSwitchAndTheNotificationsSwitchAreKept() throws Exception {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));

        file.save(AppSettings.DEFAULTS.withParticipate(false).withNotifications(false));

        assertThat(Files.readString(file.path())).contains("\"participate\" : false").contains("\"notifications\" : false");
        assertThat(file.load().participate()).isFalse();
        assertThat(file.load().notifications()).isFalse();
        assertThatThrownBy(() -> SettingsJson.parse("{\"participate\": 0}")).hasMessageStartingWith("participate must be true or false");
    }

    @Test
    void aBadValueIsReportedByFileAndField() throws Exception {
        Path path = dir.resolve("settings.json");
        Files.writeString(path, "{\"relay\": {\"max_circuits\": \"many\"}}");

        assertThatThrownBy(() -> new SettingsFile(path).load())
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(path + ": relay.max_circuits must be a whole number")
                .satisfies(e -> assertThat(((SettingsException) e).field()).isEqualTo("relay.max_circuits"));
    }

    @Test
    void valuesOutOfRangeNameTheirField() {
        assertThatThrownBy(() -> SettingsJson.parse("{\"host_count\": 0}")).hasMessageStartingWith("host_count must be between 1");
        assertThatThrownBy(() -> SettingsJson.parse("{\"host_count\": " + (AppSettings.MAX_HOST_COUNT + 1) + "}"))
                .hasMessageStartingWith("host_count ");
        assertThatThrownBy(() -> SettingsJson.parse("{\"relay\": {\"peer_limit_bytes\": 10, \"global_limit_bytes\": 5}}"))
                .hasMessageStartingWith("relay.peer_limit_bytes must not exceed");
        assertThatThrownBy(() -> SettingsJson.parse("{\"window\": {\"x\": 0, \"y\": 0, \"width\": 10, \"height\": 400}}"))
                .hasMessageStartingWith("window.width must be at least");
        assertThatThrownBy(() -> SettingsJson.parse("{\"measurement\": {\"server\": \"example.net\"}}"))
                .hasMessageStartingWith("measurement.server must be host:port");
        assertThatThrownBy(() -> SettingsJson.parse("{\"bootstrap_peers\": [\"" + BOOTSTRAP + "\", \"/ip4/nope\"]}"))
                .hasMessageStartingWith("bootstrap_peers[1] is not a multiaddr");
        assertThatThrownBy(() -> SettingsJson.parse("{\"launch_at_login\": \"yes\"}"))
                .hasMessageStartingWith("launch_at_login must be true or false");
        assertThatThrownBy(() -> SettingsJson.parse("[1, 2]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> SettingsJson.parse("{\"host_count\": ")).hasMessageStartingWith("(file) is not JSON");
    }

    @Test
    void theApiKeyNeverAppearsInTextThatCouldBeLogged() {
        AppSettings settings = new AppSettings(List.of(), RelaySettings.DEFAULTS,
                new MeasurementSettings("punchr.example.net:10000", "s3cret-key"), 1, Optional.empty(), false, true, true);

        assertThat(settings.toString()).doesNotContain("s3cret-key").contains("(hidden)");
        assertThat(SettingsJson.write(settings)).contains("s3cret-key");
    }
}
