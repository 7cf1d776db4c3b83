package io.cnsh.client;

import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import io.cnsh.wire.Envelope;
import java.util.Map;

/**
 * The ContactNow HTTP API as a Feign interface: {@code token.php} and {@code database.php} for
 * agents. Every call sends {@code format} explicitly; writes post the payload as the raw body
 * ({@code raw=1}). A {@code null} argument leaves its query parameter out.
 *
 * <p>Most code wants {@link ContactNow}, which adds tokens, batching, retries and typed errors on
 * top of this interface.
 */
public interface ContactNowApi {

    /** {@code token.php?action=get}: a token for the API user, the current one while it is valid. */
    @RequestLine("GET /token.php?action=get&username={username}&password={password}&format={format}&address={address}")
    Envelope getToken(@Param("username") String username, @Param("password") String password,
                      @Param("format") String format, @Param("address") String address);

    /** {@code token.php?action=validate}: the token's expiry, or why it no longer works. */
    @RequestLine("GET /token.php?action=validate&token={token}&format={format}")
    Envelope validateToken(@Param("token") String token, @Param("format") String format);

    /** {@code database.php?method=agents&action=read} with field filters, {@code filter}, {@code sort}, {@code start}, {@code limit}. */
    @RequestLine("GET /database.php?token={token}&method=agents&action=read&format={format}&campaign={campaign}")
    Envelope readAgents(@Param("token") String token, @Param("format") String format,
                        @Param("campaign") String campaign, @QueryMap Map<String, String> arguments);

    /** {@code database.php?method=agents&action=create|update} with the records as the raw body. */
    @RequestLine("POST /database.php?token={token}&method=agents&action={action}&format={format}&raw=1&campaign={campaign}")
    @Headers("Content-Type: {contentType}")
    Envelope writeAgents(@Param("token") String token, @Param("action") String action,
                         @Param("format") String format, @Param("campaign") String campaign,
                         @Param("contentType") String contentType, byte[] body);
}
