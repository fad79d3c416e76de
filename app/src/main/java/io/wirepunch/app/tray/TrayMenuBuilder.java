package io.wirepunch.app.tray;

import java.time.Duration;
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
        boolean running = state.phase() == TrayState.Phase.RUNNING;
        boolean alive = state.phase() != TrayState.Phase.FAILED;
        String status = statusLine(state);
        List<MenuEntry> entries = List.of(
                new MenuEntry.Status(status),
                new MenuEntry.Separator(),
                new MenuEntry.Toggle(PARTICIPATE, MenuAction.PARTICIPATE, state.participating(), alive),
                new MenuEntry.Item(OPEN, MenuAction.OPEN_WINDOW, true),
                new MenuEntry.Separator(),
                // an invitation names addresses others can reach; a node without a network has none to give
                new MenuEntry.Item(COPY_INVITATION, MenuAction.COPY_INVITATION, running),
                new MenuEntry.Item(JOIN, MenuAction.JOIN, alive),
                new MenuEntry.Separator(),
                new MenuEntry.Toggle(LAUNCH_AT_LOGIN, MenuAction.LAUNCH_AT_LOGIN, state.launchAtLogin(), true),
                new MenuEntry.Item(QUIT, MenuAction.QUIT, true));
        return new TrayMenu(icon(state), "Wirepunch: " + status, entries);
    }

    static TrayIconState icon(TrayState state) {
        return switch (state.phase()) {
            case FAILED, NO_NETWORK -> TrayIconState.ERROR;
            case CONNECTING -> state.participating() ? TrayIconState.CONNECTING : TrayIconState.PAUSED;
            case RUNNING -> state.participating() ? TrayIconState.PARTICIPATING : TrayIconState.PAUSED;
        };
    }

    static String statusLine(TrayState state) {
        return switch (state.phase()) {
            case FAILED -> state.problem().isBlank() ? "Stopped by an error" : "Error: " + state.problem();
            case NO_NETWORK -> "No network" + state.retryIn().map(d -> ", retrying in " + seconds(d)).orElse(", retrying");
            case CONNECTING -> state.participating() ? "Connecting…" : "Paused";
            case RUNNING -> state.participating() ? participating(state) : "Paused";
        };
    }

    private static String participating(TrayState state) {
        return "Participating · " + state.peers() + (state.peers() == 1 ? " peer" : " peers") + " · " + state.direct() + " direct";
    }

    private static String seconds(Duration wait) {
        // a retry due within the second still reads as a wait, not as "0 s"
        return Math.max(1, (wait.toMillis() + 999) / 1000) + " s";
    }
}
