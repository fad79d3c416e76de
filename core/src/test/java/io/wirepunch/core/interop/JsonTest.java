package io.wirepunch.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesWhatThePeerPrints() {
        JsonMap m = JsonMap.parse("{\"id\":7,\"ok\":true,\"rtt\":1.5,\"peer\":\"12D3\\\"x\\u00e9\\n\","
                + "\"list\":[1,-2,{\"a\":null}],\"big\":12345678901234,\"neg\":-3e2}");
        assertThat(m.longValue("id")).isEqualTo(7);
        assertThat(m.bool("ok")).isTrue();
        assertThat(m.doubleValue("rtt")).isEqualTo(1.5);
        assertThat(m.string("peer")).isEqualTo("12D3\"x\u00e9\n");
        assertThat(m.list("list")).containsExactly(1L, -2L, new java.util.LinkedHashMap<>(Map.of()) {
            {
                put("a", null);
            }
        });
        assertThat(m.longValue("big")).isEqualTo(12345678901234L);
        assertThat(m.doubleValue("neg")).isEqualTo(-300.0);
        assertThat(m.has("missing")).isFalse();
    }

    @Test
    void writesAndReadsBack() {
        JsonMap m = JsonMap.of("cmd", "echo", "data", "a\tb\u0001", "n", 3, "xs", List.of("x", true));
        assertThat(m.toString()).isEqualTo("{\"cmd\":\"echo\",\"data\":\"a\\tb\\u0001\",\"n\":3,\"xs\":[\"x\",true]}");
        assertThat(JsonMap.parse(m.toString()).string("data")).isEqualTo("a\tb\u0001");
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("", "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "{\"a\":tru}", "{} x", "\"\\q\"")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> JsonMap.parse("{}").string("a")).hasMessageContaining("no \"a\"");
        assertThatThrownBy(() -> JsonMap.parse("{\"a\":1}").string("a")).hasMessageContaining("not a string");
    }
}
