package io.cnsh.repl

import org.jline.utils.AttributedStyle
import spock.lang.Specification

/** Highlighting reads the scanner's tokens, so it colours what Groovy reads, not what a regex guesses. */
class ReplHighlighterTokensSpec extends Specification {

    def highlighter = new ReplHighlighter(['/help', '/load'])

    def "#what is coloured as #name in '#buffer'"() {
        given:
        def text = highlighter.highlight(null, buffer)
        int at = buffer.indexOf(token)

        expect:
        text.toString() == buffer
        (at..<(at + token.length())).every { text.styleAt(it) == style }

        where:
        what                            | buffer                                | token           || style                    | name
        'a slashy regex'                | "'a(b'.split(/\\(/)"                  | '/\\(/'         || ReplHighlighter.STRING   | 'a string'
        'a slashy regex starting a line' | "/a+/.matcher('aa')"                 | '/a+/'          || ReplHighlighter.STRING   | 'a string'
        'a dollar-slashy string'        | 'x = $/a/b/$'                         | '$/a/b/$'       || ReplHighlighter.STRING   | 'a string'
        'a block comment'               | '/* note */ 1'                        | '/* note */'    || ReplHighlighter.COMMENT  | 'a comment'
        'a resource after a comment'    | 'agents /* c */ < read limit: 1 >'    | 'agents'        || ReplHighlighter.RESOURCE | 'the resource'
        'the verb after a comment'      | 'agents /* c */ < read limit: 1 >'    | 'read'          || ReplHighlighter.VERB     | 'the verb'
        'a known command'               | '/load /tmp/x.groovy'                 | '/load'         || ReplHighlighter.COMMAND  | 'a command'
        'a GString part'                | '"id ${n} of"'                        | '"id ${'        || ReplHighlighter.STRING   | 'a string'
    }

    def "#what keeps the default style in '#buffer'"() {
        given:
        def text = highlighter.highlight(null, buffer)
        int at = buffer.indexOf(token)

        expect:
        (at..<(at + token.length())).every { text.styleAt(it) == AttributedStyle.DEFAULT }

        where:
        what                            | buffer                          | token
        'division'                      | 'a / b / c'                     | '/ b /'
        'a resource inside a string'    | "'agents < read >'.size()"      | '.size()'
        'the code in an interpolation'  | '"id ${n} of"'                  | 'n'
        'a member named like a resource' | 'x.agents < 3'                 | 'agents'
    }
}
