#!/usr/bin/env bash
# The machine-listening check of the security code's audio version (docs/security.md, "Security code"): speaks N codes
# with the app's real CaptchaAudio and reads them with template matchers — the recordings shipped in the repository, and
# a few hundred words collected from labelled codes — each searching the whole sound, cutting it at its loudest
# stretches, or told the true places of the digits; also against the previous renderer, to show the matchers are the
# ones that broke it. Prints the share of codes read whole (accepted) per matcher. The target is at most 2 % for every
# matcher that must find the digits itself.
# Usage: scripts/captcha-audio-check.sh [count=200] [seed=1] [collected words per digit=30]
# (CAPTCHA_AUDIO_KEEP=folder keeps ten sample WAVs of each renderer there, to listen to.)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200}
seed=${2:-1}
collected=${3:-30}
dotnet build scripts/captcha-audio-check/CaptchaAudioCheck.csproj -c Release -nologo -v quiet >/dev/null
dotnet scripts/captcha-audio-check/bin/Release/net10.0/CaptchaAudioCheck.dll "$count" "$seed" "$collected" ${CAPTCHA_AUDIO_KEEP:+"$CAPTCHA_AUDIO_KEEP"}
