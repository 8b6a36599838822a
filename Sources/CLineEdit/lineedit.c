#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>
#include "CLineEdit.h"

static le_completer completer = NULL;

static char *generate(const char *word, int state) {
    static int index;
    if (state == 0) index = 0;
    if (!completer) return NULL;
    return completer(rl_line_buffer ? rl_line_buffer : "", word, index++);
}

static char **complete(const char *word, int start, int end) {
    (void)start; (void)end;
    rl_attempted_completion_over = 1;
    return rl_completion_matches(word, generate);
}

void le_init(le_completer c) {
    completer = c;
    rl_readline_name = "rnnscope";
    rl_attempted_completion_function = complete;
    using_history();
}

char *le_readline(const char *prompt) { return readline(prompt); }
void le_add_history(const char *line) { add_history(line); }
int le_read_history(const char *path) { return read_history(path); }
int le_write_history(const char *path) { return write_history(path); }
