package io.wirepunch.app.views.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.invite.Invitation;
import io.wirepunch.core.invite.InvitationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class JoinControllerTest {
    private static Invitation invitation;
    private static Engine joiner;
    private static Path joinerDir;
    private Clock clock = Clock.systemUTC();

    @BeforeAll
    static void engines() throws Exception {
        invitation = DemoEngine.engine().invite(Optional.empty(), Duration.ofHours(1)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        joinerDir = Files.createTempDirectory("wirepunch-joiner");
        joiner = DemoEngine.startOtherEngine(joinerDir);
    }

    @AfterAll
    static void stop() throws Exception {
        joiner.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new JoinController(joiner, clock, new FxBridge()).root()));
        stage.show();
    }

    private void restartWith(FxRobot robot, Clock at) {
        clock = at;
        robot.interact(() -> {
            Stage stage = (Stage) robot.lookup("#join-text").query().getScene().getWindow();
            stage.setScene(new Scene(new JoinController(joiner, clock, new FxBridge()).root()));
        });
    }

    private static void paste(FxRobot robot, String text) {
        robot.interact(() -> robot.lookup("#join-text").queryAs(TextArea.class).setText(text));
    }

    private static String verdict(FxRobot robot) {
        return robot.lookup("#join-verdict").queryAs(Label.class).getText();
    }

    private static boolean joinEnabled(FxRobot robot) {
        return !robot.lookup("#join-button").queryAs(Button.class).isDisabled();
    }

    @Test
    void aValidInvitationNamesItsInviterAndNetwork(FxRobot robot) {
        paste(robot, invitation.encodeGrouped());

        assertThat(verdict(robot)).startsWith("An invitation from …").contains("into network \"" + invitation.network().name() + "\"");
        assertThat(joinEnabled(robot)).isTrue();
    }

    @Test
    void aMalformedInvitationIsRefusedAsTyped(FxRobot robot) {
        robot.clickOn("#join-text").write("wp1hello");

        assertThat(verdict(robot)).isNotBlank().doesNotStartWith("An invitation");
        assertThat(joinEnabled(robot)).isFalse();
    }

    @Test
    void aMistypedInvitationIsRefusedByItsChecksum(FxRobot robot) {
        String text = invitation.encode();
        int at = text.length() / 2;
        String typo = text.substring(0, at) + (text.charAt(at) == 'q' ? 'p' : 'q') + text.substring(at + 1);
        InvitationException expected = catchInvitation(typo, Clock.systemUTC());

        paste(robot, typo);

        assertThat(expected.kind()).isEqualTo(InvitationException.Kind.MISTYPED);
        assertThat(verdict(robot)).isEqualToIgnoringCase(expected.getMessage());
        assertThat(joinEnabled(robot)).isFalse();
    }

    @Test
    void anExpiredInvitationIsRefused(FxRobot robot) {
        Clock later = Clock.fixed(invitation.expiresAt().plusSeconds(60), ZoneOffset.UTC);
        restartWith(robot, later);

        paste(robot, invitation.encode());

        assertThat(catchInvitation(invitation.encode(), later).kind()).isEqualTo(InvitationException.Kind.EXPIRED);
        assertThat(verdict(robot)).startsWith("That invitation expired");
        assertThat(joinEnabled(robot)).isFalse();
    }

    @Test
    void joiningShowsTheStagesAndEndsJoined(FxRobot robot) {
        paste(robot, invitation.encodeGrouped());
        robot.clickOn("#join-button");

        Label progress = robot.lookup("#join-progress").queryAs(Label.class);
        await().atMost(DemoEngine.WAIT).until(() -> progress.getText().startsWith("Joined"));
        assertThat(robot.lookup("#join-text").queryAs(TextArea.class).isDisabled()).isFalse();
        assertThat(joiner.snapshot().join()).hasValueSatisfying(j -> assertThat(j.stage().finished()).isTrue());
    }

    private static InvitationException catchInvitation(String text, Clock clock) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> Invitation.parse(text, clock)).isInstanceOf(InvitationException.class).satisfies(e -> thrown[0] = e);
        return (InvitationException) thrown[0];
    }
}
