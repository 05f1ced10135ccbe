#!/usr/bin/env bash
# Starts the command-center wall in Chromium, full screen, for a PC that shows it all day.
#
#   scripts/wall-kiosk.sh [--url URL] [--renderer auto|gpu|software] [--print]
#
# URL defaults to http://127.0.0.1:3000/wall?kiosk=demo-wall (WALL_URL overrides it); the
# browser is CHROMIUM_PATH, else chromium or chromium-browser on the PATH. --print writes the
# command instead of running it.
#
# Without a GPU Chromium draws WebGL with SwiftShader (software). Composited on the GPU path as
# well, every frame the page produces is then rendered and read back in software; with
# --disable-gpu-compositing only the map's own canvases are, which brought the city wall's first
# complete frame from 6.3–10.0 s to 2.7–3.8 s at 1080p on a 2-core machine (README, "Wall screen
# in the browser"). `auto` picks software when the machine shows no GPU device (/dev/dri/renderD*,
# /dev/nvidia0).
set -euo pipefail

url="${WALL_URL:-http://127.0.0.1:3000/wall?kiosk=demo-wall}"
renderer="${WALL_RENDERER:-auto}"
print=false
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="${2:?--url needs a value}"; shift 2 ;;
    --renderer) renderer="${2:?--renderer needs auto, gpu or software}"; shift 2 ;;
    --print) print=true; shift ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "wall-kiosk: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

if [ "$renderer" = auto ]; then
  renderer=software
  for device in /dev/dri/renderD* /dev/nvidia0; do
    if [ -e "$device" ]; then renderer=gpu; fi
  done
fi
case "$renderer" in
  gpu | software) ;;
  *) echo "wall-kiosk: --renderer must be auto, gpu or software, not '$renderer'" >&2; exit 2 ;;
esac

browser="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$browser" ]; then
  echo "wall-kiosk: no Chromium found; install it (apt-get install chromium) or set CHROMIUM_PATH" >&2
  exit 1
fi

flags=(
  --kiosk
  --noerrdialogs
  --disable-infobars
  --disable-session-crashed-bubble
  --no-first-run
  --disable-translate
  --disable-background-networking
  --disable-component-update
  --disable-sync
  # The wall keeps drawing while nobody looks at it (screen savers, occluding windows).
  --disable-background-timer-throttling
  --disable-renderer-backgrounding
  --user-data-dir="${WALL_PROFILE:-$HOME/.cache/zongzhi-wall}"
)
if [ "$renderer" = software ]; then
  flags+=(--use-angle=swiftshader --enable-unsafe-swiftshader --disable-gpu-compositing)
fi

if $print; then
  printf '%q ' "$browser" "${flags[@]}" "$url"
  echo
  exit 0
fi
exec "$browser" "${flags[@]}" "$url"
