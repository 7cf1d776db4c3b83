package io.cnsh.cli;

/** A subcommand that takes the target options of the CLI contract after its name. */
interface TargetAware {

    TargetOptions targetOptions();
}
