package io.wirepunch.core.invite;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wirepunch.core.files.AtomicFiles;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.invite.pb.InviteProtos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The inviter's file of issued invitations (protobuf StoredInvitations). It holds secrets, so it is
 * written as key files are: a temporary file with mode 0600 from creation, fsync, atomic rename,
 * directory fsync. A file that does not read is refused with one sentence, never partly used.
 */
final class InviteStoreFile {
    /** Largest file read: every invitation at its limits fits with room to spare. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private InviteStoreFile() {}

    /** The invitations in {@code file}; none when it does not exist. */
    static List<IssuedInvitation> read(Path file) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        try {
            if (content.length > MAX_FILE_BYTES) {
                throw damaged(file, "it is larger than " + MAX_FILE_BYTES + " bytes");
            }
            InviteProtos.StoredInvitations pb;
            try {
                pb = InviteProtos.StoredInvitations.parseFrom(content);
            } catch (InvalidProtocolBufferException e) {
                throw damaged(file, "its content is not readable");
            }
            if (pb.getInvitationsCount() > InviteStore.MAX_INVITATIONS) {
                throw damaged(file, "it holds more than " + InviteStore.MAX_INVITATIONS + " invitations");
            }
            List<IssuedInvitation> out = new ArrayList<>();
            for (InviteProtos.StoredInvitation s : pb.getInvitationsList()) {
                out.add(entry(file, s));
            }
            return out;
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static IssuedInvitation entry(Path file, InviteProtos.StoredInvitation s) throws IOException {
        if (s.getSecret().size() != InviteCrypto.SECRET_BYTES || !s.hasExpiresAt() || !s.hasNetwork()
                || s.getExpiresAt() > InvitationPayload.MAX_EPOCH_SECOND || s.getIssuedAt() > InvitationPayload.MAX_EPOCH_SECOND
                || s.getExpiresAt() < 0 || s.getIssuedAt() < 0) {
            throw damaged(file, "an invitation in it lacks its secret, expiry or network");
        }
        try {
            NetworkParams network = InvitationPayload.fromProto(s.getNetwork());
            Optional<PeerId> joiner = s.hasJoiner() ? Optional.of(PeerId.fromBytes(s.getJoiner().toByteArray())) : Optional.empty();
            return new IssuedInvitation(s.getSecret().toByteArray(), Instant.ofEpochSecond(s.getIssuedAt()),
                    Instant.ofEpochSecond(s.getExpiresAt()), network, s.getUsed(), joiner);
        } catch (RuntimeException e) {
            throw damaged(file, "an invitation in it does not make sense");
        }
    }

    private static IOException damaged(Path file, String why) {
        return new IOException("the invitation store " + file + " is damaged (" + why
                + "); move it away to start with no invitations");
    }

    /** Replaces {@code file} with {@code invitations}, atomically, readable by the owner only. */
    static void write(Path file, List<IssuedInvitation> invitations) throws IOException {
        InviteProtos.StoredInvitations.Builder b = InviteProtos.StoredInvitations.newBuilder();
        for (IssuedInvitation i : invitations) {
            InviteProtos.StoredInvitation.Builder s = InviteProtos.StoredInvitation.newBuilder()
                    .setSecret(ByteString.copyFrom(i.secret()))
                    .setIssuedAt(i.issuedAt().getEpochSecond())
                    .setExpiresAt(i.expiresAt().getEpochSecond())
                    .setUsed(i.used())
                    .setNetwork(InvitationPayload.toProto(i.network()));
            i.usedBy().ifPresent(p -> s.setJoiner(ByteString.copyFrom(p.toBytes())));
            b.addInvitations(s);
        }
        byte[] content = b.build().toByteArray();
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        Path temp;
        try {
            temp = posix
                    ? AtomicFiles.writeTemporary(target, content, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : AtomicFiles.writeTemporary(target, content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        AtomicFiles.syncDirectory(dir);
    }
}
