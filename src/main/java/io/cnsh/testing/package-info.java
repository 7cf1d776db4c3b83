/**
 * Support for testing cnsh recipes with Spock: {@link io.cnsh.testing.SandboxFixture} starts an
 * in-process sandbox with a chosen seed, binds the DSL to it, runs scripts with arguments and shows
 * their exit code, output and the agents afterwards; {@link io.cnsh.testing.SpecLauncher} compiles
 * {@code *Spec.groovy} files and runs them on the JUnit Platform, which is what {@code cnsh test PATH}
 * does without a Maven project.
 */
package io.cnsh.testing;
