package io.wirepunch.core.protocol.relay.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageLimitTest {
    private static final long MIB = ByteSize.MB;

    @Test
    void theThresholdsOfOneMebibyteAreRoundedUpToWholeBytes() {
        UsageLimit limit = UsageLimit.of(MIB);
        // 90% of 1,048,576 is 943,718.4 and 93% is 975,175.68
        assertThat(limit.softThreshold()).isEqualTo(943_719);
        assertThat(limit.hardThreshold()).isEqualTo(975_176);
    }

    @Test
    void theStateChangesAtTheThresholdByteNotBefore() {
        UsageLimit limit = UsageLimit.of(MIB);
        assertThat(limit.state(0)).isEqualTo(UsageState.OK);
        assertThat(limit.state(943_718)).isEqualTo(UsageState.OK);
        assertThat(limit.state(943_719)).isEqualTo(UsageState.SOFT);
        assertThat(limit.state(975_175)).isEqualTo(UsageState.SOFT);
        assertThat(limit.state(975_176)).isEqualTo(UsageState.HARD);
        assertThat(limit.state(5 * MIB)).isEqualTo(UsageState.HARD);
    }

    @ParameterizedTest
    @CsvSource({"100, 90, 93", "1000, 900, 930", "1, 1, 1", "10, 9, 10", "2199023255552, 1979120929997, 2045091627664",
            "9223372036854775807, 8301034833169298227, 8577735994274941501"})
    void exactlyNinetyAndNinetyThreePercentAreAlreadyOver(long bytes, long soft, long hard) {
        UsageLimit limit = UsageLimit.of(bytes);
        assertThat(limit.softThreshold()).isEqualTo(soft);
        assertThat(limit.hardThreshold()).isEqualTo(hard);
    }

    @Test
    void zeroIsUnlimited() {
        UsageLimit limit = UsageLimit.of(0);
        assertThat(limit).isSameAs(UsageLimit.UNLIMITED);
        assertThat(limit.unlimited()).isTrue();
        assertThat(limit.state(Long.MAX_VALUE - 1)).isEqualTo(UsageState.OK);
        assertThat(limit.fraction(123)).isZero();
        assertThat(limit).hasToString("unlimited");
    }

    @Test
    void fractionsAndText() {
        UsageLimit limit = UsageLimit.of(MIB);
        assertThat(limit.fraction(MIB / 2)).isEqualTo(0.5);
        assertThat(limit.fraction(2 * MIB)).isEqualTo(2.0);
        assertThat(limit).hasToString("1MB");
        assertThat(UsageLimit.SOFT_LIMIT_FRACTION).isEqualTo(0.90);
        assertThat(UsageLimit.HARD_LIMIT_FRACTION).isEqualTo(0.93);
        assertThatThrownBy(() -> UsageLimit.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWorstStateWins() {
        assertThat(UsageState.OK.worst(UsageState.SOFT)).isEqualTo(UsageState.SOFT);
        assertThat(UsageState.HARD.worst(UsageState.SOFT)).isEqualTo(UsageState.HARD);
        assertThat(UsageState.OK.worst(UsageState.OK)).isEqualTo(UsageState.OK);
    }
}
