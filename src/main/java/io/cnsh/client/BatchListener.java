package io.cnsh.client;

/** Told about each batch of a write as soon as its answer arrives (for journals and progress bars). */
@FunctionalInterface
public interface BatchListener {

    BatchListener NONE = batch -> { };

    void onBatch(BatchResult batch);
}
