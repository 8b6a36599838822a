#include "CFileGuard.h"
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

// Every signal whose default action ends the process (SIGPIPE and SIGXFSZ too: main ignores them,
// and an ignored signal is left ignored).
static const int listed[] = {
    SIGINT,    SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU, SIGXFSZ, SIGALRM, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGPROF, SIGSYS, SIGSEGV, SIGBUS,  SIGILL,  SIGTRAP, SIGFPE,  SIGABRT,
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGIO
    SIGIO,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
};
#define LISTED (sizeof listed / sizeof listed[0])
#define MAX_SIGNAL 65
static struct sigaction previous[MAX_SIGNAL];
static int guarded[MAX_SIGNAL];
static char temp_path[4096];
static atomic_int in_use = 0;

static void on_signal(int sig, siginfo_t *info, void *context) {
    if (sig <= 0 || sig >= MAX_SIGNAL || !guarded[sig])
        return;
    struct sigaction *p = &previous[sig];
    if (!(p->sa_flags & SA_SIGINFO) && p->sa_handler == SIG_IGN)
        return;
    // A quit request the program handles itself lets the write finish; anything else ends the
    // process (a crash handler, Swift's backtracer, the visualizer's terminal restorer, the
    // default).
    int request = (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) &&
                  ((p->sa_flags & SA_SIGINFO) || p->sa_handler != SIG_DFL);
    if (!request)
        unlink(temp_path); // async-signal-safe
    if (p->sa_flags & SA_SIGINFO) {
        p->sa_sigaction(sig, info, context);
        return;
    }
    if (p->sa_handler != SIG_DFL) {
        p->sa_handler(sig);
        return;
    }
    signal(sig, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    pthread_sigmask(SIG_UNBLOCK, &only, NULL);
    raise(sig);
}

static void guard_one(int sig) {
    if (sig <= 0 || sig >= MAX_SIGNAL)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, &previous[sig]) == 0)
        guarded[sig] = 1;
}

int rs_guard_temp(const char *path) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&in_use, &expected, 1))
        return -1;
    strncpy(temp_path, path, sizeof temp_path - 1);
    temp_path[sizeof temp_path - 1] = 0;
    for (unsigned i = 0; i < LISTED; i++)
        guard_one(listed[i]);
#ifdef SIGRTMIN
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        guard_one(s);
#endif
    return 0;
}

void rs_release_temp(void) {
    if (atomic_load(&in_use) != 1)
        return;
    for (int s = 1; s < MAX_SIGNAL; s++) {
        if (!guarded[s])
            continue;
        sigaction(s, &previous[s], NULL);
        guarded[s] = 0;
    }
    temp_path[0] = 0;
    atomic_store(&in_use, 0);
}
