package io.cnsh.dsl;

/**
 * Ends a script early with an exit code ({@code exit 4} in a script, or {@code --help}). An
 * {@link Error}, not an exception, so that a script's {@code catch (Exception e)} (and Groovy's
 * untyped {@code catch (e)}) does not stop it; {@link ScriptRunner} holds the code even against
 * {@code catch (Throwable t)}.
 */
public final class ScriptExit extends Error {

    private final int code;
    private final String problem;

    public ScriptExit(int code) {
        this(code, null);
    }

    /** An exit that is also an error, e.g. {@code exit 256}: {@code problem} says what was wrong, in one line. */
    public ScriptExit(int code, String problem) {
        super(problem == null ? "exit " + code : problem, null, false, false);
        this.code = code;
        this.problem = problem;
    }

    public int code() {
        return code;
    }

    /** What was wrong with the exit, or null for a plain one. */
    public String problem() {
        return problem;
    }

    /**
     * The exit a script asked for with {@code exit value}: a whole number from 0 to 255 ends it with
     * that code; anything else ({@code 256}, {@code -1}, {@code 2.9}, {@code '4'}, null) ends it with
     * 1 and says why, rather than wrapping to another code.
     */
    public static ScriptExit of(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            long n = ((Number) value).longValue();
            if (value instanceof java.math.BigInteger big && big.bitLength() > 63) {
                n = -1;
            }
            if (n >= 0 && n <= 255) {
                return new ScriptExit((int) n);
            }
        }
        String shown = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
        return new ScriptExit(1, "exit " + shown + " refused: exit takes a whole number from 0 to 255"
                + " (codes past 255 would wrap); the script ends with 1");
    }
}
