package io.cnsh.client

import spock.lang.Isolated


/** The features of {@link FaultsSpec} against a strict sandbox, so that the client relies on no leniency. */
@Isolated("the features of FaultsSpec: read timeouts and concurrent batches that other specs' load would reorder")
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
