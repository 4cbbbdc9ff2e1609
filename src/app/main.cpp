#include "app/cli.hpp"

int main(int argc, char** argv) { return plenum::app::run_cli(argc, argv); }
