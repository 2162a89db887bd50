#!/usr/bin/env bash
# Records the spoken digits of the security code's audio version (src/HajDesk.Web/Captcha/Audio/<digit>-<voice>.wav)
# with eSpeak NG's Persian voice in three variants, once, at development time: the app only reads the committed files.
# Each digit is trimmed of leading and trailing silence and stored as 11,025 Hz 16-bit mono PCM (a few KB each).
# The app changes every word again when it speaks a challenge (pitch, speed, timbre, crowd noise): see CaptchaAudio.cs.
# Usage: scripts/captcha-audio-record.sh   (installs espeak-ng from Debian's packages if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/HajDesk.Web/Captcha/Audio

if ! command -v espeak-ng >/dev/null; then
    apt-get install -y espeak-ng >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y espeak-ng >/dev/null; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
persian=(۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹)
# voice letter, eSpeak voice, words per minute, pitch (0-99): three speakers, a little slower than eSpeak's default
# 175 words per minute, for older listeners.
voices=("a fa 120 50" "b fa+f3 115 60" "c fa+m7 125 40")
for spec in "${voices[@]}"; do
    read -r letter voice speed pitch <<<"$spec"
    for digit in 1 2 3 4 5 6 7 8 9; do
        espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$work/$digit-$letter.wav" "${persian[$((digit - 1))]}"
    done
done
rm -f "$out"/[1-9].wav

python3 - "$work" "$out" <<'PY'
import array, glob, os, sys, wave
src, dst = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob(f"{src}/*.wav")):
    with wave.open(path, "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2 and w.getframerate() == 22050
        samples = array.array("h", w.readframes(w.getnframes()))
    # Halve the rate: the mean of each pair is a crude low-pass filter, enough for speech.
    half = array.array("h", ((samples[i] + samples[i + 1]) // 2 for i in range(0, len(samples) - 1, 2)))
    loud = [i for i, s in enumerate(half) if abs(s) > 300]
    start, end = max(loud[0] - 110, 0), min(loud[-1] + 220, len(half))
    with wave.open(os.path.join(dst, os.path.basename(path)), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(11025)
        w.writeframes(half[start:end].tobytes())
PY
ls -l "$out"
