package io.wirepunch.core.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text and binary forms of every protocol; the binary vectors were derived by hand from the multicodec table. */
class MultiaddrCodecTest {
    static final String QM = "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N";
    static final String QM_CID = "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe";
    static final String ED = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/ip4/192.0.2.42/tcp/443 | 04c000022a0601bb",
        "/ip6/2001:db8::1/udp/4001/quic-v1 | 2920010db800000000000000000000000191020fa1cd03",
        "/dns4/example.com/tcp/4001 | 360b6578616d706c652e636f6d060fa1",
        "/dns/example.com/udp/53 | 350b6578616d706c652e636f6d91020035",
        "/dns6/example.com/tcp/0 | 370b6578616d706c652e636f6d060000",
        "/dnsaddr/bootstrap.libp2p.io/p2p/" + QM + " | 3813626f6f7473747261702e6c69627032702e696fa5032212209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9",
        "/ip4/1.2.3.4/tcp/4001/p2p/" + QM + "/p2p-circuit/p2p/" + ED + " | 0401020304060fa1a5032212209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9a202a503260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
        "/ip6zone/eth0/ip6/fe80::1/tcp/65535 | 2a046574683029fe80000000000000000000000000000106ffff",
        "/p2p-circuit | a202",
        "/quic-v1 | cd03",
    })
    void textAndBinaryFormsRoundTrip(String text, String hex) {
        Multiaddr fromText = Multiaddr.parse(text);
        assertThat(HexFormat.of().formatHex(fromText.toBytes())).isEqualTo(hex);
        Multiaddr fromBytes = Multiaddr.fromBytes(HexFormat.of().parseHex(hex));
        assertThat(fromBytes.toString()).isEqualTo(text);
        assertThat(fromBytes).isEqualTo(fromText).hasSameHashCodeAs(fromText);
        assertThat(Multiaddr.parse(fromBytes.toString())).isEqualTo(fromBytes);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', value = {
        "/p2p/" + QM_CID + " | /p2p/" + QM,
        "/ipfs/" + QM + " | /p2p/" + QM,
        "/ip6/2001:0DB8:0000:0000:0000:0000:0000:0001/tcp/1 | /ip6/2001:db8::1/tcp/1",
        "/ip6/::/tcp/1 | /ip6/::/tcp/1",
        "/ip6/::ffff:1.2.3.4/tcp/1 | /ip6/::ffff:1.2.3.4/tcp/1",
        "/ip6/1:0:0:2:0:0:0:3/tcp/1 | /ip6/1:0:0:2::3/tcp/1",
        "/ip6/1:0:0:2:3:0:0:4/tcp/1 | /ip6/1::2:3:0:0:4/tcp/1",
        "/ip6/1:2:3:4:5:6:7:0/tcp/1 | /ip6/1:2:3:4:5:6:7:0/tcp/1",
        "/dns/bücher.example/tcp/1 | /dns/bücher.example/tcp/1",
    })
    void textIsPrintedCanonically(String input, String canonical) {
        assertThat(Multiaddr.parse(input).toString()).isEqualTo(canonical);
        assertThat(Multiaddr.parse(canonical)).isEqualTo(Multiaddr.parse(input));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/ip4/1.2.3.4/tcp/70000 | bad tcp port '70000' in /ip4/1.2.3.4/tcp/70000",
        "/ip4/1.2.3.4/udp/-1 | bad udp port '-1' in /ip4/1.2.3.4/udp/-1",
        "/ip4/1.2.3.4/tcp/080 | bad tcp port '080'",
        "/ip4/1.2.3.4/tcp/+80 | bad tcp port '+80'",
        "/ip4/1.2.3.256/tcp/1 | bad ip4 address '1.2.3.256' in /ip4/1.2.3.256/tcp/1",
        "/ip4/1.2.3/tcp/1 | bad ip4 address '1.2.3'",
        "/ip4/01.2.3.4 | bad ip4 address '01.2.3.4'",
        "/ip4/localhost | bad ip4 address 'localhost'",
        "/ip6/1::2::3 | bad ip6 address '1::2::3' (more than one '::')",
        "/ip6/1:2:3:4:5:6:7 | bad ip6 address '1:2:3:4:5:6:7' (needs 8 groups, has 7)",
        "/ip6/1:2:3:4::5:6:7:8 | '::' stands for no group",
        "/ip6/12345::1 | group '12345' is not 1 to 4 hex digits",
        "/ip6/fe80::1%eth0 | bad ip6 address 'fe80::1%eth0'",
        "/ip6/g::1 | group 'g' is not hex",
        "/ip6/1.2.3.4:: | bad ip6 address '1.2.3.4::'",
        "/ip6/localhost | bad ip6 address 'localhost'",
        "/tcp | missing value for /tcp in /tcp",
        "/ip4//tcp/1 | empty value for /ip4 in /ip4//tcp/1",
        "/ip4/1.2.3.4/ | empty protocol name at position 12",
        "//ip4/1.2.3.4 | empty protocol name at position 0",
        "ip4/1.2.3.4 | multiaddr must start with '/'",
        "/udt/1 | unknown protocol 'udt' in /udt/1",
        "/p2p/QmNotAPeer | bad p2p peer id 'QmNotAPeer'",
        "/p2p/bafyaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6 | is not libp2p-key",
        "/quic-v1/1 | unknown protocol '1' in /quic-v1/1",
        "/dns4/a\tb | bad dns4 name: character 0x9 at position 1",
        "/ip6zone/eth0 | ip6zone must be followed by ip6 in /ip6zone/eth0",
        "/ip6zone/eth0/ip4/1.2.3.4 | ip6zone must be followed by ip6",
    })
    void malformedTextIsRefusedNamingTheComponent(String text, String message) {
        assertThatThrownBy(() -> Multiaddr.parse(text)).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "04c00002 | truncated ip4 value: needs 4 bytes, 3 left at byte 0",
        "04c000022a06 | truncated tcp value: needs 2 bytes, 0 left at byte 5",
        "04c000022a0601 | truncated tcp value: needs 2 bytes, 1 left at byte 5",
        "ff | varint truncated after 1 byte(s) at byte 0",
        "8000 | varint is not minimally encoded",
        "ffffffff7f | unknown protocol code 0x7ffffffff at byte 0",
        "07 | unknown protocol code 0x7 at byte 0",
        "a50322 | truncated p2p value: needs 34 bytes, 0 left",
        "a5037f | p2p value of 127 bytes exceeds 64",
        "3580 | varint truncated after 1 byte(s) at byte 0",
        "ffffffffffffffffffff01 | varint longer than 9 bytes at byte 0",
        "3504616263 | truncated dns value: needs 4 bytes, 3 left",
        "3502612f | bad dns name: character 0x2f at position 1",
        "3502c328 | bad dns name: not UTF-8",
        "3500 | empty dns name",
        "a5030400010203 | bad p2p peer id",
        "2a0165 | ip6zone must be followed by ip6 in a binary multiaddr",
    })
    void malformedBinaryIsRefusedNamingTheComponentAndOffset(String hex, String message) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> Multiaddr.fromBytes(bytes)).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void emptyInputsAreRefused() {
        assertThatThrownBy(() -> Multiaddr.fromBytes(new byte[0])).isInstanceOf(MultiaddrException.class)
                .hasMessage("empty binary multiaddr");
        assertThatThrownBy(() -> Multiaddr.parse("")).isInstanceOf(MultiaddrException.class)
                .hasMessage("empty multiaddr");
        assertThatThrownBy(() -> Multiaddr.parse("/")).isInstanceOf(MultiaddrException.class)
                .hasMessageContaining("empty protocol name");
    }
}
