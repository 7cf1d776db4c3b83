/**
 * The ContactNow wire formats: {@link io.cnsh.wire.WireCodec} reads and writes response
 * {@link io.cnsh.wire.Envelope}s and create/update {@link io.cnsh.wire.Payload}s in JSON, XML and
 * CSV ({@link io.cnsh.wire.Format}) with Jackson, hardened against oversized bodies, DTDs and
 * entity expansion; failures are {@link io.cnsh.wire.WireFormatException}s.
 */
package io.cnsh.wire;
