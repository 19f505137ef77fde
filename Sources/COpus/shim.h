/* opusfile.h includes <opus_multistream.h>, so the include path is /usr/include/opus (from pkg-config). */
#include <opusfile.h>
