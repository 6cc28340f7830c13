#!/usr/bin/env bash
# Runs a command against a real, private Secret Service: a fresh D-Bus session bus with an
# unlocked GNOME Keyring, and a throw-away HOME (the daemon creates its "login" collection
# there). Nothing of the person's own session or keyring is touched.
#   tests/support/with-keyring.sh COMMAND [ARGS...]
#   tests/support/with-keyring.sh --no-bus COMMAND [ARGS...]   (no D-Bus session at all)
# The command sees KEYRING_TEST_HOME (= HOME); the directory is removed afterwards.
set -euo pipefail

mode=keyring
if [ "${1:-}" = "--no-bus" ]; then
    mode=no-bus
    shift
fi
if [ "$#" -eq 0 ]; then
    echo "usage: $0 [--no-bus] COMMAND [ARGS...]" >&2
    exit 2
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/fetchmedia-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME="$home" KEYRING_TEST_HOME="$home"
export XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share"
export XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state"
export XDG_RUNTIME_DIR="$home/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
# Never the person's key: the tests decide which key is in the environment.
unset FETCHMEDIA_API_KEY

if [ "$mode" = no-bus ]; then
    unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
    exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring: $tool is missing (packaging/linux/install-deps.sh installs it)" >&2
        exit 1
    fi
done

# Inside the private bus: unlock a new keyring with a throw-away password, then run.
# DISPLAY is dropped so that nothing can fall back to an X11 D-Bus autolaunch.
unset DISPLAY
exec dbus-run-session -- bash -c '
    set -euo pipefail
    printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    # Wait until the Secret Service answers on the bus.
    for _ in $(seq 1 50); do
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
             org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
             | grep -q "boolean true"; then
            break
        fi
        sleep 0.1
    done
    # The daemon leaves when this private bus closes.
    exec "$@"
' with-keyring "$@"
