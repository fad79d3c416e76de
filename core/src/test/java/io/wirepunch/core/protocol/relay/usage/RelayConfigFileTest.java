package io.wirepunch.core.protocol.relay.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryKey() {
        RelayConfigFile config = RelayConfigFile.parse("""
                {"network_usage": {"global_limit": "2TB", "peer_limit": "10GB", "timeframe": "30d",
                                   "write_interval": "5m", "stats_file": "usage/stats.json", "archive_dir": "old"},
                 "reservations": {"max": 100, "max_per_peer": 2, "max_per_ip": 6, "ttl": "90m"},
                 "circuits": {"max": 32, "max_per_peer": 3, "max_duration": "90s", "max_bytes": "1MB"}}
                """);

        assertThat(config.networkUsage()).isEqualTo(new NetworkUsageConfig(2 * ByteSize.TB, 10 * ByteSize.GB,
                Duration.ofDays(30), Duration.ofMinutes(5), Path.of("usage/stats.json"), Path.of("old")));
        assertThat(config.reservations()).isEqualTo(new ReservationConfig(100, 2, 6, Duration.ofMinutes(90)));
        assertThat(config.circuits()).isEqualTo(new CircuitConfig(32, 3, Duration.ofSeconds(90), ByteSize.MB));
        assertThat(config.networkUsage().statsFileIn(dir)).isEqualTo(dir.resolve("usage/stats.json"));
        assertThat(config.networkUsage().archiveDirIn(dir)).isEqualTo(dir.resolve("old"));
    }

    @Test
    void everyKeyIsOptional() {
        assertThat(RelayConfigFile.parse("{}")).isEqualTo(RelayConfigFile.DEFAULTS);
        assertThat(RelayConfigFile.parse("{\"network_usage\": {}, \"reservations\": {}, \"circuits\": {}}"))
                .isEqualTo(RelayConfigFile.DEFAULTS);
        RelayConfigFile oneKey = RelayConfigFile.parse("{\"circuits\": {\"max_bytes\": \"1MB\"}}");
        assertThat(oneKey.circuits().maxBytes()).isEqualTo(ByteSize.MB);
        assertThat(oneKey.circuits().maxDuration()).isEqualTo(CircuitConfig.DEFAULT_MAX_DURATION);
        assertThat(oneKey.networkUsage()).isEqualTo(NetworkUsageConfig.DEFAULTS);
    }

    @Test
    void theDefaultsAreTheReferenceRelaysAndWireleaps() {
        assertThat(RelayConfigFile.DEFAULTS.reservations()).isEqualTo(new ReservationConfig(128, 4, 8, Duration.ofHours(1)));
        assertThat(RelayConfigFile.DEFAULTS.circuits()).isEqualTo(new CircuitConfig(64, 16, Duration.ofMinutes(2), 131072));
        NetworkUsageConfig usage = RelayConfigFile.DEFAULTS.networkUsage();
        assertThat(usage.timeframe()).isEqualTo(Duration.ofDays(30));
        assertThat(usage.writeInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(usage.statsFile()).isEqualTo(Path.of("stats.json"));
        assertThat(usage.peerLimit()).isLessThan(usage.globalLimit());
    }

    @Test
    void zeroMeansUnlimitedForCircuitsAndForUsageLimits() {
        RelayConfigFile config = RelayConfigFile.parse("""
                {"network_usage": {"global_limit": "0", "peer_limit": 0},
                 "circuits": {"max": 0, "max_per_peer": 0, "max_duration": "0", "max_bytes": 0}}""");
        assertThat(config.circuits()).isEqualTo(new CircuitConfig(0, 0, Duration.ZERO, 0));
        assertThat(config.circuits().unlimitedCount()).isTrue();
        assertThat(config.circuits().unlimitedCountPerPeer()).isTrue();
        assertThat(config.circuits().unlimitedDuration()).isTrue();
        assertThat(config.circuits().unlimitedBytes()).isTrue();
        assertThat(RelayConfigFile.parse("{\"circuits\": {\"max_duration\": 0}}").circuits().unlimitedDuration()).isTrue();
        assertThat(config.networkUsage().globalLimit()).isZero();
        assertThat(config.networkUsage().peerLimit()).isZero();
        assertThat(CircuitConfig.DEFAULTS.unlimitedBytes()).isFalse();
    }

    @Test
    void theShortestTimeframeAndWriteIntervalAreAccepted() {
        NetworkUsageConfig shortest = RelayConfigFile.parse(
                "{\"network_usage\": {\"timeframe\": \"1m\", \"write_interval\": \"100ms\"}}").networkUsage();
        assertThat(shortest.timeframe()).isEqualTo(NetworkUsageConfig.MIN_TIMEFRAME);
        assertThat(shortest.writeInterval()).isEqualTo(NetworkUsageConfig.MIN_WRITE_INTERVAL);
    }

    @Test
    void sizesMayBeJsonIntegersOfBytes() {
        assertThat(RelayConfigFile.parse("{\"circuits\": {\"max_bytes\": 4096}}").circuits().maxBytes()).isEqualTo(4096);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"network_usage\": {\"global_limit\": \"2XB\"}}       | network_usage.global_limit: \"2XB\" is not a size",
            "{\"network_usage\": {\"peer_limit\": \"ten\"}}         | network_usage.peer_limit: \"ten\" is not a size",
            "{\"network_usage\": {\"peer_limit\": -5}}              | network_usage.peer_limit: must not be negative",
            "{\"network_usage\": {\"peer_limit\": 1.5}}             | network_usage.peer_limit: 1.5 is not a size",
            "{\"network_usage\": {\"timeframe\": \"30\"}}           | network_usage.timeframe: \"30\" is not a duration",
            "{\"network_usage\": {\"timeframe\": 30}}               | network_usage.timeframe: 30 is not a duration",
            "{\"network_usage\": {\"timeframe\": \"59s\"}}          | network_usage.timeframe: must be at least 1m, was 59s",
            "{\"network_usage\": {\"write_interval\": \"99ms\"}}    | network_usage.write_interval: must be at least 100ms, was 99ms",
            "{\"network_usage\": {\"write_interval\": \"0\"}}       | network_usage.write_interval: must be at least 100ms",
            "{\"network_usage\": {\"stats_file\": 7}}               | network_usage.stats_file: 7 is not a path",
            "{\"network_usage\": {\"stats_file\": \"\"}}            | network_usage.stats_file: must not be empty",
            "{\"network_usage\": {\"archive_dir\": \"a\\u0000b\"}}  | network_usage.archive_dir: \"a",
            "{\"network_usage\": {\"archive_dir\": null}}           | network_usage.archive_dir: null is not a path",
            "{\"reservations\": {\"max\": 0}}                       | reservations.max: must be at least 1, was 0",
            "{\"reservations\": {\"max_per_peer\": \"2\"}}          | reservations.max_per_peer: \"2\" is not a count",
            "{\"reservations\": {\"max_per_ip\": 3000000000}}       | reservations.max_per_ip: 3000000000 is not a count",
            "{\"reservations\": {\"ttl\": \"0\"}}                   | reservations.ttl: must be longer than 0",
            "{\"reservations\": {\"ttl\": \"1y\"}}                  | reservations.ttl: \"1y\" is not a duration",
            "{\"circuits\": {\"max\": -1}}                          | circuits.max: must not be negative, was -1",
            "{\"circuits\": {\"max_per_peer\": true}}               | circuits.max_per_peer: true is not a count",
            "{\"circuits\": {\"max_duration\": \"2 minutes\"}}      | circuits.max_duration: \"2 minutes\" is not a duration",
            "{\"circuits\": {\"max_bytes\": \"128KBytes\"}}         | circuits.max_bytes: \"128KBytes\" is not a size",
            "{\"circuits\": {\"max_bytes\": \"99999999TB\"}}        | circuits.max_bytes: \"99999999TB\" is too large a size",
            "{\"circuits\": []}                                     | circuits: expected a JSON object, found []",
            "{\"network_usage\": {\"global_limt\": \"1GB\"}}        | network_usage.global_limt: unknown key; known here: global_limit, peer_limit",
            "{\"relay\": {}}                                        | relay: unknown key; known here: network_usage, reservations, circuits",
            "{\"circuits\": {\"max\": 1, \"max\": 2}}               | circuits.max: not valid JSON at line 1, column 30: Duplicate field 'max'",
            "{\"circuits\": {\"max\": 1, \"max_bytes\": 2x}}        | not valid JSON at line 1, column",
    })
    void everyErrorNamesItsKey(String json, String message) {
        assertThatThrownBy(() -> RelayConfigFile.parse(json))
                .isInstanceOf(RelayConfigException.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void theExceptionCarriesTheKeyPath() {
        assertThatThrownBy(() -> RelayConfigFile.parse("{\"circuits\": {\"max_bytes\": \"x\"}}"))
                .isInstanceOfSatisfying(RelayConfigException.class, e -> assertThat(e.key()).isEqualTo("circuits.max_bytes"));
    }

    @Test
    void refusesTextThatIsNotOneJsonObject() {
        assertThatThrownBy(() -> RelayConfigFile.parse("")).hasMessageStartingWith("empty; expected a JSON object");
        assertThatThrownBy(() -> RelayConfigFile.parse("[]")).hasMessage("expected a JSON object, found []");
        assertThatThrownBy(() -> RelayConfigFile.parse("{\"circuits\": {}} {}")).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> RelayConfigFile.parse("{\n  \"circuits\": {\"max\": 1,}\n}"))
                .hasMessageStartingWith("not valid JSON at line 2, column");
    }

    @Test
    void readsAFileAndNamesItInErrors() throws IOException {
        Path file = dir.resolve("relay.json");
        Files.writeString(file, "{\"reservations\": {\"ttl\": \"2h\"}}");
        assertThat(RelayConfigFile.read(file).reservations().ttl()).isEqualTo(Duration.ofHours(2));

        Files.writeString(file, "{\"reservations\": {\"ttl\": \"2 hours\"}}");
        assertThatThrownBy(() -> RelayConfigFile.read(file))
                .isInstanceOfSatisfying(RelayConfigException.class, e -> assertThat(e.key()).isEqualTo("reservations.ttl"))
                .hasMessageStartingWith("relay config " + file + ": reservations.ttl: \"2 hours\" is not a duration");
    }

    @Test
    void refusesAFileLargerThanTheLimit() throws IOException {
        Path file = dir.resolve("relay.json");
        String padding = " ".repeat(RelayConfigFile.MAX_FILE_BYTES - 2);
        Files.writeString(file, "{" + padding + "}");
        assertThat(RelayConfigFile.read(file)).isEqualTo(RelayConfigFile.DEFAULTS);

        Files.writeString(file, "{ " + padding + "}");
        assertThatThrownBy(() -> RelayConfigFile.read(file)).hasMessageContaining("is larger than " + RelayConfigFile.MAX_FILE_BYTES + " bytes");
    }
}
