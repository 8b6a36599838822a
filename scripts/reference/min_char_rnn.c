// min-char-rnn.py (Karpathy, 2015) as a straightforward C program: float64, scalar loops, the same dense
// products as the numpy original (x_t is a one-hot vector multiplied in full), Adagrad lr 0.1, clip ±5.
// Built by scripts/bench-compare with cc -O3 -march=native; prints iterations per second.
//   min_char_rnn SECONDS TEXTFILE [ITERATIONS]
// With ITERATIONS: runs exactly that many and prints each one's loss (Σ over its 25 steps of −log p)
// instead, to compare with min_char_rnn_careful.c's.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define H 100
#define T 25

static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec * 1e-9; }
static double randn(void) {   // Box–Muller from a fixed LCG: only the shapes matter for timing
    static unsigned long long s = 88172645463325252ULL;
    s ^= s << 13; s ^= s >> 7; s ^= s << 17; double u1 = ((s >> 11) + 1.0) / 9007199254740993.0;
    s ^= s << 13; s ^= s >> 7; s ^= s << 17; double u2 = (s >> 11) / 9007199254740992.0;
    return sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: min_char_rnn SECONDS TEXTFILE [ITERATIONS]\n"); return 2; }
    double seconds = atof(argv[1]);
    long trace = argc > 3 ? atol(argv[3]) : 0;
    FILE *f = fopen(argv[2], "rb"); if (!f) { perror(argv[2]); return 1; }
    static unsigned char data[1 << 22]; size_t n = fread(data, 1, sizeof data, f); fclose(f);
    int ix[256], V = 0; for (int c = 0; c < 256; c++) ix[c] = -1;
    for (size_t i = 0; i < n; i++) if (ix[data[i]] < 0) ix[data[i]] = 0;
    for (int c = 0; c < 256; c++) if (ix[c] == 0) ix[c] = V++;
    double *Wxh = malloc(sizeof(double) * H * V), *Why = malloc(sizeof(double) * V * H), Whh[H * H], bh[H] = {0};
    double *by = calloc(V, sizeof(double));
    for (int i = 0; i < H * V; i++) { Wxh[i] = randn() * 0.01; Why[i] = randn() * 0.01; }
    for (int i = 0; i < H * H; i++) Whh[i] = randn() * 0.01;
    double *mWxh = calloc(H * V, 8), *mWhy = calloc(V * H, 8), mWhh[H * H] = {0}, mbh[H] = {0}, *mby = calloc(V, 8);
    double *dWxh = malloc(8 * H * V), *dWhy = malloc(8 * V * H), dWhh[H * H], dbh[H], *dby = malloc(8 * V);
    double *xs = malloc(8 * T * V), hs[T + 1][H], *ps = malloc(8 * T * V), hprev[H] = {0};
    double dh[H], dhraw[H], dhnext[H], *dy = malloc(8 * V);
    long iters = 0; size_t p = 0; double start = now(), loss = 0;
    while (trace ? iters < trace : now() - start < seconds) {
        if (p + T + 1 >= n) { p = 0; memset(hprev, 0, sizeof hprev); }
        int in[T], tg[T];
        for (int t = 0; t < T; t++) { in[t] = ix[data[p + t]]; tg[t] = ix[data[p + t + 1]]; }
        double iterLoss = 0;
        // forward
        memcpy(hs[0], hprev, sizeof hprev);
        for (int t = 0; t < T; t++) {
            double *x = xs + t * V; memset(x, 0, 8 * V); x[in[t]] = 1;
            for (int i = 0; i < H; i++) {
                double a = bh[i];
                for (int j = 0; j < V; j++) a += Wxh[i * V + j] * x[j];
                for (int j = 0; j < H; j++) a += Whh[i * H + j] * hs[t][j];
                hs[t + 1][i] = tanh(a);
            }
            double *pr = ps + t * V, s = 0;
            for (int k = 0; k < V; k++) {
                double y = by[k];
                for (int j = 0; j < H; j++) y += Why[k * H + j] * hs[t + 1][j];
                pr[k] = exp(y); s += pr[k];
            }
            for (int k = 0; k < V; k++) pr[k] /= s;
            iterLoss -= log(pr[tg[t]]);
        }
        loss += iterLoss;
        // backward
        memset(dWxh, 0, 8 * H * V); memset(dWhy, 0, 8 * V * H); memset(dWhh, 0, sizeof dWhh);
        memset(dbh, 0, sizeof dbh); memset(dby, 0, 8 * V); memset(dhnext, 0, sizeof dhnext);
        for (int t = T - 1; t >= 0; t--) {
            double *h = hs[t + 1], *hp = hs[t], *x = xs + t * V;
            for (int k = 0; k < V; k++) dy[k] = ps[t * V + k];
            dy[tg[t]] -= 1;
            for (int k = 0; k < V; k++) { for (int j = 0; j < H; j++) dWhy[k * H + j] += dy[k] * h[j]; dby[k] += dy[k]; }
            for (int j = 0; j < H; j++) { double a = dhnext[j]; for (int k = 0; k < V; k++) a += Why[k * H + j] * dy[k]; dh[j] = a; }
            for (int i = 0; i < H; i++) { dhraw[i] = (1 - h[i] * h[i]) * dh[i]; dbh[i] += dhraw[i]; }
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < V; j++) dWxh[i * V + j] += dhraw[i] * x[j];
                for (int j = 0; j < H; j++) dWhh[i * H + j] += dhraw[i] * hp[j];
            }
            for (int j = 0; j < H; j++) { double a = 0; for (int i = 0; i < H; i++) a += Whh[i * H + j] * dhraw[i]; dhnext[j] = a; }
        }
        memcpy(hprev, hs[T], sizeof hprev);
        // clip and Adagrad
        #define UPDATE(P, D, M, N) for (int i = 0; i < (N); i++) { double d = D[i] < -5 ? -5 : (D[i] > 5 ? 5 : D[i]); \
            M[i] += d * d; P[i] += -0.1 * d / sqrt(M[i] + 1e-8); }
        UPDATE(Wxh, dWxh, mWxh, H * V) UPDATE(Whh, dWhh, mWhh, H * H) UPDATE(Why, dWhy, mWhy, V * H)
        UPDATE(bh, dbh, mbh, H) UPDATE(by, dby, mby, V)
        if (trace) printf("%.17g\n", iterLoss);
        p += T; iters++;
    }
    double el = now() - start;
    if (!trace) printf("%.1f\n", iters / el);
    fprintf(stderr, "vocabulary %d, %ld iterations, final loss %.3f\n", V, iters, loss / (iters * T));
    return 0;
}
