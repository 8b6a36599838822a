// min-char-rnn.py (Karpathy, 2015) as a careful C programmer writes it: the same float64 arithmetic
// as min_char_rnn.c (the dense one) up to rounding, but the one-hot products x_t are a column
// gather (forward, Wxh·x_t = column in_t) and scatter (backward, dWxh += dhraw·x_tᵀ adds to that
// column only), Wxh is stored by columns so both touch contiguous memory, and every loop runs over
// contiguous memory in an order the compiler vectorises: outer products and transposed products
// as rows added in place, the two dot-product forms (Whh·h, Why·h) as SIMD reductions. Adagrad lr
// 0.1, clip ±5. Built by scripts/bench-compare with cc -O3 -march=native -fopenmp-simd.
//   min_char_rnn_careful SECONDS TEXTFILE [ITERATIONS]
// prints iterations per second; with ITERATIONS, runs exactly that many and prints each one's loss
// (Σ over its 25 steps of −log p) instead, to compare with the dense program's.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define H 100
#define T 25

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}
// The dense program's generator, so both start from the same weights.
static double randn(void) {
    static unsigned long long s = 88172645463325252ULL;
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    double u1 = ((s >> 11) + 1.0) / 9007199254740993.0;
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    double u2 = (s >> 11) / 9007199254740992.0;
    return sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
}

/// y = b + W·x for W (rows × H, row-major): one SIMD dot product per row.
static void affine(int rows, const double *restrict W, const double *restrict x,
                   const double *restrict b, double *restrict y) {
    for (int i = 0; i < rows; i++) {
        const double *w = W + (size_t)i * H;
        double a = b[i];
#pragma omp simd reduction(+ : a)
        for (int j = 0; j < H; j++)
            a += w[j] * x[j];
        y[i] = a;
    }
}

/// Adagrad on n entries, each gradient clipped to ±5: m += d², p −= 0.1·d/√(m + 1e-8).
static void update(int n, double *restrict p, const double *restrict d, double *restrict m) {
    for (int i = 0; i < n; i++) {
        double g = d[i] < -5 ? -5 : (d[i] > 5 ? 5 : d[i]);
        m[i] += g * g;
        p[i] += -0.1 * g / sqrt(m[i] + 1e-8);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: min_char_rnn_careful SECONDS TEXTFILE [ITERATIONS]\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    long trace = argc > 3 ? atol(argv[3]) : 0;
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    static unsigned char data[1 << 22];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    int ix[256], V = 0;
    for (int c = 0; c < 256; c++)
        ix[c] = -1;
    for (size_t i = 0; i < n; i++)
        if (ix[data[i]] < 0)
            ix[data[i]] = 0;
    for (int c = 0; c < 256; c++)
        if (ix[c] == 0)
            ix[c] = V++;
    // WxhT[j·H + i] = Wxh[i][j]: column j of Wxh is row j here. Filled in the dense program's
    // order.
    double *WxhT = malloc(8 * H * V), *Why = malloc(8 * V * H), *Whh = malloc(8 * H * H);
    double bh[H] = {0}, *by = calloc(V, 8);
    for (int k = 0; k < H * V; k++) {
        WxhT[(k % V) * H + k / V] = randn() * 0.01;
        Why[k] = randn() * 0.01;
    }
    for (int k = 0; k < H * H; k++)
        Whh[k] = randn() * 0.01;
    double *mWxhT = calloc(H * V, 8), *mWhy = calloc(V * H, 8), *mWhh = calloc(H * H, 8);
    double mbh[H] = {0}, *mby = calloc(V, 8);
    double *dWxhT = malloc(8 * H * V), *dWhy = malloc(8 * V * H), *dWhh = malloc(8 * H * H);
    double dbh[H], *dby = malloc(8 * V);
    double hs[T + 1][H], *ps = malloc(8 * T * V), hprev[H] = {0}, a[H], bx[H];
    double dh[H], dhraw[H], dhnext[H], *dy = malloc(8 * V);
    long iters = 0;
    size_t p = 0;
    double start = now(), loss = 0;
    while (trace ? iters < trace : now() - start < seconds) {
        if (p + T + 1 >= n) {
            p = 0;
            memset(hprev, 0, sizeof hprev);
        }
        int in[T], tg[T];
        for (int t = 0; t < T; t++) {
            in[t] = ix[data[p + t]];
            tg[t] = ix[data[p + t + 1]];
        }
        double iterLoss = 0;
        // forward: h_t = tanh(Wxh[:, x_t] + Whh·h_{t−1} + bh), p_t = softmax(Why·h_t + by)
        memcpy(hs[0], hprev, sizeof hprev);
        for (int t = 0; t < T; t++) {
            const double *wx = WxhT + (size_t)in[t] * H;
            for (int i = 0; i < H; i++)
                bx[i] = bh[i] + wx[i]; // the dense loop's order: bh + Wxh·x_t, then + Whh·h
            affine(H, Whh, hs[t], bx, a);
            for (int i = 0; i < H; i++)
                hs[t + 1][i] = tanh(a[i]);
            double *pr = ps + t * V, s = 0;
            affine(V, Why, hs[t + 1], by, pr);
            for (int k = 0; k < V; k++) {
                pr[k] = exp(pr[k]);
                s += pr[k];
            }
            for (int k = 0; k < V; k++)
                pr[k] /= s;
            iterLoss -= log(pr[tg[t]]);
        }
        loss += iterLoss;
        // backward
        memset(dWxhT, 0, 8 * H * V);
        memset(dWhy, 0, 8 * V * H);
        memset(dWhh, 0, 8 * H * H);
        memset(dbh, 0, sizeof dbh);
        memset(dby, 0, 8 * V);
        memset(dhnext, 0, sizeof dhnext);
        for (int t = T - 1; t >= 0; t--) {
            const double *h = hs[t + 1], *hp = hs[t];
            for (int k = 0; k < V; k++)
                dy[k] = ps[t * V + k];
            dy[tg[t]] -= 1;
            // dWhy += dy·hᵀ, dby += dy, dh = Whyᵀ·dy + dhnext: row k of Why and dWhy at a time.
            memcpy(dh, dhnext, sizeof dh);
            for (int k = 0; k < V; k++) {
                double *dw = dWhy + (size_t)k * H;
                const double *w = Why + (size_t)k * H, g = dy[k];
                for (int j = 0; j < H; j++) {
                    dw[j] += g * h[j];
                    dh[j] += w[j] * g;
                }
                dby[k] += g;
            }
            for (int i = 0; i < H; i++) {
                dhraw[i] = (1 - h[i] * h[i]) * dh[i];
                dbh[i] += dhraw[i];
            }
            // dWxh[:, x_t] += dhraw: the scatter into one column (a row of dWxhT).
            double *dwx = dWxhT + (size_t)in[t] * H;
            for (int i = 0; i < H; i++)
                dwx[i] += dhraw[i];
            // dWhh += dhraw·h_{t−1}ᵀ, dhnext = Whhᵀ·dhraw: row i of Whh and dWhh at a time.
            memset(dhnext, 0, sizeof dhnext);
            for (int i = 0; i < H; i++) {
                double *dw = dWhh + (size_t)i * H;
                const double *w = Whh + (size_t)i * H, g = dhraw[i];
                for (int j = 0; j < H; j++) {
                    dw[j] += g * hp[j];
                    dhnext[j] += w[j] * g;
                }
            }
        }
        memcpy(hprev, hs[T], sizeof hprev);
        update(H * V, WxhT, dWxhT, mWxhT);
        update(H * H, Whh, dWhh, mWhh);
        update(V * H, Why, dWhy, mWhy);
        update(H, bh, dbh, mbh);
        update(V, by, dby, mby);
        if (trace)
            printf("%.17g\n", iterLoss);
        p += T;
        iters++;
    }
    double el = now() - start;
    if (!trace)
        printf("%.1f\n", iters / el);
    fprintf(stderr, "vocabulary %d, %ld iterations, final loss %.3f\n", V, iters,
            loss / (iters * T));
    return 0;
}
