package io.wirepunch.core.protocol.perf;

import java.util.Locale;

/** What one perf run measured; each rate is over its own phase. MB = 10^6 bytes. */
public record PerfResult(long uploadBytes, long downloadBytes, double uploadSeconds, double downloadSeconds) {

    public double uploadMBps() {
        return rate(uploadBytes, uploadSeconds);
    }

    public double downloadMBps() {
        return rate(downloadBytes, downloadSeconds);
    }

    public double totalSeconds() {
        return uploadSeconds + downloadSeconds;
    }

    /** The CLI's one-line form. */
    public String toLine() {
        return String.format(Locale.ROOT,
                "perf upload_bytes=%d download_bytes=%d seconds=%.3f upload_MBps=%.1f download_MBps=%.1f",
                uploadBytes, downloadBytes, totalSeconds(), uploadMBps(), downloadMBps());
    }

    private static double rate(long bytes, double seconds) {
        return bytes == 0 || seconds <= 0 ? 0.0 : bytes / seconds / 1e6;
    }
}
