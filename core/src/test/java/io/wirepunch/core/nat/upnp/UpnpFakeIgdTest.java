package io.wirepunch.core.nat.upnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * weupnp against a gateway served on loopback: its description and SOAP replies are whatever the
 * test says, including garbage and silence.
 */
@Timeout(60)
class UpnpFakeIgdTest {
    private static final String SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:1";
    private static final UpnpConfig FAST = UpnpConfig.defaults()
            .withDiscoveryTimeout(Duration.ofMillis(500)).withHttpTimeout(Duration.ofMillis(500));

    private HttpServer server;
    private volatile String description;
    private volatile String soapBody;
    private volatile int soapStatus;
    private volatile long soapDelayMillis;
    private final List<String> soapActions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-igd");
            t.setDaemon(true);
            return t;
        }));
        description = descriptionXml();
        soapStatus = 200;
        server.createContext("/desc.xml", x -> reply(x, 200, description));
        server.createContext("/ctl", x -> {
            String action = String.valueOf(x.getRequestHeaders().getFirst("SOAPAction"));
            soapActions.add(action);
            x.getRequestBody().readAllBytes();
            try {
                Thread.sleep(soapDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, soapStatus, soapBody == null ? okFor(action) : soapBody);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "text/xml");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static String descriptionXml() {
        return """
                <?xml version="1.0"?>
                <root xmlns="urn:schemas-upnp-org:device-1-0"><device>
                <deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
                <friendlyName>Test Router</friendlyName>
                <deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
                <serviceList><service><serviceType>urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1</serviceType>
                <serviceId>urn:upnp-org:serviceId:WANCommonIFC1</serviceId><controlURL>/ctl</controlURL>
                <eventSubURL>/evt</eventSubURL><SCPDURL>/cif.xml</SCPDURL></service></serviceList>
                <deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>
                <serviceList><service><serviceType>%s</serviceType><serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>
                <controlURL>/ctl</controlURL><eventSubURL>/evt</eventSubURL><SCPDURL>/scpd.xml</SCPDURL></service></serviceList>
                </device></deviceList></device></deviceList></device></root>
                """.formatted(SERVICE);
    }

    private static String okFor(String soapAction) {
        String action = soapAction.substring(soapAction.indexOf('#') + 1).replace("\"", "");
        String inner = action.equals("GetExternalIPAddress") ? "<NewExternalIPAddress>11.22.33.1</NewExternalIPAddress>" : "";
        return envelope("<u:" + action + "Response xmlns:u=\"" + SERVICE + "\">" + inner + "</u:" + action + "Response>");
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + body + "</s:Body></s:Envelope>";
    }

    private URL location() throws IOException {
        return new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/desc.xml");
    }

    private UpnpPortMapper mapper() {
        return new UpnpPortMapper(FAST, (t, h) -> WeupnpGateway.load(location(), InetAddress.getLoopbackAddress()),
                Clock.systemUTC(), new Random(1));
    }

    private String failure() {
        try (UpnpPortMapper m = mapper()) {
            var f = m.map(4001).toCompletableFuture();
            assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PortMappingException.class);
            return m.state().reason().orElseThrow();
        }
    }

    @Test
    void mapsThroughAWellBehavedGatewayAndDeletesOnClose() throws Exception {
        try (UpnpPortMapper m = mapper()) {
            PortMapping p = m.map(4001).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(p.externalMultiaddr().toString()).isEqualTo("/ip4/11.22.33.1/tcp/4001");
            assertThat(m.state().gateway().orElseThrow()).startsWith("Test Router at http://127.0.0.1:");
        }
        assertThat(soapActions).hasSize(3);
        assertThat(soapActions.get(0)).contains("#GetExternalIPAddress");
        assertThat(soapActions.get(1)).contains("#AddPortMapping");
        assertThat(soapActions.get(2)).contains("#DeletePortMapping");
    }

    @Test
    void aGarbageDescriptionIsAClearReason() {
        description = "<root><device>\u0001 not xml at all";
        assertThat(failure()).contains("description").contains("not valid XML");
        description = "<?xml version=\"1.0\"?><root><device><friendlyName>x</friendlyName></device></root>";
        assertThat(failure()).contains("describes no WANIPConnection or WANPPPConnection service");
    }

    @Test
    void garbageSoapRepliesAreClearReasons() {
        soapBody = "<<<>>> this is not a SOAP envelope";
        assertThat(failure()).contains("GetExternalIPAddress").contains("not valid XML");
        soapBody = envelope("<u:GetExternalIPAddressResponse xmlns:u=\"" + SERVICE + "\"><NewExternalIPAddress>"
                + "1.2.3.4; rm -rf /</NewExternalIPAddress></u:GetExternalIPAddressResponse>");
        assertThat(failure()).isEqualTo("the gateway's external IP address is not an IPv4 address: '1.2.3.4; rm -rf /'");
        soapBody = envelope("<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>501</errorCode>"
                + "<errorDescription>Action Failed</errorDescription></UPnPError></detail></s:Fault>");
        soapStatus = 500;
        assertThat(failure()).isEqualTo("the gateway refused GetExternalIPAddress: error 501 Action Failed");
    }

    @Test
    void aSilentGatewayIsGivenUpWithinTheLimits() {
        soapDelayMillis = 30_000;
        long start = System.nanoTime();
        assertThat(failure()).contains("GetExternalIPAddress");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST.mapDeadline().plusSeconds(3));
    }
}
