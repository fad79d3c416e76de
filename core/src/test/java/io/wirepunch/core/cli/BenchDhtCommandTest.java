package io.wirepunch.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirepunch bench dht} checked from outside, as CliContractTest checks the other commands: its
 * own JVM, judged by stdout, stderr and the exit status alone.
 */
@Timeout(120)
class BenchDhtCommandTest {
    private static final long COMMAND_SECONDS = 90;
    private static final String NUMBER = "-?\\d+(\\.\\d+)?";

    @TempDir
    Path dir;

    record Result(int exit, List<String> stdout, String stderr) {}

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), WirepunchCli.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("bench dht did not exit within " + COMMAND_SECONDS + " s; stderr: "
                    + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(" + NUMBER + ")[,}]").matcher(json);
        assertThat(m.find()).as("numeric field %s in %s", field, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsOneJsonLineWithEveryFigure() throws Exception {
        Result r = run("bench", "dht", "--nodes", "200", "--lookups", "50", "--seed", "4");

        assertThat(r.exit()).as("exit status; stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout()).singleElement().asString().startsWith("{\"jvm\":\"").endsWith("}");
        String json = r.stdout().get(0);
        assertThat(number(json, "nodes")).isEqualTo(200);
        assertThat(number(json, "lookups")).isEqualTo(50);
        assertThat(number(json, "seed")).isEqualTo(4);
        assertThat(number(json, "success_rate")).isEqualTo(1.0);
        assertThat(number(json, "lookups_per_second")).isPositive();
        assertThat(number(json, "hops_median")).isBetween(1.0, number(json, "hops_p99"));
        assertThat(number(json, "messages_per_lookup_mean")).isPositive()
                .isLessThanOrEqualTo(number(json, "messages_per_lookup_p99"));
        assertThat(number(json, "messages_per_join")).isPositive();
        assertThat(number(json, "build_seconds")).isPositive();
        assertThat(number(json, "build_thread_cpu_seconds")).isPositive()
                .isLessThanOrEqualTo(number(json, "build_process_cpu_seconds"));
        assertThat(number(json, "memory_per_node_bytes")).isPositive();
    }

    @Test
    void tooSmallANetworkIsOneSentenceAndANonZeroExit() throws Exception {
        Result r = run("bench", "dht", "--nodes", "1");

        assertThat(r.exit()).isNotZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().lines().toList()).singleElement().asString()
                .startsWith("wirepunch bench dht: --nodes must be");
    }
}
