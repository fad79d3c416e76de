package io.wirepunch.app.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLaunchRevealsTheFirstAndDoesNotHoldAnything() throws Exception {
        AtomicInteger reveals = new AtomicInteger();
        SingleInstance.Claim first = SingleInstance.claim(dir, reveals::incrementAndGet);
        assertThat(first).isInstanceOf(SingleInstance.First.class);

        try (Holder holder = ((SingleInstance.First) first).holder()) {
            assertThat(SingleInstance.claim(dir, () -> { })).isInstanceOf(SingleInstance.Revealed.class);
            assertThat(SingleInstance.claim(dir, () -> { })).isInstanceOf(SingleInstance.Revealed.class);
            // the holder confirms only after the reveal ran, so the count is exact here
            assertThat(reveals).hasValue(2);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SingleInstance.SOCKET_FILE))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void afterTheFirstClosesTheNextLaunchIsFirstAgain() throws Exception {
        ((SingleInstance.First) SingleInstance.claim(dir, () -> { })).holder().close();
        assertThat(dir.resolve(SingleInstance.SOCKET_FILE)).doesNotExist();

        SingleInstance.Claim again = SingleInstance.claim(dir, () -> { });

        assertThat(again).isInstanceOf(SingleInstance.First.class);
        ((SingleInstance.First) again).holder().close();
    }

    @Test
    void aStaleSocketAndLockFileLeftByACrashDoNotBlockTheNextLaunch() throws Exception {
        Files.writeString(dir.resolve(SingleInstance.LOCK_FILE), "");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(dir.resolve(SingleInstance.SOCKET_FILE)));
        } // closing a Unix server socket leaves its file behind, as a killed process does
        assertThat(dir.resolve(SingleInstance.SOCKET_FILE)).exists();

        AtomicInteger reveals = new AtomicInteger();
        SingleInstance.Claim claim = SingleInstance.claim(dir, reveals::incrementAndGet);

        assertThat(claim).isInstanceOf(SingleInstance.First.class);
        try (Holder holder = ((SingleInstance.First) claim).holder()) {
            SingleInstance.claim(dir, () -> { });
            assertThat(reveals).hasValue(1);
        }
    }

    @Test
    void aHolderThatNeverAnswersIsReportedInsteadOfWaitedForForever() throws Exception {
        SingleInstance.First first = (SingleInstance.First) SingleInstance.claim(dir, () -> { });
        try (Holder holder = first.holder()) {
            Files.delete(dir.resolve(SingleInstance.SOCKET_FILE)); // the holder is now unreachable

            assertThatThrownBy(() -> SingleInstance.claim(dir, () -> { }))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("does not answer");
        }
    }

    @Test
    void theRuntimeDirectoryComesFromTheSession() {
        Path config = dir.resolve("config");
        assertThat(SingleInstance.runtimeDir(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), config)).isEqualTo(Path.of("/run/user/1000/wirepunch"));
        assertThat(SingleInstance.runtimeDir(Map.of(), config)).isEqualTo(config);
    }
}
