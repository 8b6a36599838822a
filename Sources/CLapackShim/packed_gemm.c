// A GEMM against a matrix packed once: the recurrence's products, step after step against the same
// W_hh, where BLAS would copy W_hh into its own packed layout again on every call (`perf record -e
// cpu-clock` of `rnnscope bench --only train-lstm-h64` at commit 1920249: OpenBLAS's packing
// copies, dgemm_*copy_ZEN, about a sixth of the samples). Equal to rs_gemm(0, 0, m, n, k, 1, a,
// lda, B, ·, beta, c, ldc) up to the order of its sums: each C value is one chain of fused
// multiply-adds over kk = 0..k−1, in order, from 0, then β·C added — on the AVX-512 path and the
// AVX2 path alike, so both give the same bits.
#include "CLapackShim.h"
#include <immintrin.h>

enum { NR = 8, MR = 6 };

long rs_packed_size(int k, int n) { return (long)((n + NR - 1) / NR) * NR * k; }

void rs_pack_panels(int k, int n, const double *b, long row_stride, long col_stride,
                    double *packed) {
    // Panel p holds columns 8p..8p+7 of B (k × n): for each kk, those 8 values side by side (zeros
    // past column n).
    for (int p = 0; p < (n + NR - 1) / NR; p++) {
        double *dst = packed + (long)p * k * NR;
        for (int kk = 0; kk < k; kk++) {
            for (int j = 0; j < NR; j++) {
                int col = p * NR + j;
                dst[kk * NR + j] = col < n ? b[kk * row_stride + col * col_stride] : 0;
            }
        }
    }
}

// C[rows × cols of one panel] = A[rows × k] · P + beta·C, with `rows` ≤ MR known at compile time
// where inlined: 2·rows accumulators of 4 values.
__attribute__((target("avx2,fma"))) static inline __attribute__((always_inline)) void
block_avx2(const int rows, int k, const double *a, long lda, const double *p, double beta,
           double *c, long ldc, int cols) {
    __m256d lo[MR], hi[MR];
    for (int r = 0; r < rows; r++) {
        lo[r] = _mm256_setzero_pd();
        hi[r] = _mm256_setzero_pd();
    }
    for (int kk = 0; kk < k; kk++) {
        __m256d b0 = _mm256_loadu_pd(p + kk * NR);
        __m256d b1 = _mm256_loadu_pd(p + kk * NR + 4);
        for (int r = 0; r < rows; r++) {
            __m256d av = _mm256_broadcast_sd(a + r * lda + kk);
            lo[r] = _mm256_fmadd_pd(av, b0, lo[r]);
            hi[r] = _mm256_fmadd_pd(av, b1, hi[r]);
        }
    }
    for (int r = 0; r < rows; r++) {
        double *cr = c + r * ldc;
        if (cols == NR) {
            if (beta != 0) {
                __m256d vb = _mm256_set1_pd(beta);
                __m256d c0 = _mm256_loadu_pd(cr), c1 = _mm256_loadu_pd(cr + 4);
                lo[r] = _mm256_add_pd(beta == 1 ? c0 : _mm256_mul_pd(vb, c0), lo[r]);
                hi[r] = _mm256_add_pd(beta == 1 ? c1 : _mm256_mul_pd(vb, c1), hi[r]);
            }
            _mm256_storeu_pd(cr, lo[r]);
            _mm256_storeu_pd(cr + 4, hi[r]);
            continue;
        }
        double out[NR];
        _mm256_storeu_pd(out, lo[r]);
        _mm256_storeu_pd(out + 4, hi[r]);
        for (int j = 0; j < cols; j++)
            cr[j] = beta == 0 ? out[j] : (beta == 1 ? cr[j] : beta * cr[j]) + out[j];
    }
}

__attribute__((target("avx2,fma"))) static void gemm_packed_avx2(int m, int n, int k,
                                                                 const double *a, long lda,
                                                                 const double *packed, double beta,
                                                                 double *c, long ldc) {
    for (int p = 0; p < (n + NR - 1) / NR; p++) {
        const double *pp = packed + (long)p * k * NR;
        int cols = n - p * NR < NR ? n - p * NR : NR;
        double *cp = c + p * NR;
        // The rows in ⌈m/6⌉ blocks of nearly equal size (8 rows: 4 + 4, not 6 + 2), each block
        // size a case of its own so that its accumulators stay in registers.
        int blocks = (m + MR - 1) / MR;
        for (int b = 0, i = 0; b < blocks; b++) {
            int rows = m / blocks + (b < m % blocks ? 1 : 0);
            const double *ab = a + i * lda;
            double *cb = cp + i * ldc;
            switch (rows) {
#define BLOCK(r)                                                                                   \
    case r:                                                                                        \
        block_avx2(r, k, ab, lda, pp, beta, cb, ldc, cols);                                        \
        break;
                BLOCK(6) BLOCK(5) BLOCK(4) BLOCK(3) BLOCK(2) BLOCK(1)
#undef BLOCK
            }
            i += rows;
        }
    }
}

// AVX-512: C[rows × 8·panels] = A[rows × k] · P[panels] + β·C, rows ≤ 6 and panels ≤ 4 known at
// compile time where inlined: rows·panels accumulators of 8 values (24 of the 32 registers at 6 ×
// 4), each panel's kk-th 8 values loaded once for all the rows. `cols` is the last panel's width
// (1–8): its lanes past it are neither read nor written.
__attribute__((target("avx512f"))) static inline __attribute__((always_inline)) void
block_avx512(const int rows, const int panels, int k, const double *a, long lda, const double *p,
             long panel_stride, double beta, double *c, long ldc, int cols) {
    __m512d acc[MR][4];
    for (int r = 0; r < rows; r++)
        for (int q = 0; q < panels; q++)
            acc[r][q] = _mm512_setzero_pd();
    for (int kk = 0; kk < k; kk++) {
        __m512d b[4];
        for (int q = 0; q < panels; q++)
            b[q] = _mm512_loadu_pd(p + q * panel_stride + kk * NR);
        for (int r = 0; r < rows; r++) {
            __m512d av = _mm512_set1_pd(a[r * lda + kk]);
            for (int q = 0; q < panels; q++)
                acc[r][q] = _mm512_fmadd_pd(av, b[q], acc[r][q]);
        }
    }
    const __mmask8 last = (__mmask8)((1u << cols) - 1);
    for (int r = 0; r < rows; r++) {
        for (int q = 0; q < panels; q++) {
            double *cr = c + r * ldc + q * NR;
            __mmask8 lanes = q == panels - 1 ? last : 0xFF;
            __m512d v = acc[r][q];
            if (beta != 0) {
                __m512d c0 = _mm512_maskz_loadu_pd(lanes, cr);
                v = _mm512_add_pd(beta == 1 ? c0 : _mm512_mul_pd(_mm512_set1_pd(beta), c0), v);
            }
            _mm512_mask_storeu_pd(cr, lanes, v);
        }
    }
}

__attribute__((target("avx512f"))) static void gemm_packed_avx512(int m, int n, int k,
                                                                  const double *a, long lda,
                                                                  const double *packed, double beta,
                                                                  double *c, long ldc) {
    int panels = (n + NR - 1) / NR;
    long panel_stride = (long)k * NR;
    // The rows in ⌈m/6⌉ blocks of nearly equal size; four panels (32 columns) at a time, the
    // blocks one after the other over them while those panels are in L1.
    int blocks = (m + MR - 1) / MR;
    for (int p0 = 0; p0 < panels; p0 += 4) {
        int np = panels - p0 < 4 ? panels - p0 : 4;
        int cols = n - (p0 + np - 1) * NR < NR ? n - (p0 + np - 1) * NR : NR;
        const double *pp = packed + p0 * panel_stride;
        double *cp = c + p0 * NR;
        for (int b = 0, i = 0; b < blocks; b++) {
            int rows = m / blocks + (b < m % blocks ? 1 : 0);
            const double *ab = a + i * lda;
            double *cb = cp + i * ldc;
            switch (rows * 4 + np - 1) {
#define BLOCK(r, q)                                                                                \
    case r * 4 + q - 1:                                                                            \
        block_avx512(r, q, k, ab, lda, pp, panel_stride, beta, cb, ldc, cols);                     \
        break;
#define BLOCKS(r) BLOCK(r, 4) BLOCK(r, 3) BLOCK(r, 2) BLOCK(r, 1)
                BLOCKS(6) BLOCKS(5) BLOCKS(4) BLOCKS(3) BLOCKS(2) BLOCKS(1)
#undef BLOCKS
#undef BLOCK
            }
            i += rows;
        }
    }
}

// Without AVX2: the same sums, as plain loops (not fused: other bits than the AVX2 path's).
static void gemm_packed_portable(int m, int n, int k, const double *a, long lda,
                                 const double *packed, double beta, double *c, long ldc) {
    for (int p = 0; p < (n + NR - 1) / NR; p++) {
        const double *pp = packed + (long)p * k * NR;
        int cols = n - p * NR < NR ? n - p * NR : NR;
        for (int i = 0; i < m; i++) {
            double out[NR] = {0};
            for (int kk = 0; kk < k; kk++)
                for (int j = 0; j < NR; j++)
                    out[j] += a[i * lda + kk] * pp[kk * NR + j];
            double *cr = c + i * ldc + p * NR;
            for (int j = 0; j < cols; j++)
                cr[j] = beta == 0 ? out[j] : beta * cr[j] + out[j];
        }
    }
}

void rs_gemm_packed_at(int level, int m, int n, int k, const double *a, long lda,
                       const double *packed, double beta, double *c, long ldc) {
    if (level > rs_simd_level())
        level = rs_simd_level();
    if (level == RS_SIMD_AVX512)
        gemm_packed_avx512(m, n, k, a, lda, packed, beta, c, ldc);
    else if (level == RS_SIMD_AVX2)
        gemm_packed_avx2(m, n, k, a, lda, packed, beta, c, ldc);
    else
        gemm_packed_portable(m, n, k, a, lda, packed, beta, c, ldc);
}

void rs_gemm_packed(int m, int n, int k, const double *a, long lda, const double *packed,
                    double beta, double *c, long ldc) {
    rs_gemm_packed_at(rs_simd_level(), m, n, k, a, lda, packed, beta, c, ldc);
}

// Σ_r a_r,j b_r,i as n rows of m sums in `scratch` (each a contiguous loop over j), then
// C[j][i] += them. Four rows of A at a time, so that the sums are loaded and stored a quarter as
// often; each sum still adds its terms one by one in row order, unfused, so the bits are those of
// one row at a time on any machine.
#pragma clang fp contract(off)
static inline __attribute__((always_inline)) void
transposed_narrow_sums(int rows, int m, int n, const double *restrict a, long lda,
                       const double *restrict b, long ldb, double *restrict scratch) {
    for (long s = 0; s < (long)n * m; s++)
        scratch[s] = 0;
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
        const double *a0 = a + r * lda, *a1 = a0 + lda, *a2 = a1 + lda, *a3 = a2 + lda;
        for (int i = 0; i < n; i++) {
            double b0 = b[r * ldb + i], b1 = b[(r + 1) * ldb + i];
            double b2 = b[(r + 2) * ldb + i], b3 = b[(r + 3) * ldb + i];
            double *si = scratch + (long)i * m;
            for (int j = 0; j < m; j++)
                si[j] = (((si[j] + a0[j] * b0) + a1[j] * b1) + a2[j] * b2) + a3[j] * b3;
        }
    }
    for (; r < rows; r++) {
        const double *ar = a + r * lda;
        for (int i = 0; i < n; i++) {
            double bi = b[r * ldb + i];
            double *si = scratch + (long)i * m;
            for (int j = 0; j < m; j++)
                si[j] += ar[j] * bi;
        }
    }
}

__attribute__((target("avx2,fma"))) static void
transposed_narrow_sums_avx2(int rows, int m, int n, const double *a, long lda, const double *b,
                            long ldb, double *scratch) {
    transposed_narrow_sums(rows, m, n, a, lda, b, ldb, scratch);
}

void rs_add_transposed_narrow(int rows, int m, int n, const double *restrict a, long lda,
                              const double *restrict b, long ldb, double *restrict c, long ldc,
                              double *restrict scratch) {
    if (rs_simd_level() >= RS_SIMD_AVX2)
        transposed_narrow_sums_avx2(rows, m, n, a, lda, b, ldb, scratch);
    else
        transposed_narrow_sums(rows, m, n, a, lda, b, ldb, scratch);
    for (int j = 0; j < m; j++)
        for (int i = 0; i < n; i++)
            c[j * ldc + i] += scratch[(long)i * m + j];
}
