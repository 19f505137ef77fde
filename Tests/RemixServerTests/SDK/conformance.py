"""Drives `remix serve` with the official ElevenLabs Python SDK, as a developer would.

Usage: conformance.py BASE_URL. Prints one line per check and exits non-zero if any failed.
"""
import base64
import sys

from elevenlabs.client import ElevenLabs
from elevenlabs.core.api_error import ApiError

SCRIPT = ("The ferry left at dawn, and by the time the fog lifted the island "
          "was only a grey line behind the wake of the boat.")

client = ElevenLabs(base_url=sys.argv[1], api_key=None, timeout=120)
NO_RETRY = {"max_retries": 0}
failures = 0


def check(name, condition, detail=""):
    global failures
    print(("ok   " if condition else "FAIL ") + name + (f" ({detail})" if detail and not condition else ""))
    failures += 0 if condition else 1


voices = client.voices.get_all().voices
check("voices.get_all lists the catalog", len(voices) >= 8, len(voices))
voice = voices[0]
check("voices.get returns the same voice", client.voices.get(voice_id=voice.voice_id).name == voice.name)

page = client.voices.search(page_size=3, sort="name", sort_direction="asc")
check("voices.search pages", len(page.voices) == 3 and page.has_more and page.next_page_token is not None)

raw = client.text_to_voice.with_raw_response.remix(
    voice_id=voice.voice_id, voice_description="much deeper and slower", text=SCRIPT, seed=7,
    output_format="mp3_22050_32", request_options=NO_RETRY)
previews = raw.data.previews
check("remix returns three previews", len(previews) == 3, len(previews))


def is_mp3(audio):
    return audio[:3] == b"ID3" or (len(audio) > 1 and audio[0] == 0xFF)


check("remix previews are MP3", all(is_mp3(base64.b64decode(p.audio_base_64)) for p in previews))
check("remix text is the script", raw.data.text == SCRIPT)
session = raw.headers.get("x-remixing-session-id")
check("remix names its session in a header", session is not None and len(session) == 20, session)

again = client.text_to_voice.with_raw_response.remix(
    voice_id=voice.voice_id, voice_description="a little higher", text=SCRIPT, seed=8,
    remixing_session_id=session, stream_previews=True, request_options=NO_RETRY)
check("the next iteration stays in the session", again.headers.get("x-remixing-session-id") == session)
check("streamed previews carry no audio", all(p.audio_base_64 == "" for p in again.data.previews))
streamed = b"".join(client.text_to_voice.preview.stream(generated_voice_id=again.data.previews[0].generated_voice_id))
check("preview.stream serves MP3", len(streamed) > 1000 and is_mp3(streamed))

kept = client.text_to_voice.create(
    voice_name="Ferry Captain", voice_description="a deep, slow ferry captain voice",
    generated_voice_id=previews[0].generated_voice_id,
    played_not_selected_voice_ids=[previews[1].generated_voice_id])
check("create turns a preview into a generated voice", kept.category == "generated" and kept.name == "Ferry Captain")
check("the kept voice is listed", any(v.voice_id == kept.voice_id for v in client.voices.get_all().voices))
remixed = client.text_to_voice.remix(voice_id=kept.voice_id, voice_description="slightly faster", text=SCRIPT,
                                     output_format="pcm_16000", request_options=NO_RETRY)
check("the kept voice can be remixed", len(remixed.previews) == 3)


def status_of(call):
    try:
        call()
    except ApiError as error:
        return error.status_code, error.body
    return 200, None


status, body = status_of(lambda: client.text_to_voice.remix(
    voice_id=voice.voice_id, voice_description="deeper", guidance_scale=150, request_options=NO_RETRY))
check("out-of-range guidance is a 422 naming the field",
      status == 422 and body["detail"][0]["loc"] == ["body", "guidance_scale"], (status, body))
status, body = status_of(lambda: client.voices.get(voice_id="missing"))
check("an unknown voice is 404 voice_not_found", status == 404 and body["detail"]["status"] == "voice_not_found", status)

print(f"{failures} failed")
sys.exit(1 if failures else 0)
