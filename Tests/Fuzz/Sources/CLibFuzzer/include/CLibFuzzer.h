// libFuzzer's entry for programs that keep their own main (LLVM 13 and later).
#ifndef SCENEWRIGHT_CLIBFUZZER_H
#define SCENEWRIGHT_CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
