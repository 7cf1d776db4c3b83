package io.cnsh.dsl

import groovy.transform.CompileStatic
import io.cnsh.model.WriteResult

/**
 * What a DSL write did, in words: {@code created agent 550431}, {@code updated 3 agents}.
 */
@CompileStatic
final class WriteSummary {

    /** {@code create} or {@code update}. */
    final String verb
    /** The API's answer, added up over batches. */
    final WriteResult result

    WriteSummary(String verb, WriteResult result) {
        this.verb = verb
        this.result = result
    }

    /** Records written. */
    long getTotal() { result.total() }

    /** Records that failed. */
    long getBad() { result.bad() }

    /** The new agentid of a create (the last one, when several were created in one request). */
    long getKey() { result.key() }

    @Override
    String toString() {
        String noun = result.total() == 1 ? 'agent' : 'agents'
        String done = verb == 'create' ? 'created' : 'updated'
        String text = verb == 'create' && result.total() == 1
                ? "created agent ${result.key()}"
                : "${done} ${result.total()} ${noun}"
        result.bad() > 0 ? "${text}, ${result.bad()} bad: ${result.error()}" : text
    }
}
