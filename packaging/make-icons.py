#!/usr/bin/env python3
"""Rebuilds macos/fetchmedia.icns from resources/icons/*.png (Python 3 only).

An ICNS holds PNG data as it is under the icp4..icp6 / ic07..ic14 types. The Windows icon is
made by ImageMagick, which stores the small sizes as bitmaps (what rc.exe and NSIS expect) and
256 as PNG:
  cd resources/icons && convert io.fetchmedia.Desktop-{16,32,48,64,128,256}.png \
      ../../packaging/windows/fetchmedia.ico
"""
import pathlib
import struct

root = pathlib.Path(__file__).resolve().parent.parent
icons = root / "resources" / "icons"


def png(size):
    return (icons / f"io.fetchmedia.Desktop-{size}.png").read_bytes()


def write_icns(path, types):
    chunks = b""
    for code, size in types:
        data = png(size)
        chunks += code.encode("ascii") + struct.pack(">I", 8 + len(data)) + data
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)


# 1x and 2x (Retina) variants from the same PNG set; 1024 (ic10) is 512@2x, left out.
write_icns(root / "packaging" / "macos" / "fetchmedia.icns", [
    ("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
    ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)])
