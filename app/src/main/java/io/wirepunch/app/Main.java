package io.wirepunch.app;

/**
 * The entry point on a class path. The JDK's launcher refuses a main class that extends
 * {@code Application} unless JavaFX is on the module path, so this one, which does not, starts
 * {@link WirepunchApp}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        WirepunchApp.main(args);
    }
}
