package io.cnsh.dsl

/** A script base class for the spec that checks the compiler configuration installs one. */
abstract class ProbeScript extends Script {

    String probe() {
        'from the base class'
    }
}
