package io.wirepunch.core.cli;

import io.wirepunch.core.measure.report.MeasureReportFormatter;
import io.wirepunch.core.measure.store.MeasurementStore;
import io.wirepunch.core.measure.store.Report;
import io.wirepunch.core.measure.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The hole punches tracked in the store, summed up. */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
    "Sum up the hole punches tracked in the measurement store since --since: the success rate, counts by"
            + " outcome, by transport and by NAT pairing, and on which attempt the successful ones succeeded."})
final class MeasureReportCommand implements Callable<Integer> {
    @Mixin
    MeasureCommand.StoreOptions store;

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "24h",
            description = "How far back, e.g. 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    public Integer call() {
        if (since.isZero() || since.isNegative()) {
            throw new CliException("--since must be longer than zero");
        }
        try (MeasurementStore measurements = store.open()) {
            Report r = measurements.report(Instant.now().minus(since));
            System.out.println(json ? MeasureReportFormatter.json(r).toString() : MeasureReportFormatter.text(r));
            return 0;
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        }
    }
}
