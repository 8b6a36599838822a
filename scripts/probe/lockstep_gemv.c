// Would splitting each recurrent step's matrix–vector product across both cores speed up
// min-char-rnn (H = 100, T = 25, one sequence)? Each core would keep its half of W_hh (40 KB) in
// its own L1 instead of streaming all 80 KB from L2 every step, but the two must meet once per
// step: the next step reads the whole h_t (or dz_t) that both halves wrote.
// This probe times, on this machine:
//   1. the round trip of one cache line between two spinning threads (the barrier's floor);
//   2. 25 forward + 25 backward steps on one thread: a_t = z_t + W_hh h_{t−1}, h_t = a_t / 100
//      (a cheap stand-in for tanh), then carry = W_hhᵀ dz_t, dz_{t−1} = (dh + carry) ⊙ (1 − h²);
//   3. the same with the rows (forward) and columns (backward) split between two threads in
//      lockstep, and checks that 3 gives the same values as 2, bit for bit.
//   cc -O3 -march=native -pthread scripts/probe/lockstep_gemv.c -o /tmp/lockstep && /tmp/lockstep
#include <immintrin.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define H 100
#define T 25
#define LD 104 // rows padded to whole cache lines, as the kernel's aligned copy of W_hh

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double *W; // H × LD
static double hs[T + 1][LD] __attribute__((aligned(64)));
static double zx[T][LD] __attribute__((aligned(64)));
static double dh[T + 1][LD] __attribute__((aligned(64)));
static double dz[T + 1][LD] __attribute__((aligned(64)));
static double carry[T + 1][LD] __attribute__((aligned(64)));
static _Atomic long posted __attribute__((aligned(64)));
static _Atomic long finished __attribute__((aligned(64)));
static int split = 48;  // the helper's rows or columns start here (a multiple of 8)
#define PING (1L << 40) // a job number with this bit asks for no work, only the answer

// h_t[r] = (z_t[r] + Σ_c W[r][c] h_{t−1}[c]) / 100 for rows [r0, r1)
__attribute__((target("avx512f"))) static void forward_rows(int t, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
        const double *a = W + (long)r * LD;
        __m512d s = _mm512_setzero_pd();
        for (int c = 0; c < LD; c += 8)
            s = _mm512_fmadd_pd(_mm512_load_pd(a + c), _mm512_load_pd(hs[t] + c), s);
        hs[t + 1][r] = (zx[t][r] + _mm512_reduce_add_pd(s)) / 100;
    }
}

// carry_t[c] = Σ_r W[r][c] dz_t[r], dz_{t−1}[c] = (dh[c] + carry_t[c])(1 − h_{t−1}[c]²), for
// columns [c0, c1) (up to 56 at a time: seven accumulators)
__attribute__((target("avx512f"))) static void backward_cols(int t, int c0, int c1) {
    for (int b0 = c0; b0 < c1; b0 += 56) {
        int n = (c1 - b0 < 56 ? c1 - b0 : 56) / 8;
        __m512d acc[7];
        for (int k = 0; k < 7; k++)
            acc[k] = _mm512_setzero_pd();
        for (int r = 0; r < H; r++) {
            __m512d x = _mm512_set1_pd(dz[t][r]);
            const double *a = W + (long)r * LD + b0;
            for (int k = 0; k < 7; k++)
                if (k < n)
                    acc[k] = _mm512_fmadd_pd(_mm512_load_pd(a + 8 * k), x, acc[k]);
        }
        for (int k = 0; k < n; k++)
            _mm512_store_pd(carry[t] + b0 + 8 * k, acc[k]);
    }
    for (int c = c0; c < c1 && c < H; c++) {
        double h = hs[t][c];
        dz[t - 1][c] = (dh[t - 1][c] + carry[t][c]) * (1 - h * h);
    }
}

// Job s (1, 2, …) is step (s − 1) mod 2T of an iteration: forward steps, then backward.
static void helper_half(long s) {
    int k = (int)((s - 1) % (2 * T));
    if (k < T)
        forward_rows(k, split, H);
    else
        backward_cols(T - (k - T), split, LD);
}

static void *helper(void *unused) {
    (void)unused;
    long seen = 0;
    for (;;) {
        long s;
        while ((s = atomic_load_explicit(&posted, memory_order_acquire)) == seen)
            ;
        if (s < 0)
            return NULL;
        seen = s;
        if (!(s & PING)) // a ping is answered at once
            helper_half(s);
        atomic_store_explicit(&finished, s, memory_order_release);
    }
}

static long job;
static void meet(long s) {
    while (atomic_load_explicit(&finished, memory_order_acquire) != s)
        ;
}

static void iteration(int two) {
    for (int t = 0; t < T; t++) {
        if (two) {
            atomic_store_explicit(&posted, ++job, memory_order_release);
            forward_rows(t, 0, split);
            meet(job);
        } else {
            forward_rows(t, 0, H);
        }
    }
    for (int t = T; t >= 1; t--) {
        if (two) {
            atomic_store_explicit(&posted, ++job, memory_order_release);
            backward_cols(t, 0, split);
            meet(job);
        } else {
            backward_cols(t, 0, LD);
        }
    }
}

static void reset(void) {
    memset(hs, 0, sizeof hs);
    memset(dz, 0, sizeof dz);
    for (int t = 0; t < T; t++)
        for (int r = 0; r < H; r++) {
            zx[t][r] = ((t * 31 + r * 17) % 23) / 23.0 - 0.5;
            dh[t][r] = ((t * 13 + r * 7) % 19) / 19.0 - 0.5;
        }
    for (int r = 0; r < H; r++)
        dz[T][r] = (r % 5) / 5.0;
}

static double time_iterations(int two, double seconds) {
    long n = 0;
    double t0 = now(), el;
    while ((el = now() - t0) < seconds) {
        iteration(two);
        n++;
    }
    return el / n * 1e6;
}

int main(void) {
    W = aligned_alloc(64, sizeof(double) * H * LD);
    for (int r = 0; r < H; r++)
        for (int c = 0; c < LD; c++)
            W[r * LD + c] = c < H ? ((r * 7919 + c * 104729) % 1000) / 10000.0 - 0.05 : 0;
    pthread_t thread;
    pthread_create(&thread, NULL, helper, NULL);
    long pings = 0;
    double t0 = now();
    while (now() - t0 < 1) {
        long s = (++pings) | PING;
        atomic_store_explicit(&posted, s, memory_order_release);
        meet(s);
    }
    printf("round trip between the two threads: %.0f ns\n", (now() - t0) / pings * 1e9);
    reset();
    iteration(0);
    double one[2][LD];
    memcpy(one[0], hs[T], sizeof one[0]);
    memcpy(one[1], dz[0], sizeof one[1]);
    reset();
    iteration(1);
    int same = !memcmp(one[0], hs[T], sizeof one[0]) && !memcmp(one[1], dz[0], sizeof one[1]);
    printf("two threads give the same h_T and dz_0 as one, bit for bit: %s\n", same ? "yes" : "NO");
    for (int round = 1; round <= 3; round++) {
        double a = time_iterations(0, 1), b = time_iterations(1, 1);
        printf("round %d: 25 + 25 steps on one thread %.1f µs, split over two %.1f µs (%.2f×)\n",
               round, a, b, a / b);
    }
    atomic_store_explicit(&posted, -1, memory_order_release);
    pthread_join(thread, NULL);
    return same ? 0 : 1;
}
