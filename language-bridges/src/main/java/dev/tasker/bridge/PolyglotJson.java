package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyHashMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values handed to a guest as polyglot objects (hash maps, arrays, strings, numbers) instead of JSON text. */
final class PolyglotJson {

    private PolyglotJson() {
    }

    /** A host value the guest reads as a hash, an array or a scalar. */
    static Object toGuest(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                node.properties().forEach(e -> map.put(e.getKey(), toGuest(e.getValue())));
                yield ProxyHashMap.from(map);
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(e -> list.add(toGuest(e)));
                yield ProxyArray.fromList(list);
            }
            case STRING -> node.textValue();
            case NUMBER -> node.isIntegralNumber() ? (node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue())
                    : (Object) node.doubleValue();
            case BOOLEAN -> node.booleanValue();
            default -> null;
        };
    }
}
