package io.wirepunch.core.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * js-libp2p measured on this machine in the same run, by the js test peer's bench script
 * (core/src/test/js/bench-js.mjs): the figure our stack is compared against.
 */
final class JsReference {
    private static final long TIMEOUT_SECONDS = 600;

    record Figures(String node, double uploadMBps, double downloadMBps, double handshakesPerSecond) {
        double mean() {
            return (uploadMBps + downloadMBps) / 2;
        }
    }

    private JsReference() {}

    /** Runs the script if Node.js and the installed js peer are there; empty (with a reason on stderr) otherwise. */
    static Optional<Figures> measure(Path jsDir, long bytes) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jsDir.resolve("bench-js.mjs")) || !Files.isDirectory(jsDir.resolve("node_modules"))) {
            System.err.println("bench: no js-libp2p reference: " + jsDir
                    + " has no installed js peer (run 'npm ci' there)");
            return Optional.empty();
        }
        Process p = new ProcessBuilder("node", "bench-js.mjs", "--bytes", Long.toString(bytes), "--runs", "1")
                .directory(jsDir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("js-libp2p benchmark did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("js-libp2p benchmark exited with " + p.exitValue());
        }
        String line = out.lines().filter(l -> l.contains("\"bench\":\"js-libp2p\"")).findFirst()
                .orElseThrow(() -> new IOException("js-libp2p benchmark printed no result line"));
        return Optional.of(new Figures(text(line, "node"), number(line, "uploadMBps"),
                number(line, "downloadMBps"), number(line, "handshakesPerSecond")));
    }

    private static double number(String json, String field) throws IOException {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new IOException("js-libp2p benchmark result has no " + field);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "unknown";
    }
}
