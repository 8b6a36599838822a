// While a file is being written beside its target, a signal that ends the process removes the
// temporary file first, so that no half-written file is left behind. The quit requests a program
// handles itself (the visualizer's SIGINT, SIGTERM and SIGHUP) are passed on to its handler and the
// write goes on.
#ifndef CFILEGUARD_H
#define CFILEGUARD_H

/// Guards `path` (copied) until rs_release_temp: every signal whose default action ends the process
/// (the crash signals, SIGQUIT, SIGUSR1 … and the real-time signals) removes it, then goes on to
/// the handler that was there before (or to the default action). One file at a time per process;
/// returns 0, or -1 when another file is guarded already (the caller then writes unguarded).
int rs_guard_temp(const char *path);
/// Ends the guard and puts the previous handlers back.
void rs_release_temp(void);

#endif
