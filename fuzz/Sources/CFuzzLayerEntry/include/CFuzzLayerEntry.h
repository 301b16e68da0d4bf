#pragma once

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer over `LLVMFuzzerTestOneInput` with the process's arguments; SwiftPM makes this `main`.
int FuzzLayer_main(int argc, char **argv);
