package io.wirepunch.app.tray;

/** The four faces of the tray icon; each has its SVG in {@code icons/tray-<name>.svg}. */
public enum TrayIconState {
    PARTICIPATING,
    PAUSED,
    CONNECTING,
    ERROR;

    /** The rendered PNG of this state at {@code size} pixels, as a class-path resource. */
    public String resource(int size) {
        return "/io/wirepunch/app/tray/" + name().toLowerCase(java.util.Locale.ROOT) + "-" + size + ".png";
    }
}
