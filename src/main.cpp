#include "cli/app.hpp"

int main(int argc, char** argv) { return cna::cli::run(argc, argv); }
