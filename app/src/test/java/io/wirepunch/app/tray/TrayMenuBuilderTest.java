package io.wirepunch.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineSettings;
import io.wirepunch.core.engine.EngineSnapshot.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrayMenuBuilderTest {
    @TempDir
    Path dir;

    @Test
    void aParticipatingNodeShowsTheEnginesLineAndTheGreenIcon() {
        TrayMenu menu = TrayMenuBuilder.build(new TrayState(State.PARTICIPATING, "Participating · 14 peers · 2 direct", true, false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Participating · 14 peers · 2 direct"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.PARTICIPATING);
        assertThat(menu.tooltip()).isEqualTo("Wirepunch: Participating · 14 peers · 2 direct");
    }

    @Test
    void theMenuHasEveryEntryInOrder() {
        List<MenuEntry> entries = TrayMenuBuilder.build(new TrayState(State.PARTICIPATING, "Participating · 3 peers · 1 direct", true,
                true)).entries();

        assertThat(entries).containsExactly(
                new MenuEntry.Status("Participating · 3 peers · 1 direct"),
                new MenuEntry.Separator(),
                new MenuEntry.Toggle("Participate", MenuAction.PARTICIPATE, true, true),
                new MenuEntry.Item("Open Wirepunch", MenuAction.OPEN_WINDOW, true),
                new MenuEntry.Separator(),
                new MenuEntry.Item("Copy my invitation", MenuAction.COPY_INVITATION, true),
                new MenuEntry.Item("Join with invitation…", MenuAction.JOIN, true),
                new MenuEntry.Separator(),
                new MenuEntry.Toggle("Launch at login", MenuAction.LAUNCH_AT_LOGIN, true, true),
                new MenuEntry.Item("Quit", MenuAction.QUIT, true));
    }

    @Test
    void aPausedNodeShowsThePausedIconAndAnUntickedToggle() {
        TrayMenu menu = TrayMenuBuilder.build(new TrayState(State.PAUSED, "Paused · 3 peers", false, false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Paused · 3 peers"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.PAUSED);
        assertThat(menu.entries()).contains(new MenuEntry.Toggle("Participate", MenuAction.PARTICIPATE, false, true));
    }

    @Test
    void withoutANetworkTheNodeStillRunsAndShowsTheConnectingIcon() {
        TrayMenu menu = TrayMenuBuilder.build(new TrayState(State.CONNECTING, "No network, retrying in 30 s", true, false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("No network, retrying in 30 s"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.CONNECTING);
        assertThat(menu.entries()).contains(new MenuEntry.Item("Copy my invitation", MenuAction.COPY_INVITATION, true));
    }

    @Test
    void anEngineNotStartedYetIsStartingAndOffersNoInvitation() {
        Engine engine = new Engine(EngineSettings.forUser(dir));

        TrayMenu menu = TrayMenuBuilder.build(TrayState.of(engine.snapshot(), false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Starting…"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.CONNECTING);
        assertThat(menu.entries()).contains(
                new MenuEntry.Toggle("Participate", MenuAction.PARTICIPATE, true, false),
                new MenuEntry.Item("Copy my invitation", MenuAction.COPY_INVITATION, false),
                new MenuEntry.Item("Join with invitation…", MenuAction.JOIN, false));
    }

    @Test
    void aFailedNodeNamesTheProblemAndOffersOnlyWhatStillWorks() {
        TrayMenu menu = TrayMenuBuilder.build(new TrayState(State.ERROR, "port 4001 in use", true, false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Error: port 4001 in use"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.ERROR);
        assertThat(menu.entries()).contains(
                new MenuEntry.Toggle("Participate", MenuAction.PARTICIPATE, true, false),
                new MenuEntry.Item("Join with invitation…", MenuAction.JOIN, false),
                new MenuEntry.Item("Open Wirepunch", MenuAction.OPEN_WINDOW, true),
                new MenuEntry.Item("Quit", MenuAction.QUIT, true));
        assertThat(TrayMenuBuilder.build(new TrayState(State.STOPPED, "Stopped", true, false)).icon()).isEqualTo(TrayIconState.ERROR);
    }

    @Test
    void menusDifferingOnlyInTextAndFlagsHaveTheSameShape() {
        TrayMenu before = TrayMenuBuilder.build(new TrayState(State.PARTICIPATING, "Participating · 3 peers · 1 direct", true, false));
        TrayMenu after = TrayMenuBuilder.build(new TrayState(State.ERROR, "", false, true));

        assertThat(after.sameShape(before)).isTrue();
        assertThat(after.sameShape(null)).isFalse();
        assertThat(new TrayMenu(TrayIconState.PAUSED, "", List.of(new MenuEntry.Separator())).sameShape(before)).isFalse();
    }

    @Test
    void everyIconStateHasEveryRenderedSize() {
        for (TrayIconState state : TrayIconState.values()) {
            for (int size : DorkboxTray.ICON_SIZES) {
                assertThat(TrayIconState.class.getResource(state.resource(size))).as(state.resource(size)).isNotNull();
            }
        }
        assertThat(DorkboxTray.iconSize(16)).isEqualTo(16);
        assertThat(DorkboxTray.iconSize(24)).isEqualTo(32);
        assertThat(DorkboxTray.iconSize(128)).isEqualTo(64);
    }
}
