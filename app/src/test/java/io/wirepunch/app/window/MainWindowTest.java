package io.wirepunch.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.app.settings.WindowPlacement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private final AtomicInteger lastCloses = new AtomicInteger();

    private MainWindow window(FxRobot robot, Optional<WindowPlacement> placement, boolean tray) {
        AtomicReference<MainWindow> made = new AtomicReference<>();
        robot.interact(() -> {
            MainWindow w = new MainWindow(new Stage(), new Label("content"), placement, tray, lastCloses::incrementAndGet);
            w.reveal();
            made.set(w);
        });
        return made.get();
    }

    @Test
    void theWindowReopensWhereItWasLeft(FxRobot robot) {
        MainWindow window = window(robot, Optional.of(new WindowPlacement(100, 80, 700, 500)), true);

        assertThat(window.stage().getX()).isEqualTo(100);
        assertThat(window.stage().getY()).isEqualTo(80);
        assertThat(window.placement()).hasValueSatisfying(p -> {
            assertThat(p.width()).isEqualTo(700);
            assertThat(p.height()).isEqualTo(500);
        });
        robot.interact(() -> window.stage().hide());
    }

    @Test
    void aPlaceOnAScreenNoLongerThereIsIgnored(FxRobot robot) {
        MainWindow window = window(robot, Optional.of(new WindowPlacement(50_000, 50_000, 700, 500)), true);

        assertThat(window.stage().getWidth()).isEqualTo(MainWindow.DEFAULT_WIDTH);
        assertThat(window.stage().getX()).isLessThan(50_000);
        robot.interact(() -> window.stage().hide());
    }

    @Test
    void closingHidesWithATrayAndQuitsWithout(FxRobot robot) {
        MainWindow withTray = window(robot, Optional.empty(), true);
        robot.interact(() -> withTray.stage().fireEvent(new WindowEvent(withTray.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(withTray.stage().isShowing()).isFalse();
        assertThat(lastCloses).hasValue(0);

        MainWindow withoutTray = window(robot, Optional.empty(), false);
        robot.interact(() -> withoutTray.stage().fireEvent(new WindowEvent(withoutTray.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(lastCloses).hasValue(1);
        robot.interact(() -> withoutTray.stage().hide());
    }
}
