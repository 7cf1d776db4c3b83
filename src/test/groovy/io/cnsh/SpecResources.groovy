package io.cnsh

/**
 * Names of what spec classes cannot share while the suite runs them side by side
 * (src/test/resources/SpockConfig.groovy), for {@code @spock.lang.ResourceLock}.
 */
final class SpecResources {

    /**
     * The machine's time for a JVM, shell or sandbox started as a process of its own: a spec that
     * starts one and waits for it to get somewhere (a signal, a crash, a terminal, a file-size limit)
     * holds this, so two such specs never slow each other's processes towards their deadlines.
     */
    static final String CHILD_PROCESSES = 'cnsh.child-processes'

    private SpecResources() {
    }
}
