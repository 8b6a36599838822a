#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include "CNCursesShim.h"
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

// The mouse wheel: button 4 up, button 5 down (ncurses' mouse version 2; none before it).
#if defined(BUTTON5_PRESSED)
#define RS_WHEEL_UP BUTTON4_PRESSED
#define RS_WHEEL_DOWN BUTTON5_PRESSED
#else
#define RS_WHEEL_UP 0
#define RS_WHEEL_DOWN 0
#endif

static SCREEN *screen = NULL;
static volatile sig_atomic_t pending_signal = 0;

int rs_start(void) {
    setlocale(LC_ALL, "");
    if (screen)
        return 0;
    // Truecolor: when COLORTERM says the terminal has 24-bit colour, use the "-direct" variant of
    // its terminfo entry (xterm-256color -> xterm-direct) if this system has one; ncurses then
    // takes RGB values.
    const char *colorterm = getenv("COLORTERM");
    const char *term = getenv("TERM");
    char direct[128] = {0};
    if (colorterm && term &&
        (strcmp(colorterm, "truecolor") == 0 || strcmp(colorterm, "24bit") == 0)) {
        size_t n = strcspn(term, "-");
        if (n > 0 && n < 64) {
            memcpy(direct, term, n);
            strcat(direct, "-direct");
            int err = 0;
            if (setupterm(direct, fileno(stdout), &err) == OK) {
                del_curterm(cur_term);
            } else {
                direct[0] = 0;
            }
        }
    }
    screen = newterm(direct[0] ? direct : NULL, stdout, stdin);
    if (!screen && direct[0])
        screen = newterm(NULL, stdout, stdin);
    if (!screen)
        return -1;
    set_term(screen);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | RS_WHEEL_UP | RS_WHEEL_DOWN, NULL);
    mouseinterval(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    return 0;
}

int rs_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

void rs_stop(void) {
    if (!screen)
        return;
    mousemask(0, NULL);
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    fflush(stdout);
}

int rs_flush_stdout(void) {
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    return errno ? errno : -1;
}

static void on_request(int sig) { pending_signal = sig; }

static volatile sig_atomic_t restoring = 0;

static void on_fatal(int sig) {
    // Not async-signal-safe in theory, but the terminal is the one thing a crash must not leave
    // broken. endwin also turns mouse reporting off and shows the cursor. Once: two threads may
    // each get a signal.
    if (!restoring) {
        restoring = 1;
        if (screen)
            endwin();
    }
    // Then die by the same signal, so the parent sees 128 + sig (and a core where it makes one).
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    pthread_sigmask(SIG_UNBLOCK, &only, NULL);
    raise(sig);
}

// The signals given a handler here: unblocked at the end, since a mask inherited from the parent (a
// test runner's, say) would otherwise keep them from ever arriving.
static sigset_t handled;

// When catch_fatal replaces what is there: only the default action, anything but SIG_IGN, anything.
enum { IF_DEFAULT, UNLESS_IGNORED, ALWAYS };

static void catch_fatal(int sig, int when) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0)
        return;
    // A signal the parent ignored (nohup, a shell's background job) stays ignored, and one that
    // something else handles is left to it. But not Swift's handlers for SIGQUIT and the crashes:
    // its backtracer would draw over the screen and wait for a key. (The kernel delivers a fault
    // even when the parent ignored it.)
    if (when != ALWAYS && old.sa_handler == SIG_IGN)
        return;
    if (when == IF_DEFAULT && old.sa_handler != SIG_DFL)
        return;
    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    fa.sa_handler = on_fatal;
    sigfillset(&fa.sa_mask);  // nothing else runs on this thread while the terminal is restored
    fa.sa_flags = SA_ONSTACK; // the runtime's alternate stack, so a stack overflow is caught too
    if (sigaction(sig, &fa, NULL) == 0)
        sigaddset(&handled, sig);
}

void rs_install_signal_handlers(void) {
    sigemptyset(&handled);
    int quit[] = {SIGINT, SIGTERM, SIGHUP};
    for (unsigned i = 0; i < sizeof quit / sizeof quit[0]; i++) {
        struct sigaction old;
        if (sigaction(quit[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_request;
        sigemptyset(&sa.sa_mask);
        if (sigaction(quit[i], &sa, NULL) == 0)
            sigaddset(&handled, quit[i]);
    }
    int crash[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
    for (unsigned i = 0; i < sizeof crash / sizeof crash[0]; i++)
        catch_fatal(crash[i], ALWAYS);
    catch_fatal(SIGQUIT, UNLESS_IGNORED);
    // Every other signal whose default action ends the process. (SIGPIPE and SIGXFSZ are ignored
    // process-wide by main, so that writes fail with an error instead.)
    int other[] = {
        SIGUSR1,   SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGSYS,
#ifdef SIGSTKFLT
        SIGSTKFLT,
#endif
#ifdef SIGIO
        SIGIO,
#endif
#ifdef SIGPWR
        SIGPWR,
#endif
#ifdef SIGEMT
        SIGEMT,
#endif
#ifdef SIGLOST
        SIGLOST,
#endif
    };
    for (unsigned i = 0; i < sizeof other / sizeof other[0]; i++)
        catch_fatal(other[i], IF_DEFAULT);
#ifdef SIGRTMIN
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        catch_fatal(s, IF_DEFAULT);
#endif
    pthread_sigmask(SIG_UNBLOCK, &handled, NULL);
}

int rs_pending_signal(void) {
    int s = pending_signal;
    pending_signal = 0;
    return s;
}

void rs_size(int *rows, int *cols) {
    int r = 0, c = 0;
    if (screen)
        getmaxyx(stdscr, r, c);
    *rows = r;
    *cols = c;
}

int rs_colors(void) { return screen && has_colors() ? COLORS : 0; }
int rs_color_pairs(void) { return screen && has_colors() ? COLOR_PAIRS : 0; }

int rs_init_pair(int pair, int fg, int bg) {
    return init_extended_pair(pair, fg, bg) == OK ? 0 : -1;
}

void rs_put(int y, int x, uint32_t ch, int pair, int bold) {
    wchar_t wc[2] = {(wchar_t)ch, 0};
    cchar_t cc;
    int p = pair;
    setcchar(&cc, wc, bold ? A_BOLD : A_NORMAL, 0, &p);
    mvadd_wch(y, x, &cc);
}

void rs_refresh(void) { refresh(); }

int rs_read_key(int timeout_ms, uint32_t *ch) {
    timeout(timeout_ms);
    wint_t wc = 0;
    int r = get_wch(&wc);
    *ch = 0;
    if (r == ERR)
        return RS_KEY_NONE;
    if (r == OK) {
        if (wc == '\r' || wc == '\n')
            return RS_KEY_ENTER;
        if (wc == 127 || wc == 8)
            return RS_KEY_BACKSPACE;
        *ch = (uint32_t)wc;
        return RS_KEY_CHAR;
    }
    switch (wc) {
    case KEY_LEFT:
        return RS_KEY_LEFT;
    case KEY_RIGHT:
        return RS_KEY_RIGHT;
    case KEY_UP:
        return RS_KEY_UP;
    case KEY_DOWN:
        return RS_KEY_DOWN;
    case KEY_HOME:
        return RS_KEY_HOME;
    case KEY_END:
        return RS_KEY_END;
    case KEY_PPAGE:
        return RS_KEY_PPAGE;
    case KEY_NPAGE:
        return RS_KEY_NPAGE;
    case KEY_ENTER:
        return RS_KEY_ENTER;
    case KEY_BACKSPACE:
        return RS_KEY_BACKSPACE;
    case KEY_RESIZE:
        return RS_KEY_RESIZE;
    case KEY_BTAB:
        return RS_KEY_BTAB;
    case KEY_MOUSE: {
        MEVENT ev;
        if (getmouse(&ev) != OK) {
            return RS_KEY_OTHER;
        }
        // The wheel scrolls as the arrow keys do.
        if (ev.bstate & RS_WHEEL_UP) {
            return RS_KEY_UP;
        }
        if (ev.bstate & RS_WHEEL_DOWN) {
            return RS_KEY_DOWN;
        }
        if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
            *ch = ((uint32_t)ev.y << 16) | ((uint32_t)ev.x & 0xffff);
            return RS_KEY_MOUSE;
        }
        return RS_KEY_OTHER;
    }
    default:
        return RS_KEY_OTHER;
    }
}

int rs_terminal_gone(void) {
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    if (poll(&p, 1, 0) < 0)
        return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}
