package io.wirepunch.app.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrayMenuBuilderTest {
    private static TrayState running(int peers, int direct, boolean participating) {
        return new TrayState(TrayState.Phase.RUNNING, peers, direct, Optional.empty(), "", participating, false);
    }

    @Test
    void aParticipatingNodeShowsItsPeersAndTheGreenIcon() {
        TrayMenu menu = TrayMenuBuilder.build(running(14, 2, true));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Participating · 14 peers · 2 direct"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.PARTICIPATING);
        assertThat(menu.tooltip()).isEqualTo("Wirepunch: Participating · 14 peers · 2 direct");
        assertThat(TrayMenuBuilder.statusLine(running(1, 1, true))).isEqualTo("Participating · 1 peer · 1 direct");
    }

    @Test
    void theMenuHasEveryEntryInOrder() {
        List<MenuEntry> entries = TrayMenuBuilder.build(running(3, 1, true).withLaunchAtLogin(true)).entries();

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
    void aPausedNodeSaysSoAndShowsThePausedIcon() {
        TrayMenu menu = TrayMenuBuilder.build(running(3, 1, false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Paused"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.PAUSED);
        assertThat(menu.entries()).contains(new MenuEntry.Toggle("Participate", MenuAction.PARTICIPATE, false, true));
        assertThat(TrayMenuBuilder.build(TrayState.starting(false, false)).icon()).isEqualTo(TrayIconState.PAUSED);
    }

    @Test
    void withoutANetworkTheRetryIsCountedInWholeSecondsAndNoInvitationCanBeCopied() {
        TrayState offline = new TrayState(TrayState.Phase.NO_NETWORK, 0, 0, Optional.of(Duration.ofSeconds(30)), "", true, false);

        TrayMenu menu = TrayMenuBuilder.build(offline);

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("No network, retrying in 30 s"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.ERROR);
        assertThat(menu.entries()).contains(new MenuEntry.Item("Copy my invitation", MenuAction.COPY_INVITATION, false));
        assertThat(TrayMenuBuilder.statusLine(new TrayState(TrayState.Phase.NO_NETWORK, 0, 0, Optional.of(Duration.ofMillis(200)), "",
                true, false))).isEqualTo("No network, retrying in 1 s");
        assertThat(TrayMenuBuilder.statusLine(new TrayState(TrayState.Phase.NO_NETWORK, 0, 0, Optional.empty(), "", true, false)))
                .isEqualTo("No network, retrying");
    }

    @Test
    void aStartingNodeIsConnecting() {
        TrayMenu menu = TrayMenuBuilder.build(TrayState.starting(true, false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Connecting…"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.CONNECTING);
        assertThat(menu.entries()).contains(new MenuEntry.Item("Copy my invitation", MenuAction.COPY_INVITATION, false));
    }

    @Test
    void aFailedNodeNamesTheProblemAndOffersOnlyWhatStillWorks() {
        TrayMenu menu = TrayMenuBuilder.build(new TrayState(TrayState.Phase.FAILED, 0, 0, Optional.empty(), "port 4001 in use", true, false));

        assertThat(menu.entries().get(0)).isEqualTo(new MenuEntry.Status("Error: port 4001 in use"));
        assertThat(menu.icon()).isEqualTo(TrayIconState.ERROR);
        assertThat(menu.entries()).contains(
                new MenuEntry.Toggle("Participate", MenuAction.PARTICIPATE, true, false),
                new MenuEntry.Item("Join with invitation…", MenuAction.JOIN, false),
                new MenuEntry.Item("Open Wirepunch", MenuAction.OPEN_WINDOW, true),
                new MenuEntry.Item("Quit", MenuAction.QUIT, true));
    }

    @Test
    void menusDifferingOnlyInTextAndFlagsHaveTheSameShape() {
        TrayMenu before = TrayMenuBuilder.build(running(3, 1, true));
        TrayMenu after = TrayMenuBuilder.build(new TrayState(TrayState.Phase.NO_NETWORK, 0, 0, Optional.empty(), "", false, true));

        assertThat(after.sameShape(before)).isTrue();
        assertThat(after.sameShape(null)).isFalse();
        assertThat(new TrayMenu(TrayIconState.PAUSED, "", List.of(new MenuEntry.Separator())).sameShape(before)).isFalse();
    }

    @Test
    void moreDirectPeersThanPeersIsRefused() {
        assertThatThrownBy(() -> running(1, 2, true)).isInstanceOf(IllegalArgumentException.class);
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
