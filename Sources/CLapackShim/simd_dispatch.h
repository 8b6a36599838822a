// How the kernels choose their form by instruction set (rs_simd_level): a kernel NAME has the forms
// NAME_avx512, NAME_avx2 and NAME_sse2, each compiled for its target, and its entry points call
// one.
#ifndef SIMD_DISPATCH_H
#define SIMD_DISPATCH_H

#include "CLapackShim.h"

// `level`, but no more than this CPU has.
static inline int simd_clamp(int level) {
    return level < rs_simd_level() ? level : rs_simd_level();
}

// Returns NAME's form for `level` (at most rs_simd_level()), called with `args`.
#define SIMD_CALL(level, name, args)                                                               \
    switch (simd_clamp(level)) {                                                                   \
    case RS_SIMD_AVX512:                                                                           \
        return name##_avx512 args;                                                                 \
    case RS_SIMD_AVX2:                                                                             \
        return name##_avx2 args;                                                                   \
    default:                                                                                       \
        return name##_sse2 args;                                                                   \
    }

// Each body once per level: NAME_avx512, NAME_avx2 (compiled for those targets) and NAME_sse2;
// the entry points rs_NAME_at (at a given level, at most rs_simd_level(): for tests) and rs_NAME
// (at rs_simd_level()).
#define PARAMS(...) __VA_ARGS__
#define LEVELS(ret, name, params, args)                                                            \
    __attribute__((target("avx512f,avx2,fma"))) static ret name##_avx512 params {                  \
        return name args;                                                                          \
    }                                                                                              \
    __attribute__((target("avx2,fma"))) static ret name##_avx2 params { return name args; }        \
    static ret name##_sse2 params { return name args; }                                            \
    ret rs_##name##_at(int level,                                                                  \
                       PARAMS params){SIMD_CALL(level, name, args)} ret rs_##name params {         \
        return rs_##name##_at(rs_simd_level(), PARAMS args);                                       \
    }

#endif
