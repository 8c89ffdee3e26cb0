// libFuzzer's driver, which the fuzz targets call from their own `main` (SwiftPM names every
// executable's entry point itself, so libFuzzer's `main` cannot be the one linked).
// Defined by the fuzzer runtime that `-sanitize=fuzzer` links; unused in a plain build.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
