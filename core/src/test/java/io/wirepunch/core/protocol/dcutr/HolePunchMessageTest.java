package io.wirepunch.core.protocol.dcutr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.protocol.dcutr.pb.DcutrProtos.HolePunch;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolePunchMessageTest {
    static final Multiaddr TCP = Multiaddr.parse("/ip4/1.2.3.4/tcp/4001");
    static final Multiaddr QUIC = Multiaddr.parse("/ip6/2001:db8::1/udp/4001/quic-v1");

    static List<Multiaddr> addrs(int n) {
        List<Multiaddr> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Multiaddr.parse("/ip4/198.51.100." + (i % 250 + 1) + "/tcp/" + (4000 + i)));
        }
        return out;
    }

    @Test
    void connectAndSyncRoundTrip() {
        HolePunchMessage connect = HolePunchMessage.connect(List.of(TCP, QUIC));
        assertThat(HolePunchMessage.decode(connect.encode())).isEqualTo(connect);
        assertThat(HolePunchMessage.decode(HolePunchMessage.sync().encode())).isEqualTo(HolePunchMessage.sync());
        HolePunchMessage empty = HolePunchMessage.connect(List.of());
        assertThat(HolePunchMessage.decode(empty.encode())).isEqualTo(empty);
    }

    @Test
    void connectWithOneTcpAddressIsExactlyTheseBytes() {
        // Multiaddr /ip4/1.2.3.4/tcp/4001: 04 (ip4) 01 02 03 04, 06 (tcp) 0f a1 (4001 big-endian): 8 bytes.
        // HolePunch: field 1 varint -> tag 08, CONNECT = 100 = 64;
        //            field 2 bytes  -> tag 12, length 08, the 8 address bytes.
        // Body is 2 + 2 + 8 = 12 bytes, so the frame starts with the varint length 0c.
        String frame = "0c" + "0864" + "1208" + "0401020304" + "060fa1";
        ByteBuf b = HolePunchMessage.connect(List.of(TCP)).frame(ByteBufAllocator.DEFAULT);
        try {
            assertThat(ByteBufUtil.hexDump(b)).isEqualTo(frame);
        } finally {
            b.release();
        }
        assertThat(HolePunchMessage.decode(HexFormat.of().parseHex(frame.substring(2))))
                .isEqualTo(HolePunchMessage.connect(List.of(TCP)));
    }

    @Test
    void syncIsExactlyTheseBytes() {
        // SYNC = 300 = 0b10_0101100: low seven bits 2c with the continuation bit -> ac, then 02.
        assertThat(HexFormat.of().formatHex(HolePunchMessage.sync().encode())).isEqualTo("08ac02");
    }

    @Test
    void aMissingOrUnknownTypeIsRefused() {
        assertThatThrownBy(() -> HolePunchMessage.decode(new byte[] {0x12, 0x00}))
                .isInstanceOf(DcutrWireException.class).hasMessageContaining("without a known type");
        // type 1 is no DCUtR type; proto2 reads it as absent
        assertThatThrownBy(() -> HolePunchMessage.decode(new byte[] {0x08, 0x01}))
                .isInstanceOf(DcutrWireException.class).hasMessageContaining("without a known type");
        assertThatThrownBy(() -> HolePunchMessage.decode(new byte[0]))
                .isInstanceOf(DcutrWireException.class).hasMessageContaining("without a known type");
    }

    @Test
    void bytesThatAreNoProtobufAreMalformed() {
        assertThatThrownBy(() -> HolePunchMessage.decode(new byte[] {0x08, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(DcutrWireException.class).hasMessageStartingWith("malformed hole punch message");
    }

    @Test
    void theAddressLimitIsCrossedOnBothSides() {
        HolePunch.Builder atLimit = HolePunch.newBuilder().setType(HolePunch.Type.CONNECT);
        addrs(DcutrProtocol.MAX_OBSERVED_ADDRS).forEach(a -> atLimit.addObsAddrs(ByteString.copyFrom(a.toBytes())));
        assertThat(HolePunchMessage.decode(atLimit.build().toByteArray()).observedAddrs())
                .hasSize(DcutrProtocol.MAX_OBSERVED_ADDRS);
        // counted before parsing: unreadable entries count as well
        byte[] over = atLimit.addObsAddrs(ByteString.copyFrom(new byte[] {(byte) 0xff})).build().toByteArray();
        assertThatThrownBy(() -> HolePunchMessage.decode(over))
                .isInstanceOf(DcutrWireException.class).hasMessageContaining("at most " + DcutrProtocol.MAX_OBSERVED_ADDRS);
        assertThatThrownBy(() -> HolePunchMessage.connect(addrs(DcutrProtocol.MAX_OBSERVED_ADDRS + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAddressThatDoesNotParseIsSkippedAlone() {
        byte[] body = HolePunch.newBuilder().setType(HolePunch.Type.CONNECT)
                .addObsAddrs(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))
                .addObsAddrs(ByteString.copyFrom(TCP.toBytes()))
                .addObsAddrs(ByteString.EMPTY)
                .addObsAddrs(ByteString.copyFrom(new byte[] {0x04, 0x01, 0x02})) // ip4 cut short
                .addObsAddrs(ByteString.copyFrom(QUIC.toBytes()))
                .build().toByteArray();
        assertThat(HolePunchMessage.decode(body).observedAddrs()).containsExactly(TCP, QUIC);
    }

    @Test
    void syncCarriesNoAddresses() {
        assertThatThrownBy(() -> new HolePunchMessage(HolePunchMessage.Type.SYNC, List.of(TCP)))
                .isInstanceOf(IllegalArgumentException.class);
        // received on a SYNC they change nothing, so they are dropped rather than refused
        byte[] body = HolePunch.newBuilder().setType(HolePunch.Type.SYNC)
                .addObsAddrs(ByteString.copyFrom(TCP.toBytes())).build().toByteArray();
        assertThat(HolePunchMessage.decode(body)).isEqualTo(HolePunchMessage.sync());
    }
}
