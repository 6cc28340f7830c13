#!/usr/bin/env bash
# Installs what FetchMedia Desktop needs to build, test and run on Debian 12 (bookworm).
# Usage: packaging/linux/install-deps.sh        (as root, or with sudo available)
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config
    # Qt 6.4 and QtKeychain (QtHttpServer pulls in QtWebSockets through its CMake package)
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    qtkeychain-qt6-dev libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins libgl-dev
    # the keychain the tests talk to: GNOME Keyring in a private D-Bus session
    gnome-keyring libsecret-tools dbus dbus-x11
    # looking at the app without a desktop: virtual display, input, screenshots
    xvfb xauth xdotool imagemagick
    # curl for the download benchmark's reference, ffmpeg to remake the sample media
    curl ffmpeg
    # fuzz targets: clang with libFuzzer and the sanitizer runtimes
    clang libclang-rt-14-dev
    # packages: dpkg-shlibdeps (dpkg-dev), rpmbuild, and the checks run on them
    dpkg-dev rpm lintian desktop-file-utils appstream file
)

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps: run as root or install sudo" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps: everything is installed"
    exit 0
fi
echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
