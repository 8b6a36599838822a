// What a training step does to the parameters after the gradients: their norm for clipping, the
// clips by norm and by value, and the optimizers' update rules (`Optimizer.step`), as plain loops
// the compiler vectorises for each level of rs_simd_level(). Every operation is rounded as written
// (no contraction but the norm's explicit fma), so every level gives the same bits.
#include "CLapackShim.h"
#include "simd_dispatch.h"
#include <math.h>

#pragma clang fp contract(off)

// √x as the instruction computes it (correctly rounded), which vectorises: sqrt() may set errno
// and would keep the loops scalar.
#define SQRT(x) __builtin_elementwise_sqrt(x)

// The loop bodies, each inlined into one entry point per level below.

// lanes[j] = fma(x_i, x_i, lanes[j]) for the i ≡ j (mod 8)
static inline __attribute__((always_inline)) void sum_squares(long n, const double *restrict x,
                                                              double *restrict lanes) {
    double l[8];
    for (int j = 0; j < 8; j++)
        l[j] = lanes[j];
    long i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; j++)
            l[j] = fma(x[i + j], x[i + j], l[j]);
    for (int j = 0; i + j < n; j++)
        l[j] = fma(x[i + j], x[i + j], l[j]);
    for (int j = 0; j < 8; j++)
        lanes[j] = l[j];
}

// x ← s·x
static inline __attribute__((always_inline)) void scale(long n, double *restrict x, double s) {
    for (long i = 0; i < n; i++)
        x[i] = s * x[i];
}

// x ← x / d
static inline __attribute__((always_inline)) void divide(long n, double *restrict x, double d) {
    for (long i = 0; i < n; i++)
        x[i] = x[i] / d;
}

// x ← min(max(x, −v), v), NaN kept
static inline __attribute__((always_inline)) void clamp(long n, double *restrict x, double v) {
    for (long i = 0; i < n; i++) {
        double y = x[i] < -v ? -v : x[i];
        x[i] = v < y ? v : y;
    }
}

// The updates return how many of the new θ are not finite (0: all are).

// buf = μ·buf + g (buf = g on the first step; no buffer when μ = 0);  θ −= lr·buf
static inline __attribute__((always_inline)) long sgd(long n, double *restrict p,
                                                      const double *restrict g,
                                                      double *restrict buf, double lr, double mu,
                                                      int first) {
    long bad = 0;
    for (long i = 0; i < n; i++) {
        double b = mu == 0 ? g[i] : (first ? g[i] : mu * buf[i] + g[i]);
        if (mu != 0)
            buf[i] = b;
        p[i] = p[i] - lr * b;
        bad += !isfinite(p[i]);
    }
    return bad;
}

// Σ += g²;  θ −= lr·g / (√Σ + ε)
static inline __attribute__((always_inline)) long adagrad(long n, double *restrict p,
                                                          const double *restrict g,
                                                          double *restrict sum, double lr,
                                                          double eps) {
    long bad = 0;
    for (long i = 0; i < n; i++) {
        sum[i] = sum[i] + g[i] * g[i];
        p[i] = p[i] - lr * g[i] / (SQRT(sum[i]) + eps);
        bad += !isfinite(p[i]);
    }
    return bad;
}

// v = α·v + (1 − α)·g²;  θ −= lr·g / (√v + ε)
static inline __attribute__((always_inline)) long rmsprop(long n, double *restrict p,
                                                          const double *restrict g,
                                                          double *restrict v, double lr,
                                                          double alpha, double eps) {
    long bad = 0;
    for (long i = 0; i < n; i++) {
        v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
        p[i] = p[i] - lr * g[i] / (SQRT(v[i]) + eps);
        bad += !isfinite(p[i]);
    }
    return bad;
}

// m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g²;  θ −= step·m / (√v / √(1 − β₂ᵗ) + ε), where
// step = lr / (1 − β₁ᵗ)
static inline __attribute__((always_inline)) long adam(long n, double *restrict p,
                                                       const double *restrict g, double *restrict m,
                                                       double *restrict v, double b1, double b2,
                                                       double step, double root_bc2, double eps) {
    long bad = 0;
    for (long i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        p[i] = p[i] - step * m[i] / (SQRT(v[i]) / root_bc2 + eps);
        bad += !isfinite(p[i]);
    }
    return bad;
}

LEVELS(void, sum_squares, (long n, const double *x, double *lanes), (n, x, lanes))
LEVELS(void, scale, (long n, double *x, double s), (n, x, s))
LEVELS(void, divide, (long n, double *x, double d), (n, x, d))
LEVELS(void, clamp, (long n, double *x, double v), (n, x, v))
LEVELS(long, sgd,
       (long n, double *p, const double *g, double *buf, double lr, double mu, int first),
       (n, p, g, buf, lr, mu, first))
LEVELS(long, adagrad, (long n, double *p, const double *g, double *sum, double lr, double eps),
       (n, p, g, sum, lr, eps))
LEVELS(long, rmsprop,
       (long n, double *p, const double *g, double *v, double lr, double alpha, double eps),
       (n, p, g, v, lr, alpha, eps))
LEVELS(long, adam,
       (long n, double *p, const double *g, double *m, double *v, double b1, double b2, double step,
        double root_bc2, double eps),
       (n, p, g, m, v, b1, b2, step, root_bc2, eps))
