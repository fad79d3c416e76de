package io.wirepunch.app.settings;

/** Where the window was and how large, in screen coordinates, so it reopens as it was left. */
public record WindowPlacement(double x, double y, double width, double height) {
    /** Smaller than this the tabs cannot show a row of the table; a saved tiny size is a mistake. */
    public static final double MIN_WIDTH = 320;
    public static final double MIN_HEIGHT = 240;

    public WindowPlacement {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new SettingsException("window.x", "must be a finite number");
        }
        if (!Double.isFinite(width) || width < MIN_WIDTH) {
            throw new SettingsException("window.width", "must be at least " + (int) MIN_WIDTH);
        }
        if (!Double.isFinite(height) || height < MIN_HEIGHT) {
            throw new SettingsException("window.height", "must be at least " + (int) MIN_HEIGHT);
        }
    }
}
