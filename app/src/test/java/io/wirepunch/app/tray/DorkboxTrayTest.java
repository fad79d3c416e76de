package io.wirepunch.app.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dorkbox.updates.Updates;
import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.Test;

class DorkboxTrayTest {
    @Test
    void withoutADisplayThereIsNoTrayAndNoUpdateCheck() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display");

        assertThat(DorkboxTray.create((action, selected) -> { })).isEmpty();
        assertThat(Updates.INSTANCE.getENABLE()).isFalse();
    }
}
