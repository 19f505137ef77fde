// The wide-character API of ncurses is declared only when this comes first; SwiftPM drops the
// -D_XOPEN_SOURCE flag pkg-config would give.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>

// Macros Swift cannot import, and globals Swift 6 refuses to read, as plain functions.
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

// The mouse events the workbench asks for: left press and release, and the wheel (buttons 4 and 5).
static inline mmask_t cn_mouse_events(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int cn_mouse_is_press(mmask_t state) { return (state & BUTTON1_PRESSED) != 0; }
static inline int cn_mouse_is_release(mmask_t state) { return (state & BUTTON1_RELEASED) != 0; }
static inline int cn_mouse_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int cn_mouse_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }
