package io.cnsh.dsl;

import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.io.AbstractReaderSource;
import org.codehaus.groovy.control.io.FileReaderSource;
import org.codehaus.groovy.control.io.ReaderSource;

/**
 * The rewritten text of a script standing in for its original {@link ReaderSource}: it keeps the
 * original's URI (and, for a file, stays a {@link FileReaderSource} with the same file, which
 * Groovy's source-aware customizers look for) and can be reopened any number of times.
 */
final class RewrittenSource {

    private RewrittenSource() {
    }

    /** Whether {@code source} already holds rewritten text. */
    static boolean isRewritten(ReaderSource source) {
        return source instanceof OfFile || source instanceof OfOther;
    }

    static ReaderSource of(ReaderSource original, String text, CompilerConfiguration configuration) {
        if (original instanceof FileReaderSource file) {
            return new OfFile(file, text, configuration);
        }
        return new OfOther(original, text, configuration);
    }

    private static final class OfFile extends FileReaderSource {
        private final String text;

        OfFile(FileReaderSource original, String text, CompilerConfiguration configuration) {
            super(original.getFile(), configuration);
            this.text = text;
        }

        @Override
        public Reader getReader() {
            return new StringReader(text);
        }
    }

    private static final class OfOther extends AbstractReaderSource {
        private final ReaderSource original;
        private final String text;

        OfOther(ReaderSource original, String text, CompilerConfiguration configuration) {
            super(configuration);
            this.original = original;
            this.text = text;
        }

        @Override
        public Reader getReader() {
            return new StringReader(text);
        }

        @Override
        public URI getURI() {
            return original.getURI();
        }

        @Override
        public void cleanup() {
            super.cleanup();
            original.cleanup();
        }
    }
}
