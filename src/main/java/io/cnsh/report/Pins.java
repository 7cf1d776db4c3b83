package io.cnsh.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The weak-PIN rules of the security audit: too short, one digit repeated, a run of consecutive
 * digits (up or down, 9 to 0 wrapping), a short pattern repeated, or one of the PINs people choose
 * most. The reasons never contain the PIN itself.
 */
public final class Pins {

    /** PINs common enough to be tried first by anyone guessing (besides the patterns above). */
    static final Set<String> COMMON = Set.of(
            "1234", "0000", "1111", "1212", "7777", "1004", "2000", "4444", "2222", "6969", "9999", "3333",
            "5555", "6666", "1122", "1313", "8888", "4321", "2001", "1010", "2580", "0852", "1998", "1999",
            "12345", "54321", "123456", "654321", "111111", "000000", "121212", "112233", "123123",
            "159753", "147258", "696969", "123321", "666666", "789456", "987654", "147852", "258369");

    private Pins() {
    }

    /** Why this PIN is weak, e.g. {@code [one digit repeated]}; empty when it passes (or is empty). */
    public static List<String> weaknesses(String pin) {
        List<String> out = new ArrayList<>();
        if (pin == null || pin.isEmpty()) {
            return out;
        }
        if (pin.length() < 4) {
            out.add("fewer than 4 digits");
        }
        if (pin.length() > 1 && pin.chars().distinct().count() == 1) {
            out.add("one digit repeated");
        } else if (pin.length() >= 3 && sequence(pin)) {
            out.add("consecutive digits");
        } else if (repeatedPattern(pin)) {
            out.add("a short pattern repeated");
        }
        if (COMMON.contains(pin)) {
            out.add("one of the most common PINs");
        }
        return out;
    }

    /** True when the PIN has at least one weakness. */
    public static boolean isWeak(String pin) {
        return !weaknesses(pin).isEmpty();
    }

    private static boolean sequence(String pin) {
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int a = pin.charAt(i - 1) - '0';
            int b = pin.charAt(i) - '0';
            up &= b == (a + 1) % 10;
            down &= b == (a + 9) % 10;
        }
        return up || down;
    }

    private static boolean repeatedPattern(String pin) {
        for (int period = 2; period <= pin.length() / 2; period++) {
            if (pin.length() % period != 0) {
                continue;
            }
            String unit = pin.substring(0, period);
            if (unit.repeat(pin.length() / period).equals(pin)) {
                return true;
            }
        }
        return false;
    }
}
