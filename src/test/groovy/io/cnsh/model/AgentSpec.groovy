package io.cnsh.model

import spock.lang.Specification

class AgentSpec extends Specification {

    def "with, without and withAll return new records and leave the original unchanged"() {
        given:
        Agent joe = Agent.of([agentid: '550423', name: 'Joe Blogs'])

        when:
        Agent renamed = joe.with('name', 'John Dow')
        Agent noName = joe.without('name')
        Agent more = joe.withAll([phone: '0123', moh: 'none'])

        then:
        joe.fields() == [agentid: '550423', name: 'Joe Blogs']
        renamed.fields() == [agentid: '550423', name: 'John Dow']
        noName.fields() == [agentid: '550423']
        more.fields() == [agentid: '550423', name: 'Joe Blogs', phone: '0123', moh: 'none']
    }

    def "the field map of a record cannot be changed through #how"() {
        given:
        Agent joe = Agent.of([name: 'Joe'])

        when:
        change(joe)

        then:
        thrown(UnsupportedOperationException)
        joe.fields() == [name: 'Joe']

        where:
        how               || change
        'fields().put'    || { Agent a -> a.fields().put('pin', '1') }
        'fields().remove' || { Agent a -> a.fields().remove('name') }
        'fields().clear'  || { Agent a -> a.fields().clear() }
        'unknownFields()' || { Agent a -> a.unknownFields().put('x', '1') }
        'an entry'        || { Agent a -> a.fields().entrySet().first().setValue('Ann') }
        'the entry set'   || { Agent a -> a.fields().entrySet().clear() }
        'merge'           || { Agent a -> a.fields().merge('name', 'x') { o, n -> n } }
        'remove(absent)'  || { Agent a -> a.fields().remove('phone') }
        'computeIfAbsent' || { Agent a -> a.fields().computeIfAbsent('pin') { '1' } }
    }

    def "the field map is an ordered map like any other: equal, same hash, null values kept apart from absent fields"() {
        given:
        def source = new LinkedHashMap<String, String>([agentid: '7', name: 'Joe', phone: null, team_colour: 'teal'])
        Agent joe = Agent.of(source)

        expect:
        joe.fields() == source
        source == joe.fields()
        joe.fields().hashCode() == source.hashCode()
        joe.fields().keySet().toList() == ['agentid', 'name', 'phone', 'team_colour']
        joe.fields().values().toList() == ['7', 'Joe', null, 'teal']
        joe.fields().containsKey('phone') && joe.fields().get('phone') == null
        !joe.fields().containsKey('pin') && joe.fields().get('pin') == null
        joe.fields().getOrDefault('pin', 'none') == 'none'
        joe.fields().getOrDefault('phone', 'none') == null
        joe.fields().get(new String('name'.toCharArray())) == 'Joe'
        Agent.of([:]).fields().isEmpty()
        Agent.of([b: '1', a: '2']) == Agent.of([a: '2', b: '1']) // as maps are: the order is not compared
    }

    def "a record copies the map it is made from"() {
        given:
        Map<String, String> source = [name: 'Joe']
        Agent joe = Agent.of(source)

        when:
        source.name = 'Ann'
        source.pin = '1'

        then:
        joe.fields() == [name: 'Joe']
    }

    def "the builder keeps the order of its calls and a field set twice keeps its first place"() {
        when:
        Agent a = Agent.builder().name('Joe').agentid(7).set('x_custom', 'a').name('John').build()

        then:
        a.fields().keySet() as List == ['name', 'agentid', 'x_custom']
        a.fields() == [name: 'John', agentid: '7', x_custom: 'a']
    }

    def "toBuilder starts from the record's fields without changing the record"() {
        given:
        Agent joe = Agent.of([agentid: '1', name: 'Joe'])

        when:
        Agent.Builder b = joe.toBuilder().name('Ann').remove('agentid').phone('0123')
        Agent ann = b.build()

        then:
        joe.fields() == [agentid: '1', name: 'Joe']
        ann.fields() == [name: 'Ann', phone: '0123']
    }

    def "a record built from a builder does not change when the builder goes on"() {
        given:
        Agent.Builder b = Agent.builder().name('Joe')
        Agent first = b.build()

        when:
        b.name('Ann').pin('1234')

        then:
        first.fields() == [name: 'Joe']
        b.build().fields() == [name: 'Ann', pin: '1234']
    }

    def "accessor #javaName reads and builder method #javaName sets the field #wireName"() {
        when:
        Agent a = Agent.builder()."$javaName"('v1').build()

        then:
        a.fields() == [(field.wireName()): 'v1']
        a."$javaName"() == 'v1'
        a.get(field) == 'v1'

        where:
        field << AgentField.values().findAll { it != AgentField.AGENTID }
        javaName = field.javaName()
        wireName = field.wireName()
    }

    def "null and the empty string are different values and an absent field is neither"() {
        given:
        Agent a = Agent.of([phone: null, userfield: ''])

        expect:
        a.has('phone') && a.get('phone') == null
        a.has('userfield') && a.get('userfield') == ''
        !a.has('moh') && a.get('moh') == null
        a != Agent.of([phone: '', userfield: ''])
        a != Agent.of([userfield: ''])
        a == Agent.of([phone: null, userfield: ''])
        a.hashCode() == Agent.of([phone: null, userfield: '']).hashCode()
    }

    def "fields the documentation does not list are kept in the order given"() {
        given:
        Agent a = Agent.of([zeta: 'z', agentid: '1', alpha: 'a', name: 'Joe', mid: null])

        expect:
        a.fields().keySet() as List == ['zeta', 'agentid', 'alpha', 'name', 'mid']
        a.unknownFields() == [zeta: 'z', alpha: 'a', mid: null]
        a.unknownFields().keySet() as List == ['zeta', 'alpha', 'mid']
        a.size() == 5
    }

    def "toString shows the fields in order but not the pin or the password"() {
        given:
        Agent a = Agent.of([agentid: '1', pin: '918273', password: 'Hunter2-Secret', name: 'Joe'])

        when:
        String shown = a.toString()

        then:
        !shown.contains('918273')
        !shown.contains('Hunter2-Secret')
        shown.contains("pin=${Secrets.MASK}")
        shown.contains("password=${Secrets.MASK}")
        shown.indexOf('agentid=1') < shown.indexOf('pin=') && shown.indexOf('pin=') < shown.indexOf('name=Joe')
    }

    def "toString shows a null pin as null, so absence stays visible"() {
        expect:
        Agent.of([pin: null]).toString().contains('pin=null')
    }

    def "agentid() reads #text as #expected"() {
        expect:
        Agent.of([agentid: text]).agentid() == expected

        where:
        text                   || expected
        '550423'               || 550423L
        ' 42 '                 || 42L
        '0'                    || 0L
        ''                     || null
        null                   || null
        'abc'                  || null
        '99999999999999999999' || null
    }

    def "agentid() is null when the record has no agentid"() {
        expect:
        Agent.of([name: 'Joe']).agentid() == null
    }

    def "a value given as #value.getClass().simpleName #value is kept as the text '#text'"() {
        expect:
        Agent.of([x: value]).get('x') == text
        Agent.empty().with('x', value).get('x') == text
        Agent.builder().set('x', value).build().get('x') == text

        where:
        value                             || text
        'Joe'                             || 'Joe'
        550423                            || '550423'
        550423L                           || '550423'
        2.0d                              || '2'
        2.5d                              || '2.5'
        1e20d                             || '100000000000000000000'
        3.0f                              || '3'
        new BigInteger('12345678901234567890') || '12345678901234567890'
        true                              || 'true'
        new StringBuilder('sb')           || 'sb'
    }

    def "a null value is kept as null"() {
        expect:
        Agent.of([phone: null]).get('phone') == null
        Agent.empty().with('phone', null).has('phone')
    }

    def "a field name cannot be null in #how"() {
        when:
        make()

        then:
        def e = thrown(NullPointerException)
        e.message == 'field name'

        where:
        how               || make
        'of'              || { Agent.of([(null): 'x']) }
        'with'            || { Agent.empty().with((String) null, 'x') }
        'withAll'         || { Agent.empty().withAll([(null): 'x']) }
        'builder().set'   || { Agent.builder().set((String) null, 'x') }
    }

    def "problems() lists the broken rules of documented fields, one line each, pin masked"() {
        given:
        Agent a = Agent.of([agentid: 'x1', pin: 'abc918', aod: 'maybe', auth_level: 'anything', custom: '!!'])

        expect:
        a.problems() == [
                "field 'agentid' must be digits only, got 'x1'",
                "field 'pin' must be digits only, got ${Secrets.MASK}",
                "field 'aod' must be yes or no, got 'maybe'"]
        !a.problems().any { it.contains('abc918') }
    }

    def "problems() names a character XML 1.0 cannot carry in any field, documented or not: #what"() {
        expect:
        Agent.of(fields).problems() == [expected]

        where:
        what                        | fields                                          || expected
        'U+0000 in a name'          | [name: 'A\u0000B']                               || "field 'name' holds the control character U+0000 (character 2), which XML 1.0 cannot carry; remove it"
        'a bell in a pin'           | [pin: '12\u0007']                                || "field 'pin' holds the control character U+0007 (character 3), which XML 1.0 cannot carry; remove it"
        'an unpaired surrogate'     | [userfield: '\ud800x']                           || "field 'userfield' holds the unpaired surrogate U+D800 (character 1), which XML 1.0 cannot carry; remove it"
        'U+FFFE in an unlisted one' | [name: 'A', note: '\ufffe']                      || "field 'note' holds the non-character U+FFFE (character 1), which XML 1.0 cannot carry; remove it"
    }

    def "tab, line feed, carriage return and pairs beyond U+FFFF are text XML can carry"() {
        expect:
        Agent.of([name: 'A\tB\nC\rD \uD83D\uDE00', note: 'x\uE000\uFFFD']).problems().isEmpty()
    }

    def "a record with filter #filter is deleted #deleted and system #system"() {
        expect:
        Agent.of([filter: filter]).isDeleted() == deleted
        Agent.of([filter: filter]).isSystem() == system

        where:
        filter   || deleted | system
        '0'      || false   | false
        '999'    || true    | false
        '505050' || false   | true
        null     || false   | false
    }
}
