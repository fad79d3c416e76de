package io.wirepunch.core.cli;

import io.wirepunch.core.protocol.relay.AutoRelay;
import java.util.Locale;
import picocli.CommandLine;

/** {@code --auto-relay off|auto|always}. */
final class AutoRelayModeConverter implements CommandLine.ITypeConverter<AutoRelay.Mode> {
    @Override
    public AutoRelay.Mode convert(String value) {
        try {
            return AutoRelay.Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of off, auto, always");
        }
    }
}
