package io.wirepunch.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.testutil.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InviteStoreTest {
    private static final NetworkParams NETWORK = NetworkParams.of("home", "10.77.0.0/16");
    private static final PeerId JOINER = Keys.generateEd25519().publicKey().peerId();
    private static final PeerId OTHER = Keys.generateEd25519().publicKey().peerId();

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();

    @Test
    void anInvitationIsUsedOnce() throws Exception {
        InviteStore store = InviteStore.inMemory(clock);
        IssuedInvitation issued = store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK);
        Redemption first = store.redeem(issued.id(), JOINER);
        assertThat(first.isAccepted()).isTrue();
        assertThat(first.network()).contains(NETWORK);
        assertThat(store.redeem(issued.id(), OTHER).failure()).contains(JoinFailure.ALREADY_USED);
        assertThat(store.redeem(issued.id(), JOINER).failure()).contains(JoinFailure.ALREADY_USED);
        assertThat(store.find(issued.id()).orElseThrow().usedBy()).contains(JOINER);
        assertThat(JoinFailure.ALREADY_USED.sentence()).isEqualTo("that invitation was already used; ask the inviter for a new one");
    }

    @Test
    void anExpiredInvitationIsRefused() throws Exception {
        InviteStore store = InviteStore.inMemory(clock);
        IssuedInvitation issued = store.add(InviteCrypto.random(32), Duration.ofMinutes(10), NETWORK);
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(store.find(issued.id()).orElseThrow().isExpired(clock)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.redeem(issued.id(), JOINER).failure()).contains(JoinFailure.EXPIRED);
        assertThat(JoinFailure.EXPIRED.sentence()).isEqualTo("that invitation has expired; ask the inviter for a new one");
    }

    @Test
    void anUnknownOrWithdrawnInvitationIsRefused() throws Exception {
        InviteStore store = InviteStore.inMemory(clock);
        assertThat(store.redeem(new byte[16], JOINER).failure()).contains(JoinFailure.UNKNOWN_INVITATION);
        IssuedInvitation issued = store.add(InviteCrypto.random(32), Duration.ofMinutes(10), NETWORK);
        assertThat(store.withdraw(issued.id())).isTrue();
        assertThat(store.withdraw(issued.id())).isFalse();
        assertThat(store.redeem(issued.id(), JOINER).failure()).contains(JoinFailure.UNKNOWN_INVITATION);
    }

    @Test
    void ttlIsBounded() {
        InviteStore store = InviteStore.inMemory(clock);
        assertThatThrownBy(() -> store.add(InviteCrypto.random(32), InviteStore.MAX_TTL.plusSeconds(1), NETWORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invitation must be open for between 1 second and 7 days, not PT168H1S");
        assertThatThrownBy(() -> store.add(InviteCrypto.random(32), Duration.ZERO, NETWORK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCountIsBoundedAndClosedInvitationsMakeRoom() throws Exception {
        InviteStore store = InviteStore.inMemory(clock);
        List<IssuedInvitation> issued = new ArrayList<>();
        for (int i = 0; i < InviteStore.MAX_INVITATIONS; i++) {
            issued.add(store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThatThrownBy(() -> store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("64 invitations are already open; withdraw one or wait until one is used or expires");
        assertThat(store.redeem(issued.get(5).id(), JOINER).isAccepted()).isTrue();
        store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK);
        assertThat(store.list()).hasSize(InviteStore.MAX_INVITATIONS);
        assertThat(store.find(issued.get(5).id())).isEmpty();
        assertThat(store.find(issued.get(0).id())).isPresent();
    }

    @Test
    void survivesARestartWithMode0600() throws Exception {
        Path file = dir.resolve("sub/invitations.pb");
        InviteStore store = InviteStore.open(file, clock);
        byte[] secret = InviteCrypto.random(32);
        IssuedInvitation open = store.add(secret, Duration.ofHours(1), NETWORK.withWorkbits(8));
        IssuedInvitation used = store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK);
        assertThat(store.redeem(used.id(), JOINER).isAccepted()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file);

        InviteStore again = InviteStore.open(file, clock);
        assertThat(again.list()).hasSize(2);
        IssuedInvitation back = again.find(open.id()).orElseThrow();
        assertThat(back.secret()).isEqualTo(secret);
        assertThat(back.network()).isEqualTo(NETWORK.withWorkbits(8));
        assertThat(back.expiresAt()).isEqualTo(open.expiresAt());
        assertThat(again.redeem(used.id(), OTHER).failure()).contains(JoinFailure.ALREADY_USED);
        assertThat(again.find(used.id()).orElseThrow().usedBy()).contains(JOINER);
        assertThat(again.redeem(open.id(), OTHER).isAccepted()).isTrue();
        assertThat(InviteStore.open(file, clock).redeem(open.id(), JOINER).failure()).contains(JoinFailure.ALREADY_USED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aUseThatCannotBeWrittenIsRefusedAndTheInvitationStaysOpen() throws Exception {
        Path sub = dir.resolve("sub");
        InviteStore store = InviteStore.open(sub.resolve("invitations.pb"), clock);
        IssuedInvitation issued = store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK);
        Files.delete(sub.resolve("invitations.pb"));
        Files.delete(sub);
        Files.writeString(sub, "a file where the directory was");
        assertThat(store.redeem(issued.id(), JOINER).failure()).contains(JoinFailure.INTERNAL_ERROR);
        assertThat(store.find(issued.id()).orElseThrow().used()).isFalse();
        assertThatThrownBy(() -> store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK)).isInstanceOf(IOException.class);
        assertThat(store.list()).hasSize(1);
        assertThat(JoinFailure.INTERNAL_ERROR.sentence()).isEqualTo("the inviter could not record the join; try again");
    }

    @Test
    void aMissingFileIsAnEmptyStoreAndADamagedOneIsRefused() throws Exception {
        assertThat(InviteStore.open(dir.resolve("none.pb"), clock).list()).isEmpty();
        Path bad = dir.resolve("bad.pb");
        Files.write(bad, new byte[] {(byte) 0xff, 0x00});
        assertThatThrownBy(() -> InviteStore.open(bad, clock)).isInstanceOf(IOException.class)
                .hasMessage("the invitation store " + bad + " is damaged (its content is not readable); move it away to start with no invitations");
        Path big = dir.resolve("big.pb");
        Files.write(big, new byte[InviteStoreFile.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> InviteStore.open(big, clock)).hasMessageContaining("it is larger than 65536 bytes");
        Path noSecret = dir.resolve("nosecret.pb");
        Files.write(noSecret, io.wirepunch.core.invite.pb.InviteProtos.StoredInvitations.newBuilder()
                .addInvitations(io.wirepunch.core.invite.pb.InviteProtos.StoredInvitation.newBuilder().setExpiresAt(1)
                        .setNetwork(InvitationPayload.toProto(NETWORK))).build().toByteArray());
        assertThatThrownBy(() -> InviteStore.open(noSecret, clock)).hasMessageContaining("lacks its secret, expiry or network");
    }

    @Test
    void aFullFileOfTheMaximumReadsBack() throws Exception {
        Path file = dir.resolve("full.pb");
        InviteStore store = InviteStore.open(file, clock);
        NetworkParams big = new NetworkParams("n".repeat(NetworkParams.MAX_NAME_BYTES), "s".repeat(NetworkParams.MAX_SUBNET_BYTES),
                java.util.OptionalInt.of(32));
        for (int i = 0; i < InviteStore.MAX_INVITATIONS; i++) {
            IssuedInvitation issued = store.add(InviteCrypto.random(32), Duration.ofHours(1), big);
            store.redeem(issued.id(), JOINER);
        }
        assertThat(Files.size(file)).isLessThan(InviteStoreFile.MAX_FILE_BYTES);
        assertThat(InviteStore.open(file, clock).list()).hasSize(InviteStore.MAX_INVITATIONS);
    }

    @Test
    void ofConcurrentRedemptionsExactlyOneWins() throws Exception {
        InviteStore store = InviteStore.open(dir.resolve("race.pb"), clock);
        IssuedInvitation issued = store.add(InviteCrypto.random(32), Duration.ofHours(1), NETWORK);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Redemption>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> store.redeem(issued.id(), Keys.generateEd25519().publicKey().peerId()));
            }
            int accepted = 0;
            for (Future<Redemption> f : pool.invokeAll(tasks)) {
                accepted += f.get().isAccepted() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringShowsNoSecret() throws Exception {
        InviteStore store = InviteStore.inMemory(clock);
        byte[] secret = InviteCrypto.random(32);
        IssuedInvitation issued = store.add(secret, Duration.ofHours(1), NETWORK);
        assertThat(issued.toString()).doesNotContain(HexFormat.of().formatHex(secret)).contains(issued.idHex());
        assertThat(issued.idHex()).isNotEqualTo(HexFormat.of().formatHex(secret).substring(0, 32));
    }
}
