#include "CLapackShim.h"
#include <cblas.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

// Small matrices (one sequence, one step at a time) run best on the calling thread: BLAS threads
// only add hand-offs and spinning. Large ones (≥ 1024×1024) may use OpenBLAS's threads. The setting
// is changed only when the size class changes. (With a BLAS other than OpenBLAS nothing is set.)
static pthread_once_t blas_once = PTHREAD_ONCE_INIT;
static void (*blas_set_threads)(int) = NULL;
// Atomic: the visualizer's training thread pins while the main thread's small products read the
// flag.
static _Atomic int blas_threads_now = -1;
static _Atomic int blas_threads_pinned = 0;
static int blas_threads_cap = 2;
static void blas_init(void) {
    blas_set_threads = (void (*)(int))dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    // RNNSCOPE_BLAS_THREADS=1 keeps every product on the calling thread (e.g. on a shared machine).
    const char *cap = getenv("RNNSCOPE_BLAS_THREADS");
    if (cap && atoi(cap) >= 1)
        blas_threads_cap = atoi(cap);
}
static void blas_set(int want) {
    pthread_once(&blas_once, blas_init);
    if (want > blas_threads_cap)
        want = blas_threads_cap;
    if (!blas_set_threads || want == blas_threads_now)
        return;
    blas_set_threads(want);
    blas_threads_now = want;
}
static void blas_threads_for(long elements) {
    if (blas_threads_pinned)
        return;
    blas_set(elements >= (1L << 20) ? 2 : 1);
}

int rs_thread_cap(void) {
    pthread_once(&blas_once, blas_init);
    return blas_threads_cap;
}

void rs_blas_pin_threads(int n) {
    blas_threads_pinned = n > 0;
    if (n > 0)
        blas_set(n);
}

void rs_gemv(int trans, int m, int n, const double *a, const double *x, double *y) {
    if (m <= 0 || n <= 0)
        return;
    blas_threads_for((long)m * n);
    cblas_dgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, m, n, 1.0, a, n, x, 1, 0.0, y, 1);
}

void rs_gemm(int transA, int transB, int m, int n, int k, double alpha, const double *a, int lda,
             const double *b, int ldb, double beta, double *c, int ldc) {
    if (m <= 0 || n <= 0)
        return;
    if (k <= 0) {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                c[(long)i * ldc + j] = beta == 0 ? 0 : c[(long)i * ldc + j] * beta;
        return;
    }
    blas_threads_for((long)m * n * (k > 8 ? 8 : k));
    if (m == 1) {
        // One row: c = op(B)ᵀ a as a matrix–vector product (OpenBLAS's dgemm has more overhead at m
        // = 1).
        int incx = transA ? lda : 1;
        if (transB) {
            if (!rs_gemv_step(0, n, k, alpha, b, ldb, a, incx, beta, c))
                cblas_dgemv(CblasRowMajor, CblasNoTrans, n, k, alpha, b, ldb, a, incx, beta, c, 1);
        } else {
            if (!rs_gemv_step(1, k, n, alpha, b, ldb, a, incx, beta, c))
                cblas_dgemv(CblasRowMajor, CblasTrans, k, n, alpha, b, ldb, a, incx, beta, c, 1);
        }
        return;
    }
    cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void rs_ger(int m, int n, const double *x, const double *y, double *a) {
    if (m <= 0 || n <= 0)
        return;
    blas_threads_for((long)m * n);
    cblas_dger(CblasRowMajor, m, n, 1.0, x, 1, y, 1, a, n);
}

// Fortran LAPACK entry points; character arguments carry hidden lengths at the end (gfortran ABI).
extern void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
                   double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
                   double *work, const int *lwork, int *info, size_t jobvl_len, size_t jobvr_len);
extern void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda,
                    double *s, double *u, const int *ldu, double *vt, const int *ldvt, double *work,
                    const int *lwork, int *iwork, int *info, size_t jobz_len);

extern void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
                   const int *ldb, int *info);

extern void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
                    double *work, const int *lwork, int *info);
extern void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
                    const double *tau, double *work, const int *lwork, int *info);

int rs_orthogonalize(int n, double *a) {
    if (n <= 0)
        return 0;
    int info = 0, lwork = -1;
    double query = 0;
    double *tau = malloc(sizeof(double) * (size_t)n);
    double *diag = malloc(sizeof(double) * (size_t)n);
    if (!tau || !diag) {
        free(tau);
        free(diag);
        return -1000;
    }
    dgeqrf_(&n, &n, a, &n, tau, &query, &lwork, &info);
    if (info == 0) {
        lwork = (int)query > n ? (int)query : n;
        double *work = malloc(sizeof(double) * (size_t)lwork);
        if (!work) {
            free(tau);
            free(diag);
            return -1000;
        }
        dgeqrf_(&n, &n, a, &n, tau, work, &lwork, &info);
        if (info == 0) {
            for (int i = 0; i < n; i++)
                diag[i] = a[i * n + i];
            dorgqr_(&n, &n, &n, a, &n, tau, work, &lwork, &info);
            if (info == 0)
                for (int j = 0; j < n; j++)
                    if (diag[j] < 0)
                        for (int i = 0; i < n; i++)
                            a[j * n + i] = -a[j * n + i];
        }
        free(work);
    }
    free(tau);
    free(diag);
    return info;
}

int rs_eigenvalues(int n, double *a, double *wr, double *wi) {
    if (n <= 0)
        return 0;
    int info = 0, lwork = -1, one = 1;
    double query = 0, dummy = 0;
    dgeev_("N", "N", &n, a, &n, wr, wi, &dummy, &one, &dummy, &one, &query, &lwork, &info, 1, 1);
    if (info != 0)
        return info;
    lwork = (int)query;
    double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
    if (!work)
        return -1000;
    dgeev_("N", "N", &n, a, &n, wr, wi, &dummy, &one, &dummy, &one, work, &lwork, &info, 1, 1);
    free(work);
    return info;
}

int rs_eigenvectors(int n, const double *a, double *wr, double *wi, double *vectors) {
    if (n <= 0)
        return 0;
    // LAPACK reads column-major: the transpose of a row-major matrix. Copying a's transpose makes
    // LAPACK see a itself, so its right eigenvectors are a's.
    double *t = malloc(sizeof(double) * (size_t)n * (size_t)n);
    if (!t)
        return -1000;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            t[(size_t)j * (size_t)n + (size_t)i] = a[(size_t)i * (size_t)n + (size_t)j];
    int info = 0, lwork = -1, one = 1;
    double query = 0, dummy = 0;
    // Column j of the column-major vr is vector j: row j of the row-major `vectors`.
    dgeev_("N", "V", &n, t, &n, wr, wi, &dummy, &one, vectors, &n, &query, &lwork, &info, 1, 1);
    if (info == 0) {
        lwork = (int)query;
        double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
        if (!work) {
            free(t);
            return -1000;
        }
        dgeev_("N", "V", &n, t, &n, wr, wi, &dummy, &one, vectors, &n, work, &lwork, &info, 1, 1);
        free(work);
    }
    free(t);
    return info;
}

int rs_singular_values(int m, int n, double *a, double *s) {
    if (m <= 0 || n <= 0)
        return 0;
    // Column-major view of a row-major m×n matrix is n×m.
    int rows = n, cols = m, lda = n, one = 1, info = 0, lwork = -1;
    int k = rows < cols ? rows : cols;
    int *iwork = malloc(sizeof(int) * 8 * (size_t)k);
    if (!iwork)
        return -1000;
    double query = 0, dummy = 0;
    dgesdd_("N", &rows, &cols, a, &lda, s, &dummy, &one, &dummy, &one, &query, &lwork, iwork, &info,
            1);
    if (info == 0) {
        lwork = (int)query;
        double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
        if (!work) {
            free(iwork);
            return -1000;
        }
        dgesdd_("N", &rows, &cols, a, &lda, s, &dummy, &one, &dummy, &one, work, &lwork, iwork,
                &info, 1);
        free(work);
    }
    free(iwork);
    return info;
}

int rs_principal_axes(int m, int n, double *a, double *s, double *axes) {
    if (m <= 0 || n <= 0)
        return 0;
    // LAPACK sees the row-major m×n matrix A as the column-major n×m matrix Aᵀ = U S Vᵀ, so A's
    // right singular vectors are U's columns: column-major n×k, which is row-major k×n with row j
    // the j-th vector, as axes is laid out. V (k×m) is computed alongside and dropped.
    int rows = n, cols = m, lda = n, ldu = n, info = 0, lwork = -1;
    int k = rows < cols ? rows : cols;
    int ldvt = k;
    int *iwork = malloc(sizeof(int) * 8 * (size_t)k);
    double *vt = malloc(sizeof(double) * (size_t)k * (size_t)cols);
    if (!iwork || !vt) {
        free(iwork);
        free(vt);
        return -1000;
    }
    double query = 0;
    dgesdd_("S", &rows, &cols, a, &lda, s, axes, &ldu, vt, &ldvt, &query, &lwork, iwork, &info, 1);
    if (info == 0) {
        lwork = (int)query;
        double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
        if (!work) {
            free(vt);
            free(iwork);
            return -1000;
        }
        dgesdd_("S", &rows, &cols, a, &lda, s, axes, &ldu, vt, &ldvt, work, &lwork, iwork, &info,
                1);
        free(work);
    }
    free(vt);
    free(iwork);
    return info;
}

int rs_solve(int n, double *a, double *b) {
    if (n <= 0)
        return 0;
    // LAPACK reads a column-major: transpose the row-major matrix in place first.
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double t = a[(long)i * n + j];
            a[(long)i * n + j] = a[(long)j * n + i];
            a[(long)j * n + i] = t;
        }
    int *ipiv = malloc(sizeof(int) * (size_t)n);
    if (!ipiv)
        return -1000;
    int one = 1, info = 0;
    dgesv_(&n, &one, a, &n, ipiv, b, &n, &info);
    free(ipiv);
    return info;
}
