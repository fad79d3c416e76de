package io.wirepunch.core.measure.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.measure.pb.PunchrProtos;
import io.wirepunch.core.multiaddr.Multiaddr;
import io.wirepunch.core.testutil.TestPeerIds;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC client against a server on loopback: the key in every request, NOT_FOUND, deadlines, failures. */
class PunchrClientTest {
    private static final String KEY = "key-123";
    private static final PeerId A = TestPeerIds.peer(1);
    private static final PeerId B = TestPeerIds.peer(2);
    private static final PeerId REMOTE = TestPeerIds.peer(3);
    private static final Duration DEADLINE = Duration.ofMillis(300);

    private TestPunchrServer server;
    private PunchrClient client;

    @BeforeEach
    void start() throws Exception {
        server = new TestPunchrServer();
        client = server.client(KEY, PunchrClient.DEFAULT_DEADLINE);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void everyRequestCarriesTheApiKeyAndTheHosts() {
        Multiaddr circuit = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/" + B + "/p2p-circuit");
        server.addrInfo = r -> PunchrProtos.GetAddrInfoResponse.newBuilder()
                .setRemoteId(ByteString.copyFrom(REMOTE.toBytes()))
                .addMultiAddresses(ByteString.copyFrom(circuit.toBytes())).addProtocols(6).build();

        assertThat(client.register(A, "wirepunch/test", List.of("/libp2p/dcutr"))).isEqualTo(1);
        Optional<PunchrClient.AddrInfo> info = client.getAddrInfo(A, List.of(A, B));
        client.trackHolePunch(PunchrProtos.TrackHolePunchRequest.newBuilder()
                .setClientId(ByteString.copyFrom(A.toBytes())).setRemoteId(ByteString.copyFrom(REMOTE.toBytes()))
                .setConnectStartedAt(1).setConnectEndedAt(2).setHasDirectConns(false)
                .setOutcome(PunchrProtos.HolePunchOutcome.HOLE_PUNCH_OUTCOME_NO_STREAM).setEndedAt(3)
                .setApiKey("").build());

        assertThat(info).hasValueSatisfying(i -> {
            assertThat(i.remote()).isEqualTo(REMOTE);
            assertThat(i.addrs()).containsExactly(circuit);
            assertThat(i.protocols()).containsExactly(6);
        });
        var register = (PunchrProtos.RegisterRequest) server.calls("Register").get(0).request();
        assertThat(register.getApiKey()).isEqualTo(KEY);
        assertThat(register.getClientId().toByteArray()).isEqualTo(A.toBytes());
        assertThat(register.getProtocolsList()).containsExactly("/libp2p/dcutr");
        var get = (PunchrProtos.GetAddrInfoRequest) server.calls("GetAddrInfo").get(0).request();
        assertThat(get.getApiKey()).isEqualTo(KEY);
        assertThat(get.getHostId().toByteArray()).isEqualTo(A.toBytes());
        assertThat(get.getAllHostIdsList()).containsExactly(ByteString.copyFrom(A.toBytes()), ByteString.copyFrom(B.toBytes()));
        assertThat(server.tracked).singleElement().satisfies(t -> assertThat(t.getApiKey()).isEqualTo(KEY));
    }

    @Test
    void noPeerToPunchIsEmptyNotAnError() {
        assertThat(client.getAddrInfo(A, List.of(A))).isEmpty();
    }

    @Test
    void aServerSlowerThanTheDeadlineFailsWithDeadlineExceeded() throws Exception {
        server.delay = DEADLINE.multipliedBy(3);
        try (PunchrClient quick = server.client(KEY, DEADLINE)) {
            assertThatThrownBy(() -> quick.register(A, "a", List.of()))
                    .isInstanceOfSatisfying(PunchrException.class,
                            e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        }
        server.delay = DEADLINE.dividedBy(3);
        try (PunchrClient quick = server.client(KEY, DEADLINE)) {
            assertThat(quick.register(A, "a", List.of())).isPositive();
        }
    }

    @Test
    void aFailingServerIsAPunchrExceptionWithItsStatus() {
        server.failWith = Status.UNAVAILABLE.withDescription("down for maintenance");
        assertThatThrownBy(() -> client.getAddrInfo(A, List.of(A)))
                .isInstanceOfSatisfying(PunchrException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("GetAddrInfo").contains("down for maintenance");
                });
    }
}
