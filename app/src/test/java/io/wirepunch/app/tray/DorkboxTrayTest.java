package io.wirepunch.app.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dorkbox.updates.Updates;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DorkboxTrayTest {
    @Test
    void withoutADisplayThereIsNoTrayAndNoUpdateCheck() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display");

        assertThat(DorkboxTray.create((action, selected) -> { })).isEmpty();
        assertThat(Updates.INSTANCE.getENABLE()).isFalse();
    }

    @Test
    void anAppIndicatorLibraryIsFoundInAnyLibraryDirectory(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        assertThat(DorkboxTray.appIndicatorInstalled(List.of(lib64, lib))).isFalse();
        Files.createFile(lib.resolve("libappindicator3.so.1"));
        assertThat(DorkboxTray.appIndicatorInstalled(List.of(lib64, lib))).isTrue();
        Files.delete(lib.resolve("libappindicator3.so.1"));
        Files.createFile(lib64.resolve("libayatana-appindicator3.so.1"));
        assertThat(DorkboxTray.appIndicatorInstalled(List.of(lib64, lib))).isTrue();
    }

    @Test
    void quittingWaitsLongerForTheIconsRemovalThanDorkboxWaitsForTheGtkLoop() {
        // dorkbox's GtkEventDispatch.dispatchAndWait gives up after 2 s; waiting less would end the toolkit under it
        assertThat(DorkboxTray.CLOSE_WAIT).isGreaterThan(java.time.Duration.ofSeconds(2)).isLessThanOrEqualTo(java.time.Duration.ofSeconds(10));
    }
}
