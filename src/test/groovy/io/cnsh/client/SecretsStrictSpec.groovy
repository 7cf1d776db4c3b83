package io.cnsh.client

/** The features of {@link SecretsSpec} against a strict sandbox, so that the client relies on no leniency. */
class SecretsStrictSpec extends SecretsSpec {

    @Override
    boolean strictSandbox() {
        true
    }

    def "the sandbox of these features is strict"() {
        expect:
        server.strict()
    }
}
