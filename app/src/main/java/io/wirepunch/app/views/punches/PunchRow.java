package io.wirepunch.app.views.punches;

import io.wirepunch.app.views.common.Format;
import io.wirepunch.core.holepunch.HolePunchRecord;
import java.util.Locale;

/** One hole punch as the table shows it. */
record PunchRow(String ended, String peer, String role, String outcome, String attempts, String timeToDirect, String relay,
                String error) {
    static PunchRow of(HolePunchRecord r) {
        return new PunchRow(Format.timeOfDay(r.endedAt()), Format.shortId(r.remote()), r.role().name().toLowerCase(Locale.ROOT),
                outcomeWord(r), String.valueOf(r.attempts().size()), r.timeToDirect().map(Format::millis).orElse("–"),
                r.relay().map(Format::shortId).orElse("–"), r.error().orElse(""));
    }

    static String outcomeWord(HolePunchRecord r) {
        return r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
