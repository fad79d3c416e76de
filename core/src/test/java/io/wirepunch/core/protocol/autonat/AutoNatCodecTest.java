package io.wirepunch.core.protocol.autonat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.autonat.AutoNatException.Kind;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.Dial;
import io.wirepunch.core.protocol.autonat.AutoNatMessage.DialResponse;
import io.wirepunch.core.protocol.autonat.pb.AutonatProtos.Message;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoNatCodecTest {
    static final PublicKey KEY = Keys.unmarshalPublic(HexFormat.of().parseHex(
            "08011220d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    static final PeerId PEER = KEY.peerId();
    static final Multiaddr ADDR = Multiaddr.parse("/ip4/198.51.100.7/tcp/4001");

    private static byte[] field(int number, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number << 3 | 2);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void dialIsEncodedFieldForFieldAsTheSpecWritesIt() {
        byte[] expected = concat(new byte[] {0x08, 0x00},
                field(2, field(1, concat(field(1, PEER.toBytes()), field(2, ADDR.toBytes())))));
        assertThat(AutoNatCodec.encode(new Dial(PEER, List.of(ADDR)))).isEqualTo(expected);
        assertThat(AutoNatCodec.decode(expected)).isEqualTo(new Dial(PEER, List.of(ADDR)));
    }

    @Test
    void dialResponseIsEncodedFieldForField() {
        byte[] text = "dial-back failed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] expected = concat(new byte[] {0x08, 0x01}, field(3, concat(new byte[] {0x08, 100}, field(2, text))));
        DialResponse error = DialResponse.error(ResponseStatus.E_DIAL_ERROR, "dial-back failed");
        assertThat(AutoNatCodec.encode(error)).isEqualTo(expected);
        assertThat(AutoNatCodec.decode(expected)).isEqualTo(error);

        byte[] ok = concat(new byte[] {0x08, 0x01}, field(3, concat(new byte[] {0x08, 0x00}, field(3, ADDR.toBytes()))));
        assertThat(AutoNatCodec.encode(DialResponse.ok(ADDR))).isEqualTo(ok);
        assertThat(AutoNatCodec.decode(ok)).isEqualTo(DialResponse.ok(ADDR));
    }

    @Test
    void everyStatusKeepsItsWireNumber() {
        for (ResponseStatus s : ResponseStatus.values()) {
            assertThat(Message.ResponseStatus.forNumber(s.wireNumber()).name()).isEqualTo(s.name());
            DialResponse r = new DialResponse(s, "text", Optional.empty());
            assertThat(AutoNatCodec.decode(AutoNatCodec.encode(r))).isEqualTo(r);
        }
        assertThat(ResponseStatus.fromWire(42)).isEmpty();
    }

    private static void refused(byte[] bytes, Kind kind, String message) {
        assertThatThrownBy(() -> AutoNatCodec.decode(bytes)).isInstanceOfSatisfying(AutoNatException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void messagesThatAreNoProtobufAreMalformed() {
        refused(new byte[] {0x0a, 0x05, 0x01}, Kind.MALFORMED, "malformed autonat message");
        refused(new byte[] {(byte) 0xff}, Kind.MALFORMED, "malformed autonat message");
        refused(new byte[] {0x0f}, Kind.MALFORMED, "malformed autonat message");
    }

    @Test
    void messagesWithoutTheFieldsTheirTypeNeedsAreInvalid() {
        refused(new byte[0], Kind.INVALID, "without a known type");
        refused(new byte[] {0x08, 0x07}, Kind.INVALID, "without a known type");
        refused(new byte[] {0x08, 0x00}, Kind.INVALID, "DIAL without peer info");
        refused(concat(new byte[] {0x08, 0x00}, field(2, new byte[0])), Kind.INVALID, "DIAL without peer info");
        refused(concat(new byte[] {0x08, 0x00}, field(2, field(1, field(2, ADDR.toBytes())))),
                Kind.INVALID, "DIAL without a peer id");
        refused(concat(new byte[] {0x08, 0x00}, field(2, field(1, field(1, new byte[] {1, 2, 3})))),
                Kind.INVALID, "DIAL with a bad peer id");
        refused(new byte[] {0x08, 0x01}, Kind.INVALID, "DIAL_RESPONSE without its response");
        refused(concat(new byte[] {0x08, 0x01}, field(3, new byte[0])), Kind.INVALID, "without a known status");
        refused(concat(new byte[] {0x08, 0x01}, field(3, new byte[] {0x08, 42})), Kind.INVALID, "without a known status");
    }

    @Test
    void addressesThatDoNotParseAreDroppedAloneAndOnlyTheFirstOnesAreRead() {
        Message.PeerInfo.Builder info = Message.PeerInfo.newBuilder().setId(ByteString.copyFrom(PEER.toBytes()))
                .addAddrs(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))
                .addAddrs(ByteString.EMPTY);
        for (int i = 0; i <= AutoNatProtocol.MAX_ADDRS_READ; i++) {
            info.addAddrs(ByteString.copyFrom(Multiaddr.parse("/ip4/198.51.100.7/tcp/" + (1000 + i)).toBytes()));
        }
        byte[] body = Message.newBuilder().setType(Message.MessageType.DIAL)
                .setDial(Message.Dial.newBuilder().setPeer(info)).build().toByteArray();
        Dial dial = (Dial) AutoNatCodec.decode(body);
        assertThat(dial.addrs()).hasSize(AutoNatProtocol.MAX_ADDRS_READ);
        assertThat(dial.addrs().get(0)).isEqualTo(Multiaddr.parse("/ip4/198.51.100.7/tcp/1000"));
    }

    @Test
    void longStatusTextsAreCutAndBadAddressesInAnswersIgnored() {
        byte[] body = Message.newBuilder().setType(Message.MessageType.DIAL_RESPONSE)
                .setDialResponse(Message.DialResponse.newBuilder().setStatus(Message.ResponseStatus.E_DIAL_REFUSED)
                        .setStatusText("x".repeat(AutoNatProtocol.MAX_STATUS_TEXT_CHARS + 1))
                        .setAddr(ByteString.copyFrom(new byte[] {(byte) 0xff})))
                .build().toByteArray();
        DialResponse r = (DialResponse) AutoNatCodec.decode(body);
        assertThat(r.status()).isEqualTo(ResponseStatus.E_DIAL_REFUSED);
        assertThat(r.statusText()).hasSize(AutoNatProtocol.MAX_STATUS_TEXT_CHARS);
        assertThat(r.addr()).isEmpty();
    }
}
