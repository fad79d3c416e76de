package io.wirepunch.core.network;

/** Writes a {@link NetworkConfig} in its line format, one directive per line, words separated by one space. */
final class ConfigWriter {

    private ConfigWriter() {}

    static String write(NetworkConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("name ").append(config.name()).append('\n');
        config.subnet().ifPresent(s -> out.append("subnet ").append(s).append('\n'));
        config.workbits().ifPresent(w -> out.append("workbit ").append(w).append('\n'));
        if (!config.bootPeers().isEmpty()) {
            out.append('\n');
            for (BootPeer boot : config.bootPeers()) {
                out.append("boot ").append(boot.id().toBase58()).append(' ').append(boot.endpoint()).append('\n');
            }
        }
        if (!config.members().isEmpty()) {
            out.append('\n');
            for (Member m : config.members()) {
                out.append(m.role().keyword());
                m.hostname().ifPresent(h -> out.append(' ').append(h));
                m.ip().ifPresent(ip -> out.append(' ').append(Ipv4Subnet.format(ip)));
                out.append(' ').append(m.key().text());
                m.endpoint().ifPresent(e -> out.append(' ').append(e));
                out.append('\n');
            }
        }
        return out.toString();
    }
}
