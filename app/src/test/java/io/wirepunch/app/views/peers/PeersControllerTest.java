package io.wirepunch.app.views.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirepunch.app.engine.PeerCommands;
import io.wirepunch.app.fx.FxBridge;
import io.wirepunch.app.testing.DemoEngine;
import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.engine.DemoNetwork;
import io.wirepunch.core.engine.EngineSnapshot;
import io.wirepunch.core.peers.PeerState;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.geometry.Side;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PeersControllerTest {
    private PeersController controller;
    private EngineSnapshot snapshot;

    @BeforeAll
    static void demo() throws Exception {
        DemoEngine.running();
    }

    @Start
    void start(Stage stage) throws Exception {
        controller = new PeersController(new PeerCommands(DemoEngine.engine()), new FxBridge());
        snapshot = DemoEngine.snapshotWhere(s -> s.counts().peers() >= DemoNetwork.PEERS);
        controller.show(snapshot);
        stage.setScene(new Scene(controller.root(), 1000, 400));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private TableView<PeerRow> table(FxRobot robot) {
        return robot.lookup("#peers-table").queryAs(TableView.class);
    }

    @Test
    void everyPeerOfTheSnapshotIsARowWithItsPath(FxRobot robot) {
        TableView<PeerRow> table = table(robot);

        assertThat(table.getItems()).extracting(PeerRow::peer).containsExactlyElementsOf(snapshot.peers().stream().map(PeerState::peer).toList());
        for (int i = 0; i < snapshot.peers().size(); i++) {
            PeerState state = snapshot.peers().get(i);
            PeerRow row = table.getItems().get(i);
            assertThat(row.path()).isEqualTo(state.relay().map(r -> "relayed via " + Format.shortId(r)).orElse(state.path()));
            assertThat(row.endpoint()).isEqualTo(state.endpoint().map(Object::toString).orElse("–"));
            assertThat(row.shortId()).startsWith("…").hasSize(9);
            assertThat(state.peer().toBase58()).endsWith(row.shortId().substring(1));
        }
        assertThat(table.getItems()).extracting(PeerRow::path).contains("direct");
        assertThat(robot.lookup("#peers-summary").queryAs(Label.class).getText())
                .isEqualTo(snapshot.counts().peers() + " connected · " + snapshot.counts().direct() + " direct · "
                        + snapshot.counts().relayed() + " relayed");
    }

    @Test
    void theFilterKeepsOnlyMatchingRows(FxRobot robot) {
        TableView<PeerRow> table = table(robot);
        int all = table.getItems().size();

        String id = table.getItems().get(1).peer().toBase58();
        String needle = id.substring(id.length() - 10);
        robot.clickOn("#peers-filter").write(needle);

        // a peer's id also shows in the endpoint of those it relays for
        assertThat(table.getItems()).hasSizeLessThan(all).extracting(r -> r.peer().toBase58()).contains(id);
        assertThat(table.getItems()).allMatch(r -> r.peer().toBase58().contains(needle) || r.endpoint().contains(needle));

        robot.doubleClickOn("#peers-filter").eraseText(20).write("no-such-peer-anywhere");
        assertThat(table.getItems()).isEmpty();
    }

    @Test
    void theContextMenuPingsAPeerOverItsConnection(FxRobot robot) {
        TableView<PeerRow> table = table(robot);
        int direct = indexOf(table, "direct");

        robot.interact(() -> table.scrollTo(direct));
        openMenuOnRow(robot, table, direct);
        robot.clickOn("Ping");

        Label result = robot.lookup("#peers-action-result").queryAs(Label.class);
        await().atMost(DemoEngine.WAIT).until(() -> result.getText().matches("Ping to …\\S+: [0-9.]+ ms"));
    }

    @Test
    void theContextMenuCopiesThePeerId(FxRobot robot) throws Exception {
        TableView<PeerRow> table = table(robot);

        openMenuOnRow(robot, table, 0);
        robot.clickOn("Copy peer id");
        WaitForAsyncUtils.waitForFxEvents();

        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo(table.getItems().get(0).peer().toBase58());
    }

    /** Selects the row with a click and opens the table's menu; Monocle's robot sends no context-menu event for a right click. */
    private static void openMenuOnRow(FxRobot robot, TableView<PeerRow> table, int index) {
        robot.clickOn((javafx.scene.Node) robot.lookup(".table-row-cell").nth(index).query());
        assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(index);
        robot.interact(() -> table.getContextMenu().show(table, Side.BOTTOM, 0, 0));
    }

    private static int indexOf(TableView<PeerRow> table, String path) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).path().equals(path)) {
                return i;
            }
        }
        throw new AssertionError("no " + path + " row");
    }
}
