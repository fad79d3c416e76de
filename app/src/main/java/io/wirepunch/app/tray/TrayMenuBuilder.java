package io.wirepunch.app.tray;

import java.util.List;

/** Builds the tray from state; a pure function, so every line of the menu is checked by unit tests. */
public final class TrayMenuBuilder {
    static final String PARTICIPATE = "Participate";
    static final String OPEN = "Open Wirepunch";
    static final String COPY_INVITATION = "Copy my invitation";
    static final String JOIN = "Join with invitation…";
    static final String LAUNCH_AT_LOGIN = "Launch at login";
    static final String QUIT = "Quit";

    private TrayMenuBuilder() {}

    public static TrayMenu build(TrayState state) {
        boolean running = state.running();
        String status = statusLine(state);
        List<MenuEntry> entries = List.of(
                new MenuEntry.Status(status),
                new MenuEntry.Separator(),
                new MenuEntry.Toggle(PARTICIPATE, MenuAction.PARTICIPATE, state.participating(), running),
                new MenuEntry.Item(OPEN, MenuAction.OPEN_WINDOW, true),
                new MenuEntry.Separator(),
                // both need the node: an invitation names its addresses, a join runs over it
                new MenuEntry.Item(COPY_INVITATION, MenuAction.COPY_INVITATION, running),
                new MenuEntry.Item(JOIN, MenuAction.JOIN, running),
                new MenuEntry.Separator(),
                new MenuEntry.Toggle(LAUNCH_AT_LOGIN, MenuAction.LAUNCH_AT_LOGIN, state.launchAtLogin(), true),
                new MenuEntry.Item(QUIT, MenuAction.QUIT, true));
        return new TrayMenu(icon(state), "Wirepunch: " + status, entries);
    }

    static TrayIconState icon(TrayState state) {
        return switch (state.state()) {
            case PARTICIPATING -> TrayIconState.PARTICIPATING;
            case PAUSED -> TrayIconState.PAUSED;
            case STARTING, CONNECTING -> TrayIconState.CONNECTING;
            case ERROR, STOPPED -> TrayIconState.ERROR;
        };
    }

    static String statusLine(TrayState state) {
        return switch (state.state()) {
            case ERROR -> state.line().isBlank() ? "Stopped by an error" : "Error: " + state.line();
            case STARTING -> "Starting…";
            default -> state.line();
        };
    }
}
