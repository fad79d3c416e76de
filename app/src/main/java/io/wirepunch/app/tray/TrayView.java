package io.wirepunch.app.tray;

/** A system tray that shows a {@link TrayMenu}; the menu's clicks go to the {@link TrayActions} it was created with. */
public interface TrayView extends AutoCloseable {
    void render(TrayMenu menu);

    /** Removes the icon. */
    @Override
    void close();
}
