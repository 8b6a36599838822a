// A small C shim over ncursesw. Swift 6 cannot use ncurses' macros and C globals (getmaxyx,
// COLOR_PAIR, stdscr, COLORS, KEY_*), so this header exposes plain functions and constants instead,
// and keeps <curses.h> itself out of Swift's sight.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#include <stdint.h>

// Keys rs_read_key reports (besides plain characters).
enum {
    RS_KEY_NONE = 0,
    RS_KEY_CHAR = 1,
    RS_KEY_LEFT,
    RS_KEY_RIGHT,
    RS_KEY_UP,
    RS_KEY_DOWN,
    RS_KEY_HOME,
    RS_KEY_END,
    RS_KEY_PPAGE,
    RS_KEY_NPAGE,
    RS_KEY_ENTER,
    RS_KEY_BACKSPACE,
    RS_KEY_RESIZE,
    RS_KEY_OTHER,
    RS_KEY_MOUSE,
    RS_KEY_BTAB
};

/// Starts curses on the terminal (newterm on stdin/stdout): raw keys, no echo, keypad, hidden
/// cursor, colours if the terminal has them. Returns 0, or -1 when the terminal cannot be used
/// (TERM unknown…).
int rs_start(void);
/// Ends curses and restores the terminal. Safe to call twice.
void rs_stop(void);
/// Flushes stdio's stdout (what print() wrote). Returns 0 when everything written so far reached
/// the file, else the errno of the failure, or -1 when an earlier write failed for a reason now
/// unknown.
int rs_flush_stdout(void);
/// Installs handlers: SIGINT/SIGTERM/SIGHUP set a flag read by rs_pending_signal; every other
/// signal whose default action ends the process (the crashes, SIGQUIT, SIGUSR1, SIGALRM, SIGXCPU,
/// the real-time ones…) restores the terminal, then dies by that signal. Ignored ones stay so.
void rs_install_signal_handlers(void);
/// The signal number caught since the last call, or 0.
int rs_pending_signal(void);

void rs_size(int *rows, int *cols);
int rs_colors(void);
int rs_color_pairs(void);
/// Allocates colour pair `pair` (fg, bg: colour indices, -1 = terminal default). Returns 0 or -1.
int rs_init_pair(int pair, int fg, int bg);
/// Writes one character with colour pair `pair` at (y, x).
void rs_put(int y, int x, uint32_t ch, int pair, int bold);
void rs_refresh(void);
/// Waits up to `timeout_ms` for a key; returns an RS_KEY_* code, with the character in *ch for
/// RS_KEY_CHAR and, for RS_KEY_MOUSE (a button-1 press), the cell in *ch as (y << 16) | x.
int rs_read_key(int timeout_ms, uint32_t *ch);
/// Whether the terminal has gone (its other end closed: stdin reports a hang-up or an error), which
/// a program that ignores SIGHUP (nohup) learns only this way.
int rs_terminal_gone(void);
/// Whether the locale's character set is UTF-8 (after rs_start set the locale from the
/// environment).
int rs_locale_is_utf8(void);

#endif
