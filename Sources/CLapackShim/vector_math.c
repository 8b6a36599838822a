// Element-wise math over arrays through glibc's vector math library (libmvec: the tanh and exp that
// GCC/Clang call when they vectorise loops; at most 4 ulp from the correctly rounded result), and
// the hardware's square root. The AVX2 or SSE2 entry point is chosen at run time; the tail goes
// through libm.
#include "CLapackShim.h"
#include <immintrin.h>
#include <math.h>

// Every product and sum as written, rounded one by one (no fused multiply-adds), as in the Swift
// code.
#pragma clang fp contract(off)

__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_tanh(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_exp(__m256d);
__m128d _ZGVbN2v_tanh(__m128d);
__m128d _ZGVbN2v_exp(__m128d);

// y_i = f(x_i) over n values, four (AVX2) or two (SSE2) at a time through the vector form `vf`, the
// tail through the scalar `f`.
#define MAP_AVX2(name, vf, f)                                                                      \
    __attribute__((target("avx2,fma"))) static void name(long n, const double *x, double *y) {     \
        long i = 0;                                                                                \
        for (; i + 4 <= n; i += 4)                                                                 \
            _mm256_storeu_pd(y + i, vf(_mm256_loadu_pd(x + i)));                                   \
        for (; i < n; i++)                                                                         \
            y[i] = f(x[i]);                                                                        \
    }
#define MAP_SSE2(name, vf, f)                                                                      \
    static void name(long n, const double *x, double *y) {                                         \
        long i = 0;                                                                                \
        for (; i + 2 <= n; i += 2)                                                                 \
            _mm_storeu_pd(y + i, vf(_mm_loadu_pd(x + i)));                                         \
        for (; i < n; i++)                                                                         \
            y[i] = f(x[i]);                                                                        \
    }
MAP_AVX2(tanh_avx2, _ZGVdN4v_tanh, tanh)
MAP_AVX2(exp_avx2, _ZGVdN4v_exp, exp)
MAP_AVX2(sqrt_avx2, _mm256_sqrt_pd, sqrt)
MAP_SSE2(tanh_sse2, _ZGVbN2v_tanh, tanh)
MAP_SSE2(exp_sse2, _ZGVbN2v_exp, exp)
MAP_SSE2(sqrt_sse2, _mm_sqrt_pd, sqrt)

// σ(x) = 1 / (1 + e^(−x))
static double sigmoid1(double v) { return 1 / (1 + exp(-v)); }
__attribute__((target("avx2,fma"))) static inline __m256d sigmoid4(__m256d v) {
    const __m256d one = _mm256_set1_pd(1);
    return _mm256_div_pd(one,
                         _mm256_add_pd(one, _ZGVdN4v_exp(_mm256_sub_pd(_mm256_setzero_pd(), v))));
}
static inline __m128d sigmoid2(__m128d v) {
    const __m128d one = _mm_set1_pd(1);
    return _mm_div_pd(one, _mm_add_pd(one, _ZGVbN2v_exp(_mm_sub_pd(_mm_setzero_pd(), v))));
}
MAP_AVX2(sigmoid_avx2, sigmoid4, sigmoid1)
MAP_SSE2(sigmoid_sse2, sigmoid2, sigmoid1)
void rs_vsigmoid_portable(long n, double *x) { sigmoid_sse2(n, x, x); }

// The LSTM's pointwise arithmetic, once: written as plain loops over the units, which the compiler
// vectorises — with AVX2 in the `_avx2` entry points below, SSE2 in the others. Every operation is
// rounded as written (no contraction), so both give the bits the Swift tape gives.

// c = f·c₋ + i·g;  tc = tanh c;  h = o·tc  (LSTMCell.forward, unit by unit)
static inline __attribute__((always_inline)) void
lstm_cell_units(long n, const double *restrict gi, const double *restrict gf,
                const double *restrict gg, const double *restrict go, const double *restrict cp,
                double *restrict c, double *restrict tc, double *restrict h, int avx2) {
    for (long j = 0; j < n; j++)
        c[j] = gf[j] * cp[j] + gi[j] * gg[j];
    if (avx2)
        tanh_avx2(n, c, tc);
    else
        tanh_sse2(n, c, tc);
    for (long j = 0; j < n; j++)
        h[j] = go[j] * tc[j];
}

// dh += carry;  dc = dc₊ + dh·o·(1 − tc²);  dz_i = dc·g·i(1 − i);  dz_f = dc·c₋·f(1 − f);
// dz_g = dc·i·(1 − g²);  dz_o = dh·tc·o(1 − o);  dc₋ = dc·f;  dbias += dz  (LSTMCell.backward,
// unit by unit; z holds σ(i) σ(f) tanh(g) σ(o), n values each)
static inline __attribute__((always_inline)) void
lstm_backward_units(long n, const double *restrict z, const double *restrict tc,
                    const double *restrict cp, double *restrict dh, const double *restrict carry,
                    double *restrict dcarry, double *restrict dz, double *restrict dbias) {
    const double *gi = z, *gf = z + n, *gg = z + 2 * n, *go = z + 3 * n;
    double *dzi = dz, *dzf = dz + n, *dzg = dz + 2 * n, *dzo = dz + 3 * n;
    double *dbi = dbias, *dbf = dbias + n, *dbg = dbias + 2 * n, *dbo = dbias + 3 * n;
    for (long j = 0; j < n; j++) {
        double i = gi[j], f = gf[j], g = gg[j], o = go[j], t = tc[j];
        double d = dh[j] + carry[j];
        dh[j] = d;
        double dc = dcarry[j] + d * o * (1 - t * t);
        dzi[j] = dc * g * i * (1 - i);
        dzf[j] = dc * cp[j] * f * (1 - f);
        dzg[j] = dc * i * (1 - g * g);
        dzo[j] = d * t * o * (1 - o);
        dbi[j] += dzi[j];
        dbf[j] += dzf[j];
        dbg[j] += dzg[j];
        dbo[j] += dzo[j];
        dcarry[j] = dc * f;
    }
}

__attribute__((target("avx2,fma"))) static void lstm_cell_avx2(long n, const double *gi,
                                                               const double *gf, const double *gg,
                                                               const double *go, const double *cp,
                                                               double *c, double *tc, double *h) {
    lstm_cell_units(n, gi, gf, gg, go, cp, c, tc, h, 1);
}
void rs_lstm_cell_portable(long n, const double *gi, const double *gf, const double *gg,
                           const double *go, const double *cp, double *c, double *tc, double *h) {
    lstm_cell_units(n, gi, gf, gg, go, cp, c, tc, h, 0);
}
__attribute__((target("avx2,fma"))) static void
lstm_back_avx2(long n, const double *z, const double *tc, const double *cp, double *dh,
               const double *carry, double *dcarry, double *dz, double *dbias) {
    lstm_backward_units(n, z, tc, cp, dh, carry, dcarry, dz, dbias);
}
void rs_lstm_cell_backward_portable(long n, const double *z, const double *tc, const double *cp,
                                    double *dh, const double *carry, double *dcarry, double *dz,
                                    double *dbias) {
    lstm_backward_units(n, z, tc, cp, dh, carry, dcarry, dz, dbias);
}

static int has_avx2(void) {
    static int known = -1;
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return known;
}

void rs_vtanh(long n, const double *x, double *y) {
    if (has_avx2())
        tanh_avx2(n, x, y);
    else
        tanh_sse2(n, x, y);
}
void rs_vexp(long n, const double *x, double *y) {
    if (has_avx2())
        exp_avx2(n, x, y);
    else
        exp_sse2(n, x, y);
}
void rs_vsqrt(long n, const double *x, double *y) {
    if (has_avx2())
        sqrt_avx2(n, x, y);
    else
        sqrt_sse2(n, x, y);
}
void rs_vsigmoid(long n, double *x) {
    if (has_avx2())
        sigmoid_avx2(n, x, x);
    else
        sigmoid_sse2(n, x, x);
}
void rs_lstm_cell(long n, const double *i, const double *f, const double *g, const double *o,
                  const double *cprev, double *c, double *tc, double *h) {
    if (has_avx2())
        lstm_cell_avx2(n, i, f, g, o, cprev, c, tc, h);
    else
        rs_lstm_cell_portable(n, i, f, g, o, cprev, c, tc, h);
}
void rs_lstm_cell_backward(long n, const double *z, const double *tc, const double *cprev,
                           double *dh, const double *carry, double *dcarry, double *dz,
                           double *dbias) {
    if (has_avx2())
        lstm_back_avx2(n, z, tc, cprev, dh, carry, dcarry, dz, dbias);
    else
        rs_lstm_cell_backward_portable(n, z, tc, cprev, dh, carry, dcarry, dz, dbias);
}
