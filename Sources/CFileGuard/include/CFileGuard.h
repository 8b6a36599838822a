// While a file is being written beside its target, a signal that would kill the process removes the
// temporary file first, so that no half-written file is left behind. Signals whose handler the program
// set itself (the visualizer's quit requests) are passed on to that handler and the write goes on.
#ifndef CFILEGUARD_H
#define CFILEGUARD_H

/// Guards `path` (copied) until rs_release_temp: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU,
/// SIGXFSZ, SIGALRM, SIGUSR1, SIGUSR2 remove it before the process dies. One file at a time per process;
/// returns 0, or -1 when another file is guarded already (the caller then writes unguarded).
int rs_guard_temp(const char *path);
/// Ends the guard and puts the previous handlers back.
void rs_release_temp(void);

#endif
