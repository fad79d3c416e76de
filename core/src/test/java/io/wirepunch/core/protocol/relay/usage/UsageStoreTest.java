package io.wirepunch.core.protocol.relay.usage;

import static io.wirepunch.core.testutil.TestPeerIds.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.testutil.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageStoreTest {
    private static final Period PERIOD = Period.startingAt(FakeClock.START, Duration.ofDays(30));
    private static final StatsDocument DOCUMENT = new StatsDocument(PERIOD,
            new UsageTotals(300, Map.of(peer(1), 300L, peer(2), 200L), 100), FakeClock.START.plusSeconds(90));

    @TempDir
    Path dir;

    private UsageStore store() {
        return new UsageStore(dir.resolve("stats.json"), dir.resolve("archive"));
    }

    @Test
    void aDocumentRoundTrips() throws IOException {
        store().save(DOCUMENT);
        assertThat(store().load(Instant.EPOCH)).isEqualTo(new UsageStore.Loaded.Found(DOCUMENT));
        assertThat(StatsFormat.decode(StatsFormat.encode(DOCUMENT))).isEqualTo(DOCUMENT);
    }

    @Test
    void peersAreWrittenMostUsedFirst() {
        String text = new String(StatsFormat.encode(DOCUMENT), StandardCharsets.UTF_8);
        assertThat(text.indexOf(peer(1).toBase58())).isLessThan(text.indexOf(peer(2).toBase58()));
        assertThat(text).contains("\"version\" : 1", "\"other_peers_bytes\" : 100", "\"updated_at\" : \"2025-01-01T00:01:30Z\"");
    }

    @Test
    void anArchiveIsNamedAfterItsPeriodAndWritingItTwiceIsHarmless() throws IOException {
        Path file = store().archive(DOCUMENT);
        assertThat(file).isEqualTo(dir.resolve("archive/20250101T000000Z-20250131T000000Z.json"));
        assertThat(store().archive(DOCUMENT)).isEqualTo(file);
        assertThat(StatsFormat.decode(Files.readAllBytes(file))).isEqualTo(DOCUMENT);
    }

    @Test
    void anAbsentFileIsNotAProblem() throws IOException {
        assertThat(store().load(Instant.EPOCH)).isEqualTo(new UsageStore.Loaded.Absent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"version\": 2                                       | version 2 is not known (expected 1)",
            "\"version\": \"1\"                                   | version is not a whole number of at least 0",
            "\"network_bytes\": -1                                | network_bytes is not a whole number of at least 0",
            "\"network_bytes\": 1.5                               | network_bytes is not a whole number of at least 0",
            "\"other_peers_bytes\": null                          | other_peers_bytes is not a whole number",
            "\"start_at\": \"yesterday\"                          | start_at is not an ISO 8601 instant",
            "\"end_at\": \"2024-12-31T00:00:00Z\"                 | end_at 2024-12-31T00:00:00Z is not after start_at",
            "\"updated_at\": 5                                    | updated_at is not an ISO 8601 instant",
            "\"peer_stats\": []                                   | peer_stats is not an object",
            "\"peer_stats\": {\"nope\": {\"network_bytes\": 1}}   | peer_stats: \"nope\" is not a peer id",
            "\"peer_stats\": {\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\": {}} | network_bytes is missing",
    })
    void aDamagedFieldIsNamed(String replacement, String reason) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1");
        fields.put("start_at", "\"2025-01-01T00:00:00Z\"");
        fields.put("end_at", "\"2025-01-31T00:00:00Z\"");
        fields.put("updated_at", "\"2025-01-01T00:01:30Z\"");
        fields.put("network_bytes", "300");
        fields.put("other_peers_bytes", "100");
        fields.put("peer_stats", "{\"" + peer(1).toBase58() + "\": {\"network_bytes\": 300}}");
        assertThat(StatsFormat.decode(json(fields))).isEqualTo(new StatsDocument(PERIOD,
                new UsageTotals(300, Map.of(peer(1), 300L), 100), FakeClock.START.plusSeconds(90)));

        String[] keyAndValue = replacement.split(":", 2);
        fields.put(keyAndValue[0].strip().replace("\"", ""), keyAndValue[1].strip());
        assertThatThrownBy(() -> StatsFormat.decode(json(fields)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(reason.strip());
    }

    private static byte[] json(Map<String, String> fields) {
        StringBuilder text = new StringBuilder("{");
        fields.forEach((key, value) -> text.append(text.length() > 1 ? ", " : "").append('"').append(key).append("\": ").append(value));
        return text.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingFieldOrAnotherShapeIsDamage() {
        assertThatThrownBy(() -> StatsFormat.decode("{}".getBytes(StandardCharsets.UTF_8))).hasMessage("version is missing");
        assertThatThrownBy(() -> StatsFormat.decode("42".getBytes(StandardCharsets.UTF_8))).hasMessage("not a JSON object");
        assertThatThrownBy(() -> StatsFormat.decode(new byte[0])).hasMessage("not a JSON object");
        assertThatThrownBy(() -> StatsFormat.decode("{} {}".getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void aFileLargerThanTheLimitIsDamage() throws IOException {
        Path stats = dir.resolve("stats.json");
        byte[] good = StatsFormat.encode(DOCUMENT);
        byte[] padded = new byte[UsageStore.MAX_STATS_FILE_BYTES];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(good, 0, padded, 0, good.length);
        Files.write(stats, padded);
        assertThat(store().load(Instant.EPOCH)).isEqualTo(new UsageStore.Loaded.Found(DOCUMENT));

        Files.write(stats, java.util.Arrays.copyOf(padded, padded.length + 1));
        assertThat(store().load(Instant.EPOCH)).isInstanceOfSatisfying(UsageStore.Loaded.Unreadable.class,
                u -> assertThat(u.reason()).isEqualTo("larger than " + UsageStore.MAX_STATS_FILE_BYTES + " bytes"));
    }

    @Test
    void damagedFilesAreKeptUnderFreeNamesUpToTheLimit() throws IOException {
        Path stats = dir.resolve("stats.json");
        for (int i = 0; i < UsageStore.MAX_KEPT_ASIDE_NAMES; i++) {
            Files.writeString(stats, "damaged " + i);
            assertThat(store().load(FakeClock.START)).isInstanceOf(UsageStore.Loaded.Unreadable.class);
        }
        assertThat(dir.resolve("stats.json.corrupt-20250101T000000Z-99")).hasContent("damaged 99");

        Files.writeString(stats, "one too many");
        assertThatThrownBy(() -> store().load(FakeClock.START))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be moved aside");
        assertThat(stats).hasContent("one too many");
    }
}
