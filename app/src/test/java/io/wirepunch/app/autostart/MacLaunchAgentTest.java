package io.wirepunch.app.autostart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class MacLaunchAgentTest {
    @TempDir
    Path dir;

    @Test
    void thePlistRunsTheCommandAtLoadWithItsArgumentsEscaped() throws Exception {
        MacLaunchAgent agent = new MacLaunchAgent(dir, List.of("/Applications/Wirepunch.app/Contents/MacOS/Wirepunch", "--name=a&b<c>"));

        Document plist = parse(agent.plist());

        NodeList keys = plist.getElementsByTagName("key");
        assertThat(keys.item(0).getTextContent()).isEqualTo("Label");
        assertThat(plist.getElementsByTagName("string").item(0).getTextContent()).isEqualTo("io.wirepunch");
        NodeList arguments = ((org.w3c.dom.Element) plist.getElementsByTagName("array").item(0)).getElementsByTagName("string");
        assertThat(arguments.getLength()).isEqualTo(2);
        assertThat(arguments.item(1).getTextContent()).isEqualTo("--name=a&b<c>");
        assertThat(agent.plist()).contains("<key>RunAtLoad</key>\n  <true/>").contains("<key>KeepAlive</key>\n  <false/>");
    }

    @Test
    void enablingWritesTheAgentFileAndDisablingRemovesIt() throws Exception {
        MacLaunchAgent agent = new MacLaunchAgent(dir.resolve("LaunchAgents"), List.of("/bin/true"));

        agent.enable();
        assertThat(agent.file()).hasFileName("io.wirepunch.plist");
        assertThat(Files.readString(agent.file())).isEqualTo(agent.plist());
        assertThat(agent.isEnabled()).isTrue();

        agent.disable();
        assertThat(agent.isEnabled()).isFalse();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // the DOCTYPE names Apple's DTD; the test must not fetch it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
