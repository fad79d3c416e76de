package io.wirepunch.core.protocol.identify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PublicKey;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.protocol.identify.pb.IdentifyProtos;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An identify stream carries whatever the remote sends. Any bytes fed to the reader (frame decoder
 * and protobuf) must end in at most one message handed on, or a closed stream, never an exception
 * past the pipeline or a leaked buffer; a message that decodes must either be refused with an
 * {@link IdentifyException} or survive re-encoding unchanged. Without JAZZER_FUZZ set this replays
 * the committed inputs under IdentifyFuzzTestInputs/decodeIdentify.
 */
class IdentifyFuzzTest {
    /** The sender is fixed: an Ed25519 key whose PeerId inlines it, the one the regression inputs carry. */
    private static final PublicKey SENDER_KEY = Keys.unmarshalPublic(HexFormat.of().parseHex(
            "08011220d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    private static final PeerId SENDER = SENDER_KEY.peerId();

    @FuzzTest(maxDuration = "60s")
    void decodeIdentify(byte[] data) {
        List<IdentifyProtos.Identify> received = new ArrayList<>();
        EmbeddedChannel stream = new EmbeddedChannel();
        IdentifyReader.install(stream, SENDER, received::add);
        // Split the input in two reads so that fragmentation is part of what is fuzzed.
        int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
        stream.writeInbound(Unpooled.copiedBuffer(data, 0, cut));
        if (stream.isOpen()) {
            stream.writeInbound(Unpooled.copiedBuffer(data, cut, data.length - cut));
        }
        stream.finishAndReleaseAll();
        stream.checkException();
        if (received.size() > 1) {
            throw new AssertionError("more than one identify message from one stream: " + received.size());
        }
        for (IdentifyProtos.Identify pb : received) {
            if (pb.getSerializedSize() > IdentifyProtocol.MAX_MESSAGE_BYTES) {
                throw new AssertionError("a message above the limit was handed on: " + pb.getSerializedSize());
            }
            IdentifyInfo info;
            try {
                info = IdentifyInfo.fromProto(pb, SENDER);
            } catch (IdentifyException refused) {
                continue;
            }
            if (info.publicKey().isPresent() && !SENDER.matches(info.publicKey().get())) {
                throw new AssertionError("accepted a public key that is not the sender's");
            }
            IdentifyInfo again = IdentifyInfo.fromProto(info.toProto(), SENDER);
            if (!again.equals(info)) {
                throw new AssertionError("identify info changed on re-encoding: " + info + " vs " + again);
            }
        }
    }
}
