package io.wirepunch.core.nat.upnp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A gateway in memory: answers each action through a function the test sets, and records the calls. */
final class FakeGateway implements Gateway {
    record Call(String action, Map<String, String> args) { }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile BiFunction<String, Map<String, String>, Map<String, String>> answer;

    FakeGateway(BiFunction<String, Map<String, String>, Map<String, String>> answer) {
        this.answer = answer;
    }

    /** A well-behaved gateway with external IP 11.22.33.1. */
    static FakeGateway friendly() {
        return new FakeGateway((action, args) -> action.equals("GetExternalIPAddress")
                ? Map.of("NewExternalIPAddress", "11.22.33.1") : Map.of());
    }

    @Override
    public String description() {
        return "fake gateway";
    }

    @Override
    public InetAddress localAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public Map<String, String> call(String action, Map<String, String> args) throws IOException {
        calls.add(new Call(action, Map.copyOf(args)));
        return answer.apply(action, args);
    }

    long count(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).count();
    }
}
