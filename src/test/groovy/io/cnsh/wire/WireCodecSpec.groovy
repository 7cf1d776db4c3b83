package io.cnsh.wire

import spock.lang.Specification

/** Choosing a codec: formats by name, shared default codecs, content types. */
class WireCodecSpec extends Specification {

    def "the format argument '#name' is #format"() {
        expect:
        Format.parse(name) == format
        format.wireName() == name.trim().toLowerCase()

        where:
        name    || format
        'json'  || Format.JSON
        'XML'   || Format.XML
        ' csv ' || Format.CSV
    }

    def "an unknown format '#name' is refused naming the accepted ones"() {
        when:
        Format.parse(name)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "unknown format '$name' (expected json, xml or csv)"

        where:
        name << ['yaml', '', null]
    }

    def "the default #format codec is built once and shared"() {
        expect:
        WireCodec.of(format).is(WireCodec.of(format))
        WireCodec.of(format).is(WireCodec.of(format, WireLimits.DEFAULT))
        WireCodec.of(format).format() == format

        where:
        format << Format.values()
    }

    def "a #format codec with other limits is a codec of its own"() {
        expect:
        !WireCodec.of(format, new WireLimits(1024)).is(WireCodec.of(format))

        where:
        format << Format.values()
    }

    def "#format bodies are sent as #contentType"() {
        expect:
        WireCodec.of(format).contentType() == contentType

        where:
        format      || contentType
        Format.JSON || 'application/json; charset=utf-8'
        Format.XML  || 'text/xml; charset=utf-8'
        Format.CSV  || 'text/csv; charset=utf-8'
    }
}
