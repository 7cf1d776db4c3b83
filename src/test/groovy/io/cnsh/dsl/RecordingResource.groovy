package io.cnsh.dsl

/**
 * A stand-in resource for syntax specs: it runs a DSL block with itself as the delegate
 * (DELEGATE_FIRST, as the real resources do) and records each verb with its arguments.
 */
class RecordingResource {

    final List<List> calls = []

    def call(@DelegatesTo(value = RecordingResource, strategy = Closure.DELEGATE_FIRST) Closure body) {
        Closure block = body.rehydrate(this, body.owner, body.thisObject)
        block.resolveStrategy = Closure.DELEGATE_FIRST
        block.call()
    }

    def create(Map fields) {
        calls << ['create', fields]
        "created ${fields.name}"
    }

    def read() {
        calls << ['read']
        ['everyone']
    }

    def read(Map filters) {
        calls << ['read', filters]
        ['matching', filters]
    }

    def update(Map fields) {
        calls << ['update', fields]
        1
    }
}
