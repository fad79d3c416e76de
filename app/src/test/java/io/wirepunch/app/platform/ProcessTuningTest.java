package io.wirepunch.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The process's own C environment, as GTK will read it, after {@link ProcessTuning#apply}. */
@EnabledOnOs(OS.LINUX)
class ProcessTuningTest {
    private final ProcessTuning.LibC libc = Native.load("c", ProcessTuning.LibC.class);
    private String before;

    @BeforeEach
    void remember() {
        before = libc.getenv(ProcessTuning.GDK_GL);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            libc.unsetenv(ProcessTuning.GDK_GL);
        } else {
            libc.setenv(ProcessTuning.GDK_GL, before, 1);
        }
    }

    @Test
    void glIsSwitchedOffForGtkWhenTheUserSetNothing() {
        libc.unsetenv(ProcessTuning.GDK_GL);

        ProcessTuning.apply(libc, Map.of());

        assertThat(libc.getenv(ProcessTuning.GDK_GL)).isEqualTo(ProcessTuning.GDK_GL_OFF);
    }

    @Test
    void theUsersOwnValueIsKept() {
        libc.setenv(ProcessTuning.GDK_GL, "always", 1);

        ProcessTuning.apply(libc, Map.of(ProcessTuning.GDK_GL, "always"));

        assertThat(libc.getenv(ProcessTuning.GDK_GL)).isEqualTo("always");
    }
}
