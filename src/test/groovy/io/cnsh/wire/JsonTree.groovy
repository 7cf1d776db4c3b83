package io.cnsh.wire

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper

/** A JSON body as a Jackson tree, read by a plain mapper that is not the one under test. */
final class JsonTree {

    private static final ObjectMapper PLAIN = new ObjectMapper()

    private JsonTree() {
    }

    static JsonNode of(byte[] json) {
        PLAIN.readTree(json)
    }

    /**
     * Every object key with its path, in document order. {@link JsonNode#equals} ignores key order;
     * this does not, so a comparison of both catches a reordered record.
     */
    static List<String> keyOrder(JsonNode node, String path = '') {
        List<String> out = []
        if (node.isObject()) {
            node.fieldNames().each { String k ->
                out << "$path/$k".toString()
                out.addAll(keyOrder(node.get(k), "$path/$k"))
            }
        } else if (node.isArray()) {
            node.eachWithIndex { JsonNode child, int i -> out.addAll(keyOrder(child, "$path[$i]")) }
        }
        out
    }
}
