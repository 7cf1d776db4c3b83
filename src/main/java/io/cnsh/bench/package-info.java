/**
 * The benchmarks behind {@code cnsh bench} (B1-B4), and what only they need: {@link io.cnsh.bench.Benchmarks}
 * is their one entry, used by the command line's {@code bench} command and by nothing else. They use
 * anything below the command line; nothing in the product uses them, and none runs Maven.
 */
package io.cnsh.bench;
