package io.wirepunch.core.forward;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.wirepunch.core.host.Connection;
import io.wirepunch.core.host.Host;
import io.wirepunch.core.host.HostConfig;
import io.wirepunch.core.identity.Keys;
import io.wirepunch.core.multiaddr.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Two started loopback hosts, A connected to B, and a watch on Netty's leak reports. */
final class ForwardHosts implements AutoCloseable {
    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");

    final Host a;
    final Host b;
    final Connection aToB;
    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();
    private final Logger leakLogger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

    ForwardHosts() throws Exception {
        leaks.start();
        leakLogger.addAppender(leaks);
        // Reports fail the test with their text; the console need not show them twice.
        leakLogger.setAdditive(false);
        a = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        b = new Host(HostConfig.of(Keys.generateEd25519(), List.of(LOOPBACK)));
        a.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        aToB = a.connect(b.listenAddrs().get(0).withPeerId(b.peerId())).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Leak reports so far: collects garbage, then allocates so the detector looks at what was
     * collected (it reports while tracking new buffers).
     */
    List<String> leakReports() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
            List<ByteBuf> bufs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                bufs.add(ByteBufAllocator.DEFAULT.buffer(64));
            }
            bufs.forEach(ByteBuf::release);
        }
        return leaks.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("LEAK")).toList();
    }

    /** Forgets the reports so far (after a test that leaks on purpose). */
    void clearLeakReports() {
        leaks.list.clear();
    }

    @Override
    public void close() throws Exception {
        try {
            a.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            b.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            leakLogger.detachAppender(leaks);
            leakLogger.setAdditive(true);
        }
    }
}
