package io.wirepunch.core.network;

import static io.wirepunch.core.network.TestKeys.id;
import static io.wirepunch.core.network.TestKeys.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkConfigRoundTripTest {
    private static final String TEXT = """
            # office network
            trust\tlaptop   %s        # a comment
            router gw 10.0.42.1 %s gw.example.org:4001
            subnet 10.0.42.0/24
            name office
            workbit 8
            boot %s [2001:db8::7]:4001
            trust %s
            """.formatted(id(1), id(2), id(3), peer(4).wireGuardKey());

    @Test
    void writesTheCanonicalFormAndReadsItBack() {
        NetworkConfig config = NetworkConfig.parse(TEXT);
        String written = config.toText();
        assertThat(written).isEqualTo("""
                name office
                subnet 10.0.42.0/24
                workbit 8

                boot %s [2001:db8::7]:4001

                trust laptop %s
                router gw 10.0.42.1 %s gw.example.org:4001
                trust %s
                """.formatted(id(3), id(1), id(2), peer(4).wireGuardKey()));
        NetworkConfig again = NetworkConfig.parse(written);
        assertThat(again).isEqualTo(config);
        assertThat(again.toText()).isEqualTo(written);
    }

    @Test
    void theFuzzSeedsThatShouldParseDo() throws Exception {
        for (String seed : new String[] {"full", "minimal", "small-subnet", "crlf-order"}) {
            try (var in = getClass().getResourceAsStream("NetworkConfigFuzzTestInputs/parse/" + seed)) {
                NetworkConfig config = NetworkConfig.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                assertThat(NetworkConfig.parse(config.toText())).isEqualTo(config);
            }
        }
    }

    @Test
    void aMinimalConfigurationRoundTrips() {
        NetworkConfig config = NetworkConfig.parse("name public\n");
        assertThat(config.subnet()).isEmpty();
        assertThat(config.workbits()).isEmpty();
        assertThat(config.toText()).isEqualTo("name public\n");
        assertThat(NetworkConfig.parse(config.toText())).isEqualTo(config);
    }

    @Test
    void aPeerIdInCidFormIsWrittenInBase58() {
        NetworkConfig config = NetworkConfig.parse("name n\nsubnet 10.0.0.0/24\ntrust " + id(1).toCid());
        assertThat(config.toText()).contains("trust " + id(1).toBase58());
    }

    @Test
    void aConfigurationBuiltInCodeObeysTheSameRules() {
        NetworkConfig config = new NetworkConfig("n", Optional.of(Ipv4Subnet.parse("10.0.0.0/30")), OptionalInt.empty(),
                java.util.List.of(), java.util.List.of(Member.trusted(peer(1))));
        NetworkConfig two = config.withMember(Member.trusted(peer(2)));
        assertThat(NetworkConfig.parse(two.toText())).isEqualTo(two);
        assertThatThrownBy(() -> two.withMember(Member.trusted(peer(3))))
                .isInstanceOf(NetworkConfigException.class)
                .hasMessage("subnet 10.0.0.0/30 has room for 2 members, but 3 are listed");
        assertThatThrownBy(() -> config.withMember(Member.trusted(peer(1))))
                .isInstanceOf(NetworkConfigException.class)
                .hasMessage("trust: peer " + id(1) + " is already a member");
        assertThatThrownBy(() -> new Member(Member.Role.TRUST, Optional.of("Bad"), Optional.empty(), peer(1), Optional.empty()))
                .hasMessageContaining("upper-case");
    }

    @Test
    void writesAtomicallyAndReadsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("office.conf");
        NetworkConfig config = NetworkConfig.parse(TEXT);
        Files.writeString(file, "old content");
        config.write(file);
        assertThat(Files.readString(file)).isEqualTo(config.toText());
        assertThat(NetworkConfig.read(file)).isEqualTo(config);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void refusesAFileOverTheSizeLimitWithoutReadingItAll(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.conf");
        Files.write(file, new byte[NetworkConfig.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> NetworkConfig.read(file))
                .isInstanceOf(NetworkConfigException.class)
                .hasMessage(file + " is larger than 1048576 bytes");
        Path exact = dir.resolve("exact.conf");
        StringBuilder text = new StringBuilder("name n\n");
        while (text.length() < NetworkConfig.MAX_FILE_BYTES) {
            text.append("#".repeat(1000)).append('\n');
        }
        Files.writeString(exact, text.substring(0, NetworkConfig.MAX_FILE_BYTES - 1) + "\n");
        assertThat(Files.size(exact)).isEqualTo(NetworkConfig.MAX_FILE_BYTES);
        assertThat(NetworkConfig.read(exact).name()).isEqualTo("n");
    }

    @Test
    void refusesAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.conf");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> NetworkConfig.read(file))
                .isInstanceOf(NetworkConfigException.class)
                .hasMessage(file + " is not UTF-8 text");
    }
}
