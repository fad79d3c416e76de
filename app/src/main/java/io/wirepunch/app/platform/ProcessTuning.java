package io.wirepunch.app.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app sets in its own process on Linux before any toolkit starts, so that a launcher that
 * cannot set the environment (the installers' native launcher) gets what {@code ./wirepunch} exports:
 * <ul>
 *   <li>{@value #GDK_GL}={@value #GDK_GL_OFF}: the window draws in software ({@code prism.order=sw}),
 *       and without it GTK probes GL when it opens the display, which maps Mesa's driver and LLVM,
 *       about 45 MB resident that the app never uses;</li>
 *   <li>at most {@value #MALLOC_ARENAS} glibc malloc arenas: one per thread would hold tens of MB.</li>
 * </ul>
 * A value the user set in the environment is kept.
 */
public final class ProcessTuning {
    private static final Logger log = LoggerFactory.getLogger(ProcessTuning.class);

    static final String GDK_GL = "GDK_GL";
    static final String GDK_GL_OFF = "disable";
    static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";
    /** The arenas glibc may make, as {@code ./wirepunch} sets with {@code MALLOC_ARENA_MAX}. */
    static final int MALLOC_ARENAS = 2;
    /** glibc's {@code M_ARENA_MAX} parameter of {@code mallopt}. */
    private static final int M_ARENA_MAX = -8;

    /** The C library calls used here. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);

        String getenv(String name);

        int mallopt(int param, int value);
    }

    private ProcessTuning() {}

    /** Applies the settings when this is Linux; anything that fails is logged and skipped. */
    public static void apply() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return;
        }
        try {
            apply(Native.load("c", LibC.class), System.getenv());
        } catch (LinkageError | RuntimeException e) {
            log.debug("process tuning skipped: {}", e.toString());
        }
    }

    static void apply(LibC libc, Map<String, String> env) {
        libc.setenv(GDK_GL, GDK_GL_OFF, 0);
        if (!env.containsKey(MALLOC_ARENA_MAX) && libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS) != 1) {
            log.debug("glibc refused M_ARENA_MAX {}", MALLOC_ARENAS);
        }
    }
}
