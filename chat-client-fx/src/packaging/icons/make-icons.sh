#!/usr/bin/env bash
# Renders the application icon, chatroom.svg, into every file the client and its installers use.
# The results are committed, so only someone changing the SVG runs this. Needs rsvg-convert
# (Debian: librsvg2-bin), ImageMagick's convert and python3.
#
#   ../../main/resources/chatroom/client/icons/chatroom-N.png  the window icons
#   ../linux/Chatroom.png     Linux's app and package icon (256 px)
#   ../windows/Chatroom.ico   Windows (16 to 256 px in one file)
#   ../macos/Chatroom.icns    macOS (PNG entries, 16 to 1024 px)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$here/../../main/resources/chatroom/client/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$here/chatroom.svg" --output "$tmp/$size.png"
done
for size in 16 24 32 48 64 128 256 512; do
  cp "$tmp/$size.png" "$out/chatroom-$size.png"
done

cp "$tmp/256.png" "$here/../linux/Chatroom.png"
convert "$tmp"/{16,24,32,48,64,256}.png "$here/../windows/Chatroom.ico"

# ICNS is a header ('icns', total length) followed by entries (type, length, PNG bytes); macOS
# 10.7 and later read PNG data for these types.
python3 - "$tmp" "$here/../macos/Chatroom.icns" <<'PY'
import struct, sys
src, dest = sys.argv[1], sys.argv[2]
types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
         ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)]
body = b""
for kind, size in types:
    png = open(f"{src}/{size}.png", "rb").read()
    body += kind.encode() + struct.pack(">I", 8 + len(png)) + png
open(dest, "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
echo "Icons written to $out and $here/../{linux,windows,macos}"
