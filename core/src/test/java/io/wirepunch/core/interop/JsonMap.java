package io.wirepunch.core.interop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A JSON object as exchanged with the js peer, with typed getters that fail loudly on a missing key. */
public final class JsonMap {
    private final Map<String, Object> map;

    public JsonMap(Map<String, Object> map) {
        this.map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Alternating keys and values: {@code JsonMap.of("cmd", "ping", "peer", id)}. */
    public static JsonMap of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new JsonMap(m);
    }

    public static JsonMap parse(String json) {
        return new JsonMap(Json.parseObject(json));
    }

    /** A copy with one more (or a replaced) entry. */
    public JsonMap with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(map);
        m.put(key, value);
        return new JsonMap(m);
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    public Object get(String key) {
        return map.get(key);
    }

    public String string(String key) {
        Object v = require(key);
        if (!(v instanceof String s)) {
            throw new IllegalStateException("\"" + key + "\" is not a string in " + this);
        }
        return s;
    }

    public long longValue(String key) {
        return number(key).longValue();
    }

    public double doubleValue(String key) {
        return number(key).doubleValue();
    }

    public boolean bool(String key) {
        Object v = require(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalStateException("\"" + key + "\" is not a boolean in " + this);
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    public JsonMap map(String key) {
        Object v = require(key);
        if (!(v instanceof Map)) {
            throw new IllegalStateException("\"" + key + "\" is not an object in " + this);
        }
        return new JsonMap((Map<String, Object>) v);
    }

    public List<Object> list(String key) {
        Object v = require(key);
        if (!(v instanceof List<?> l)) {
            throw new IllegalStateException("\"" + key + "\" is not an array in " + this);
        }
        return Collections.unmodifiableList(new ArrayList<>(l));
    }

    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            out.add((String) o);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public List<JsonMap> maps(String key) {
        List<JsonMap> out = new ArrayList<>();
        for (Object o : list(key)) {
            out.add(new JsonMap((Map<String, Object>) o));
        }
        return out;
    }

    public Map<String, Object> asMap() {
        return map;
    }

    private Number number(String key) {
        Object v = require(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("\"" + key + "\" is not a number in " + this);
        }
        return n;
    }

    private Object require(String key) {
        if (!map.containsKey(key)) {
            throw new NoSuchElementException("no \"" + key + "\" in " + this);
        }
        return map.get(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonMap other && other.map.equals(map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return Json.write(map);
    }
}
