#include "netlog/run.hpp"

int main(int argc, char** argv) { return netlog::run(argc, argv); }
