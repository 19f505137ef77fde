#include <rubberband/rubberband-c.h>

/* librubberband is opened with dlopen on first use (RemixEngine's LateBoundLibrary), not linked;
   these name the types its functions are looked up as, taken from the header itself. */
#define REMIX_LATE_BOUND(function) typedef __typeof__(&function) function##_function;
REMIX_LATE_BOUND(rubberband_new)
REMIX_LATE_BOUND(rubberband_delete)
REMIX_LATE_BOUND(rubberband_set_expected_input_duration)
REMIX_LATE_BOUND(rubberband_study)
REMIX_LATE_BOUND(rubberband_process)
REMIX_LATE_BOUND(rubberband_available)
REMIX_LATE_BOUND(rubberband_retrieve)
