package io.cnsh.sandbox

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import groovy.transform.Canonical
import java.nio.charset.StandardCharsets
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Document
import org.w3c.dom.Element

/** One HTTP answer of the sandbox, with readers for its JSON, XML and CSV bodies. */
@Canonical
class Reply {

    private static final ObjectMapper JSON = new ObjectMapper()

    int status
    String contentType
    byte[] body

    String text() {
        new String(body, StandardCharsets.UTF_8)
    }

    /** The body as a JSON tree, so tests can assert value types (string, number, boolean, null). */
    JsonNode json() {
        JSON.readTree(body)
    }

    /** The root element of the body as XML. */
    Element xml() {
        Xml.parse(body).documentElement
    }

    /** The text of a child element of the XML root, or null when absent. */
    String xmlValue(String name) {
        Xml.child(xml(), name)?.textContent
    }

    /** CSV rows as maps keyed by the header row (simple quoting: "" escapes, no newlines in cells). */
    List<Map<String, String>> csv() {
        List<List<String>> rows = text().readLines().findAll { it }.collect { Csv.cells(it) }
        def header = rows.head()
        rows.tail().collect { cells -> [header, cells].transpose().collectEntries { it } as Map<String, String> }
    }

    /** The error text of a failure in whatever format it came. */
    String error() {
        if (contentType?.contains('xml')) {
            return xmlValue('error')
        }
        contentType?.contains('csv') ? csv()[0].error : json().path('error').textValue()
    }

    @Override
    String toString() {
        "Reply[$status $contentType ${text().take(300)}]"
    }

    static class Xml {
        static Document parse(byte[] bytes) {
            def f = DocumentBuilderFactory.newInstance()
            f.setFeature('http://apache.org/xml/features/disallow-doctype-decl', true)
            f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes))
        }

        static List<Element> children(Element e) {
            def out = []
            for (def n = e.firstChild; n != null; n = n.nextSibling) {
                if (n instanceof Element) {
                    out << n
                }
            }
            out
        }

        static Element child(Element e, String name) {
            children(e).find { it.tagName == name }
        }
    }

    static class Csv {
        static List<String> cells(String line) {
            def cells = []
            def cur = new StringBuilder()
            boolean quoted = false
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i)
                if (quoted) {
                    if (c == '"' as char) {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"' as char) {
                            cur << '"'
                            i++
                        } else {
                            quoted = false
                        }
                    } else {
                        cur << c
                    }
                } else if (c == '"' as char) {
                    quoted = true
                } else if (c == ',' as char) {
                    cells << cur.toString()
                    cur.setLength(0)
                } else {
                    cur << c
                }
            }
            cells << cur.toString()
            cells
        }
    }
}
