package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.identity.KeyFile;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.identity.PeerId;
import io.wirepunch.core.identity.PrivateKey;
import io.wirepunch.core.protocol.kad.workbits.WorkBits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** genkey, pubkey, id and workbits through {@link WirepunchCli#execute}, with stdin, stdout and stderr captured. */
class KeyCommandsTest {
    private static final Pattern SEARCH_SUMMARY = Pattern.compile(
            "searched (\\d+) keys in \\d+\\.\\d s \\((\\d+) keys/s on (\\d+) threads\\), work (\\d+) bits\n");
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run run(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = WirepunchCli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), withoutFuzzerLog(err.toString(StandardCharsets.UTF_8)));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * When the fuzz tests ran earlier in the same JVM, Jazzer's agent logs each class it instruments
     * to stderr; those lines are not the command's output.
     */
    private static String withoutFuzzerLog(String err) {
        return err.replaceAll("(?m)^INFO: Instrumented .*\\R", "");
    }

    @Test
    void genkeyPipedIntoPubkeyAndIdAgree() throws Exception {
        Run genkey = run("", "genkey");
        assertThat(genkey.exit()).isZero();
        assertThat(genkey.err()).isEmpty();
        assertThat(genkey.out()).matches("[A-Za-z0-9+/=]{92}\n");
        PrivateKey key = KeyFile.decodeLine(genkey.out());

        Run pubkey = run(genkey.out(), "pubkey");
        assertThat(pubkey.exit()).isZero();
        assertThat(Base64.getDecoder().decode(pubkey.out().strip())).isEqualTo(key.publicKey().marshal());

        Path file = dir.resolve("k");
        Files.writeString(file, genkey.out());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Run id = run("", "id", "--key", file.toString());
        assertThat(id.exit()).isZero();
        assertThat(id.err()).isEmpty();
        assertThat(id.out()).isEqualTo(key.publicKey().peerId().toBase58() + "\n");
        assertThat(PeerId.parse(run("", "id", "--key", file.toString(), "--cid").out().strip()))
                .isEqualTo(key.publicKey().peerId());
    }

    @Test
    void genkeyOutWritesAnOwnerOnlyFileAndWillNotClobberIt() throws Exception {
        Path file = dir.resolve("identity.key");
        Run first = run("", "genkey", "--out", file.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        PeerId original = KeyFile.read(file).publicKey().peerId();

        Run again = run("", "genkey", "--out", file.toString());
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).isEqualTo("wirepunch genkey: " + file.toAbsolutePath() + " already exists; use --force to replace it\n");
        assertThat(KeyFile.read(file).publicKey().peerId()).isEqualTo(original);

        assertThat(run("", "genkey", "--out", file.toString(), "--force").exit()).isZero();
        assertThat(KeyFile.read(file).publicKey().peerId()).isNotEqualTo(original);
    }

    @Test
    void idWarnsAboutAKeyOthersCanRead() throws Exception {
        Path file = dir.resolve("open.key");
        Files.writeString(file, KeyFile.encodeLine(Keys.generateEd25519()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Run id = run("", "id", "--key", file.toString());
        assertThat(id.exit()).isZero();
        assertThat(id.err()).startsWith("wirepunch id: warning: ").contains("chmod 600");
    }

    @Test
    void badInputGivesOneSentenceOnStderrAndNoStackTrace() throws Exception {
        String secretLine = KeyFile.encodeLine(Keys.generateEd25519());
        String damaged = secretLine.substring(0, 40) + "!" + secretLine.substring(41);
        Run pubkey = run(damaged, "pubkey");
        assertThat(pubkey.exit()).isNotZero();
        assertThat(pubkey.out()).isEmpty();
        assertThat(pubkey.err()).isEqualTo("wirepunch pubkey: key file is not one line of base64 (unexpected character at position 40)\n");

        assertThat(run("", "pubkey").err()).isEqualTo("wirepunch pubkey: key file is empty; expected one line of base64\n");

        Run missing = run("", "id", "--key", dir.resolve("nope").toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).isEqualTo("wirepunch id: no such file: " + dir.resolve("nope") + "\n");

        Path garbage = dir.resolve("garbage.key");
        Files.writeString(garbage, "AAAA\n");
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
        Run bad = run("", "id", "--key", garbage.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err().lines()).singleElement().asString().startsWith("wirepunch id: " + garbage + ": ");
        assertThat(bad.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpListsTheKeyCommands() {
        Run help = run("", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("genkey", "pubkey", "id", "workbits");
    }

    @Test
    void genkeyWithWorkbitsPrintsAKeyWithThatWorkAndASummaryOnStderr() throws Exception {
        Run genkey = run("", "genkey", "--workbits", "6", "--namespace", "testnet", "--threads", "2");
        assertThat(genkey.exit()).isZero();
        assertThat(genkey.out()).matches("[A-Za-z0-9+/=]{92}\n");
        Matcher summary = SEARCH_SUMMARY.matcher(genkey.err());
        assertThat(summary.matches()).as(genkey.err()).isTrue();
        assertThat(Long.parseLong(summary.group(1))).isPositive();
        assertThat(summary.group(3)).isEqualTo("2");

        PrivateKey key = KeyFile.decodeLine(genkey.out());
        int work = WorkBits.of(key.publicKey(), "testnet");
        assertThat(work).isGreaterThanOrEqualTo(6).isEqualTo(Integer.parseInt(summary.group(4)));

        Path file = dir.resolve("work.key");
        Files.writeString(file, genkey.out());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Run workbits = run("", "workbits", "--key", file.toString(), "--namespace", "testnet");
        assertThat(workbits.exit()).isZero();
        assertThat(workbits.err()).isEmpty();
        assertThat(workbits.out()).isEqualTo(work + "\n");
        assertThat(run("", "workbits", "--key", file.toString()).out())
                .isEqualTo(WorkBits.of(key.publicKey(), "") + "\n");
    }

    @Test
    void genkeyWithWorkbitsWritesOutFile() throws Exception {
        Path file = dir.resolve("work.key");
        Run genkey = run("", "genkey", "--workbits", "4", "--threads", "1", "--out", file.toString());
        assertThat(genkey.exit()).isZero();
        assertThat(genkey.out()).isEmpty();
        assertThat(genkey.err()).matches(SEARCH_SUMMARY);
        assertThat(WorkBits.meets(KeyFile.read(file).publicKey(), "", 4)).isTrue();
    }

    @Test
    @Timeout(30)
    void genkeyRefusesAnExistingOutFileBeforeItSearches() throws Exception {
        Path file = dir.resolve("taken.key");
        Files.writeString(file, "keep me\n");
        // 32 bits would take days: only a check made before the search returns in time.
        Run genkey = run("", "genkey", "--workbits", String.valueOf(WorkBits.MAX_REQUIRED_BITS), "--out", file.toString());
        assertThat(genkey.exit()).isNotZero();
        assertThat(genkey.err()).isEqualTo("wirepunch genkey: " + file.toAbsolutePath() + " already exists; use --force to replace it\n");
        assertThat(Files.readString(file)).isEqualTo("keep me\n");
    }

    @Test
    void genkeyRefusesWorkbitsAboveTheMaximumAndOptionsThatNeedWorkbits() {
        Run tooMuch = run("", "genkey", "--workbits", String.valueOf(WorkBits.MAX_REQUIRED_BITS + 1));
        assertThat(tooMuch.exit()).isNotZero();
        assertThat(tooMuch.out()).isEmpty();
        assertThat(tooMuch.err()).isEqualTo("wirepunch genkey: work bits of 33 exceed the maximum of 32\n");

        Run negative = run("", "genkey", "--workbits", "-1");
        assertThat(negative.err()).isEqualTo("wirepunch genkey: work bits cannot be negative, got -1\n");

        Run alone = run("", "genkey", "--namespace", "testnet");
        assertThat(alone.exit()).isNotZero();
        assertThat(alone.out()).isEmpty();
        assertThat(alone.err()).isEqualTo("wirepunch genkey: --namespace and --threads only apply with --workbits\n");

        Run noThreads = run("", "genkey", "--workbits", "1", "--threads", "0");
        assertThat(noThreads.exit()).isNotZero();
        assertThat(noThreads.err()).isEqualTo("wirepunch genkey: threads must be between 1 and 256, got 0\n");

        Run longName = run("", "genkey", "--workbits", "1", "--namespace", "n".repeat(WorkBits.MAX_NAMESPACE_BYTES + 1));
        assertThat(longName.exit()).isNotZero();
        assertThat(longName.err()).isEqualTo("wirepunch genkey: namespace of 256 UTF-8 bytes exceeds 255\n");
    }
}
