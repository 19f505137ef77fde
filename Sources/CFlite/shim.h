#include <flite/flite.h>

/* The voices (libflite_cmu_us_*.so.1) are opened with dlopen when first used; each exports
   `cst_voice *register_cmu_us_<name>(const char *voxdir)`. */
