package io.cnsh.dsl

import spock.lang.Specification

/** The one Groovy scanner: tokens as Groovy's own lexer reads them, on the inputs that trip lexers up. */
class GroovyScannerSpec extends Specification {

    /** Each token as {@code KIND text}, with a {@code !} after the text of an unterminated one. */
    static List<String> tokens(String source) {
        GroovyScanner.scan(source).collect { "${it.kind()} ${it.text(source)}${it.terminated() ? '' : '!'}".toString() }
    }

    def "a / after #after divides; elsewhere it starts a slashy string: #source"() {
        expect:
        tokens(source) == expected

        where:
        after                 | source               || expected
        'a name'              | 'a / b / c'          || ['IDENTIFIER a', 'OPERATOR /', 'IDENTIFIER b', 'OPERATOR /', 'IDENTIFIER c']
        'a )'                 | 'f(x) / 2 / 3'       || ['IDENTIFIER f', 'OPEN (', 'IDENTIFIER x', 'CLOSE )', 'OPERATOR /', 'NUMBER 2', 'OPERATOR /', 'NUMBER 3']
        'a ]'                 | 'a[0] / 2 /1'        || ['IDENTIFIER a', 'OPEN [', 'NUMBER 0', 'CLOSE ]', 'OPERATOR /', 'NUMBER 2', 'OPERATOR /', 'NUMBER 1']
        'a }'                 | '{ 1 } / 2 / 3'      || ['OPEN {', 'NUMBER 1', 'CLOSE }', 'OPERATOR /', 'NUMBER 2', 'OPERATOR /', 'NUMBER 3']
        'a number'            | '10 / 2 / 5'         || ['NUMBER 10', 'OPERATOR /', 'NUMBER 2', 'OPERATOR /', 'NUMBER 5']
        'a string'            | "'a' / 2 / 1"        || ["STRING 'a'", 'OPERATOR /', 'NUMBER 2', 'OPERATOR /', 'NUMBER 1']
        'i++'                 | 'i++ / 2 / 1'        || ['IDENTIFIER i', 'OPERATOR ++', 'OPERATOR /', 'NUMBER 2', 'OPERATOR /', 'NUMBER 1']
        'this'                | 'this / 2 / 1'       || ['KEYWORD this', 'OPERATOR /', 'NUMBER 2', 'OPERATOR /', 'NUMBER 1']
        'an operator'         | 'x = /a/ + /b/'      || ['IDENTIFIER x', 'OPERATOR =', 'STRING /a/', 'OPERATOR +', 'STRING /b/']
        'a (, in a call'      | "'a(b'.split(/\\(/)" || ["STRING 'a(b'", 'OPERATOR .', 'IDENTIFIER split', 'OPEN (', 'STRING /\\(/', 'CLOSE )']
        'the start'           | "/a+/.matcher('aa')" || ['STRING /a+/', 'OPERATOR .', 'IDENTIFIER matcher', 'OPEN (', "STRING 'aa'", 'CLOSE )']
        'return'              | 'return /x/'         || ['KEYWORD return', 'STRING /x/']
        'a line break'        | 'a\n/x/'             || ['IDENTIFIER a', 'NEWLINE \n', 'STRING /x/']
        'a line break in ( )' | 'f(a\n/ 2)'          || ['IDENTIFIER f', 'OPEN (', 'IDENTIFIER a', 'NEWLINE \n', 'OPERATOR /', 'NUMBER 2', 'CLOSE )']
    }

    def "strings of every kind are one token each: #source"() {
        expect:
        tokens(source) == expected

        where:
        source                      || expected
        "'it\\'s'"                  || ["STRING 'it\\'s'"]
        '"a \\" b"'                 || ['STRING "a \\" b"']
        "'''one\n'two'\n'''"        || ["STRING '''one\n'two'\n'''"]
        '"""say "hi\""""'           || ['STRING """say "hi\""""']
        '"cost $x"'                 || ['STRING "cost $x"']
        '/a\\/b/'                   || ['STRING /a\\/b/']
        '$/a/b$$ $/ /$'             || ['STRING $/a/b$$ $/ /$']
        '$/ x /$ / 2'               || ['STRING $/ x /$', 'OPERATOR /', 'NUMBER 2']
    }

    def "a GString is read as Groovy does, in parts around its interpolations: #source"() {
        expect:
        tokens(source) == expected

        where:
        source                    || expected
        '"a ${b} c ${d} e"'       || ['GSTRING_BEGIN "a ${', 'IDENTIFIER b', 'GSTRING_PART } c ${', 'IDENTIFIER d', 'GSTRING_END } e"']
        '"${ "}" }"'              || ['GSTRING_BEGIN "${', 'STRING "}"', 'GSTRING_END }"']
        '"${ [1].collect { it } }"' || ['GSTRING_BEGIN "${', 'OPEN [', 'NUMBER 1', 'CLOSE ]', 'OPERATOR .', 'IDENTIFIER collect', 'OPEN {', 'IDENTIFIER it', 'CLOSE }', 'GSTRING_END }"']
        '"${ "${x}" }"'           || ['GSTRING_BEGIN "${', 'GSTRING_BEGIN "${', 'IDENTIFIER x', 'GSTRING_END }"', 'GSTRING_END }"']
        '/x ${y} z/'              || ['GSTRING_BEGIN /x ${', 'IDENTIFIER y', 'GSTRING_END } z/']
        '"""a ${b}\nc"""'         || ['GSTRING_BEGIN """a ${', 'IDENTIFIER b', 'GSTRING_END }\nc"""']
    }

    def "comments, the shebang, numbers, names and operators: #source"() {
        expect:
        tokens(source) == expected

        where:
        source                       || expected
        '#!/usr/bin/env cnsh\nx'     || ['SHEBANG #!/usr/bin/env cnsh', 'NEWLINE \n', 'IDENTIFIER x']
        'x // a / (comment'          || ['IDENTIFIER x', 'LINE_COMMENT // a / (comment']
        '/* note */ 1'               || ['BLOCK_COMMENT /* note */', 'NUMBER 1']
        '/** doc */ def f'           || ['BLOCK_COMMENT /** doc */', 'KEYWORD def', 'IDENTIFIER f']
        '0x1F 1.5e-3 10L 1_000 1..5' || ['NUMBER 0x1F', 'NUMBER 1.5e-3', 'NUMBER 10L', 'NUMBER 1_000', 'NUMBER 1', 'OPERATOR ..', 'NUMBER 5']
        'a?.b ?: c <=> d'            || ['IDENTIFIER a', 'OPERATOR ?.', 'IDENTIFIER b', 'OPERATOR ?:', 'IDENTIFIER c', 'OPERATOR <=>', 'IDENTIFIER d']
        'agents < read >'            || ['IDENTIFIER agents', 'OPERATOR <', 'IDENTIFIER read', 'OPERATOR >']
        'a ?[0]'                     || ['IDENTIFIER a', 'OPEN ?[', 'NUMBER 0', 'CLOSE ]']
        'x = 1 \\\n + 2'             || ['IDENTIFIER x', 'OPERATOR =', 'NUMBER 1', 'OPERATOR +', 'NUMBER 2']
    }

    def "text that ends inside #what ends with an unterminated token"() {
        expect:
        tokens(source) == expected

        where:
        what                           | source        || expected
        'a quoted string'              | "x = 'abc"    || ['IDENTIFIER x', 'OPERATOR =', "STRING 'abc!"]
        'a triple-quoted string'       | "'''a\nb"     || ["STRING '''a\nb!"]
        'a slashy string'              | 'x = /ab'     || ['IDENTIFIER x', 'OPERATOR =', 'STRING /ab!']
        'a dollar-slashy string'       | '$/ab'        || ['STRING $/ab!']
        'a block comment'              | '/* note'     || ['BLOCK_COMMENT /* note!']
        'an interpolation'             | '"a ${b'      || ['GSTRING_BEGIN "a ${', 'IDENTIFIER b']
        'a GString after its last ${}' | '"a ${b} c'   || ['GSTRING_BEGIN "a ${', 'IDENTIFIER b', 'GSTRING_END } c!']
    }

    def "a one-line string cut by a line break is unterminated there, and the next line is code"() {
        expect:
        tokens("x = 'abc\ny") == ['IDENTIFIER x', 'OPERATOR =', "STRING 'abc!", 'NEWLINE \n', 'IDENTIFIER y']
    }

    def "every character but spaces belongs to exactly one token, in order"() {
        given:
        String source = '#!/bin/cnsh\ndef r = agents < read name: "x ${ y / 2 }" > // c\n/* d */ $/e/$ + /f/ ?: \'g\''
        List<Integer> covered = GroovyScanner.scan(source).collectMany { (it.start()..<it.end()) as List<Integer> }

        expect:
        covered == (covered as SortedSet).toList()
        (0..<source.length()).findAll { !(it in covered) }.every { source[it] == ' ' }
    }

    def "literals are the strings and numbers, a GString whole and its inner literals after it"() {
        given:
        String source = 'x = "id ${482913} of ${n}" + \'a\' + /r/ + 7'

        expect:
        GroovyScanner.literals(source, GroovyScanner.scan(source)).collect { source.substring(it.valueStart(), it.valueEnd()) } ==
                ['id ${482913} of ${n}', '482913', 'a', 'r', '7']
    }
}
