#!/bin/bash
# Packs Debian's Chromium with the shared libraries it links (ldd closure, glibc excluded), NSS
# modules and zstd into .gpu/p1..p4 (40 MB parts: the GPU machine takes 64 MiB per call and has
# no Chromium, no Node and no network). See docs/performance.md, "On a GPU".
set -euo pipefail
B=$(mktemp -d)/chromium
mkdir -p "$B/lib/nss" "$B/locales"
cd /usr/lib/chromium
cp chromium chrome_100_percent.pak chrome_200_percent.pak icudtl.dat resources.pak snapshot_blob.bin \
  v8_context_snapshot.bin libvulkan.so.1 libvk_swiftshader.so vk_swiftshader_icd.json libEGL.so libGLESv2.so "$B/"
cp locales/en-US.pak "$B/locales/"
ldd chromium | awk '{print $3}' | grep -v '^$' | grep -v -E '/lib(c|m|dl|pthread|rt)\.so|ld-linux' | xargs -I{} cp -L {} "$B/lib/"
cp -L /usr/lib/x86_64-linux-gnu/nss/* "$B/lib/nss/"
cp -L /usr/lib/x86_64-linux-gnu/libEGL.so.1 /usr/lib/x86_64-linux-gnu/libGLdispatch.so.0 "$B/lib/"
cd "$(dirname "$B")"
OUT=/work/main/.gpu
rm -rf "$OUT"/p[1-4] && mkdir -p "$OUT"/p1/bin "$OUT"/p2 "$OUT"/p3 "$OUT"/p4
tar cf - chromium | zstd -T2 -12 -q | split -b 40000000 -d - "$OUT/chr.part."
mv "$OUT/chr.part.00" "$OUT/p1/"; mv "$OUT/chr.part.01" "$OUT/p2/"; mv "$OUT/chr.part.02" "$OUT/p3/"; mv "$OUT/chr.part.03" "$OUT/p4/"
cp /usr/bin/zstd "$OUT/p1/bin/"
ldd /usr/bin/zstd | awk '{print $3}' | grep -v '^$' | grep -v -E 'libc\.so|ld-linux' | xargs -I{} cp -L {} "$OUT/p1/bin/"
du -sh "$OUT"/p*
