package io.cnsh.cli;

import io.cnsh.client.Confirmer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/**
 * Asks the production guard's question on the controlling terminal, {@code /dev/tty}, and reads the
 * answer from it: never from standard input, which may be a pipe or a file of commands. With no
 * controlling terminal (cron, CI, {@code setsid}) there is nobody to ask.
 */
final class DevTtyConfirmer implements Confirmer {

    static final DevTtyConfirmer INSTANCE = new DevTtyConfirmer("/dev/tty");

    private final String device;

    DevTtyConfirmer(String device) {
        this.device = device;
    }

    @Override
    public Answer ask(String question) {
        RandomAccessFile tty;
        try {
            tty = new RandomAccessFile(device, "rw");
        } catch (IOException | SecurityException e) {
            // no controlling terminal: opening it fails (ENXIO), which is the answer
            return Answer.NO_TERMINAL;
        }
        try (tty) {
            tty.write(question.getBytes(StandardCharsets.UTF_8));
            String line = tty.readLine();
            return Confirmer.isYes(line) ? Answer.YES : Answer.NO;
        } catch (IOException e) {
            return Answer.NO;
        }
    }
}
