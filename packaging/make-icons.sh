#!/usr/bin/env bash
# Remakes the icon's PNG (Linux desktops) and ICO (taizhang.exe, see build.rs) from taizhang.svg.
# Needs rsvg-convert (Debian: librsvg2-bin) and python3. The results are committed.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rsvg-convert -w 256 -h 256 taizhang.svg -o taizhang.png
for size in 16 24 32 48 256; do
  rsvg-convert -w "$size" -h "$size" taizhang.svg -o "$tmp/$size.png"
done
# An ICO of PNG images (Windows Vista and later read them at every size).
python3 - "$tmp" <<'PY'
import struct, sys
sizes = [16, 24, 32, 48, 256]
images = [open(f"{sys.argv[1]}/{s}.png", "rb").read() for s in sizes]
out = struct.pack("<HHH", 0, 1, len(images))
offset = 6 + 16 * len(images)
for size, data in zip(sizes, images):
    out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
open("taizhang.ico", "wb").write(out + b"".join(images))
PY
