// Element-wise math over arrays through glibc's vector math library (libmvec: the tanh and exp that
// GCC/Clang call when they vectorise loops; at most 4 ulp from the correctly rounded result), and the
// hardware's square root. The AVX2 or SSE2 entry point is chosen at run time; the tail goes through libm.
#include <immintrin.h>
#include <math.h>
#include "CLapackShim.h"

__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_tanh(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_exp(__m256d);
__m128d _ZGVbN2v_tanh(__m128d);
__m128d _ZGVbN2v_exp(__m128d);

__attribute__((target("avx2,fma"))) static void tanh_avx2(long n, const double *x, double *y) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _ZGVdN4v_tanh(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = tanh(x[i]);
}
__attribute__((target("avx2,fma"))) static void exp_avx2(long n, const double *x, double *y) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _ZGVdN4v_exp(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = exp(x[i]);
}
__attribute__((target("avx2,fma"))) static void sqrt_avx2(long n, const double *x, double *y) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_sqrt_pd(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = sqrt(x[i]);
}
static void tanh_sse2(long n, const double *x, double *y) {
    long i = 0;
    for (; i + 2 <= n; i += 2) _mm_storeu_pd(y + i, _ZGVbN2v_tanh(_mm_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = tanh(x[i]);
}
static void exp_sse2(long n, const double *x, double *y) {
    long i = 0;
    for (; i + 2 <= n; i += 2) _mm_storeu_pd(y + i, _ZGVbN2v_exp(_mm_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = exp(x[i]);
}
static void sqrt_sse2(long n, const double *x, double *y) {
    long i = 0;
    for (; i + 2 <= n; i += 2) _mm_storeu_pd(y + i, _mm_sqrt_pd(_mm_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = sqrt(x[i]);
}

static int has_avx2(void) {
    static int known = -1;
    if (known < 0) { __builtin_cpu_init(); known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
    return known;
}

void rs_vtanh(long n, const double *x, double *y) { if (has_avx2()) tanh_avx2(n, x, y); else tanh_sse2(n, x, y); }
void rs_vexp(long n, const double *x, double *y) { if (has_avx2()) exp_avx2(n, x, y); else exp_sse2(n, x, y); }
void rs_vsqrt(long n, const double *x, double *y) { if (has_avx2()) sqrt_avx2(n, x, y); else sqrt_sse2(n, x, y); }
