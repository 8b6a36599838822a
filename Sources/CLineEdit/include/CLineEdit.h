// A small shim over libedit's readline interface for `rnnscope repl`.
#ifndef CLINEEDIT_H
#define CLINEEDIT_H

/// Candidate `index` (0, 1, …) for completing `word` at the end of `line`, as a malloc'd string, or
/// NULL when there are no more.
typedef char *(*le_completer)(const char *line, const char *word, int index);

/// Sets up line editing with a completion callback; the history keeps the last `max_history` lines.
void le_init(le_completer completer, int max_history);
/// Reads a line with editing (NULL at end of input). The caller frees it.
char *le_readline(const char *prompt);
void le_add_history(const char *line);
int le_read_history(const char *path);
/// Writes the history to `path` atomically: to a new file in the same folder, checked and synced,
/// then renamed over it (over a symlink's target). Returns 0, or with the old file kept an errno,
/// or -1 when the new file came out short (a full disk, a size limit: libedit does not say).
int le_save_history(const char *path);

#endif
