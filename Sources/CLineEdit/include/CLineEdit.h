// A small shim over libedit's readline interface for `rnnscope repl`.
#ifndef CLINEEDIT_H
#define CLINEEDIT_H

/// Candidate `index` (0, 1, …) for completing `word` at the end of `line`, as a malloc'd string, or NULL
/// when there are no more.
typedef char *(*le_completer)(const char *line, const char *word, int index);

/// Sets up line editing with a completion callback.
void le_init(le_completer completer);
/// Reads a line with editing (NULL at end of input). The caller frees it.
char *le_readline(const char *prompt);
void le_add_history(const char *line);
int le_read_history(const char *path);
int le_write_history(const char *path);

#endif
