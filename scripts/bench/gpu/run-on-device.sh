#!/bin/bash
# On the GPU machine, after the four parts were copied to /tmp/stage by earlier calls:
# unpack Chromium, replay the recorded wall session, and measure with fps.py, on the GPU through
# ANGLE (Vulkan and OpenGL ES over EGL, NVIDIA driver) and in SwiftShader for comparison.
REPO=$(pwd)
S=/tmp/stage
cp "$REPO"/.gpu/p4/chr.part.03 $S/ 2>/dev/null
if [ -f $S/mesa.tar.zst ] && [ ! -d $S/mesa ]; then
  cd $S && LD_LIBRARY_PATH=$S/bin sh -c "$S/bin/zstd -d -q < mesa.tar.zst | tar xf - -C $S" || exit 1
fi
if [ ! -x $S/chromium/chromium ]; then
  cd $S && LD_LIBRARY_PATH=$S/bin sh -c "cat chr.part.0* | $S/bin/zstd -d -q | tar xf - -C $S" || exit 1
fi
export LD_LIBRARY_PATH=$S/chromium/lib:$S/chromium/lib/nss:$S/chromium:/usr/local/nvidia/lib64
export CHROME=$S/chromium/chromium
export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json VK_ICD_FILENAMES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
cd "$REPO"/scripts/bench/gpu && (python3 replay.py 8000 > /tmp/replay.log 2>&1 &)
sleep 1
URL="http://127.0.0.1:8000/wall?kiosk=demo-wall"
run() { timeout 220 python3 fps.py "$URL" "$1" "$2" "${3:-1920x1080}" 2>&1 | tail -3 | tee -a "$OUT/fps.jsonl"; }
# With the NVIDIA Vulkan driver named in VK_ICD_FILENAMES, ANGLE's Vulkan back end runs on the GPU.
VULKAN="--use-angle=swiftshader --enable-unsafe-swiftshader --ignore-gpu-blocklist --disable-gpu-sandbox"
EGL="--use-gl=angle --use-angle=gl-egl --ignore-gpu-blocklist --disable-gpu-sandbox"
# A first session on a fresh machine reads Chromium and the recording from disk and fills its
# caches: run one and drop it, so that the figures compare like with like.
timeout 220 python3 fps.py "$URL" warm-up "$VULKAN" 1920x1080 > /dev/null 2>&1
run angle-vulkan-nvidia "$VULKAN"
run gpu-egl "$EGL"
run angle-vulkan-nvidia-4k "$VULKAN" 3840x2160
run gpu-egl-4k "$EGL" 3840x2160
unset VK_DRIVER_FILES VK_ICD_FILENAMES
run swiftshader-16core "--use-angle=swiftshader --enable-unsafe-swiftshader --disable-gpu-sandbox"
# Mesa's llvmpipe (bundle-mesa.sh): software OpenGL on all cores, through ANGLE's OpenGL ES back end.
if [ -d $S/mesa ]; then
  __EGL_VENDOR_LIBRARY_FILENAMES=$S/mesa/50_mesa.json LIBGL_DRIVERS_PATH=$S/mesa/dri GALLIUM_DRIVER=llvmpipe \
    LD_LIBRARY_PATH=$S/mesa/lib:$LD_LIBRARY_PATH run llvmpipe-16core "--use-gl=angle --use-angle=gl-egl --ignore-gpu-blocklist --disable-gpu-sandbox"
  __EGL_VENDOR_LIBRARY_FILENAMES=$S/mesa/50_mesa.json LIBGL_DRIVERS_PATH=$S/mesa/dri GALLIUM_DRIVER=llvmpipe \
    LD_LIBRARY_PATH=$S/mesa/lib:$LD_LIBRARY_PATH run llvmpipe-16core-4k "--use-gl=angle --use-angle=gl-egl --ignore-gpu-blocklist --disable-gpu-sandbox" 3840x2160
fi
run swiftshader-16core-again "--use-angle=swiftshader --enable-unsafe-swiftshader --disable-gpu-sandbox"
