// Would running min-char-rnn's Adagrad update on both cores speed it up? The update is bound by
// the divider (a square root and a division per parameter), so two cores have two dividers; but
// the gradients were just written by the main thread, and the next step reads the parameters
// there again, so half of each array crosses between the cores twice.
// This probe times, on this machine, the update of min-char-rnn's 18,642 parameters (vocabulary
// 42, hidden 100: W_ih 100 × 42, W_hh 100 × 100, b_ih, b_hh, W_fc 42 × 100, b_fc) as one array,
// each time after the main thread has written every gradient (as backpropagation does):
//   1. on the main thread alone;
//   2. split in halves, the second half on a spinning helper thread;
// and checks that both give the same parameters bit for bit.
//   clang -O3 -march=native -pthread scripts/probe/adagrad_two_threads.c -o /tmp/adagrad2 -lm
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N (100 * 42 + 100 * 100 + 100 + 100 + 42 * 100 + 42)

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double *p, *g, *sum;
static _Atomic long posted __attribute__((aligned(64)));
static _Atomic long finished __attribute__((aligned(64)));

// Σ += g²;  θ −= lr·g / (√Σ + ε), as rnnscope's adagrad (no contraction)
#pragma clang fp contract(off)
static void adagrad(long i0, long i1) {
    for (long i = i0; i < i1; i++) {
        sum[i] = sum[i] + g[i] * g[i];
        p[i] = p[i] - 0.1 * g[i] / (__builtin_elementwise_sqrt(sum[i]) + 1e-10);
    }
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
        adagrad(N / 2, N);
        atomic_store_explicit(&finished, s, memory_order_release);
    }
}

static long job;
// One training step's update: the gradients written (here), then Adagrad.
static void step(int two, long k) {
    for (long i = 0; i < N; i++)
        g[i] = ((i * 7 + k * 13) % 101) / 1000.0 - 0.05;
    if (!two) {
        adagrad(0, N);
        return;
    }
    atomic_store_explicit(&posted, ++job, memory_order_release);
    adagrad(0, N / 2);
    while (atomic_load_explicit(&finished, memory_order_acquire) != job)
        ;
}

static void reset(void) {
    for (long i = 0; i < N; i++) {
        p[i] = ((i * 31) % 97) / 970.0 - 0.05;
        sum[i] = 0;
    }
}

static double time_steps(int two, double seconds) {
    long n = 0;
    double t0 = now(), el;
    while ((el = now() - t0) < seconds)
        step(two, n++);
    return el / n * 1e6;
}

int main(void) {
    p = aligned_alloc(64, 8 * N + 64);
    g = aligned_alloc(64, 8 * N + 64);
    sum = aligned_alloc(64, 8 * N + 64);
    pthread_t thread;
    pthread_create(&thread, NULL, helper, NULL);
    reset();
    for (int k = 0; k < 10; k++)
        step(0, k);
    double *one = malloc(8 * N);
    memcpy(one, p, 8 * N);
    reset();
    for (int k = 0; k < 10; k++)
        step(1, k);
    int same = !memcmp(one, p, 8 * N);
    printf("two threads give the same parameters as one, bit for bit: %s\n", same ? "yes" : "NO");
    // The gradients' writing alone, to subtract.
    double write = 0;
    {
        long n = 0;
        double t0 = now(), el;
        while ((el = now() - t0) < 1) {
            for (long i = 0; i < N; i++)
                g[i] = ((i * 7 + n * 13) % 101) / 1000.0 - 0.05;
            n++;
        }
        write = el / n * 1e6;
    }
    printf("writing the %d gradients: %.1f µs a step (included below)\n", N, write);
    for (int round = 1; round <= 3; round++) {
        double a = time_steps(0, 1), b = time_steps(1, 1);
        printf("round %d: a step's update on one thread %.1f µs, on two %.1f µs (update alone: "
               "%.1f and %.1f µs)\n",
               round, a, b, a - write, b - write);
    }
    atomic_store_explicit(&posted, -1, memory_order_release);
    pthread_join(thread, NULL);
    return same ? 0 : 1;
}
