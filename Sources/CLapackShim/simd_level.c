// Which vector instructions the shim's kernels use: the widest the CPU has, asked once, or fewer
// when RNNSCOPE_SIMD caps them (avx2, sse2), so that one binary can be measured on every path.
#include "CLapackShim.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t level_once = PTHREAD_ONCE_INIT;
static int level;

static void level_init(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") &&
        __builtin_cpu_supports("fma"))
        level = RS_SIMD_AVX512;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        level = RS_SIMD_AVX2;
    else
        level = RS_SIMD_SSE2;
    const char *cap = getenv("RNNSCOPE_SIMD");
    if (cap && strcmp(cap, "avx2") == 0 && level > RS_SIMD_AVX2)
        level = RS_SIMD_AVX2;
    if (cap && strcmp(cap, "sse2") == 0)
        level = RS_SIMD_SSE2;
}

int rs_simd_level(void) {
    pthread_once(&level_once, level_init);
    return level;
}
