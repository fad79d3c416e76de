package io.wirepunch.core.protocol.relay.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0", "512, 512", "512B, 512", "1KB, 1024", "128KB, 131072", "128kb, 131072", "128 KiB, 131072",
            "1MB, 1048576", "10GB, 10737418240", "2TB, 2199023255552", "3tib, 3298534883328",
            "8388607TB, 9223370937343148032"})
    void readsWholeNumbersWithUnitsAsPowersOf1024(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KB", "-1", "1.5MB", " 1KB", "1KB ", "1  KB", "0x10", "1e3"})
    void refusesWhatIsNotAWholeSize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"" + text + "\" is not a size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2XB", "10PB", "5KiBs", "1bytes"})
    void namesAnUnknownUnit(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .hasMessageContaining("is not a size: unknown unit")
                .hasMessageContaining("KB, MB, GB or TB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8388608TB", "9223372036854775808", "99999999999999999999999B"})
    void refusesSizesPastTheLargestLong(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).hasMessageContaining("too large a size");
    }

    @ParameterizedTest
    @CsvSource({"0, 0B", "1000, 1000B", "1024, 1KB", "131072, 128KB", "1536, 1536B", "1073741824, 1GB", "2199023255552, 2TB"})
    void formatsTheShortestExactText(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }
}
