#!/bin/bash
# Packs Debian's Mesa software OpenGL (llvmpipe: the EGL vendor library, swrast_dri.so and the
# libraries they link, glibc excluded) into .gpu/p5, so the GPU machine can also time the wall in
# multi-threaded software rendering through ANGLE's OpenGL ES back end (run-on-device.sh).
set -euo pipefail
B=$(mktemp -d)/mesa
mkdir -p "$B/lib" "$B/dri"
L=/usr/lib/x86_64-linux-gnu
cp -L $L/dri/swrast_dri.so "$B/dri/"
cp -L $L/libEGL_mesa.so.0 "$B/lib/"
sed 's/"library_path" *: *"[^"]*"/"library_path" : "libEGL_mesa.so.0"/' /usr/share/glvnd/egl_vendor.d/50_mesa.json > "$B/50_mesa.json"
for f in $L/dri/swrast_dri.so $L/libEGL_mesa.so.0; do
  ldd "$f" | awk '{print $3}' | grep -v '^$' | grep -v -E '/lib(c|m|dl|pthread|rt)\.so|ld-linux' | xargs -I{} cp -L {} "$B/lib/"
done
mkdir -p /work/main/.gpu/p5
cd "$(dirname "$B")" && tar cf - mesa | zstd -T2 -19 -q > /work/main/.gpu/p5/mesa.tar.zst
du -sh /work/main/.gpu/p5
