package io.wirepunch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
    @TempDir
    Path dir;

    @Test
    void writesOneLineWithOwnerOnlyModeAndLeavesNoTemporaryFile() throws IOException {
        PrivateKey key = Keys.generateEd25519();
        Path file = dir.resolve("identity.key");
        KeyFile.write(file, key);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String content = Files.readString(file);
        assertThat(content).endsWith("\n").doesNotContain("\r");
        assertThat(content.strip().lines()).hasSize(1);
        assertThat(Base64.getDecoder().decode(content.strip())).isEqualTo(key.marshal());
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
        List<String> warnings = new ArrayList<>();
        assertThat(KeyFile.read(file, warnings::add).publicKey()).isEqualTo(key.publicKey());
        assertThat(warnings).isEmpty();
    }

    @Test
    void refusesToReplaceAnExistingFileUnlessAsked() throws IOException {
        Path file = dir.resolve("identity.key");
        PrivateKey first = Keys.generateEd25519();
        KeyFile.write(file, first);
        assertThatThrownBy(() -> KeyFile.write(file, Keys.generateEd25519()))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(KeyFile.read(file).publicKey()).isEqualTo(first.publicKey());

        PrivateKey second = Keys.generateEd25519();
        KeyFile.write(file, second, true);
        assertThat(KeyFile.read(file).publicKey()).isEqualTo(second.publicKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void warnsWhenOthersCanReadTheFile() throws IOException {
        Path file = dir.resolve("shared.key");
        Files.writeString(file, KeyFile.encodeLine(Keys.generateEd25519()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = new ArrayList<>();
        KeyFile.read(file, warnings::add);
        assertThat(warnings).singleElement().asString().contains("chmod 600");
    }

    @Test
    void acceptsCrLfAndNoNewline() {
        PrivateKey key = Keys.generateEd25519();
        String line = KeyFile.encodeLine(key).strip();
        assertThat(KeyFile.decodeLine(line).publicKey()).isEqualTo(key.publicKey());
        assertThat(KeyFile.decodeLine(line + "\r\n").publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void malformedContentIsRefusedWithoutEchoingIt() throws IOException {
        String line = KeyFile.encodeLine(Keys.generateEd25519()).strip();
        String secretPart = line.substring(8, 30);
        List<String> bad = List.of(
                "", "\n", line + "\n\n", line + "\nextra", " " + line, line.substring(0, line.length() - 1),
                line.replace(line.charAt(10), '-'), Base64.getEncoder().encodeToString(new byte[] {8, 1, 18, 2, 1, 2}));
        for (String content : bad) {
            Path file = dir.resolve("bad.key");
            Files.writeString(file, content, StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> KeyFile.read(file), "content %s", content.length())
                    .isInstanceOf(InvalidKeyException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageNotContaining(secretPart)
                    .hasNoCause();
        }
    }

    @Test
    void refusesFilesAboveTheSizeLimit() throws IOException {
        Path file = dir.resolve("huge.key");
        Files.write(file, "A".repeat(KeyFile.MAX_FILE_BYTES + 1).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("larger than " + KeyFile.MAX_FILE_BYTES);
    }
}
