// The batched kernel's own GEMMs, for products too small for BLAS's packing and threads to pay:
//
//   rs_gemm_packed    C = A·P + β·C   the recurrence's products against a W_hh packed once per
//                                     batch (BLAS would copy W_hh into its own layout at every
//                                     step: `perf record -e cpu-clock` of `rnnscope bench --only
//                                     train-lstm-h64` at commit 1920249 put OpenBLAS's packing
//                                     copies, dgemm_*copy_ZEN, at about a sixth of the samples);
//   rs_gemm_tn_add    C += Aᵀ·B       the weight gradients over a range of steps, dW += dZᵀ·X,
//                                     A and B read where they are (OpenBLAS copies dZ into its
//                                     own layout first, at every call);
//   rs_add_transposed_narrow           the same with B a few columns wide (a layer's few inputs).
//
// Each C value of the first two is one chain of fused multiply-adds in kk order — rs_gemm_packed's
// from 0, then β·C added; rs_gemm_tn_add's from C itself — on the AVX-512 and AVX2 paths alike, so
// both give the same bits (SIMDPathTests), whatever the blocking.
#include "CLapackShim.h"
#include "simd_dispatch.h"
#include <immintrin.h>
#include <math.h>

// A tile of C is `rows` ≤ MR rows by up to 4 panels of NR columns. A(r, kk) is a[r·ar + kk·ak];
// B's row kk of panel q starts at b + kk·bk + q·bq: a packed panel (bk = NR, bq = k·NR), or a row
// of a row-major B read in place (bk = ldb, bq = NR).
enum { NR = 8, MR = 6, PANELS = 4 };

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

// One product's operands, as the tiles read them. A(r, kk) is a[r·ar + kk·ak]; B's row kk of
// panel q starts at b + kk·bk + q·bq. In SUM mode the accumulators start at 0 and C = acc + β·S,
// where S is C itself (s = c, lds = ldc) or one row added to every row (a bias: lds = 0); in CHAIN
// mode they start at C and C = acc. The two products differ in these, constants in each: SUM with B
// packed (its last panel padded with zeros) for rs_gemm_packed; CHAIN with B read in place (its
// last panel through masks) and A's values prefetched 8 kk ahead (A read across its rows, one cache
// line per kk) for rs_gemm_tn_add.
enum { SUM, CHAIN };
typedef struct {
    const double *a;
    long ar, ak;
    const double *b;
    long bk, bq;
    double *c;
    long ldc;
    const double *s;
    long lds;
    double beta;
} operands;

// AVX-512: C's rows i..i+rows−1 by panels p..p+panels−1: rows·panels accumulators of 8 values (24
// of the 32 registers at 6 × 4); each panel's kk-th 8 values loaded once for all the rows, each A
// value broadcast once for all the panels. The last panel's lanes past `cols` (1–8) are neither
// read nor written.
__attribute__((target("avx512f"))) static inline __attribute__((always_inline)) void
tile_avx512(const int rows, const int panels, int k, const operands *o, int i, int p, int cols,
            const int mode) {
    const double *a = o->a + i * o->ar, *b = o->b + p * o->bq;
    double *c = o->c + (long)i * o->ldc + p * NR;
    const double *s = o->s + (long)i * o->lds + p * NR;
    const long ar = o->ar, ak = o->ak, bk = o->bk, bq = o->bq, ldc = o->ldc, lds = o->lds;
    const __mmask8 last = (__mmask8)((1u << cols) - 1);
    __m512d acc[MR][PANELS];
    for (int r = 0; r < rows; r++)
        for (int q = 0; q < panels; q++)
            acc[r][q] = mode == CHAIN ? _mm512_maskz_loadu_pd(q == panels - 1 ? last : 0xFF,
                                                              c + r * ldc + q * NR)
                                      : _mm512_setzero_pd();
    for (int kk = 0; kk < k; kk++) {
        if (mode == CHAIN)
            _mm_prefetch((const char *)(a + (kk + 8) * ak), _MM_HINT_T0);
        __m512d bv[PANELS];
        for (int q = 0; q < panels; q++)
            bv[q] = _mm512_maskz_loadu_pd(q == panels - 1 ? last : 0xFF, b + kk * bk + q * bq);
        for (int r = 0; r < rows; r++) {
            __m512d av = _mm512_set1_pd(a[r * ar + kk * ak]);
            for (int q = 0; q < panels; q++)
                acc[r][q] = _mm512_fmadd_pd(av, bv[q], acc[r][q]);
        }
    }
    const double beta = o->beta;
    for (int r = 0; r < rows; r++) {
        for (int q = 0; q < panels; q++) {
            __mmask8 lanes = q == panels - 1 ? last : 0xFF;
            __m512d v = acc[r][q];
            if (mode == SUM && beta != 0) {
                __m512d s0 = _mm512_maskz_loadu_pd(lanes, s + r * lds + q * NR);
                v = _mm512_add_pd(beta == 1 ? s0 : _mm512_mul_pd(_mm512_set1_pd(beta), s0), v);
            }
            _mm512_mask_storeu_pd(c + r * ldc + q * NR, lanes, v);
        }
    }
}

// AVX2: C's rows i..i+rows−1 by panel p: 2·rows accumulators of 4 values.
__attribute__((target("avx2,fma"))) static inline __attribute__((always_inline)) void
tile_avx2(const int rows, int k, const operands *o, int i, int p, int cols, const int mode) {
    const double *a = o->a + i * o->ar, *b = o->b + p * o->bq;
    double *c = o->c + (long)i * o->ldc + p * NR;
    const double *s = o->s + (long)i * o->lds + p * NR;
    const long ar = o->ar, ak = o->ak, bk = o->bk, ldc = o->ldc, lds = o->lds;
    const __m256i index = _mm256_setr_epi64x(0, 1, 2, 3);
    const __m256i mask0 = _mm256_cmpgt_epi64(_mm256_set1_epi64x(cols), index);
    const __m256i mask1 = _mm256_cmpgt_epi64(_mm256_set1_epi64x(cols - 4), index);
    const int masked = cols < NR && mode == CHAIN;
    __m256d lo[MR], hi[MR];
    for (int r = 0; r < rows; r++) {
        if (mode == CHAIN && cols == NR) {
            lo[r] = _mm256_loadu_pd(c + r * ldc);
            hi[r] = _mm256_loadu_pd(c + r * ldc + 4);
        } else if (mode == CHAIN) {
            double in[NR] = {0};
            for (int j = 0; j < cols; j++)
                in[j] = c[r * ldc + j];
            lo[r] = _mm256_loadu_pd(in);
            hi[r] = _mm256_loadu_pd(in + 4);
        } else {
            lo[r] = _mm256_setzero_pd();
            hi[r] = _mm256_setzero_pd();
        }
    }
    for (int kk = 0; kk < k; kk++) {
        if (mode == CHAIN)
            _mm_prefetch((const char *)(a + (kk + 8) * ak), _MM_HINT_T0);
        const double *bk_row = b + kk * bk;
        __m256d b0 = masked ? _mm256_maskload_pd(bk_row, mask0) : _mm256_loadu_pd(bk_row);
        __m256d b1 = masked ? _mm256_maskload_pd(bk_row + 4, mask1) : _mm256_loadu_pd(bk_row + 4);
        for (int r = 0; r < rows; r++) {
            __m256d av = _mm256_broadcast_sd(a + r * ar + kk * ak);
            lo[r] = _mm256_fmadd_pd(av, b0, lo[r]);
            hi[r] = _mm256_fmadd_pd(av, b1, hi[r]);
        }
    }
    const double beta = o->beta;
    const int adds = mode == SUM && beta != 0;
    for (int r = 0; r < rows; r++) {
        double *cr = c + r * ldc;
        const double *sr = s + r * lds;
        if (cols == NR) {
            if (adds) {
                __m256d s0 = _mm256_loadu_pd(sr), s1 = _mm256_loadu_pd(sr + 4);
                __m256d vb = _mm256_set1_pd(beta);
                lo[r] = _mm256_add_pd(beta == 1 ? s0 : _mm256_mul_pd(vb, s0), lo[r]);
                hi[r] = _mm256_add_pd(beta == 1 ? s1 : _mm256_mul_pd(vb, s1), hi[r]);
            }
            _mm256_storeu_pd(cr, lo[r]);
            _mm256_storeu_pd(cr + 4, hi[r]);
            continue;
        }
        double out[NR];
        _mm256_storeu_pd(out, lo[r]);
        _mm256_storeu_pd(out + 4, hi[r]);
        for (int j = 0; j < cols; j++)
            cr[j] = adds ? (beta == 1 ? sr[j] : beta * sr[j]) + out[j] : out[j];
    }
}

// The switches' cases: a tile of each size, rows 6 down to 1 (by 4 down to 1 panels for AVX-512),
// each a case of its own so that its accumulators stay in registers.
#define TILE_AVX512(r, q)                                                                          \
    case r *PANELS + q - 1:                                                                        \
        tile_avx512(r, q, k, o, i, p, cols, mode);                                                 \
        break;
#define TILES_AVX512(r) TILE_AVX512(r, 4) TILE_AVX512(r, 3) TILE_AVX512(r, 2) TILE_AVX512(r, 1)
#define TILE_AVX2(r)                                                                               \
    case r:                                                                                        \
        tile_avx2(r, k, o, i, p, cols, mode);                                                      \
        break;

// The rows of C go in ⌈m/6⌉ blocks of nearly equal size (8 rows: 4 + 4, not 6 + 2): block b has
// m/blocks rows, one more for the first m % blocks.
static inline int block_rows(int m, int blocks, int b) { return m / blocks + (b < m % blocks); }

// C (m × n) over k: four panels (32 columns) at a time, the row blocks one after the other over
// them while those panels are in L1.
__attribute__((target("avx512f"))) static inline __attribute__((always_inline)) void
tiles_avx512(int m, int n, int k, const operands *o, const int mode) {
    int blocks = (m + MR - 1) / MR;
    for (int p = 0; p * NR < n; p += PANELS) {
        int width = n - p * NR < PANELS * NR ? n - p * NR : PANELS * NR;
        int np = (width + NR - 1) / NR;
        int cols = width - (np - 1) * NR;
        for (int blk = 0, i = 0, rows; blk < blocks; blk++, i += rows) {
            rows = block_rows(m, blocks, blk);
            switch (rows * PANELS + np - 1) {
                TILES_AVX512(6)
                TILES_AVX512(5) TILES_AVX512(4) TILES_AVX512(3) TILES_AVX512(2) TILES_AVX512(1)
            }
        }
    }
}

__attribute__((target("avx2,fma"))) static inline __attribute__((always_inline)) void
tiles_avx2(int m, int n, int k, const operands *o, const int mode) {
    int blocks = (m + MR - 1) / MR;
    for (int p = 0; p * NR < n; p++) {
        int cols = n - p * NR < NR ? n - p * NR : NR;
        for (int blk = 0, i = 0, rows; blk < blocks; blk++, i += rows) {
            rows = block_rows(m, blocks, blk);
            switch (rows) {
                TILE_AVX2(6) TILE_AVX2(5) TILE_AVX2(4) TILE_AVX2(3) TILE_AVX2(2) TILE_AVX2(1)
            }
        }
    }
}

// C = A·P + β·S for any k ≤ 4 (written for a layer reading two inputs, the adding problem's): each
// row's panels one after the other, one accumulator each. The tiles above keep their 24
// accumulators in a 1.5 KB array on the stack, zeroed and stored at every tile, which costs more
// than so few multiply-adds. The same operations on every value as in the tiles (a chain of FMAs in
// kk order from 0, then β·S added), so the same bits.
__attribute__((target("avx512f"))) static void few_avx512(int m, int n, int k, const operands *o) {
    const int panels = (n + NR - 1) / NR;
    const __mmask8 last = (__mmask8)((1u << (n - (panels - 1) * NR)) - 1);
    const double beta = o->beta;
    for (int i = 0; i < m; i++) {
        const double *a = o->a + (long)i * o->ar;
        const double *s = o->s + (long)i * o->lds;
        double *c = o->c + (long)i * o->ldc;
        for (int p = 0; p < panels; p++) {
            const __mmask8 lanes = p == panels - 1 ? last : 0xFF;
            const double *b = o->b + p * o->bq;
            __m512d acc = _mm512_setzero_pd();
            for (int kk = 0; kk < k; kk++)
                acc = _mm512_fmadd_pd(_mm512_set1_pd(a[kk * o->ak]),
                                      _mm512_maskz_loadu_pd(lanes, b + kk * o->bk), acc);
            if (beta != 0) {
                __m512d s0 = _mm512_maskz_loadu_pd(lanes, s + p * NR);
                acc = _mm512_add_pd(beta == 1 ? s0 : _mm512_mul_pd(_mm512_set1_pd(beta), s0), acc);
            }
            _mm512_mask_storeu_pd(c + p * NR, lanes, acc);
        }
    }
}

// The two products at each level, their mode a constant in each.
__attribute__((target("avx512f"))) static void sum_avx512(int m, int n, int k, const operands *o) {
    tiles_avx512(m, n, k, o, SUM);
}
__attribute__((target("avx512f"))) static void chain_avx512(int m, int n, int k,
                                                            const operands *o) {
    tiles_avx512(m, n, k, o, CHAIN);
}
__attribute__((target("avx2,fma"))) static void sum_avx2(int m, int n, int k, const operands *o) {
    tiles_avx2(m, n, k, o, SUM);
}
__attribute__((target("avx2,fma"))) static void chain_avx2(int m, int n, int k, const operands *o) {
    tiles_avx2(m, n, k, o, CHAIN);
}

// C = A·P + β·S, P packed (k × n in panels): S = C (lds = ldc), or a bias row (lds = 0, β = 1).
static void gemm_packed(int level, int m, int n, int k, const double *a, long lda,
                        const double *packed, double beta, const double *s, long lds, double *c,
                        long ldc) {
    level = simd_clamp(level);
    long bq = (long)k * NR;
    operands o = {a, lda, 1, packed, NR, bq, c, ldc, s, lds, beta};
    if (level == RS_SIMD_AVX512 && k <= 4) {
        few_avx512(m, n, k, &o);
    } else if (level == RS_SIMD_AVX512) {
        sum_avx512(m, n, k, &o);
    } else if (level == RS_SIMD_AVX2) {
        sum_avx2(m, n, k, &o);
    } else {
        // Without AVX2: the same sums as plain loops (not fused: other bits than the paths above).
        for (int p = 0; p * NR < n; p++) {
            const double *pp = packed + p * bq;
            int cols = n - p * NR < NR ? n - p * NR : NR;
            for (int i = 0; i < m; i++) {
                double out[NR] = {0};
                for (int kk = 0; kk < k; kk++)
                    for (int j = 0; j < NR; j++)
                        out[j] += a[i * lda + kk] * pp[kk * NR + j];
                double *cr = c + i * ldc + p * NR;
                const double *sr = s + i * lds + p * NR;
                for (int j = 0; j < cols; j++)
                    cr[j] = beta == 0 ? out[j] : beta * sr[j] + out[j];
            }
        }
    }
}

void rs_gemm_packed_at(int level, int m, int n, int k, const double *a, long lda,
                       const double *packed, double beta, double *c, long ldc) {
    gemm_packed(level, m, n, k, a, lda, packed, beta, c, ldc, c, ldc);
}

void rs_gemm_packed(int m, int n, int k, const double *a, long lda, const double *packed,
                    double beta, double *c, long ldc) {
    gemm_packed(rs_simd_level(), m, n, k, a, lda, packed, beta, c, ldc, c, ldc);
}

void rs_gemm_packed_bias_at(int level, int m, int n, int k, const double *a, long lda,
                            const double *packed, const double *bias, double *c, long ldc) {
    gemm_packed(level, m, n, k, a, lda, packed, 1, bias, 0, c, ldc);
}

void rs_gemm_packed_bias(int m, int n, int k, const double *a, long lda, const double *packed,
                         const double *bias, double *c, long ldc) {
    gemm_packed(rs_simd_level(), m, n, k, a, lda, packed, 1, bias, 0, c, ldc);
}

// C += Aᵀ·B in chunks of 64 kk (A's and B's rows of a chunk stay in L2 over C's column groups,
// and B's 64 × 32 block in L1 over C's row blocks); the chains go on from C across the chunks.
void rs_gemm_tn_add_at(int level, int m, int n, int k, const double *a, long lda, const double *b,
                       long ldb, double *c, long ldc) {
    level = simd_clamp(level);
    if (level < RS_SIMD_AVX2) {
        // fma() rounds as the vector paths' FMAs do: the same bits, one value at a time.
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = c[(long)i * ldc + j];
                for (int kk = 0; kk < k; kk++)
                    s = fma(a[(long)kk * lda + i], b[(long)kk * ldb + j], s);
                c[(long)i * ldc + j] = s;
            }
        return;
    }
    enum { CHUNK = 64 };
    for (int k0 = 0; k0 < k; k0 += CHUNK) {
        int kc = k - k0 < CHUNK ? k - k0 : CHUNK;
        const double *ak = a + (long)k0 * lda;
        const double *bk = b + (long)k0 * ldb;
        operands o = {ak, 1, lda, bk, ldb, NR, c, ldc, c, ldc, 1};
        if (level == RS_SIMD_AVX512)
            chain_avx512(m, n, kc, &o);
        else
            chain_avx2(m, n, kc, &o);
    }
}

void rs_gemm_tn_add(int m, int n, int k, const double *a, long lda, const double *b, long ldb,
                    double *c, long ldc) {
    rs_gemm_tn_add_at(rs_simd_level(), m, n, k, a, lda, b, ldb, c, ldc);
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
