package io.cnsh.wire;

import io.cnsh.model.ContactNowException;

/** A text file cnsh was given cannot be read as text; the message is one line naming the file. */
public class TextFileException extends ContactNowException {

    /** What is wrong with the file. */
    public enum Problem {
        /** There is no such file. */
        MISSING,
        /** The path is a directory. */
        DIRECTORY,
        /** The file exists but cannot be read (permissions, I/O). */
        UNREADABLE,
        /** The bytes are not UTF-8. */
        NOT_UTF8
    }

    private final Problem problem;
    private final long offset;

    TextFileException(Problem problem, String message, long offset) {
        super(message);
        this.problem = problem;
        this.offset = offset;
    }

    /** What is wrong with the file. */
    public Problem problem() {
        return problem;
    }

    /** For {@link Problem#NOT_UTF8}: the offset of the first bad byte from the start of the file (0 is the first); else -1. */
    public long offset() {
        return offset;
    }
}
