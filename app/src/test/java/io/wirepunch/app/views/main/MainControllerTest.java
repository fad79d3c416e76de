package io.wirepunch.app.views.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.app.engine.EngineFeed;
import io.wirepunch.app.engine.PeerCommands;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.core.engine.Engine;
import io.wirepunch.core.engine.EngineSnapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainControllerTest {
    private static Engine engine;
    private EngineFeed feed;
    private final AtomicInteger joinsOpened = new AtomicInteger();

    @BeforeAll
    static void demo() throws Exception {
        engine = DemoEngine.engine();
        DemoEngine.snapshotWhere(s -> s.status().state() == EngineSnapshot.State.PARTICIPATING);
    }

    @Start
    void start(Stage stage) {
        FxBridge fx = new FxBridge();
        MainController main = new MainController(new PeerCommands(engine), fx, engine::setParticipating, joinsOpened::incrementAndGet, false);
        feed = new EngineFeed(engine, Optional.empty(), fx.latest(main::show), e -> { });
        main.show(feed.current());
        stage.setScene(new Scene(main.root(), 1000, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        feed.close();
        engine.setParticipating(true).toCompletableFuture().get();
    }

    @Test
    void theHeaderShowsTheEnginesLineAndTheDemoLabel(FxRobot robot) {
        Label status = robot.lookup("#main-status").queryAs(Label.class);

        await().atMost(DemoEngine.WAIT).until(() -> status.getText().equals(engine.snapshot().status().line()));
        assertThat(status.getText()).startsWith("Participating · ");
        assertThat(robot.lookup("#main-demo").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#main-tabs").queryAs(TabPane.class).getTabs()).extracting(t -> t.getText())
                .containsExactly("Peers", "Punches", "Relay", "Diagnostics");
    }

    @Test
    void withoutATrayTheWindowSaysThatClosingQuits(FxRobot robot) {
        assertThat(robot.lookup("#main-no-tray").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void theParticipateSwitchReachesTheNodeAndItsStateComesBack(FxRobot robot) {
        CheckBox participate = robot.lookup("#main-participate").queryAs(CheckBox.class);
        assertThat(participate.isSelected()).isTrue();

        robot.clickOn("#main-participate");

        await().atMost(DemoEngine.WAIT).until(() -> !engine.node().orElseThrow().participating());
        Label status = robot.lookup("#main-status").queryAs(Label.class);
        await().atMost(DemoEngine.WAIT).until(() -> status.getText().startsWith("Paused"));
        assertThat(participate.isSelected()).isFalse();

        robot.clickOn("#main-participate");
        await().atMost(DemoEngine.WAIT).until(() -> engine.node().orElseThrow().participating());
    }

    @Test
    void theJoinButtonOpensTheJoinDialog(FxRobot robot) {
        robot.clickOn("#main-join");

        assertThat(joinsOpened).hasValue(1);
    }

    @Test
    void eachTabShowsItsView(FxRobot robot) {
        robot.clickOn("Punches");
        assertThat(robot.lookup("#punches-table").tryQuery()).isPresent();
        robot.clickOn("Relay");
        assertThat(robot.lookup("#relay-global-bar").tryQuery()).isPresent();
        robot.clickOn("Diagnostics");
        assertThat(robot.lookup("#diag-reachability").tryQuery()).isPresent();
        robot.clickOn("Peers");
        assertThat(robot.lookup("#peers-table").tryQuery()).isPresent();
    }
}
