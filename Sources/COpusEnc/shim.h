/* opusenc.h includes <opus.h>, so the include path is /usr/include/opus (from pkg-config). */
#include <opusenc.h>

/* ope_encoder_ctl is variadic and its requests are macros, so Swift can call neither: one typed
   wrapper per request the engine makes. */
static inline int copusenc_set_bitrate(OggOpusEnc *encoder, opus_int32 bitsPerSecond) {
    return ope_encoder_ctl(encoder, OPUS_SET_BITRATE(bitsPerSecond));
}

static inline int copusenc_set_vbr(OggOpusEnc *encoder, opus_int32 variable) {
    return ope_encoder_ctl(encoder, OPUS_SET_VBR(variable));
}

static inline int copusenc_set_serialno(OggOpusEnc *encoder, opus_int32 serialNumber) {
    return ope_encoder_ctl(encoder, OPE_SET_SERIALNO(serialNumber));
}

static inline int copusenc_set_comment_padding(OggOpusEnc *encoder, opus_int32 bytes) {
    return ope_encoder_ctl(encoder, OPE_SET_COMMENT_PADDING(bytes));
}
