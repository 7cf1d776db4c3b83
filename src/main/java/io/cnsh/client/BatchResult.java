package io.cnsh.client;

import io.cnsh.model.Agent;
import io.cnsh.model.WriteResult;
import java.util.List;

/**
 * One request of a batched write: the records it carried and the API's answer.
 *
 * @param index   the batch's position, from 0
 * @param records the records sent
 * @param result  the API's answer
 */
public record BatchResult(int index, List<Agent> records, WriteResult result) {

    public BatchResult {
        records = List.copyOf(records);
    }
}
