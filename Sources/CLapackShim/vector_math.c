// Element-wise math over arrays: tanh and σ of our own (below) on the AVX-512 and AVX2 paths; eˣ
// through glibc's vector math library (libmvec: the exp that GCC/Clang call when they vectorise
// loops; at most 4 ulp from the correctly rounded result); the LSTM step's pointwise arithmetic
// around them. One entry point per level of rs_simd_level(): AVX-512,
// AVX2 or SSE2.
//
// The AVX-512 path gives the AVX2 path's bits (SIMDPathTests): our tanh and σ are the same
// operations on every lane whatever the vector width; libmvec's 8-lane exp gives its 4-lane exp's
// bits, and an exp's stretch goes through the 4-lane forms and libm exactly where the AVX2 path
// sends it; products and sums round the same on any width. The SSE2 path keeps libmvec's 2-lane
// tanh and exp, and libm for tails: our functions' fused multiply-adds would be library calls
// there.
#include "CLapackShim.h"
#include "simd_dispatch.h"
#include <immintrin.h>
#include <math.h>

// Every product and sum as written, rounded one by one (no contraction into fused multiply-adds),
// as in the Swift code; expm1_8's fused multiply-adds are written out.
#pragma clang fp contract(off)

__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_exp(__m256d);
__m128d _ZGVbN2v_tanh(__m128d);
__m128d _ZGVbN2v_exp(__m128d);

typedef double v8d __attribute__((ext_vector_type(8)));
// Bit patterns, unsigned so that the shifts and sums on them are defined for any value (NaN's too).
typedef unsigned long long v8u __attribute__((ext_vector_type(8)));

// Our tanh and σ, on 8 values at a time, every lane by the same operations, so that any vector
// width they are compiled for gives the same bits; no table and no branches, so that all lanes
// stay busy. Within 4 ulp of glibc's tanh, and σ within 6 of 1/(1 + exp(−x)) for x ≥ −708, as
// libmvec's forms are (VectorMathTests). The 8-lane vectors cross no call (every function here is
// inlined into one level's entry), so the warning that passing one without AVX-512 changes the
// calling convention does not apply.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpsabi"

/// e^y − 1 for y in [−40, 708] (NaN passes through): y = k·ln 2 + r with |r| ≤ ½ ln 2 (ln 2 in a
/// high and a low part, as fdlibm's expm1 reduces; k from −58 to 1021, so 2ᵏ is a normal number);
/// e^r − 1 = r + r²·q(r), Taylor to r¹³ (its remainder below 1.4·10⁻¹⁷ relative, ⅛ ulp);
/// e^y − 1 = 2ᵏ·(e^r − 1) + (2ᵏ − 1) in one rounding.
static inline __attribute__((always_inline)) v8d expm1_8(v8d y) {
    const double shifter = 0x1.8p52; // adding it rounds to an integer, which its low bits hold
    v8d kShifted = y * 0x1.71547652b82fep0 + shifter; // y / ln 2
    v8d k = kShifted - shifter;
    v8d r = __builtin_elementwise_fma(-k, (v8d)0x1.62e42fefa39efp-1, y); // ln 2, high part
    r = __builtin_elementwise_fma(-k, (v8d)0x1.abc9e3b39803fp-56, r);    // ln 2, low part
    v8d q = (v8d)(1.0 / 6227020800);                                     // 1/13!
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 479001600));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 39916800));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 3628800));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 362880));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 40320));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 5040));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 720));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 120));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 24));
    q = __builtin_elementwise_fma(q, r, (v8d)(1.0 / 6));
    q = __builtin_elementwise_fma(q, r, (v8d)0.5);
    v8d expm1r = __builtin_elementwise_fma(r * r, q, r);
    v8u kBits = __builtin_bit_cast(v8u, kShifted) - __builtin_bit_cast(unsigned long long, shifter);
    v8d twoK = __builtin_bit_cast(v8d, (kBits + 1023) << 52);
    return __builtin_elementwise_fma(twoK, expm1r, twoK - 1);
}

/// tanh x = sign(x) · t / (t + 2),  t = e^(2|x|) − 1. 2|x| is capped at 44, where t/(t + 2) rounds
/// to 1 already; NaN passes through (the cap's comparison is false on it).
static inline __attribute__((always_inline)) v8d tanh8(v8d x) {
    const v8u signBit = (v8u)0x8000000000000000ULL;
    v8u bits = __builtin_bit_cast(v8u, x);
    v8d y = 2 * __builtin_bit_cast(v8d, bits & ~signBit);
    v8d t = expm1_8(y > 44 ? (v8d)44 : y);
    v8d magnitude = t / (t + 2);
    return __builtin_bit_cast(v8d, __builtin_bit_cast(v8u, magnitude) | (bits & signBit));
}

/// σ(x) = 1 / (1 + e^(−x)) = 1 / (2 + (e^(−x) − 1)). −x is raised to −40, where σ rounds to 1
/// already; below x = −708, where σ < 4·10⁻³⁰⁸, σ is 0 (libm's 1/(1 + exp(−x)) is 0 from −709.8).
static inline __attribute__((always_inline)) v8d sigmoid8(v8d x) {
    v8d y = -x;
    v8d clamped = y < -40 ? (v8d)-40 : y;
    clamped = clamped > 708 ? (v8d)708 : clamped;
    v8d s = 1 / (2 + expm1_8(clamped));
    return y > 708 ? (v8d)0 : s;
}

// NAME_avx512 and NAME_avx2: y_i = f8(x_i) over n values (y may be x), 8 at a time; the last
// n mod 8 through the same code on a zero-padded copy, so that every value has the bits it would
// have anywhere in an array.
#define MAP8(name, f8)                                                                             \
    static inline                                                                                  \
        __attribute__((always_inline)) void name##_map8(long n, const double *x, double *y) {      \
        long i = 0;                                                                                \
        for (; i + 8 <= n; i += 8) {                                                               \
            v8d v;                                                                                 \
            __builtin_memcpy(&v, x + i, sizeof v);                                                 \
            v = f8(v);                                                                             \
            __builtin_memcpy(y + i, &v, sizeof v);                                                 \
        }                                                                                          \
        if (i < n) {                                                                               \
            double tail[8] = {0};                                                                  \
            __builtin_memcpy(tail, x + i, (size_t)(n - i) * sizeof(double));                       \
            v8d v;                                                                                 \
            __builtin_memcpy(&v, tail, sizeof v);                                                  \
            v = f8(v);                                                                             \
            __builtin_memcpy(tail, &v, sizeof v);                                                  \
            __builtin_memcpy(y + i, tail, (size_t)(n - i) * sizeof(double));                       \
        }                                                                                          \
    }                                                                                              \
    __attribute__((target("avx512f,avx2,fma"))) static void name##_avx512(long n, const double *x, \
                                                                          double *y) {             \
        name##_map8(n, x, y);                                                                      \
    }                                                                                              \
    __attribute__((target("avx2,fma"))) static void name##_avx2(long n, const double *x,           \
                                                                double *y) {                       \
        name##_map8(n, x, y);                                                                      \
    }
MAP8(tanh, tanh8)
MAP8(sigmoid, sigmoid8)
#pragma clang diagnostic pop

// libmvec's σ on 2 values for the SSE2 path, with libm's on 1 for the tail.
static double sigmoid1(double v) { return 1 / (1 + exp(-v)); }
static inline __m128d sigmoid2(__m128d v) {
    const __m128d one = _mm_set1_pd(1);
    return _mm_div_pd(one, _mm_add_pd(one, _ZGVbN2v_exp(_mm_sub_pd(_mm_setzero_pd(), v))));
}

// y_i = f(x_i) over n values (y may be x): 8 at a time through `f8` (AVX-512), then 4 at a time
// through `f4` (AVX2), or 2 at a time through `f2` (SSE2); the tail through the scalar `f`.
#define MAP_AVX512(name, f8, f4, f)                                                                \
    __attribute__((target("avx512f,avx2,fma"))) static void name(long n, const double *x,          \
                                                                 double *y) {                      \
        long i = 0;                                                                                \
        for (; i + 8 <= n; i += 8)                                                                 \
            _mm512_storeu_pd(y + i, f8(_mm512_loadu_pd(x + i)));                                   \
        for (; i + 4 <= n; i += 4)                                                                 \
            _mm256_storeu_pd(y + i, f4(_mm256_loadu_pd(x + i)));                                   \
        for (; i < n; i++)                                                                         \
            y[i] = f(x[i]);                                                                        \
    }
#define MAP_AVX2(name, f4, f)                                                                      \
    __attribute__((target("avx2,fma"))) static void name(long n, const double *x, double *y) {     \
        long i = 0;                                                                                \
        for (; i + 4 <= n; i += 4)                                                                 \
            _mm256_storeu_pd(y + i, f4(_mm256_loadu_pd(x + i)));                                   \
        for (; i < n; i++)                                                                         \
            y[i] = f(x[i]);                                                                        \
    }
#define MAP_SSE2(name, f2, f)                                                                      \
    static void name(long n, const double *x, double *y) {                                         \
        long i = 0;                                                                                \
        for (; i + 2 <= n; i += 2)                                                                 \
            _mm_storeu_pd(y + i, f2(_mm_loadu_pd(x + i)));                                         \
        for (; i < n; i++)                                                                         \
            y[i] = f(x[i]);                                                                        \
    }
MAP_AVX512(exp_avx512, _ZGVeN8v_exp, _ZGVdN4v_exp, exp)
MAP_AVX2(exp_avx2, _ZGVdN4v_exp, exp)
MAP_SSE2(tanh_sse2, _ZGVbN2v_tanh, tanh)
MAP_SSE2(exp_sse2, _ZGVbN2v_exp, exp)
MAP_SSE2(sigmoid_sse2, sigmoid2, sigmoid1)

// The LSTM's pointwise arithmetic, once: written as plain loops over the units, which the compiler
// vectorises for the target of the entry point it is inlined into. Every operation is rounded as
// written (no contraction), so all give the bits the Swift tape's arithmetic gives. Each row's
// loop is a function of its own whose pointers are `restrict` parameters: Clang keeps `restrict`
// only on parameters, and without it the loop is vectorised behind overlap checks that the four
// quarters of one row of z fail (so it ran one value at a time).

// c = f·c₋ + i·g;  then, after tanh c, h = o·tc: one row of n units.
static inline __attribute__((always_inline)) void
lstm_cell_row(long n, const double *restrict i, const double *restrict f, const double *restrict g,
              const double *restrict cprev, double *restrict c) {
    for (long j = 0; j < n; j++)
        c[j] = f[j] * cprev[j] + i[j] * g[j];
}
static inline __attribute__((always_inline)) void
lstm_output_row(long n, const double *restrict o, const double *restrict tc, double *restrict h) {
    for (long j = 0; j < n; j++)
        h[j] = o[j] * tc[j];
}

// One step forward over `rows` rows: z (rows × 4n, [i f g o]) from the pre-activations to
// σ(i) σ(f) tanh(g) σ(o) in place;  c = f·c₋ + i·g;  tc = tanh c;  h = o·tc  (LSTMCell.forward,
// unit by unit). `sigmoid` and `tanh_` are the entry point's maps, each called on the stretches
// [i f], g, o and c of a row.
static inline __attribute__((always_inline)) void
lstm_forward_rows(long rows, long n, double *z, const double *cprev, double *cnext, double *tcnext,
                  double *hnext, void (*sigmoid)(long, const double *, double *),
                  void (*tanh_)(long, const double *, double *)) {
    for (long r = 0; r < rows; r++) {
        double *gi = z + r * 4 * n, *gf = gi + n, *gg = gi + 2 * n, *go = gi + 3 * n;
        double *c = cnext + r * n, *tc = tcnext + r * n;
        sigmoid(2 * n, gi, gi);
        tanh_(n, gg, gg);
        sigmoid(n, go, go);
        lstm_cell_row(n, gi, gf, gg, cprev + r * n, c);
        tanh_(n, c, tc);
        lstm_output_row(n, go, tc, hnext + r * n);
    }
}

// One row of the step back, per unit j (the comment below has the equations); z's quarters
// [i f g o] are read and then written with d(Z).
static inline __attribute__((always_inline)) void
lstm_backward_row(long n, double *restrict zi, double *restrict zf, double *restrict zg,
                  double *restrict zo, const double *restrict tc, const double *restrict cp,
                  double *restrict dh, const double *restrict carry, double *restrict dcarry,
                  double *restrict dbi, double *restrict dbf, double *restrict dbg,
                  double *restrict dbo) {
    for (long j = 0; j < n; j++) {
        double i = zi[j], f = zf[j], g = zg[j], o = zo[j], t = tc[j];
        double d = dh[j] + carry[j];
        dh[j] = d;
        double dc = dcarry[j] + d * o * (1 - t * t);
        double dzi = dc * g * i * (1 - i);
        double dzf = dc * cp[j] * f * (1 - f);
        double dzg = dc * i * (1 - g * g);
        double dzo = d * t * o * (1 - o);
        zi[j] = dzi;
        zf[j] = dzf;
        zg[j] = dzg;
        zo[j] = dzo;
        dbi[j] += dzi;
        dbf[j] += dzf;
        dbg[j] += dzg;
        dbo[j] += dzo;
        dcarry[j] = dc * f;
    }
}

// One step back over `rows` rows, per unit, from the activated gates z = [i f g o] (rows × 4n),
// which d(Z) overwrites (each step's gates are read by its own step back alone), tanh c, c₋ and
// ∂L/∂h from above (dh) and from the step after (carry):  dh += carry;  dc = dc₊ + dh·o·(1 − tc²);
// dz_i = dc·g·i(1 − i);  dz_f = dc·c₋·f(1 − f);  dz_g = dc·i·(1 − g²);  dz_o = dh·tc·o(1 − o);
// dc₋ = dc·f;  dbias += dz, row after row  (LSTMCell.backward, unit by unit).
static inline __attribute__((always_inline)) void
lstm_backward(long rows, long n, double *zs, const double *tcs, const double *cprevs, double *dhs,
              const double *carrys, double *dcarrys, double *dbias) {
    for (long r = 0; r < rows; r++) {
        double *z = zs + r * 4 * n;
        lstm_backward_row(n, z, z + n, z + 2 * n, z + 3 * n, tcs + r * n, cprevs + r * n,
                          dhs + r * n, carrys + r * n, dcarrys + r * n, dbias, dbias + n,
                          dbias + 2 * n, dbias + 3 * n);
    }
}
// Its forms per level and its entry points rs_lstm_backward_at and rs_lstm_backward.
LEVELS(void, lstm_backward,
       (long rows, long n, double *z, const double *tc, const double *cprev, double *dh,
        const double *carry, double *dcarry, double *dbias),
       (rows, n, z, tc, cprev, dh, carry, dcarry, dbias))

__attribute__((target("avx512f,avx2,fma"))) static void
lstm_forward_avx512(long rows, long n, double *z, const double *cp, double *c, double *tc,
                    double *h) {
    lstm_forward_rows(rows, n, z, cp, c, tc, h, sigmoid_avx512, tanh_avx512);
}
__attribute__((target("avx2,fma"))) static void lstm_forward_avx2(long rows, long n, double *z,
                                                                  const double *cp, double *c,
                                                                  double *tc, double *h) {
    lstm_forward_rows(rows, n, z, cp, c, tc, h, sigmoid_avx2, tanh_avx2);
}
static void lstm_forward_sse2(long rows, long n, double *z, const double *cp, double *c, double *tc,
                              double *h) {
    lstm_forward_rows(rows, n, z, cp, c, tc, h, sigmoid_sse2, tanh_sse2);
}

// The entry points: at rs_simd_level(), or at a given level no higher (the `_at` forms).
void rs_vtanh_at(int level, long n, const double *x, double *y) {
    SIMD_CALL(level, tanh, (n, x, y))
}
void rs_vexp_at(int level, long n, const double *x, double *y) { SIMD_CALL(level, exp, (n, x, y)) }
void rs_vsigmoid_at(int level, long n, double *x) { SIMD_CALL(level, sigmoid, (n, x, x)) }
void rs_lstm_forward_at(int level, long rows, long n, double *z, const double *cprev, double *c,
                        double *tc, double *h) {
    SIMD_CALL(level, lstm_forward, (rows, n, z, cprev, c, tc, h))
}
void rs_vtanh(long n, const double *x, double *y) { rs_vtanh_at(rs_simd_level(), n, x, y); }
void rs_vexp(long n, const double *x, double *y) { rs_vexp_at(rs_simd_level(), n, x, y); }
void rs_vsigmoid(long n, double *x) { rs_vsigmoid_at(rs_simd_level(), n, x); }
void rs_lstm_forward(long rows, long n, double *z, const double *cprev, double *c, double *tc,
                     double *h) {
    rs_lstm_forward_at(rs_simd_level(), rows, n, z, cprev, c, tc, h);
}
