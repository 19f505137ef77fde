#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>

/* libespeak-ng is opened with dlopen for each utterance (RemixEngine's EspeakSynthesizer), not linked;
   these name the types its functions are looked up as, taken from the header itself. */
#define REMIX_LATE_BOUND(function) typedef __typeof__(&function) function##_function;
REMIX_LATE_BOUND(espeak_Initialize)
REMIX_LATE_BOUND(espeak_SetSynthCallback)
REMIX_LATE_BOUND(espeak_SetVoiceByName)
REMIX_LATE_BOUND(espeak_SetParameter)
REMIX_LATE_BOUND(espeak_Synth)
REMIX_LATE_BOUND(espeak_Terminate)
