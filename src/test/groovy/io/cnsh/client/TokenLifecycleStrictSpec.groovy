package io.cnsh.client

/** The features of {@link TokenLifecycleSpec} against a strict sandbox, so that the client relies on no leniency. */
class TokenLifecycleStrictSpec extends TokenLifecycleSpec {

    @Override
    boolean strictSandbox() {
        true
    }

    def "the sandbox of these features is strict"() {
        expect:
        server.strict()
    }
}
