package io.wirepunch.app.views.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirepunch.app.engine.EngineFeed;
import io.wirepunch.app.engine.PeerCommands;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.logs.LogTail;
import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.core.engine.Engine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Each tab of a demo run, rendered headless and written to {@code target/screenshots/} (docs/screenshots keeps current ones). */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    static final Path OUT = Path.of("target", "screenshots");
    private static Engine engine;
    private Scene scene;

    @BeforeAll
    static void demo() throws Exception {
        engine = DemoEngine.engine();
        DemoEngine.snapshotWhere(s -> !s.recentPunches().isEmpty() && s.counts().peers() > 0);
    }

    @Start
    void start(Stage stage) {
        FxBridge fx = new FxBridge();
        MainController main = new MainController(new PeerCommands(engine), fx, engine::setParticipating, () -> { }, true);
        EngineFeed feed = new EngineFeed(engine, LogTail.attachToRoot(), fx.latest(main::show), e -> { });
        main.show(feed.current());
        feed.close();
        scene = new Scene(main.root(), 1000, 650);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void everyTabIsWrittenAsAPicture(FxRobot robot) throws Exception {
        Files.createDirectories(OUT);
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        for (String tab : List.of("Peers", "Punches", "Relay", "Diagnostics")) {
            // by the tab pane, not by text: a column of the punches table is called "Relay" too
            robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst().orElseThrow()));
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
            Path file = OUT.resolve(tab.toLowerCase() + ".png");
            ImageIO.write(toBuffered(image), "png", file.toFile());

            assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo(tab);
            assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(1000);
            assertThat(colours(image)).as(tab + " has more than a background").isGreaterThan(8);
        }
    }

    private static BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }

    private static int colours(WritableImage image) {
        Set<Integer> seen = new HashSet<>();
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                seen.add(pixels.getArgb(x, y));
            }
        }
        return seen.size();
    }
}
