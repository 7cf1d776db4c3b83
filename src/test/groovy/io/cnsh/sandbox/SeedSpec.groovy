package io.cnsh.sandbox

import spock.lang.Specification

/** The demo seed holds what reports and rehearsals look for, always the same. */
class SeedSpec extends Specification {

    def demo = Seed.DEMO.agents()

    def "the demo seed is forty agents across three auth levels and four campaigns"() {
        expect:
        demo.size() == 40
        demo*.authLevel().toSet() == ['admin', 'supervisor', 'agent'].toSet()
        demo.findAll { it.filter() == '0' }*.selfserveId().toSet() == ['3101', '3102', '3103', '3104'].toSet()
        demo.every { it.agentid() == null }
        demo.every { it.problems().isEmpty() }
    }

    def "it has what an audit should find: a shared username, weak and shared pins, a deleted and a system agent"() {
        expect:
        demo.count { it.username() == 'jsmith' } == 2
        ['1234', '0000', '123456'].every { pin -> demo.any { it.pin() == pin } }
        demo.count { it.pin() == '482913' } == 2
        demo.count { it.isDeleted() } == 1
        demo.count { it.isSystem() } == 1
    }

    def "it is the same every time and the empty seed is empty"() {
        expect:
        Seed.DEMO.agents() == demo
        Seed.NONE.agents().isEmpty()
    }
}
