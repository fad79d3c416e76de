package io.wirepunch.core.protocol.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.record.Envelope;
import io.wirepunch.core.record.EnvelopeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReservationVoucherTest {
    private final PrivateKey relay = Keys.generateEd25519();
    private final PrivateKey peer = Keys.generateEd25519();

    @Test
    void sealsAndOpensInTheRelayDomainWithWholeSeconds() {
        ReservationVoucher v = new ReservationVoucher(relay.publicKey().peerId(), peer.publicKey().peerId(),
                Instant.parse("2025-01-01T01:00:00.750Z"));
        ReservationVoucher opened = ReservationVoucher.open(v.seal(relay));
        assertThat(opened).isEqualTo(v);
        assertThat(opened.expiration()).isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
        assertThat(ReservationVoucher.payloadType()).containsExactly(0x03, 0x02);
    }

    @Test
    void aVoucherSignedByAnotherPeerThanTheRelayItNamesIsRefused() {
        ReservationVoucher v = new ReservationVoucher(relay.publicKey().peerId(), peer.publicKey().peerId(), Instant.now());
        byte[] forged = Envelope.seal(peer, ReservationVoucher.DOMAIN, ReservationVoucher.payloadType(), v.toPayload()).toBytes();
        assertThatThrownBy(() -> ReservationVoucher.open(forged))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("signed by");
        assertThatThrownBy(() -> v.seal(peer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVoucherSignedInAnotherDomainIsRefused() {
        ReservationVoucher v = new ReservationVoucher(relay.publicKey().peerId(), peer.publicKey().peerId(), Instant.now());
        byte[] other = Envelope.seal(relay, "libp2p-routing-state", ReservationVoucher.payloadType(), v.toPayload()).toBytes();
        assertThatThrownBy(() -> ReservationVoucher.open(other))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aPayloadThatIsNoVoucherIsRefused() {
        byte[] junk = Envelope.seal(relay, ReservationVoucher.DOMAIN, ReservationVoucher.payloadType(), new byte[] {0x0a, 0x03, 1}).toBytes();
        assertThatThrownBy(() -> ReservationVoucher.open(junk)).isInstanceOf(EnvelopeException.class);
    }
}
