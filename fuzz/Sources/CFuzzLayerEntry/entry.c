// The process entry point of the FuzzLayer executable.
//
// Why this exists: for an executable target SwiftPM (tools 5.5 and later) links with `--defsym main=FuzzLayer_main`
// so that tests can link the target's code. The fuzz target has no `main` of its own (libFuzzer's would be used),
// so the renamed symbol is missing. Defining it here and handing over to libFuzzer's driver keeps the package on
// tools-version 6.0 instead of the pre-5.5 layout that avoids the renaming.

#include "CFuzzLayerEntry.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int FuzzLayer_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
