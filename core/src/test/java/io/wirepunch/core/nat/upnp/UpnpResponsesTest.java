package io.wirepunch.core.nat.upnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UpnpResponsesTest {
    @Test
    void aDottedQuadIsTheExternalIp() throws Exception {
        assertThat(UpnpResponses.externalIp(Map.of("NewExternalIPAddress", " 11.22.33.1\n")).getHostAddress())
                .isEqualTo("11.22.33.1");
    }

    @Test
    void anythingButAUsableDottedQuadIsRefusedWithoutADnsLookup() {
        for (String bad : new String[] {"example.com", "999.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "::1",
                "1.2.3.4\u0000", "-1.2.3.4", "1234567890123456789", "<b>1.2.3.4</b>"}) {
            assertThatThrownBy(() -> UpnpResponses.externalIp(Map.of("NewExternalIPAddress", bad)))
                    .as(bad).isInstanceOf(PortMappingException.class)
                    .hasMessageContaining("not an IPv4 address");
        }
        assertThatThrownBy(() -> UpnpResponses.externalIp(Map.of())).hasMessageContaining("did not say");
        assertThatThrownBy(() -> UpnpResponses.externalIp(Map.of("NewExternalIPAddress", "0.0.0.0")))
                .hasMessageContaining("not connected");
        for (String unusable : new String[] {"127.0.0.1", "224.0.0.1", "255.255.255.255", "169.254.1.1"}) {
            assertThatThrownBy(() -> UpnpResponses.externalIp(Map.of("NewExternalIPAddress", unusable)))
                    .as(unusable).hasMessageContaining("cannot be reached");
        }
    }

    @Test
    void aSoapFaultBecomesAGatewayErrorWithItsCode() {
        assertThatThrownBy(() -> UpnpResponses.check("AddPortMapping",
                Map.of("errorCode", "718", "errorDescription", "ConflictInMappingEntry")))
                .isInstanceOfSatisfying(UpnpResponses.GatewayError.class, e -> assertThat(e.code).isEqualTo(718))
                .hasMessage("the gateway refused AddPortMapping: error 718 ConflictInMappingEntry");
        assertThatThrownBy(() -> UpnpResponses.check("AddPortMapping", Map.of("errorCode", "lots")))
                .isInstanceOfSatisfying(UpnpResponses.GatewayError.class, e -> assertThat(e.code).isEqualTo(-1));
    }

    @Test
    void gatewayTextIsPrintedOnOneBoundedLine() {
        assertThat(UpnpResponses.printable("a\r\nb\u0007c")).isEqualTo("a  b c");
        assertThat(UpnpResponses.printable("x".repeat(10_000))).hasSize(UpnpResponses.MAX_QUOTED_CHARS + 1);
        assertThat(UpnpResponses.printable(null)).isEmpty();
    }
}
