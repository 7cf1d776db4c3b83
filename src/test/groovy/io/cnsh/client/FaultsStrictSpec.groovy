package io.cnsh.client

/** The features of {@link FaultsSpec} against a strict sandbox, so that the client relies on no leniency. */
class FaultsStrictSpec extends FaultsSpec {

    @Override
    boolean strictSandbox() {
        true
    }

    def "the sandbox of these features is strict"() {
        expect:
        server.strict()
    }
}
