package io.cnsh.dsl

import spock.lang.Specification

/**
 * {@link OneForm#parse} takes a text only when it can give the verb the very arguments Groovy would:
 * each accepted text is also compiled (rewritten and run against a {@link RecordingResource}) and the
 * recorded call, its argument map and the class of every value must be the same. Everything else is
 * left to the compiler.
 */
class OneFormSpec extends Specification {

    def "#text: the verb and arguments Groovy would pass, to the class"() {
        when:
        def form = OneForm.parse(text).orElseThrow()
        def recorded = compiled(text)

        then:
        recorded[0] == form.verb()
        (recorded.size() == 1 ? null : recorded[1]) == form.args()
        (recorded.size() == 1 ? [] : recorded[1].values()*.getClass()) == (form.args()?.values()*.getClass() ?: [])
        recorded.size() == 1 || recorded[1].getClass() == LinkedHashMap

        where:
        text << [
            "agents < read auth_level: 'admin' >",
            'agents < read >',
            'agents < read limit: 7 >',
            'agents < read limit: 2147483647, start: 2147483648 >',
            'agents < read limit: -2147483648, start: -2147483649 >',
            'agents < read limit: 9223372036854775808 >',
            'agents < read limit: 2.9, start: -0.50 >',
            'agents < read limit: 0, start: -0 >',
            'agents < read all: true, filter: false, name: null >',
            'agents < read name: "Priya Raman", username: \'\' >',
            "agents < create name: 'Joe Bloggs', username: 'joe', pin: '482913' >",
            "agents < update agentid: 550003, name: 'Grace Okafor-Reid' >",
            "#!/usr/bin/env cnsh\n// a comment\nagents < read limit: 1 >;\n/* done */\n",
            'agents < read limit: 1 > ; ;\n;',
        ]
    }

    def "#what is left to the compiler"() {
        expect:
        OneForm.parse(text).isEmpty()

        where:
        what                         | text
        'null'                       | null
        'an empty text'              | ''
        'a blank text'               | ' \n '
        'plain Groovy'               | '1'
        'a variable'                 | 'agents < read auth_level: level >'
        'a GString'                  | 'agents < read auth_level: "a$x" >'
        'a GString with braces'      | 'agents < read auth_level: "a${x}" >'
        'a dollar in double quotes'  | 'agents < read auth_level: "a$" >'
        'an escape'                  | "agents < read name: 'a\\nb' >"
        'a triple-quoted string'     | "agents < read name: '''a''' >"
        'a slashy string'            | 'agents < read name: /a/ >'
        'an unclosed string'         | "agents < read name: 'a >"
        'a hex number'               | 'agents < read limit: 0x10 >'
        'an octal-looking number'    | 'agents < read limit: 010 >'
        'an underscore'              | 'agents < read limit: 1_000 >'
        'an exponent'                | 'agents < read limit: 1e3 >'
        'a suffix'                   | 'agents < read limit: 10L >'
        'a float suffix'             | 'agents < read limit: 1.5f >'
        'a plus sign'                | 'agents < read limit: +1 >'
        'a spaced minus'             | 'agents < read limit: - 1 >'
        'a list'                     | 'agents < read limit: [1] >'
        'a map'                      | 'agents < read limit: [a: 1] >'
        'a closure'                  | 'agents < read filter: { it } >'
        'brackets'                   | 'agents < read limit: (1) >'
        'a call'                     | "agents < read name: 'a'.trim() >"
        'a repeated name'            | 'agents < read limit: 1, limit: 2 >'
        'a trailing comma'           | 'agents < read limit: 1, >'
        'a string name'              | "agents < read 'limit': 1 >"
        'a reserved word as name'    | 'agents < read in: 1 >'
        'positional arguments'       | "agents < update([agentid: 1]) >"
        'an unknown verb'            | 'agents < delete agentid: 1 >'
        'create with nothing'        | 'agents < create >'
        'update with nothing'        | 'agents < update >'
        'a line break in the form'   | "agents < read limit: 1,\nstart: 2 >"
        'the block form'             | "agents <\n  read limit: 1\n>"
        'a comment in the form'      | 'agents < read /* x */ limit: 1 >'
        'a second statement'         | 'agents < read limit: 1 >; 2'
        'two forms'                  | 'agents < read limit: 1 >\nagents < read limit: 2 >'
        'a call on the result'       | 'agents < read limit: 1 >.size()'
        'brackets around the form'   | '(agents < read limit: 1 >)'
        'an assignment'              | 'def x = agents < read limit: 1 >'
        'another resource'           | 'people < read limit: 1 >'
        'a member'                   | 'x.agents < read limit: 1 >'
        'an unclosed form'           | 'agents < read limit: 1'
        'a ; before the form'        | ';agents < read limit: 1 >'
    }

    /** The call Groovy makes for {@code text}: rewritten as cnsh rewrites it, compiled and run. */
    private static List compiled(String text) {
        def resource = new RecordingResource()
        new GroovyShell(new Binding(agents: resource)).evaluate(new DslSourceRewriter().rewrite(text))
        assert resource.calls.size() == 1
        resource.calls[0]
    }
}
