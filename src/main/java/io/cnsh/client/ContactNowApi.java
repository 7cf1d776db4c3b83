package io.cnsh.client;

import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import io.cnsh.wire.Envelope;
import java.util.Map;

/**
 * The ContactNow HTTP API as a Feign interface: {@code token.php} and {@code database.php} for
 * agents. Each method takes only its operation's own arguments; the client's
 * {@link AccountParameters} adds the token, the format and the campaign to every request, the
 * {@link WireFeignCodec} turns answers into envelopes or typed failures, and the
 * {@link CallRetryer} decides what is repeated. Writes post the payload as the raw body
 * ({@code raw=1}). A {@code null} argument leaves its query parameter out.
 *
 * <p>Most code wants {@link ContactNow}, which builds this interface with those parts and adds
 * batching and checks on top.
 */
public interface ContactNowApi {

    /** {@code token.php?action=get}: a token for the API user, the current one while it is valid. */
    @RequestLine("GET /token.php?action=get&username={username}&password={password}&address={address}")
    Envelope getToken(@Param("username") String username, @Param("password") String password,
                      @Param("address") String address);

    /** {@code token.php?action=validate}: the expiry of the token the client holds, or why it no longer works. */
    @RequestLine("GET /token.php?action=validate")
    Envelope validateToken();

    /** {@code database.php?method=agents&action=read} with field filters, {@code filter}, {@code sort}, {@code start}, {@code limit}. */
    @RequestLine("GET /database.php?method=agents&action=read")
    Envelope readAgents(@QueryMap Map<String, String> arguments);

    /** {@code database.php?method=agents&action=create|update} with the records as the raw body. */
    @RequestLine("POST /database.php?method=agents&action={action}&raw=1")
    Envelope writeAgents(@Param(value = "action", expander = Operation.Action.class) Operation write, byte[] body);
}
