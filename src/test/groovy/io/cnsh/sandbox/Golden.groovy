package io.cnsh.sandbox

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import java.nio.charset.StandardCharsets
import org.w3c.dom.Element

/**
 * The golden wire samples under {@code src/test/resources/wire} and a structural comparison with
 * them: the same keys or elements in the same order and values of the same kind, ignoring the
 * values themselves (ids, account, token and expiry legitimately differ).
 */
class Golden {

    static byte[] bytes(String path) {
        def in = Golden.getResourceAsStream('/wire/' + path)
        assert in != null: "no golden file wire/$path"
        in.withCloseable { it.bytes }
    }

    static String text(String path) {
        new String(bytes(path), StandardCharsets.UTF_8)
    }

    static JsonNode json(String path) {
        new ObjectMapper().readTree(bytes(path))
    }

    static Element xml(String path) {
        Reply.Xml.parse(bytes(path)).documentElement
    }

    /** The query of a golden {@code request.url}, token placeholder replaced, origin dropped. */
    static String requestUrl(String operation, String token) {
        String line = text("$operation/request.url").trim()
        line = line.replaceFirst('^https?://[^/]+/', '')
        line.replace('[Token]', token)
    }

    /** Where the actual JSON's shape departs from the golden one; empty when they match. */
    static List<String> jsonShapeDiff(JsonNode golden, JsonNode actual, String at = '$', boolean record = false) {
        if (golden.isObject()) {
            if (!actual.isObject()) {
                return ["$at: expected an object, got ${kind(actual)}".toString()]
            }
            def gKeys = golden.fieldNames().toList()
            def aKeys = actual.fieldNames().toList()
            if (gKeys != aKeys) {
                return ["$at: keys ${aKeys} differ from golden ${gKeys}".toString()]
            }
            return gKeys.collectMany { k ->
                jsonShapeDiff(golden.get(k), actual.get(k), "$at.$k", record)
            }
        }
        if (golden.isArray()) {
            if (!actual.isArray()) {
                return ["$at: expected an array, got ${kind(actual)}".toString()]
            }
            if (golden.size() == 0) {
                return []
            }
            def diffs = []
            actual.eachWithIndex { JsonNode item, int i -> diffs.addAll(jsonShapeDiff(golden.get(0), item, "$at[$i]", true)) }
            return diffs
        }
        String g = kind(golden)
        String a = kind(actual)
        boolean textish = [g, a].every { it in ['string', 'null'] }
        if (g == a || (record && textish)) {
            return []
        }
        return ["$at: golden has ${g}, got ${a}".toString()]
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) return 'nothing'
        if (n.isNull()) return 'null'
        if (n.isTextual()) return 'string'
        if (n.isBoolean()) return 'boolean'
        if (n.isIntegralNumber()) return 'integer'
        if (n.isNumber()) return 'number'
        if (n.isArray()) return 'array'
        return 'object'
    }

    /** Where the actual XML's element structure departs from the golden one; empty when it matches. */
    static List<String> xmlShapeDiff(Element golden, Element actual, String at = '') {
        String here = "$at/${golden.tagName}"
        if (golden.tagName != actual.tagName) {
            return ["$here: got <${actual.tagName}>".toString()]
        }
        def g = Reply.Xml.children(golden)
        def a = Reply.Xml.children(actual)
        if (g.isEmpty()) {
            return a.isEmpty() ? [] : ["$here: golden is a value, got child elements".toString()]
        }
        boolean repeated = g.size() == 1 && g[0].tagName == 'agent'
        if (repeated) {
            return a.collectMany { xmlShapeDiff(g[0], it, here) }
        }
        if (g*.tagName != a*.tagName) {
            return ["$here: children ${a*.tagName} differ from golden ${g*.tagName}".toString()]
        }
        return [g, a].transpose().collectMany { xmlShapeDiff(it[0], it[1], here) }
    }
}
