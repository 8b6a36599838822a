// Eigenvalues and singular values through LAPACK (Debian's liblapack), with the workspace queries
// and Fortran calling details kept on the C side. Matrices are row-major n×n / m×n; LAPACK sees the
// transpose, which has the same eigenvalues and singular values.
#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H

/// Eigenvalues of the n×n matrix a (overwritten) into wr (real parts) and wi (imaginary parts).
/// Returns LAPACK's info (0 = ok).
int rs_eigenvalues(int n, double *a, double *wr, double *wi);
/// Eigenvalues (wr, wi) and right eigenvectors of the row-major n×n matrix a (left unchanged),
/// through LAPACK dgeev: row j of `vectors` (n×n) is eigenvector j for a real λ_j; for a complex
/// pair λ_j, λ_{j+1} = conj(λ_j), rows j and j+1 are the real and imaginary parts of λ_j's. Each is
/// of unit 2-norm. Returns info.
int rs_eigenvectors(int n, const double *a, double *wr, double *wi, double *vectors);
/// Singular values of the m×n matrix a (overwritten), descending, into s (min(m, n) values).
/// Returns info.
int rs_singular_values(int m, int n, double *a, double *s);

/// The singular values of the row-major m×n matrix a (overwritten), descending, into s (min(m, n)
/// values), and its right singular vectors into axes: row j (n values) the j-th, min(m, n) rows.
/// For centred samples as rows these are the principal axes. Returns info.
int rs_principal_axes(int m, int n, double *a, double *s, double *axes);
/// Solves A x = b for the row-major n×n matrix a (overwritten by its LU factors) and b (n values,
/// overwritten by x), through LAPACK dgesv. Returns info (> 0: A is singular).
int rs_solve(int n, double *a, double *b);

/// Replaces the n×n matrix a with the orthogonal factor Q of its QR decomposition, each column's
/// sign chosen so that R's diagonal is positive (as torch.nn.init.orthogonal_ does). Returns info.
int rs_orthogonalize(int n, double *a);

/// Pins the number of BLAS threads for every following call (n > 0), or returns to choosing by size
/// (n = 0). OpenBLAS's idle threads spin for a while after a threaded call, so a run of small calls
/// after a large one goes faster when the whole run is pinned to one thread.
void rs_blas_pin_threads(int n);
// How many threads the engine may use at once: 2, or RNNSCOPE_BLAS_THREADS when set.
int rs_thread_cap(void);

/// y = A x (trans = 0) or y = Aᵀ x (trans = 1) for a row-major m×n matrix A, through BLAS dgemv.
void rs_gemv(int trans, int m, int n, const double *a, const double *x, double *y);
/// A += x yᵀ for a row-major m×n matrix A, through BLAS dger.
void rs_ger(int m, int n, const double *x, const double *y, double *a);

/// C = α·op(A)·op(B) + β·C for row-major matrices (op(A) m×k, op(B) k×n, leading dimensions lda,
/// ldb, ldc), through BLAS dgemm, or dgemv when m = 1.
void rs_gemm(int transA, int transB, int m, int n, int k, double alpha, const double *a, int lda,
             const double *b, int ldb, double beta, double *c, int ldc);

/// The vector instructions the kernels below use: RS_SIMD_AVX512 (AVX-512F, with AVX2 and FMA),
/// RS_SIMD_AVX2 (AVX2 and FMA) or RS_SIMD_SSE2 — the widest this CPU has, or fewer where the
/// environment's RNNSCOPE_SIMD says `avx2` or `sse2` (read once).
#define RS_SIMD_SSE2 0
#define RS_SIMD_AVX2 1
#define RS_SIMD_AVX512 2
int rs_simd_level(void);

/// B (k × n, B[kk][j] at b[kk·row_stride + j·col_stride]) packed for rs_gemm_packed: panels of 8
/// columns, each kk's 8 values side by side; rs_packed_size(k, n) values.
long rs_packed_size(int k, int n);
void rs_pack_panels(int k, int n, const double *b, long row_stride, long col_stride,
                    double *packed);
/// C = A·B + β·C for row-major A (m × k, lda) and C (m × n, ldc), B packed by rs_pack_panels: the
/// recurrence's products against a W_hh packed once per batch, at rs_simd_level().
void rs_gemm_packed(int m, int n, int k, const double *a, long lda, const double *packed,
                    double beta, double *c, long ldc);
/// C = bias + A·P: rs_gemm_packed with every row of C first set to `bias` (n values) and β = 1,
/// without that pass over C.
void rs_gemm_packed_bias(int m, int n, int k, const double *a, long lda, const double *packed,
                         const double *bias, double *c, long ldc);
void rs_gemm_packed_bias_at(int level, int m, int n, int k, const double *a, long lda,
                            const double *packed, const double *bias, double *c, long ldc);
/// rs_gemm_packed at the given level (at most rs_simd_level()), for tests: the AVX-512 and AVX2
/// paths give the same bits (each C value one chain of fused multiply-adds in kk order).
void rs_gemm_packed_at(int level, int m, int n, int k, const double *a, long lda,
                       const double *packed, double beta, double *c, long ldc);

/// C += Aᵀ·B for row-major A (k × m, lda), B (k × n, ldb) and C (m × n, ldc), read in place: the
/// weight gradients dW += dZᵀ·X over a range of steps. Each C value is one chain of fused
/// multiply-adds over kk = 0..k−1 in order, starting from C's value, on every path (SSE2 through
/// fma()), so the bits do not depend on the CPU.
void rs_gemm_tn_add(int m, int n, int k, const double *a, long lda, const double *b, long ldb,
                    double *c, long ldc);
/// rs_gemm_tn_add at the given level (at most rs_simd_level()), for tests.
void rs_gemm_tn_add_at(int level, int m, int n, int k, const double *a, long lda, const double *b,
                       long ldb, double *c, long ldc);

/// C += Aᵀ·B for row-major A (rows × m), B (rows × n) and C (m × n) with n small (a layer's few
/// inputs): sums over the rows in `scratch` (n·m values), then added into C.
void rs_add_transposed_narrow(int rows, int m, int n, const double *a, long lda, const double *b,
                              long ldb, double *c, long ldc, double *scratch);

// y = α·op(A) x + β·y for A row-major (rows × cols, lda; op(A) = Aᵀ when trans), one step's
// matrix–vector product, with AVX-512 where the CPU has it. Returns 0, having done nothing, where
// BLAS should do it (no AVX-512, x strided, or a product of 1 M values or more).
int rs_gemv_step(int trans, int rows, int cols, double alpha, const double *a, int lda,
                 const double *x, int incx, double beta, double *y);

/// y = tanh(x), y = eˣ element-wise over n values (y may be x), at rs_simd_level(): tanh our own
/// (libmvec's on SSE2), eˣ glibc's libmvec.
void rs_vtanh(long n, const double *x, double *y);
void rs_vexp(long n, const double *x, double *y);
// x ← σ(x) = 1 / (1 + e^(−x)) in place.
void rs_vsigmoid(long n, double *x);
// The LSTM step's two functions below take buffers no two of which overlap (each row's loop reads
// and writes them through `restrict` pointers).
// An LSTM step's pointwise arithmetic over `rows` rows of n units: z (rows × 4n, gates [i f g o])
// from the pre-activations to σ(i) σ(f) tanh(g) σ(o) in place;  c = σ(f)·c_prev + σ(i)·tanh(g);
// tc = tanh c;  h = σ(o)·tc  (c_prev, c, tc, h: rows × n).
void rs_lstm_forward(long rows, long n, double *z, const double *cprev, double *c, double *tc,
                     double *h);
// An LSTM step back over `rows` rows of n units, from the activated gates z = [i f g o] (rows ×
// 4n), which d(Z) overwrites, tanh c, c_prev, ∂L/∂h from above (dh) and from the step after
// (carry): dh ← dh + carry; dc = dcarry + dh·o(1 − tc²);
// z ← [dc·g·i(1−i), dc·c_prev·f(1−f), dc·i(1−g²), dh·tc·o(1−o)];  dcarry ← dc·f;
// dbias (4n) ← dbias + d(Z), row after row.
void rs_lstm_backward(long rows, long n, double *z, const double *tc, const double *cprev,
                      double *dh, const double *carry, double *dcarry, double *dbias);
// The same at a given RS_SIMD_ level (at most rs_simd_level()), so that tests check every path
// this machine has: the AVX-512 path gives the AVX2 path's bits; SSE2 may round otherwise.
void rs_vtanh_at(int level, long n, const double *x, double *y);
void rs_vexp_at(int level, long n, const double *x, double *y);
void rs_vsigmoid_at(int level, long n, double *x);
void rs_lstm_forward_at(int level, long rows, long n, double *z, const double *cprev, double *c,
                        double *tc, double *h);
void rs_lstm_backward_at(int level, long rows, long n, double *z, const double *tc,
                         const double *cprev, double *dh, const double *carry, double *dcarry,
                         double *dbias);

// After the gradients (parameter_update.c), the same bits at every level:
// lanes[j] += x_i² (one fma) for each i ≡ j (mod 8): a sum of squares in 8 lanes, which go on
// from buffer to buffer.
void rs_sum_squares(long n, const double *x, double *lanes);
// x ← s·x
void rs_scale(long n, double *x, double s);
// x ← x / d (a mean from a sum, rounded as the division)
void rs_divide(long n, double *x, double d);
// x ← min(max(x, −v), v), NaN kept (clip_grad_value_)
void rs_clamp(long n, double *x, double v);
// torch.optim's update rules on one tensor, as `Optimizer.step` documents them, each returning how
// many of the new θ are not finite. SGD: buf = μ·buf + g (g on the first step), θ −= lr·buf
// (θ −= lr·g when μ = 0; buf untouched).
long rs_sgd(long n, double *p, const double *g, double *buf, double lr, double mu, int first);
// Adagrad: Σ += g²;  θ −= lr·g / (√Σ + ε)
long rs_adagrad(long n, double *p, const double *g, double *sum, double lr, double eps);
// RMSprop: v = α·v + (1 − α)·g²;  θ −= lr·g / (√v + ε)
long rs_rmsprop(long n, double *p, const double *g, double *v, double lr, double alpha, double eps);
// Adam: m = β₁m + (1 − β₁)g;  v = β₂v + (1 − β₂)g²;  θ −= step·m / (√v / root_bc2 + ε)
long rs_adam(long n, double *p, const double *g, double *m, double *v, double b1, double b2,
             double step, double root_bc2, double eps);
// The same at a given RS_SIMD_ level (at most rs_simd_level()), for tests.
void rs_sum_squares_at(int level, long n, const double *x, double *lanes);
void rs_scale_at(int level, long n, double *x, double s);
void rs_divide_at(int level, long n, double *x, double d);
void rs_clamp_at(int level, long n, double *x, double v);
long rs_sgd_at(int level, long n, double *p, const double *g, double *buf, double lr, double mu,
               int first);
long rs_adagrad_at(int level, long n, double *p, const double *g, double *sum, double lr,
                   double eps);
long rs_rmsprop_at(int level, long n, double *p, const double *g, double *v, double lr,
                   double alpha, double eps);
long rs_adam_at(int level, long n, double *p, const double *g, double *m, double *v, double b1,
                double b2, double step, double root_bc2, double eps);

#endif
