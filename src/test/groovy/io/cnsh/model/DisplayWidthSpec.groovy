package io.cnsh.model

import java.text.Normalizer
import spock.lang.Specification

class DisplayWidthSpec extends Specification {

    static final String ZOE_NFC = 'Zo\u00EB'
    static final String ZOE_NFD = 'Zoe\u0308'
    static final String WOMAN_DEV = '\uD83D\uDC69\u200D\uD83D\uDCBB'
    static final String FLAG_GB = '\uD83C\uDDEC\uD83C\uDDE7'

    def "text is measured in terminal columns, character by character"() {
        expect:
        DisplayWidth.of(text) == columns

        where:
        text                        || columns
        null                        || 0
        ''                          || 0
        'agent 42'                  || 8
        ZOE_NFC                     || 3
        ZOE_NFD                     || 3
        'e\u0301'                   || 1
        '\u674E\u5C0F\u9F8D'        || 6
        WOMAN_DEV                   || 2
        WOMAN_DEV + ' dev'          || 6
        FLAG_GB                     || 2
        '\uD83D\uDC4D\uD83C\uDFFD'  || 2
        '\u2764\uFE0F'              || 2
        '\uFF21'                    || 2
        '\u0301'                    || 0
        'a\u200Bb'                  || 2
    }

    def "NFC and NFD spellings of a name take the same columns"() {
        expect:
        Normalizer.normalize(ZOE_NFC, Normalizer.Form.NFD) == ZOE_NFD
        DisplayWidth.of(ZOE_NFC) == DisplayWidth.of(ZOE_NFD)
        DisplayWidth.pad(ZOE_NFD, 6) == ZOE_NFD + '   '
    }

    def "a cut keeps whole characters and fits the columns exactly once padded"() {
        expect:
        def cut = DisplayWidth.cut(text, columns)
        DisplayWidth.of(DisplayWidth.pad(cut, columns)) == columns
        DisplayWidth.of(cut) <= columns
        cut.endsWith('\u2026') == (DisplayWidth.of(text) > columns)
        wholeCharacters(text, cut)

        where:
        [text, columns] << [[ZOE_NFD + ' Okafor', '\u674E\u5C0F\u9F8D', WOMAN_DEV + ' dev', FLAG_GB + FLAG_GB,
                             'e\u0301' * 5, '\uD83D\uDE00' * 4, 'abcdef'], (1..7)].combinations()
    }

    def "a prefix never ends inside a character"() {
        expect:
        DisplayWidth.prefix(ZOE_NFD, 3) == ZOE_NFD
        DisplayWidth.prefix(ZOE_NFD, 2) == 'Zo'
        DisplayWidth.prefix('\u674E\u5C0F', 3) == '\u674E'
        DisplayWidth.prefix(WOMAN_DEV + 'x', 2) == WOMAN_DEV
        DisplayWidth.prefix(WOMAN_DEV, 1) == ''
        DisplayWidth.prefix(FLAG_GB + FLAG_GB, 3) == FLAG_GB
        DisplayWidth.prefix('abc', 0) == ''
        DisplayWidth.prefix('abc', -1) == ''
    }

    def "ASCII is cut and padded as plain strings are"() {
        expect:
        DisplayWidth.cut('abcdefgh', 5) == 'abcd\u2026'
        DisplayWidth.cut('abc', 5) == 'abc'
        DisplayWidth.pad('abc', 5) == 'abc  '
        DisplayWidth.pad('abcdef', 3) == 'abcdef'
    }

    /** The cut (less its ellipsis) is a start of the text that ends between characters. */
    static boolean wholeCharacters(String text, String cut) {
        String kept = cut.endsWith('\u2026') && !text.startsWith(cut) ? cut.substring(0, cut.length() - 1) : cut
        assert text.startsWith(kept)
        assert !(kept && Character.isHighSurrogate(kept.charAt(kept.length() - 1)))
        if (kept.length() < text.length()) {
            int next = text.codePointAt(kept.length())
            int type = Character.getType(next)
            assert !(type in [Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK])
            assert next != 0x200D && !(next in 0xFE00..0xFE0F) && !(next in 0x1F3FB..0x1F3FF)
            assert !(kept && kept.codePointBefore(kept.length()) == 0x200D)
            if (next in 0x1F1E6..0x1F1FF) {
                assert kept.codePoints().filter { it in 0x1F1E6..0x1F1FF }.count() % 2 == 0
            }
        }
        true
    }
}
