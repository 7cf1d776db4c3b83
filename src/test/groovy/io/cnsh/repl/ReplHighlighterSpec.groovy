package io.cnsh.repl

import org.jline.utils.AttributedStyle
import spock.lang.Specification

class ReplHighlighterSpec extends Specification {

    def highlighter = new ReplHighlighter()

    def "#what is coloured in '#buffer'"() {
        given:
        def text = highlighter.highlight(null, buffer)
        int at = buffer.indexOf(token)

        expect:
        text.toString() == buffer
        (at..<(at + token.length())).every { text.styleAt(it) == style }

        where:
        what            | buffer                                         | token             || style
        'the resource'  | "agents < read auth_level: 'admin' >"          | 'agents'          || ReplHighlighter.RESOURCE
        'the verb'      | "agents < read auth_level: 'admin' >"          | 'read'            || ReplHighlighter.VERB
        'a field name'  | "agents < read auth_level: 'admin' >"          | 'auth_level'      || ReplHighlighter.FIELD
        'a string'      | "agents < read auth_level: 'admin' >"          | "'admin'"         || ReplHighlighter.STRING
        'a verb alone'  | "agents <\n  create name: 'A'\n>"              | 'create'          || ReplHighlighter.VERB
        'a command'     | '/connect prod'                                | '/connect'        || ReplHighlighter.COMMAND
        'a comment'     | 'x = 1 // agents < read >'                     | '// agents < read >' || ReplHighlighter.COMMENT
    }

    def "names that only look like the DSL keep the default style"() {
        given:
        def text = highlighter.highlight(null, buffer)
        int at = buffer.indexOf(token)

        expect:
        (at..<(at + token.length())).every { text.styleAt(it) == AttributedStyle.DEFAULT }

        where:
        buffer                    | token
        'myagents < 3'            | 'myagents'
        'agents <= 3'             | 'agents'
        'name = 1'                | 'name'
        'x.read'                  | 'read'
    }
}
