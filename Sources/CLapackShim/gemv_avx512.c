// Matrix–vector products for one recurrent step (a 4H × H weight matrix from L2, once per step,
// forward and back) with AVX-512 where the CPU has it: OpenBLAS's dgemv reaches the same bandwidth
// but costs more per call (argument checks, buffers, locks shared with the other thread's GEMMs).
// Callers fall back to BLAS when this returns 0 (no AVX-512, a strided x).
#include "CLapackShim.h"
#include <immintrin.h>

// Every product and sum rounded one by one (no contraction beyond the explicit FMAs).
#pragma clang fp contract(off)

// out_r = Σ_c A[r][c] x_c (with `add`: out_r = Σ_c A[r][c] x_c + out_r), four rows at a time (8
// columns per FMA, the last ones masked)
__attribute__((target("avx512f"))) static void
rows_dot(int rows, int cols, const double *A, int lda, const double *x, double *out, int add) {
    int r = 0;
    const __mmask8 tail = (__mmask8)((1u << (cols % 8)) - 1);
    const int full = cols - cols % 8;
    for (; r + 4 <= rows; r += 4) {
        const double *a0 = A + (long)r * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        __m512d s0 = _mm512_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
        for (int c = 0; c < full; c += 8) {
            __m512d xv = _mm512_loadu_pd(x + c);
            s0 = _mm512_fmadd_pd(_mm512_loadu_pd(a0 + c), xv, s0);
            s1 = _mm512_fmadd_pd(_mm512_loadu_pd(a1 + c), xv, s1);
            s2 = _mm512_fmadd_pd(_mm512_loadu_pd(a2 + c), xv, s2);
            s3 = _mm512_fmadd_pd(_mm512_loadu_pd(a3 + c), xv, s3);
        }
        if (tail) {
            __m512d xv = _mm512_maskz_loadu_pd(tail, x + full);
            s0 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(tail, a0 + full), xv, s0);
            s1 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(tail, a1 + full), xv, s1);
            s2 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(tail, a2 + full), xv, s2);
            s3 = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(tail, a3 + full), xv, s3);
        }
        double d0 = _mm512_reduce_add_pd(s0), d1 = _mm512_reduce_add_pd(s1);
        double d2 = _mm512_reduce_add_pd(s2), d3 = _mm512_reduce_add_pd(s3);
        out[r] = add ? d0 + out[r] : d0;
        out[r + 1] = add ? d1 + out[r + 1] : d1;
        out[r + 2] = add ? d2 + out[r + 2] : d2;
        out[r + 3] = add ? d3 + out[r + 3] : d3;
    }
    for (; r < rows; r++) {
        const double *a = A + (long)r * lda;
        __m512d s = _mm512_setzero_pd();
        for (int c = 0; c < full; c += 8)
            s = _mm512_fmadd_pd(_mm512_loadu_pd(a + c), _mm512_loadu_pd(x + c), s);
        if (tail)
            s = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(tail, a + full),
                                _mm512_maskz_loadu_pd(tail, x + full), s);
        double d = _mm512_reduce_add_pd(s);
        out[r] = add ? d + out[r] : d;
    }
}

// out_c = Σ_r A[r][c] x_r (with `add`: out_c = Σ_r A[r][c] x_r + out_c), 64 columns at a time in
// eight accumulators (the last block masked)
__attribute__((target("avx512f"))) static void
cols_axpy(int rows, int cols, const double *A, int lda, const double *x, double *out, int add) {
    for (int c0 = 0; c0 < cols; c0 += 64) {
        int width = cols - c0 < 64 ? cols - c0 : 64;
        __mmask8 m[8];
        for (int k = 0; k < 8; k++) {
            int w = width - 8 * k;
            m[k] = w >= 8 ? 0xFF : (w <= 0 ? 0 : (__mmask8)((1u << w) - 1));
        }
        __m512d acc[8];
        for (int k = 0; k < 8; k++)
            acc[k] = _mm512_setzero_pd();
        for (int r = 0; r < rows; r++) {
            const double *a = A + (long)r * lda + c0;
            __m512d xr = _mm512_set1_pd(x[r]);
            for (int k = 0; k < 8; k++)
                acc[k] = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(m[k], a + 8 * k), xr, acc[k]);
        }
        for (int k = 0; k < 8; k++) {
            if (add)
                acc[k] = _mm512_add_pd(acc[k], _mm512_maskz_loadu_pd(m[k], out + c0 + 8 * k));
            _mm512_mask_storeu_pd(out + c0 + 8 * k, m[k], acc[k]);
        }
    }
}

int rs_gemv_step(int trans, int rows, int cols, double alpha, const double *a, int lda,
                 const double *x, int incx, double beta, double *y) {
    // Large products go to BLAS, which may share them between threads.
    if (incx != 1 || rows <= 0 || cols <= 0 || (long)rows * cols >= (1L << 20) ||
        rs_simd_level() < RS_SIMD_AVX512)
        return 0;
    // y = A x or y = A x + y (α = 1, β = 0 or 1: the recurrence's products) straight into y:
    // 1·s = s and 1·y = y exactly, so the same bits as through the scratch below.
    if (alpha == 1 && (beta == 0 || beta == 1)) {
        if (trans)
            cols_axpy(rows, cols, a, lda, x, y, beta == 1);
        else
            rows_dot(rows, cols, a, lda, x, y, beta == 1);
        return 1;
    }
    int n = trans ? cols : rows;
    double scratch[4096];
    if (n > 4096)
        return 0;
    if (trans)
        cols_axpy(rows, cols, a, lda, x, scratch, 0);
    else
        rows_dot(rows, cols, a, lda, x, scratch, 0);
    if (beta == 0) {
        for (int i = 0; i < n; i++)
            y[i] = alpha * scratch[i];
    } else {
        for (int i = 0; i < n; i++)
            y[i] = alpha * scratch[i] + beta * y[i];
    }
    return 1;
}
