package io.cnsh.wire

import javax.xml.XMLConstants
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element
import org.w3c.dom.Node
import org.xml.sax.InputSource

/**
 * An XML document reduced to what the comparison of wire bodies cares about: element names,
 * attributes, trimmed text and ordered children. The declaration, whitespace between elements and
 * the {@code <x/>} versus {@code <x></x>} spelling disappear. The parser refuses DOCTYPEs and never
 * resolves entities, so a hostile sample cannot turn the comparison itself into an XXE.
 */
final class XmlTree {

    private XmlTree() {
    }

    static Map of(byte[] xml) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance()
        f.setFeature('http://apache.org/xml/features/disallow-doctype-decl', true)
        f.setFeature('http://xml.org/sax/features/external-general-entities', false)
        f.setFeature('http://xml.org/sax/features/external-parameter-entities', false)
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true)
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, '')
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, '')
        f.setXIncludeAware(false)
        f.setExpandEntityReferences(false)
        f.setNamespaceAware(true)
        def builder = f.newDocumentBuilder()
        builder.setErrorHandler(null)
        tree(builder.parse(new InputSource(new ByteArrayInputStream(xml))).documentElement)
    }

    private static Map tree(Element e) {
        StringBuilder text = new StringBuilder()
        List children = []
        Map attributes = [:]
        for (int i = 0; i < e.attributes.length; i++) {
            attributes[e.attributes.item(i).nodeName] = e.attributes.item(i).nodeValue
        }
        for (Node n = e.firstChild; n != null; n = n.nextSibling) {
            switch (n.nodeType) {
                case Node.ELEMENT_NODE: children << tree((Element) n); break
                case Node.TEXT_NODE:
                case Node.CDATA_SECTION_NODE: text << n.nodeValue; break
                case Node.COMMENT_NODE:
                case Node.PROCESSING_INSTRUCTION_NODE: break
                default: throw new IllegalArgumentException("unexpected XML node type $n.nodeType in <$e.tagName>")
            }
        }
        [name: e.tagName, attributes: attributes, text: text.toString().trim(), children: children]
    }
}
