#pragma once

namespace plenum::app {

// Parses the command line (CLI11) and runs the chosen subcommand.
int run_cli(int argc, char** argv);

} // namespace plenum::app
