# Installs what building and testing rnnscope need when missing (Debian): ncursesw headers, LAPACK, libedit, terminfo entries,
# and for the tests tmux, clang-format, asciinema, and librsvg's rsvg-convert with python3 (an
# exported SVG rendered to PNG and its pixels read back).
# Sourced by scripts/run and scripts/test.
rnnscope_ensure_deps() {
    local need=()
    dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
    dpkg -s liblapack-dev >/dev/null 2>&1 || need+=(liblapack-dev)
    dpkg -s libopenblas-dev >/dev/null 2>&1 || need+=(libopenblas-dev)  # BLAS kernels for the engine
    dpkg -s ncurses-term >/dev/null 2>&1 || need+=(ncurses-term)      # xterm-direct & co, for truecolor
    dpkg -s libedit-dev >/dev/null 2>&1 || need+=(libedit-dev)        # line editing in rnnscope repl
    if [ "${1:-}" = "--with-tmux" ]; then
        command -v tmux >/dev/null 2>&1 || need+=(tmux)
        command -v clang-format >/dev/null 2>&1 || need+=(clang-format)  # the C files' style check
        command -v asciinema >/dev/null 2>&1 || need+=(asciinema)  # replays recordings in the tests
        command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)  # export svg, rendered
        command -v python3 >/dev/null 2>&1 || need+=(python3)            # its PNG's pixels, CSVs
    fi
    [ ${#need[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing: ${need[*]}" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >&2
}
