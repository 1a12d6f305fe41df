#!/usr/bin/env bash
# CI: the Debian package as a clerk's machine gets it — built, installed, its desktop entry
# validated and run as the desktop would run it (a fresh home folder, no browser), the page
# fetched, the workspace ~/文档/台账 checked, then the package removed.
#
# The package is made from the debug binary that `cargo test` has just compiled (`--no-build
# --profile dev`): a release build from scratch takes several minutes on CI's 2 cores. The
# release procedure (README「发布 / Release」, .github/workflows/release.yml) builds it in the
# release profile. Needs root (dpkg); skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "ci-deb: not root, cannot install a package: skipped" >&2
  exit 0
fi
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
if ! command -v desktop-file-validate >/dev/null; then
  apt-get update && apt-get install -y --no-install-recommends desktop-file-utils
fi
# cargo-deb from crates.io, pinned so that CI does not change under us (about 4 minutes to
# compile here, once per machine).
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked --version 3.8.0
fi
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
work=$(mktemp -d)
server=""
installed=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  if [ -n "$installed" ]; then dpkg -r taizhang >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "ci-deb: $*" >&2
  if [ -f "$work/out" ]; then sed 's/^/  | /' "$work/out" >&2; fi
  exit 1
}

# --quiet: cargo-deb warns that the dev profile is not meant for releases, which we know.
cargo deb --no-build --profile dev --fast --quiet --output "$work/"
deb=$(ls "$work"/taizhang_*.deb)
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Installed-Size\):/  \1:/p'

installed=1
dpkg -i "$deb"
test -x /usr/bin/taizhang || fail "/usr/bin/taizhang is not there"
got=$(/usr/bin/taizhang --version)
case "$got" in
  "taizhang $version（构建日期 "*"）") echo "ci-deb: $got" ;;
  *) fail "--version says '$got', not the version $version and the build date" ;;
esac
entry=/usr/share/applications/taizhang.desktop
desktop-file-validate "$entry" || fail "$entry is not a valid desktop entry"
grep -qx 'Name\[zh_CN\]=台账' "$entry" || fail "$entry is not named 台账"
for f in /usr/share/icons/hicolor/scalable/apps/taizhang.svg /usr/share/icons/hicolor/256x256/apps/taizhang.png \
  /usr/share/doc/taizhang/README.md /usr/share/doc/taizhang/docs/serve.md; do
  test -s "$f" || fail "$f is not installed"
done

# The entry's command as the desktop runs it (field codes such as %U dropped), in a new home
# folder without XDG settings and with no browser to start (BROWSER=true: the command the
# webbrowser crate runs is `true`).
command=$(sed -n 's/^Exec=//p' "$entry" | sed 's/ *%[a-zA-Z]//g')
home="$work/home"
mkdir "$home"
env -u XDG_DOCUMENTS_DIR -u XDG_CONFIG_HOME -u DISPLAY -u WAYLAND_DISPLAY \
  HOME="$home" BROWSER=true PATH=/usr/bin:/bin \
  sh -c "exec $command" </dev/null >"$work/out" 2>&1 &
server=$!
url=""
for _ in $(seq 1 150); do
  url=$(grep -m 1 '^http://127\.0\.0\.1:[0-9]*/?token=' "$work/out" || true)
  if [ -n "$url" ]; then break; fi
  kill -0 "$server" 2>/dev/null || fail "'$command' ended before printing the page's address"
  sleep 0.2
done
[ -n "$url" ] || fail "'$command' printed no address in 30 s"
curl -fsS --max-time 10 "$url" | grep -q '<title>台账' || fail "the page at $url did not answer"
base=${url%%/?token=*}
token=${url##*token=}
curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$base/api/meta" |
  grep -q "\"version\":\"$version\"" || fail "/api/meta does not give the version $version"
kill "$server"
wait "$server" 2>/dev/null || true
server=""
test -f "$home/文档/台账/taizhang.toml" || fail "the desktop entry did not create ~/文档/台账/taizhang.toml"
echo "ci-deb: '$command' served $base on ~/文档/台账"

dpkg -r taizhang
installed=""
test ! -e /usr/bin/taizhang || fail "/usr/bin/taizhang is still there after dpkg -r"
test ! -e "$entry" || fail "$entry is still there after dpkg -r"
echo "ci-deb: built, installed, started and removed in $((SECONDS - start)) s"
