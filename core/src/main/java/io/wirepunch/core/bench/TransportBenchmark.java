package io.wirepunch.core.bench;

import static io.wirepunch.core.bench.JsonLine.round;

import io.wirepunch.core.upgrade.noise.CipherThroughput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every transport figure measured in one run on loopback, one after another so they do not share
 * the CPU: the cipher alone, raw TCP, one Noise+Yamux stream, 16 parallel streams, handshakes per
 * second, and js-libp2p doing the same. Each figure is reported with its ratio to the cipher alone.
 */
public final class TransportBenchmark {
    /** Streams in the parallel measurement. */
    public static final int PARALLEL_STREAMS = 16;

    private final long bytes;
    private final Optional<Path> jsDir;

    /**
     * @param bytes  bytes each way for the single-stream and raw TCP runs; the parallel run moves the same
     *               total split over {@link #PARALLEL_STREAMS} streams
     * @param jsDir  the js test peer's directory, or empty to skip the js-libp2p reference
     */
    public TransportBenchmark(long bytes, Optional<Path> jsDir) {
        this.bytes = bytes;
        this.jsDir = jsDir;
    }

    public Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("bytes", bytes);
        out.put("cipher", CipherThroughput.implementation());
        double cipher = CipherThroughput.encryptMBps(Duration.ofSeconds(2));
        out.put("cipher_alone_MBps", round(cipher));
        double raw = RawTcpThroughput.measure(bytes * 4);
        out.put("raw_tcp_MBps", round(raw));
        NodeThroughput.Rates one;
        NodeThroughput.Rates parallel;
        double handshakes;
        try (NodeThroughput nodes = new NodeThroughput()) {
            nodes.streams(1, bytes / 8); // warm-up: JIT, pools, windows
            one = nodes.streams(1, bytes);
            parallel = nodes.streams(PARALLEL_STREAMS, bytes / PARALLEL_STREAMS);
            handshakes = nodes.handshakesPerSecond(3);
        }
        out.put("one_stream_upload_MBps", round(one.uploadMBps()));
        out.put("one_stream_download_MBps", round(one.downloadMBps()));
        out.put("parallel_" + PARALLEL_STREAMS + "_streams_upload_MBps", round(parallel.uploadMBps()));
        out.put("parallel_" + PARALLEL_STREAMS + "_streams_download_MBps", round(parallel.downloadMBps()));
        out.put("handshakes_per_second", round(handshakes));
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("raw_tcp_to_cipher", round(raw / cipher));
        ratios.put("one_stream_to_cipher", round(one.mean() / cipher));
        ratios.put("parallel_to_cipher", round(parallel.mean() / cipher));
        if (jsDir.isPresent()) {
            Optional<JsReference.Figures> js = JsReference.measure(jsDir.get(), bytes);
            js.ifPresent(f -> {
                out.put("js_libp2p_node", f.node());
                out.put("js_libp2p_upload_MBps", f.uploadMBps());
                out.put("js_libp2p_download_MBps", f.downloadMBps());
                out.put("js_libp2p_handshakes_per_second", f.handshakesPerSecond());
                ratios.put("js_libp2p_to_cipher", round(f.mean() / cipher));
                ratios.put("one_stream_to_js_libp2p", round(one.mean() / f.mean()));
                ratios.put("handshakes_to_js_libp2p", round(handshakes / f.handshakesPerSecond()));
            });
        }
        out.put("ratios", ratios);
        return out;
    }
}
