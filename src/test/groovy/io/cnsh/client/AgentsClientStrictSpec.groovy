package io.cnsh.client

/** The features of {@link AgentsClientSpec} against a strict sandbox, so that the client relies on no leniency. */
class AgentsClientStrictSpec extends AgentsClientSpec {

    @Override
    boolean strictSandbox() {
        true
    }

    def "the sandbox of these features is strict"() {
        expect:
        server.strict()
    }
}
