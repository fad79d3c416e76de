package io.wirepunch.app;

import io.wirepunch.app.platform.ProcessTuning;

/**
 * The entry point on a class path. The JDK's launcher refuses a main class that extends
 * {@code Application} unless JavaFX is on the module path, so this one, which does not, starts
 * {@link WirepunchApp}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        ProcessTuning.apply();
        WirepunchApp.main(args);
    }
}
