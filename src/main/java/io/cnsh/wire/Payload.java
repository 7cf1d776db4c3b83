package io.cnsh.wire;

import io.cnsh.model.Agent;
import java.util.List;

/**
 * The records of a create or update body and the shape they came in.
 *
 * @param records the records, in order
 * @param shape   {@link Shape#LIST} for a JSON array or {@code <dxi><agent>…</agent></dxi>};
 *                {@link Shape#SINGLE} for a bare JSON object or a flat {@code <dxi><agentid>…</dxi>}
 */
public record Payload(List<Agent> records, Shape shape) {

    public Payload {
        records = List.copyOf(records);
    }

    /** How the records were laid out in the body. */
    public enum Shape {
        /** An array of records; in XML each record in its own {@code <agent>} element. */
        LIST,
        /** One record on its own: a bare JSON object, or fields directly under {@code <dxi>}. */
        SINGLE
    }
}
