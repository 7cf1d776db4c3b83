package io.cnsh.repl

import java.nio.charset.StandardCharsets
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/** Input for a shell under test: text typed now or later; {@link #close} is Ctrl-D at the end. */
class Keyboard extends InputStream {

    private static final int EOF = -1
    private final LinkedBlockingQueue<Integer> keys = new LinkedBlockingQueue<>()

    /** Types text (add {@code \n} for Enter). */
    Keyboard type(String text) {
        text.getBytes(StandardCharsets.UTF_8).each { keys.put(it & 0xff) }
        this
    }

    @Override
    int read() {
        int b = keys.take()
        if (b == EOF) {
            keys.put(EOF)
        }
        b
    }

    @Override
    int read(byte[] buffer, int off, int len) {
        if (len == 0) {
            return 0
        }
        int first = read()
        if (first == EOF) {
            return EOF
        }
        buffer[off] = (byte) first
        int n = 1
        Integer next
        while (n < len && (next = keys.peek()) != null && next != EOF) {
            buffer[off + n++] = (byte) keys.poll(0, TimeUnit.MILLISECONDS)
        }
        n
    }

    @Override
    int available() {
        keys.size()
    }

    /** The end of input, as Ctrl-D on an empty line. */
    @Override
    void close() {
        keys.put(EOF)
    }
}
