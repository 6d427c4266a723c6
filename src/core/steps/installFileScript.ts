/**
 * Installs stdin as a file, atomically: temp file in the same directory (0600 from umask 077), owner and mode
 * set, compared with the current file, renamed over it only when different. Prints `changed PATH` or
 * `unchanged PATH`. Args: path mode owner group. Re-running after an interruption finishes the job.
 */
export const INSTALL_FILE_SCRIPT = `
path=$1 mode=$2 owner=$3 group=$4
case $path in /*) ;; *) fail "the target path $path is not absolute" "report this as a bug in ha-hardened-host";; esac
dir=$(dirname -- "$path")
[ -d "$dir" ] || install -d -m 0755 -- "$dir"
tmp=$(mktemp -- "$dir/.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
chown -- "$owner:$group" "$tmp"
chmod -- "$mode" "$tmp"
if [ -f "$path" ] && [ ! -L "$path" ] && cmp -s -- "$tmp" "$path" && [ "$(stat -c '%a %U %G' -- "$path")" = "$(stat -c '%a %U %G' -- "$tmp")" ]; then
  echo "unchanged $path"
  exit 0
fi
mv -f -- "$tmp" "$path"
echo "changed $path"
`;
