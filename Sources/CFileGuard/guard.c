#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include "CFileGuard.h"

static const int guarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU, SIGXFSZ, SIGALRM,
                              SIGUSR1, SIGUSR2};
#define GUARDED (sizeof guarded / sizeof guarded[0])
static struct sigaction previous[GUARDED];
static char temp_path[4096];
static atomic_int in_use = 0;

static void on_signal(int sig) {
    for (unsigned i = 0; i < GUARDED; i++) {
        if (guarded[i] != sig) continue;
        void (*h)(int) = previous[i].sa_handler;
        if (h == SIG_IGN) return;
        if (h != SIG_DFL) { h(sig); return; }   // the program's own handler decides; the write goes on
        unlink(temp_path);                      // async-signal-safe
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
}

int rs_guard_temp(const char *path) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&in_use, &expected, 1)) return -1;
    strncpy(temp_path, path, sizeof temp_path - 1);
    temp_path[sizeof temp_path - 1] = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (unsigned i = 0; i < GUARDED; i++) sigaction(guarded[i], &sa, &previous[i]);
    return 0;
}

void rs_release_temp(void) {
    if (atomic_load(&in_use) != 1) return;
    for (unsigned i = 0; i < GUARDED; i++) sigaction(guarded[i], &previous[i], NULL);
    temp_path[0] = 0;
    atomic_store(&in_use, 0);
}
