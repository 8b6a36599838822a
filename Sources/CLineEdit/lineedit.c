#include "CFileGuard.h"
#include "CLineEdit.h"
#include <editline/readline.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static le_completer completer = NULL;

static char *generate(const char *word, int state) {
    static int index;
    if (state == 0)
        index = 0;
    if (!completer)
        return NULL;
    return completer(rl_line_buffer ? rl_line_buffer : "", word, index++);
}

static char **complete(const char *word, int start, int end) {
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;
    return rl_completion_matches(word, generate);
}

void le_init(le_completer c, int max_history) {
    completer = c;
    rl_readline_name = "rnnscope";
    rl_attempted_completion_function = complete;
    using_history();
    stifle_history(max_history); // before reading, so that a long file loads its newest lines
}

char *le_readline(const char *prompt) { return readline(prompt); }
void le_add_history(const char *line) { add_history(line); }
int le_read_history(const char *path) { return read_history(path); }
// libedit's write_history does not check fclose, so a full disk can leave a short file and still
// report success. Its format is a cookie line and one line per entry (newlines inside are encoded),
// so the file is whole when it has history_length + 1 lines and ends in one. Also synced: some
// file systems report a full disk only then.
static int check_written(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return errno;
    int err = fsync(fd) == 0 ? 0 : errno;
    long lines = 0;
    char buf[8192], last = 0;
    ssize_t n;
    while (err == 0 && (n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno != EINTR)
                err = errno;
            continue;
        }
        for (ssize_t i = 0; i < n; i++)
            lines += buf[i] == '\n';
        last = buf[n - 1];
    }
    close(fd);
    if (err == 0 && (lines != history_length + 1 || last != '\n'))
        err = -1;
    return err;
}

int le_save_history(const char *path) {
    // Through a symlink (a dotfiles folder), the file it points to is the one replaced.
    char *real = realpath(path, NULL);
    const char *target = real ? real : path;
    size_t size = strlen(target) + sizeof ".XXXXXX";
    char *tmp = malloc(size);
    if (!tmp) {
        free(real);
        return ENOMEM;
    }
    // In the same folder, so that rename replaces the old file in one step; mkstemp makes it 0600.
    snprintf(tmp, size, "%s.XXXXXX", target);
    int fd = mkstemp(tmp);
    int err = fd < 0 ? errno : 0;
    if (fd >= 0) {
        close(fd);
        // A signal that ends the process meanwhile removes the temporary file first.
        int guarded = rs_guard_temp(tmp) == 0;
        err = write_history(tmp);
        if (err == 0)
            err = check_written(tmp);
        if (err == 0 && rename(tmp, target) != 0)
            err = errno;
        if (err != 0)
            unlink(tmp);
        if (guarded)
            rs_release_temp();
    }
    free(tmp);
    free(real);
    return err;
}
