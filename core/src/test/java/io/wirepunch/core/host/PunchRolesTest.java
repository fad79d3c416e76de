package io.wirepunch.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class PunchRolesTest {
    private final PeerId peer = Keys.generateEd25519().publicKey().peerId();
    private final PeerId other = Keys.generateEd25519().publicKey().peerId();

    @Test
    void anAcceptedSocketFromAnExpectedAddressGetsThePromisedRole() {
        PunchRoles roles = new PunchRoles();
        InetSocketAddress remote = new InetSocketAddress("198.51.100.3", 4001);
        roles.expect(remote, peer, Direction.OUTBOUND);

        assertThat(roles.lookup(remote)).isEqualTo(new PunchRoles.Expected(peer, Direction.OUTBOUND));
        assertThat(roles.lookup(new InetSocketAddress("198.51.100.3", 4002))).isNull();
        roles.forget(remote, other);
        assertThat(roles.lookup(remote)).isNotNull();
        roles.forget(remote, peer);
        assertThat(roles.lookup(remote)).isNull();
    }

    @Test
    void noMoreThanTheLimitAreHeld() {
        PunchRoles roles = new PunchRoles();
        for (int i = 0; i < PunchRoles.MAX_EXPECTED; i++) {
            assertThat(roles.expect(new InetSocketAddress("198.51.100.3", 1000 + i), peer, Direction.INBOUND)).isTrue();
        }

        assertThat(roles.expect(new InetSocketAddress("198.51.100.4", 1000), peer, Direction.INBOUND)).isFalse();
        assertThat(roles.size()).isEqualTo(PunchRoles.MAX_EXPECTED);
        // Renewing one already held is not a new entry.
        assertThat(roles.expect(new InetSocketAddress("198.51.100.3", 1000), peer, Direction.OUTBOUND)).isTrue();
    }
}
