package io.wirepunch.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.InvitationException.Kind;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvitationTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final PeerId INVITER = Keys.generateEd25519().publicKey().peerId();
    static final PeerId RELAY = Keys.generateEd25519().publicKey().peerId();
    static final byte[] SECRET = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final NetworkParams NETWORK = NetworkParams.of("home", "10.77.0.0/16").withWorkbits(12);

    static Invitation sample() {
        return Invitation.of(INVITER, SECRET, NOW.plusSeconds(3600), NETWORK, List.of(
                Multiaddr.parse("/ip4/203.0.113.5/tcp/4001"),
                Multiaddr.parse("/ip4/198.51.100.9/tcp/4001/p2p/" + RELAY + "/p2p-circuit/p2p/" + INVITER)));
    }

    private static InvitationException refusal(String text) {
        try {
            Invitation.parse(text, CLOCK);
        } catch (InvitationException e) {
            return e;
        }
        throw new AssertionError("accepted " + text);
    }

    @Test
    void roundTrips() {
        Invitation invitation = sample();
        String text = invitation.encode();
        assertThat(text).startsWith("wp1p").matches("[qpzry9x8gf2tvdw0s3jn54khce6mua7l1w]+");
        Invitation back = Invitation.parse(text, CLOCK);
        assertThat(back).isEqualTo(invitation);
        assertThat(back.secret()).isEqualTo(SECRET);
        assertThat(back.network()).isEqualTo(NETWORK);
        assertThat(back.hints()).hasSize(2);
        assertThat(back.hints().get(1)).hasToString("/ip4/198.51.100.9/tcp/4001/p2p/" + RELAY + "/p2p-circuit");
        assertThat(back.dialAddrs().get(0)).isEqualTo(Multiaddr.parse("/ip4/203.0.113.5/tcp/4001/p2p/" + INVITER));
        assertThat(back.encode()).isEqualTo(text);
        // docs/INVITATIONS.md: one direct and one relay hint make about 280 characters
        assertThat(text.length()).isBetween(260, 300);
    }

    @Test
    void roundTripsWithoutWorkbitsOrHints() {
        Invitation invitation = Invitation.of(INVITER, SECRET, NOW.plusSeconds(60), NetworkParams.of("n", ""), List.of());
        assertThat(Invitation.parse(invitation.encode(), CLOCK)).isEqualTo(invitation);
        assertThat(Invitation.parse(invitation.encode(), CLOCK).network().workbits()).isEmpty();
    }

    @Test
    void ignoresCaseWhitespaceLineBreaksAndDashes() {
        Invitation invitation = sample();
        String grouped = invitation.encodeGrouped();
        assertThat(grouped).contains("-");
        assertThat(Invitation.parse(grouped, CLOCK)).isEqualTo(invitation);
        String messy = "  \n" + grouped.toUpperCase().replace("-", "-\r\n\t ") + " \u200b\u00a0\n";
        assertThat(Invitation.parse(messy, CLOCK)).isEqualTo(invitation);
    }

    @Test
    void toStringHidesTheSecret() {
        Invitation invitation = sample();
        String shown = invitation.toString();
        assertThat(shown).doesNotContain(HexFormat.of().formatHex(SECRET)).doesNotContain(invitation.encode())
                .contains("hidden").contains(INVITER.toString());
        assertThat(shown.toLowerCase()).doesNotContain(invitation.encode().substring(10, 40));
    }

    @Test
    void everySingleSubstitutionIsCaught() {
        String text = sample().encode();
        int caught = 0;
        for (int i = Invitation.START.length(); i < text.length(); i++) {
            for (char c : Bech32m.ALPHABET.toCharArray()) {
                if (c == text.charAt(i)) {
                    continue;
                }
                String typo = text.substring(0, i) + c + text.substring(i + 1);
                InvitationException e = refusal(typo);
                assertThat(e.kind()).as("substitution at %d", i).isEqualTo(Kind.MISTYPED);
                assertThat(e.getMessage()).isEqualTo("that invitation was mistyped or cut off: its checksum does not match");
                caught++;
            }
        }
        assertThat(caught).isEqualTo((text.length() - 3) * 31);
    }

    @Test
    void everyAdjacentTranspositionIsCaught() {
        String text = sample().encode();
        for (int i = Invitation.START.length(); i + 1 < text.length(); i++) {
            if (text.charAt(i) == text.charAt(i + 1)) {
                continue;
            }
            String swapped = text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2);
            assertThat(refusal(swapped).kind()).as("swap at %d", i).isEqualTo(Kind.MISTYPED);
        }
    }

    @Test
    void aCutOffOrExtendedStringIsCaught() {
        String text = sample().encode();
        for (int cut = 1; cut < text.length() - Invitation.START.length(); cut++) {
            assertThat(refusal(text.substring(0, text.length() - cut)).kind()).isIn(Kind.MISTYPED, Kind.MALFORMED);
        }
        assertThat(refusal(text + "q").kind()).isEqualTo(Kind.MISTYPED);
        assertThat(refusal("wp1q").getMessage()).isEqualTo("that invitation was cut off: it is too short to hold anything");
        assertThat(refusal(text.substring(0, 20)).getMessage()).isEqualTo(Invitation.MISTYPED);
    }

    @Test
    void namesEachMalformation() {
        assertThat(refusal("").getMessage()).isEqualTo("that invitation is empty");
        assertThat(refusal(" - \n").getMessage()).isEqualTo("that invitation is empty");
        assertThat(refusal("hello there").getMessage())
                .isEqualTo("that is not a Wirepunch invitation: it does not start with wp1");
        assertThat(refusal("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").getMessage())
                .isEqualTo("that is not a Wirepunch invitation: it does not start with wp1");
        String text = sample().encode();
        assertThat(refusal(text.substring(0, 10) + "b" + text.substring(11)).getMessage())
                .isEqualTo("that invitation contains 'b' at character 11, which invitations never use");
        assertThat(refusal("  " + text.substring(0, 10) + "_" + text.substring(11)).getMessage())
                .isEqualTo("that invitation contains '_' at character 13, which invitations never use");
        assertThat(refusal(text.substring(0, 10) + "\u00e9" + text.substring(11)).getMessage())
                .isEqualTo("that invitation contains the character U+00E9 at character 11, which invitations never use");
        for (String bad : List.of("*", "~", "`", "1", "i", "o")) {
            assertThat(refusal(text.substring(0, 10) + bad + text.substring(11)).kind()).isEqualTo(Kind.MALFORMED);
        }
    }

    @Test
    void refusesTextAboveTheLimitBeforeReadingIt() {
        String plain = sample().encode();
        String text = plain + " ".repeat(Invitation.MAX_TEXT_CHARS - plain.length());
        assertThat(Invitation.parse(text, CLOCK)).isEqualTo(sample());
        InvitationException e = refusal(text + " ");
        assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(e.getMessage()).isEqualTo("that text is too long to be an invitation: it has more than 4096 characters");
        String symbols = "wp1" + "q".repeat(InvitationText.MAX_SYMBOLS + 1);
        assertThat(refusal(symbols).getMessage()).startsWith("that invitation is longer than any Wirepunch makes");
    }

    @Test
    void refusesAnUnknownVersionWithAValidChecksum() {
        String text = withVersion(sample(), 2);
        InvitationException e = refusal(text);
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_VERSION);
        assertThat(e.getMessage()).isEqualTo("that invitation is in format version 2, which this release of Wirepunch"
                + " does not read (it reads version 1); a newer release may");
        assertThat(refusal(withVersion(sample(), 0)).kind()).isEqualTo(Kind.UNKNOWN_VERSION);
    }

    @Test
    void refusesAnExpiredInvitation() {
        Invitation invitation = Invitation.of(INVITER, SECRET, NOW, NETWORK, List.of());
        InvitationException e = refusal(invitation.encode());
        assertThat(e.kind()).isEqualTo(Kind.EXPIRED);
        assertThat(e.getMessage()).isEqualTo("that invitation expired at 2026-11-22T12:00:00Z; ask the inviter for a new one");
        Clock before = Clock.fixed(NOW.minusSeconds(1), ZoneOffset.UTC);
        assertThat(Invitation.parse(invitation.encode(), before)).isEqualTo(invitation);
    }

    @Test
    void refusesADamagedPayloadWithAValidChecksum() throws Exception {
        assertThat(refusal(withPayload(new byte[] {(byte) 0xff, 0x01})).getMessage())
                .isEqualTo("that invitation is damaged: its content is not readable");
        assertThat(refusal(withPayload(new byte[0])).getMessage())
                .isEqualTo("that invitation is damaged: a required field is missing");
        byte[] shortSecret = io.wirepunch.core.invite.pb.InviteProtos.Payload.newBuilder()
                .setInviter(com.google.protobuf.ByteString.copyFrom(INVITER.toBytes()))
                .setSecret(com.google.protobuf.ByteString.copyFrom(new byte[31]))
                .setExpiresAt(NOW.getEpochSecond() + 60)
                .setNetwork(InvitationPayload.toProto(NETWORK)).build().toByteArray();
        assertThat(refusal(withPayload(shortSecret)).getMessage()).isEqualTo("that invitation is damaged: its secret is not 32 bytes");
        byte[] badPeer = io.wirepunch.core.invite.pb.InviteProtos.Payload.newBuilder()
                .setInviter(com.google.protobuf.ByteString.copyFromUtf8("nope"))
                .setSecret(com.google.protobuf.ByteString.copyFrom(SECRET))
                .setExpiresAt(NOW.getEpochSecond() + 60)
                .setNetwork(InvitationPayload.toProto(NETWORK)).build().toByteArray();
        assertThat(refusal(withPayload(badPeer)).getMessage()).isEqualTo("that invitation is damaged: the inviter's id is not a valid peer id");
        byte[] tooManyBits = io.wirepunch.core.invite.pb.InviteProtos.Payload.parseFrom(sampleBytes()).toBuilder()
                .setNetwork(InvitationPayload.toProto(NETWORK).toBuilder().setWorkbits(33)).build().toByteArray();
        assertThat(refusal(withPayload(tooManyBits)).getMessage())
                .isEqualTo("that invitation is damaged: the network asks for more than 32 work bits");
    }

    @Test
    void refusesAnExpiryBeyondTheLastPrintableSecond() throws Exception {
        io.wirepunch.core.invite.pb.InviteProtos.Payload base = io.wirepunch.core.invite.pb.InviteProtos.Payload.parseFrom(sampleBytes());
        byte[] last = base.toBuilder().setExpiresAt(InvitationPayload.MAX_EPOCH_SECOND).build().toByteArray();
        assertThat(Invitation.parse(withPayload(last), CLOCK).expiresAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        byte[] beyond = base.toBuilder().setExpiresAt(InvitationPayload.MAX_EPOCH_SECOND + 1).build().toByteArray();
        assertThat(refusal(withPayload(beyond)).getMessage()).isEqualTo("that invitation is damaged: its expiry time is out of range");
        byte[] negative = base.toBuilder().setExpiresAt(-1).build().toByteArray();
        assertThat(refusal(withPayload(negative)).getMessage()).isEqualTo("that invitation is damaged: its expiry time is out of range");
    }

    @Test
    void everyJoinFailureIsOneSentence() {
        for (JoinFailure f : JoinFailure.values()) {
            assertThat(f.sentence()).as(f.name()).isNotBlank().doesNotContain("\n").doesNotContain(". ")
                    .doesNotEndWith(".").matches("[a-z].*");
        }
    }

    @Test
    void refusesAPayloadWhosePaddingIsNotZero() {
        // one byte is 2 symbols with 2 bits of padding, which must be zero
        assertThat(refusal(text(new int[] {1, 4, 1})).getMessage())
                .isEqualTo("that invitation is damaged: its payload does not end on a whole byte");
        // 3 symbols hold one byte and 7 bits of padding: more than a symbol's worth
        assertThat(refusal(text(new int[] {1, 4, 0, 0})).getMessage())
                .isEqualTo("that invitation is damaged: its payload does not end on a whole byte");
    }

    @Test
    void capsHints() throws Exception {
        List<Multiaddr> most = new ArrayList<>();
        for (int i = 0; i < Invitation.MAX_HINTS; i++) {
            most.add(longestHint(i));
        }
        NetworkParams big = new NetworkParams("n".repeat(NetworkParams.MAX_NAME_BYTES), "s".repeat(NetworkParams.MAX_SUBNET_BYTES),
                java.util.OptionalInt.of(NetworkParams.MAX_WORKBITS));
        Invitation largest = Invitation.of(INVITER, SECRET, NOW.plusSeconds(60), big, most);
        assertThat(Invitation.parse(largest.encode(), CLOCK)).isEqualTo(largest);
        assertThat(largest.encode().length()).isLessThanOrEqualTo(Invitation.START.length() + InvitationText.MAX_SYMBOLS);

        List<Multiaddr> tooMany = new ArrayList<>(most);
        tooMany.add(Multiaddr.parse("/ip4/192.0.2.1/tcp/1"));
        assertThatThrownBy(() -> Invitation.of(INVITER, SECRET, NOW, NETWORK, tooMany))
                .hasMessage("an invitation carries at most 8 address hints, not 9");
        byte[] nine = io.wirepunch.core.invite.pb.InviteProtos.Payload.parseFrom(sampleBytes()).toBuilder()
                .addAllHints(Collections.nCopies(7, com.google.protobuf.ByteString.copyFrom(Multiaddr.parse("/ip4/192.0.2.1/tcp/1").toBytes())))
                .build().toByteArray();
        assertThat(refusal(withPayload(nine)).getMessage()).isEqualTo("that invitation is damaged: it has more than 8 address hints");

        Multiaddr tooLong = longestHint(0).encapsulate("/tcp/1");
        assertThatThrownBy(() -> Invitation.of(INVITER, SECRET, NOW, NETWORK, List.of(tooLong)))
                .hasMessageContaining("is longer than 128 bytes");
        byte[] longHint = io.wirepunch.core.invite.pb.InviteProtos.Payload.parseFrom(sampleBytes()).toBuilder()
                .addHints(com.google.protobuf.ByteString.copyFrom(tooLong.toBytes())).build().toByteArray();
        assertThat(refusal(withPayload(longHint)).getMessage())
                .isEqualTo("that invitation is damaged: an address hint is longer than 128 bytes");
    }

    @Test
    void refusesAPayloadAboveItsLimit() {
        byte[] largest = new byte[Invitation.MAX_PAYLOAD_BYTES];
        assertThat(refusal(withPayload(largest)).getMessage()).isEqualTo("that invitation is damaged: its content is not readable");
        byte[] big = new byte[Invitation.MAX_PAYLOAD_BYTES + 1];
        assertThat(refusal(withPayload(big)).getMessage()).isEqualTo(
                "that invitation is longer than any Wirepunch makes (2467 characters after wp1, at most 2465)");
        assertThatThrownBy(() -> InvitationPayload.decode(big)).hasMessage("that invitation is damaged: it is larger than 1536 bytes");
    }

    @Test
    void refusesHintsNamingAnotherPeer() {
        Multiaddr other = Multiaddr.parse("/ip4/192.0.2.1/tcp/1/p2p/" + RELAY);
        assertThatThrownBy(() -> Invitation.of(INVITER, SECRET, NOW, NETWORK, List.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names a peer other than the inviter");
    }

    @Test
    void networkParamsAreChecked() {
        assertThatThrownBy(() -> NetworkParams.of("", "x")).hasMessage("the network name is empty");
        assertThatThrownBy(() -> NetworkParams.of("n".repeat(NetworkParams.MAX_NAME_BYTES + 1), "x"))
                .hasMessage("the network name is longer than 64 bytes");
        assertThatThrownBy(() -> NetworkParams.of("n", "s".repeat(NetworkParams.MAX_SUBNET_BYTES + 1)))
                .hasMessage("the subnet is longer than 64 bytes");
        assertThatThrownBy(() -> NetworkParams.of("a\nb", "x")).hasMessageContaining("control character");
        assertThatThrownBy(() -> NetworkParams.of("n", "x").withWorkbits(NetworkParams.MAX_WORKBITS + 1))
                .hasMessage("work bits must be between 0 and 32, not 33");
        assertThat(NetworkParams.of("n", "x").withWorkbits(NetworkParams.MAX_WORKBITS).workbits()).hasValue(32);
    }

    static Multiaddr longestHint(int i) {
        // /ip6 (17) + /tcp (3) + /p2p relay (~40) + /p2p-circuit (2), padded with /dns up to the limit
        Multiaddr base = Multiaddr.parse("/ip6/2001:db8::" + (i + 1) + "/tcp/4001/p2p/" + RELAY + "/p2p-circuit");
        int room = Invitation.MAX_HINT_BYTES - base.toBytes().length;
        Multiaddr padded = Multiaddr.parse("/dns/" + "a".repeat(room - 2)).encapsulate(base);
        assertThat(padded.toBytes()).hasSize(Invitation.MAX_HINT_BYTES);
        return padded;
    }

    static byte[] sampleBytes() {
        return InvitationPayload.encode(sample());
    }

    static String withPayload(byte[] payload) {
        int[] symbols = Bech32m.toSymbols(payload);
        int[] data = new int[1 + symbols.length];
        data[0] = Invitation.VERSION;
        System.arraycopy(symbols, 0, data, 1, symbols.length);
        return text(data);
    }

    private static String withVersion(Invitation invitation, int version) {
        int[] symbols = Bech32m.toSymbols(InvitationPayload.encode(invitation));
        int[] data = new int[1 + symbols.length];
        data[0] = version;
        System.arraycopy(symbols, 0, data, 1, symbols.length);
        return text(data);
    }

    static String text(int[] data) {
        StringBuilder out = new StringBuilder("wp1");
        for (int s : data) {
            out.append(Bech32m.ALPHABET.charAt(s));
        }
        for (int s : Bech32m.checksum("wp", data)) {
            out.append(Bech32m.ALPHABET.charAt(s));
        }
        return out.toString();
    }
}
