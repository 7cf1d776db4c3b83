package io.cnsh.wire;

import io.cnsh.model.Agent;
import java.util.List;

/**
 * Reads and writes the bodies of the ContactNow API in one format: response envelopes and
 * create/update payloads. Codecs are immutable, thread-safe and meant to be shared.
 *
 * <pre>{@code
 * WireCodec xml = WireCodec.of(Format.XML);
 * byte[] body = xml.writePayload(List.of(agent), Payload.Shape.LIST); // <dxi><agent>…</agent></dxi>
 * Envelope answer = xml.readEnvelope(responseBytes);
 * }</pre>
 *
 * <p>Reading is hardened: bodies over {@link WireLimits#maxBodyBytes()} are refused, XML with a
 * DOCTYPE is refused before parsing (no DTD, no entity, no external resource is ever read), and a
 * malformed body fails with one {@link WireFormatException} line that names the position, never the
 * offending text (it may hold a secret).
 */
public interface WireCodec {

    /** The format this codec speaks. */
    Format format();

    /** The HTTP {@code Content-Type} of bodies written by this codec. */
    String contentType();

    /** A response body: {@code {"success":…}} or {@code <result>…</result>}. */
    byte[] writeEnvelope(Envelope envelope);

    /** Reads a response body. */
    Envelope readEnvelope(byte[] body);

    /** A create or update body holding the records in the given shape. */
    byte[] writePayload(List<Agent> records, Payload.Shape shape);

    /** Reads a create or update body; both shapes are accepted. */
    Payload readPayload(byte[] body);

    /** The shared codec for a format with the default limits. */
    static WireCodec of(Format format) {
        return Codecs.of(format, WireLimits.DEFAULT);
    }

    /** A codec for a format with the given limits. */
    static WireCodec of(Format format, WireLimits limits) {
        return Codecs.of(format, limits);
    }
}
