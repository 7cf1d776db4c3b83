package io.cnsh.cli;

import io.cnsh.sandbox.Seed;
import io.cnsh.wire.Format;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for option values, with their checks. A converter says what is wrong with a
 * value without naming the option ({@code must be a whole number from 0 to 65535, got 'http'});
 * {@link #mistake(ParameterException)} puts the option's name in front, so that every mistake is
 * one line that names its option. A missing value (an option of arity {@code 0..1} given none,
 * which picocli hands over as {@code ""}) and a blank one are {@code needs a value}. Values are
 * trimmed.
 *
 * <pre>{@code
 * @Option(names = "--port", arity = "0..1", converter = OptionConverters.Port.class)
 * int port = 18080;
 * }</pre>
 */
final class OptionConverters {

    private OptionConverters() {
    }

    /**
     * The mistake a parse failure stands for, on one line: {@code --port needs a value} for a value
     * these converters refused, picocli's own words for anything else.
     */
    static String mistake(ParameterException e) {
        if (e.getCause() instanceof Refused r && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + r.getMessage();
        }
        return e.getMessage().replaceAll("\\s+", " ").trim();
    }

    /** A value one of these converters refused; its message follows the option's name. */
    static final class Refused extends TypeConversionException {
        Refused(String what) {
            super(what);
        }
    }

    /** The value, trimmed; a missing or blank one is refused. */
    static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new Refused("needs a value");
        }
        return value.trim();
    }

    /** A whole number from {@code min} to {@code max}, as the option's type. */
    abstract static class WholeNumber<T> implements ITypeConverter<T> {
        private final long min;
        private final long max;
        private final LongFunction<T> type;

        WholeNumber(long min, long max, LongFunction<T> type) {
            this.min = min;
            this.max = max;
            this.type = type;
        }

        @Override
        public T convert(String value) {
            String v = required(value);
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return type.apply(n);
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw new Refused("must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    /** A port: 0 to 65535. */
    static final class Port extends WholeNumber<Integer> {
        Port() {
            super(0, 65_535, n -> (int) n);
        }
    }

    /** An HTTP status of an error answer: 200 to 599. */
    static final class ErrorStatus extends WholeNumber<Integer> {
        ErrorStatus() {
            super(200, 599, n -> (int) n);
        }
    }

    /** Records of one write: 1 to 1,000,000. */
    static final class RecordsPerWrite extends WholeNumber<Integer> {
        RecordsPerWrite() {
            super(1, 1_000_000, n -> (int) n);
        }
    }

    /** Connections open at once: 1 to 100,000. */
    static final class Connections extends WholeNumber<Integer> {
        Connections() {
            super(1, 100_000, n -> (int) n);
        }
    }

    /** A count of things to come: 0 to 2147483647. */
    static final class Count extends WholeNumber<Integer> {
        Count() {
            super(0, Integer.MAX_VALUE, n -> (int) n);
        }
    }

    /** A lifetime in seconds: 1 to 2147483647. */
    static final class LifetimeSeconds extends WholeNumber<Duration> {
        LifetimeSeconds() {
            super(1, Integer.MAX_VALUE, Duration::ofSeconds);
        }
    }

    /** A timeout in seconds: 1 to 86400 (a day). */
    static final class TimeoutSeconds extends WholeNumber<Duration> {
        TimeoutSeconds() {
            super(1, 86_400, Duration::ofSeconds);
        }
    }

    /** A delay in milliseconds: 0 to 600000 (ten minutes). */
    static final class DelayMillis extends WholeNumber<Duration> {
        DelayMillis() {
            super(0, 600_000, Duration::ofMillis);
        }
    }

    /** Any whole number a {@code long} holds, such as a random seed. */
    static final class AnyWholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = required(value);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new Refused("must be a whole number, got '" + v + "'");
            }
        }
    }

    /** A share of requests or rows: 0 to 1. */
    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = required(value);
            try {
                double r = Double.parseDouble(v);
                if (r >= 0 && r <= 1) {
                    return r;
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw new Refused("must be a share from 0 to 1, got '" + v + "'");
        }
    }

    /** Text that must not be blank, trimmed. */
    static final class Text implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return required(value);
        }
    }

    /** Digits only, 1 to 18 of them, such as an account id. */
    static final class Digits implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = required(value);
            if (!v.matches("[0-9]{1,18}")) {
                throw new Refused("must be digits, got '" + v + "'");
            }
            return v;
        }
    }

    /** A host name or address this machine can resolve, kept as given. */
    static final class Address implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = required(value);
            try {
                InetAddress.getByName(v);
                return v;
            } catch (UnknownHostException e) {
                throw new Refused("names an unknown address '" + v + "'");
            }
        }
    }

    /** A file system path. */
    static final class FilePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            String v = required(value);
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw new Refused("is not a valid path: '" + v + "'");
            }
        }
    }

    /** One of a few names, in any case, each standing for a value. */
    abstract static class Choice<T> implements ITypeConverter<T> {
        private final Map<String, T> values;
        private final String names;

        /** The names in lower case and the values they stand for; {@code names} lists them for the message. */
        Choice(Map<String, T> values, String names) {
            this.values = values;
            this.names = names;
        }

        @Override
        public T convert(String value) {
            T v = values.get(required(value).toLowerCase(Locale.ROOT));
            if (v == null) {
                throw new Refused("must be " + names + ", got '" + value + "'");
            }
            return v;
        }
    }

    /** What a new sandbox store starts with: demo or none. */
    static final class SeedName extends Choice<Seed> {
        SeedName() {
            super(Map.of("demo", Seed.DEMO, "none", Seed.NONE), "demo or none");
        }
    }

    /** A wire format a request may leave out: json or xml. */
    static final class FormatName extends Choice<Format> {
        FormatName() {
            super(Map.of("json", Format.JSON, "xml", Format.XML), "json or xml");
        }
    }
}
