package io.cnsh.client;

import feign.Client;
import feign.ExceptionPropagationPolicy;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Response;
import feign.http2client.Http2Client;
import io.cnsh.model.OwnerOnlyFiles;
import io.cnsh.wire.Format;
import io.cnsh.wire.WireCodec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client for one ContactNow account: tokens, agents, retries and secret-safe logging, built once
 * and shared. Thread-safe.
 *
 * <pre>{@code
 * ContactNow cn = ContactNow.builder().baseUrl(url).credentials(user, password).format(Format.XML).build();
 * WriteResult r = cn.agents().create(List.of(agent));          // key = new agentid
 * AgentPage page = cn.agents().read(AgentQuery.where("auth_level", "admin").limit(50));
 * Stream<Agent> all = cn.agents().readAll(AgentQuery.all());   // pages with limit/start, lazily, each checked
 * }</pre>
 */
public final class ContactNow implements AutoCloseable {

    /** How much of each request the log shows: nothing, one line each way, or headers and bodies too. */
    public enum LogLevel { NONE, BASIC, FULL }

    private final URI baseUri;
    private final String username;
    private final Format format;
    private final TokenManager tokens;
    private final AgentsClient agents;
    private final Redactor redactor;
    private final Supplier<ContactNow> opener;
    private ContactNow opened;

    private ContactNow(Builder b) {
        this.opener = null;
        this.baseUri = Objects.requireNonNull(b.baseUri, "baseUrl");
        this.username = Objects.requireNonNull(b.username, "credentials");
        this.format = b.format;
        this.redactor = new Redactor();
        String base = baseUri.toString().replaceAll("/+$", "");
        WireCodec codec = WireCodec.of(format);
        HttpClient.Builder httpBuilder = PlainHttp.forScheme(HttpClient.newBuilder(), baseUri)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout);
        b.network.apply(httpBuilder);
        HttpClient http = httpBuilder.build();
        Consumer<String> sink = b.logSink == null ? s -> { } : b.logSink;
        if (b.logLevel == LogLevel.FULL) {
            sink.accept(b.network.toString());
        }
        this.tokens = new TokenManager(base, username, b.password, b.address,
                b.tokenCacheDir == null ? null : new TokenCache(b.tokenCacheDir, sink, OwnerOnlyFiles.ContentWriter.PLAIN), b.clock, b.tokenMargin, redactor);
        WireFeignCodec feignCodec = new WireFeignCodec(codec, tokens, redactor);
        ContactNowApi api = Feign.builder()
                .client(wholeAnswers(new Http2Client(http)))
                .requestInterceptor(new AccountParameters(format.wireName(), b.campaign, codec.contentType(), tokens,
                        new RateLimiter(b.rateLimit, b.sleeper, b.clock)))
                .encoder(feignCodec)
                .decoder(feignCodec)
                .responseInterceptor(feignCodec)
                .errorDecoder(feignCodec)
                .retryer(new CallRetryer(b.retryPolicy, b.sleeper, b.random, tokens, redactor, base + b.network.via()))
                .exceptionPropagationPolicy(ExceptionPropagationPolicy.UNWRAP)
                .options(new Request.Options(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS,
                        b.readTimeout.toMillis(), TimeUnit.MILLISECONDS, true))
                .logger(new RedactingLogger(redactor, sink))
                .logLevel(switch (b.logLevel) {
                    case NONE -> Logger.Level.NONE;
                    case BASIC -> Logger.Level.BASIC;
                    case FULL -> Logger.Level.FULL;
                })
                .target(ContactNowApi.class, base);
        tokens.use(api);
        this.agents = new AgentsClient(api, codec, b.batchSize, b.concurrency, b.pageSize, b.writeGate);
    }

    /**
     * The HTTP client, reading every answer whole while the exchange is on: a connection lost in the
     * middle of a body is then a failure of the request, which the retryer judges, and the decoder can
     * read a body twice.
     */
    private static Client wholeAnswers(Client http) {
        return (request, options) -> {
            Response response = http.execute(request, options);
            if (response.body() == null) {
                return response;
            }
            try (InputStream in = response.body().asInputStream()) {
                return response.toBuilder().body(in.readAllBytes()).build();
            }
        };
    }

    private ContactNow(ContactNow base, AgentsClient agents) {
        this.opener = null;
        this.baseUri = base.baseUri;
        this.username = base.username;
        this.format = base.format;
        this.redactor = base.redactor;
        this.tokens = base.tokens;
        this.agents = agents;
    }

    private ContactNow(String username, Format format, Supplier<ContactNow> opener) {
        this.username = Objects.requireNonNull(username, "username");
        this.format = Objects.requireNonNull(format, "format");
        this.opener = opener;
        this.baseUri = null;
        this.redactor = null;
        this.tokens = null;
        this.agents = null;
    }

    /**
     * A client that builds the real one (for instance after starting a server) on first use of
     * anything but its user name and format, once; a failed opening is tried again on the next use.
     */
    public static ContactNow opening(String username, Format format, Supplier<ContactNow> opener) {
        return new ContactNow(username, format, Objects.requireNonNull(opener, "opener"));
    }

    /** The client that answers: this one, or the one an {@link #opening} client has built. */
    private synchronized ContactNow open() {
        if (opener == null) {
            return this;
        }
        if (opened == null) {
            opened = opener.get();
        }
        return opened;
    }

    /** A builder with the defaults: JSON, batches of 100, one at a time, pages of 500, no rate limit. */
    public static Builder builder() {
        return new Builder();
    }

    /** The agents of the account. */
    public AgentsClient agents() {
        return open().agents;
    }

    /**
     * This client with its writes behind another gate: the same account, token and settings, for one
     * command (the command line and the shell put each command's {@link ChangeGuard} here).
     */
    public ContactNow withWriteGate(WriteGate gate) {
        Objects.requireNonNull(gate, "gate");
        if (opener != null) {
            return opening(username, format, () -> open().withWriteGate(gate));
        }
        return new ContactNow(this, agents.withGate(gate));
    }

    /** The token lifecycle (get, validate, forget). */
    public TokenManager tokens() {
        return open().tokens;
    }

    public URI baseUri() {
        return open().baseUri;
    }

    public String username() {
        return username;
    }

    public Format format() {
        return format;
    }

    /** Masks every secret this client knows of (API password, current token) in the text. */
    public String redact(String text) {
        return open().redactor.redact(text);
    }

    @Override
    public void close() {
        // The JDK HTTP client of Java 17 holds no resources that need closing; batch pools are per call.
    }

    @Override
    public String toString() {
        return "ContactNow[" + baseUri() + ", user " + username + ", " + format.wireName() + "]";
    }

    /** Builds a {@link ContactNow}; only the base URL and the credentials are required. */
    public static final class Builder {
        private URI baseUri;
        private String username;
        private char[] password;
        private Format format = Format.JSON;
        private String campaign;
        private int batchSize = 100;
        private int concurrency = 1;
        private int pageSize = 500;
        private double rateLimit;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private Random random = new Random();
        private Path tokenCacheDir;
        private Duration tokenMargin = Duration.ofMinutes(5);
        private List<String> address = List.of();
        private Consumer<String> logSink;
        private LogLevel logLevel = LogLevel.NONE;
        private WriteGate writeGate = WriteGate.OPEN;
        private Network network = Network.DEFAULT;

        private Builder() {
        }

        /** Any base URL, e.g. {@code http://127.0.0.1:18080/}. */
        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        /** Any base URL, as a URI. */
        public Builder baseUrl(URI uri) {
            this.baseUri = uri;
            return this;
        }

        /** A region's host: EU {@code https://api-106.dxi.eu/}, US {@code https://api.contactnow.8x8.com/api/}. */
        public Builder region(Region region) {
            return baseUrl(region.baseUri());
        }

        /** The API username and password issued by 8x8 support. */
        public Builder credentials(String username, String password) {
            return credentials(username, password == null ? null : password.toCharArray());
        }

        /** The API username and password; the array is copied, so the caller may clear its own. */
        public Builder credentials(String username, char[] password) {
            this.username = username;
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** The wire format (default JSON); every operation works the same in both. */
        public Builder format(Format format) {
            if (format == Format.CSV) {
                throw new IllegalArgumentException("the client speaks json or xml, not csv");
            }
            this.format = Objects.requireNonNull(format);
            return this;
        }

        /** Sends {@code campaign=ID} with every database call (reseller accounts). */
        public Builder campaign(String campaign) {
            this.campaign = campaign;
            return this;
        }

        /** Records per create/update request (default 100). */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** Batches in flight at once (default 1). */
        public Builder concurrency(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + requests);
            }
            this.concurrency = requests;
            return this;
        }

        /** Agents per page for {@link AgentsClient#readAll} (default 500). */
        public Builder pageSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("page size must be at least 1, got " + size);
            }
            this.pageSize = size;
            return this;
        }

        /** At most this many requests per second (default 0: no limit). */
        public Builder rateLimit(double perSecond) {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("rate limit must be 0 (none) or a positive number of requests"
                        + " per second, got " + perSecond);
            }
            this.rateLimit = perSecond;
            return this;
        }

        /** How long to wait for a connection (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long to wait for each answer (default 60 s); a create that times out ends in outcome unknown. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** When reads, token calls and updates are repeated (default {@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /** How the client waits between retries and for the rate limit (tests pass a recording one). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock of token expiry and of the rate limit's schedule (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The source of retry jitter (seed it for repeatable runs). */
        public Builder random(Random random) {
            this.random = random;
            return this;
        }

        /** Keeps tokens in owner-only files in this directory between runs (default: memory only). */
        public Builder tokenCache(Path directory) {
            this.tokenCacheDir = directory;
            return this;
        }

        /** Renews the token this long before it expires (default 5 minutes). */
        public Builder tokenMargin(Duration margin) {
            this.tokenMargin = margin;
            return this;
        }

        /** Binds tokens to these internet addresses (at most 10) instead of the caller's own. */
        public Builder address(List<String> addresses) {
            if (addresses.size() > 10) {
                throw new IllegalArgumentException("a token can be bound to at most 10 addresses, got " + addresses.size());
            }
            this.address = List.copyOf(addresses);
            return this;
        }

        /** Where log lines go; secrets are masked before they get there. */
        public Builder logger(Consumer<String> sink, LogLevel level) {
            this.logSink = sink;
            this.logLevel = level;
            return this;
        }

        /** The proxy and the trusted authorities (default {@link Network#DEFAULT}: no proxy, the JDK's CAs). */
        public Builder network(Network network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /** What every create and update passes before it is sent (default: {@link WriteGate#OPEN}). */
        public Builder writeGate(WriteGate gate) {
            this.writeGate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /** The client; only the base URL and the username are required. */
        public ContactNow build() {
            if (baseUri == null) {
                throw new IllegalStateException("no base URL: call baseUrl(...) or region(...)");
            }
            if (username == null || username.isBlank()) {
                throw new IllegalStateException("no API username: call credentials(user, password)");
            }
            return new ContactNow(this);
        }
    }
}
