#!/usr/bin/env bash
# AppImage recipe: installs the release build into an AppDir and lets linuxdeploy and its Qt
# plug-in copy Qt (with the xcb/wayland, SQLite and image plug-ins), QtKeychain and libsecret
# beside it. The AppImage runs on distributions at least as new as the build machine's glibc.
#   packaging/linux/build-appimage.sh            -> build/appimage/FetchMedia-<version>-x86_64.AppImage
# Needs linuxdeploy-x86_64.AppImage and linuxdeploy-plugin-qt-x86_64.AppImage from
# https://github.com/linuxdeploy in PATH or in LINUXDEPLOY_DIR (they are not Debian packages;
# this script was not run on the machine it was written on, which has no network).
set -euo pipefail
cd "$(dirname "$0")/../.."

build=build/appimage
appdir="$build/AppDir"
tools=${LINUXDEPLOY_DIR:-}
linuxdeploy=${tools:+$tools/}linuxdeploy-x86_64.AppImage

cmake -S . -B "$build/cmake" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DFETCHMEDIA_BUILD_TESTS=OFF
cmake --build "$build/cmake"
rm -rf "$appdir"
DESTDIR="$PWD/$appdir" cmake --install "$build/cmake"
# The Debian-only documentation files are not needed inside the image.
rm -rf "$appdir/usr/share/doc"

version=$(sed -n 's/^#define FETCHMEDIA_VERSION "\(.*\)"$/\1/p' "$build/cmake/generated/fetchmedia_version.h")
export PATH="${tools:+$tools:}$PATH"
export QMAKE=${QMAKE:-$(command -v qmake6 || echo /usr/lib/qt6/bin/qmake)}
export LDAI_OUTPUT="$build/FetchMedia-$version-x86_64.AppImage"
"$linuxdeploy" --appdir "$appdir" --plugin qt --output appimage \
    --desktop-file "$appdir/usr/share/applications/io.fetchmedia.Desktop.desktop" \
    --icon-file "$appdir/usr/share/icons/hicolor/256x256/apps/io.fetchmedia.Desktop.png" \
    --executable "$appdir/usr/bin/fetchmedia-cli" --executable "$appdir/usr/bin/fetchmedia-sandbox"
echo "build-appimage: $LDAI_OUTPUT"
