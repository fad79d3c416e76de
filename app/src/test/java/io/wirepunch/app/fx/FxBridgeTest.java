package io.wirepunch.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FxBridgeTest {
    private final FxBridge bridge = new FxBridge();

    @Test
    void tasksFromOtherThreadsRunOnTheFxThread() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<Boolean> onFx = new CopyOnWriteArrayList<>();

        Thread engine = new Thread(() -> bridge.execute(() -> {
            onFx.add(Platform.isFxApplicationThread());
            ran.countDown();
        }));
        engine.start();

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(onFx).containsExactly(true);
    }

    @Test
    void onlyTheNewestWaitingValueIsDelivered() throws Exception {
        List<Integer> shown = new CopyOnWriteArrayList<>();
        Consumer<Integer> latest = bridge.latest(shown::add);
        CountDownLatch fxBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        bridge.execute(() -> {
            fxBusy.countDown();
            await(release); // the FX thread is busy while three values arrive
        });
        assertThat(fxBusy.await(5, TimeUnit.SECONDS)).isTrue();
        latest.accept(1);
        latest.accept(2);
        latest.accept(3);
        release.countDown();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown).containsExactly(3);

        latest.accept(4);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown).containsExactly(3, 4);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
