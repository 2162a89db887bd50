#!/usr/bin/env bash
# Records the spoken digits of the security code's audio version (src/HajDesk.Web/Captcha/Audio/1.wav … 9.wav) with
# eSpeak NG's Persian voice, once, at development time: the app only reads the committed files. Each digit is
# trimmed of leading and trailing silence and stored as 11,025 Hz 16-bit mono PCM (a few KB each).
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
for digit in 1 2 3 4 5 6 7 8 9; do
    # -s 120: a little slower than the default 175 words per minute, for older listeners.
    espeak-ng -v fa -s 120 -w "$work/$digit.wav" "${persian[$((digit - 1))]}"
done

python3 - "$work" "$out" <<'PY'
import array, sys, wave
src, dst = sys.argv[1], sys.argv[2]
for digit in range(1, 10):
    with wave.open(f"{src}/{digit}.wav", "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2 and w.getframerate() == 22050
        samples = array.array("h", w.readframes(w.getnframes()))
    # Halve the rate: the mean of each pair is a crude low-pass filter, enough for speech.
    half = array.array("h", ((samples[i] + samples[i + 1]) // 2 for i in range(0, len(samples) - 1, 2)))
    loud = [i for i, s in enumerate(half) if abs(s) > 300]
    start, end = max(loud[0] - 110, 0), min(loud[-1] + 220, len(half))
    with wave.open(f"{dst}/{digit}.wav", "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(11025)
        w.writeframes(half[start:end].tobytes())
PY
ls -l "$out"
