#include <stdlib.h>
#include <stddef.h>
#include "CLapackShim.h"

// Fortran LAPACK entry points; character arguments carry hidden lengths at the end (gfortran ABI).
extern void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda, double *wr,
                   double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr, double *work,
                   const int *lwork, int *info, size_t jobvl_len, size_t jobvr_len);
extern void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s, double *u,
                    const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork, int *iwork,
                    int *info, size_t jobz_len);

int rs_eigenvalues(int n, double *a, double *wr, double *wi) {
    if (n <= 0) return 0;
    int info = 0, lwork = -1, one = 1;
    double query = 0, dummy = 0;
    dgeev_("N", "N", &n, a, &n, wr, wi, &dummy, &one, &dummy, &one, &query, &lwork, &info, 1, 1);
    if (info != 0) return info;
    lwork = (int)query;
    double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
    if (!work) return -1000;
    dgeev_("N", "N", &n, a, &n, wr, wi, &dummy, &one, &dummy, &one, work, &lwork, &info, 1, 1);
    free(work);
    return info;
}

int rs_singular_values(int m, int n, double *a, double *s) {
    if (m <= 0 || n <= 0) return 0;
    // Column-major view of a row-major m×n matrix is n×m.
    int rows = n, cols = m, lda = n, one = 1, info = 0, lwork = -1;
    int k = rows < cols ? rows : cols;
    int *iwork = malloc(sizeof(int) * 8 * (size_t)k);
    if (!iwork) return -1000;
    double query = 0, dummy = 0;
    dgesdd_("N", &rows, &cols, a, &lda, s, &dummy, &one, &dummy, &one, &query, &lwork, iwork, &info, 1);
    if (info == 0) {
        lwork = (int)query;
        double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
        if (!work) { free(iwork); return -1000; }
        dgesdd_("N", &rows, &cols, a, &lda, s, &dummy, &one, &dummy, &one, work, &lwork, iwork, &info, 1);
        free(work);
    }
    free(iwork);
    return info;
}
