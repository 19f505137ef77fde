#include <flite/flite.h>
#include <flite/cst_cg.h>

/* libflite and its voices (libflite_cmu_us_*.so.1, each exporting
   `cst_voice *register_cmu_us_<name>(const char *voxdir)`) are opened with dlopen on first use
   (RemixEngine's LateBoundLibrary), not linked; these name the types its functions are looked up
   as, taken from the header itself. */
#define REMIX_LATE_BOUND(function) typedef __typeof__(&function) function##_function;
REMIX_LATE_BOUND(flite_init)
REMIX_LATE_BOUND(flite_text_to_wave)
REMIX_LATE_BOUND(delete_wave)
REMIX_LATE_BOUND(flite_get_param_float)
REMIX_LATE_BOUND(flite_feat_set_float)
REMIX_LATE_BOUND(feat_present)
REMIX_LATE_BOUND(feat_val)
REMIX_LATE_BOUND(val_cg_db)
