package io.wirepunch.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Proves the headless toolkit: a stage opens without a display and a click reaches its button. */
@ExtendWith(ApplicationExtension.class)
class HeadlessToolkitTest {
    private Label clicks;

    @Start
    void start(Stage stage) {
        clicks = new Label("0");
        Button button = new Button("Count");
        button.setId("count");
        button.setOnAction(e -> clicks.setText(String.valueOf(Integer.parseInt(clicks.getText()) + 1)));
        stage.setScene(new Scene(new VBox(button, clicks), 200, 100));
        stage.show();
    }

    @Test
    void clickingTheButtonRunsItsAction(FxRobot robot) {
        robot.clickOn("#count").clickOn("#count");

        assertThat(clicks.getText()).isEqualTo("2");
        assertThat(System.getProperty("glass.platform")).isEqualTo("Monocle");
    }
}
