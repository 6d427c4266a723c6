/**
 * Puts the stdin lines into an existing file the distribution owns, in place: each replaces the line with the
 * same key (`keys`: the first word, up to a blank or `=`; `fstab`: the mount point; `pam`: the module, added
 * after pam_rootok), or is appended; duplicates of a key are dropped, everything else is kept. Owner and mode are kept; the file is
 * replaced atomically and only when different. Args: path edit. Prints `changed PATH` or `unchanged PATH`.
 */
export const EDIT_FILE_SCRIPT = `
path=$1 edit=$2
[ -f "$path" ] || fail "$path is missing" "reinstall the Debian package that owns $path, then run pulumi up again"
want=$(mktemp)
tmp=$(mktemp -- "$(dirname -- "$path")/.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp" "$want"' EXIT
cat > "$want"
rc=0
awk -v edit="$edit" -v wantfile="$want" '
  function keyof(line,   f, n, i) {
    if (line ~ /^[ \\t]*(#|$)/) return ""
    sub(/^[ \\t]+/, "", line)
    n = split(line, f, edit == "keys" ? "[ \\t=]+" : "[ \\t]+")
    if (edit == "keys") return f[1]
    if (edit == "fstab") return f[2]
    for (i = 1; i <= n; i++) if (f[i] ~ /\\.so$/) return f[i]
    return ""
  }
  BEGIN { while ((getline l < wantfile) > 0) if (l != "") { n++; want[n] = l; wk[keyof(l)] = n } }
  {
    k = keyof($0)
    if (k != "" && (k in wk)) { i = wk[k]; if (!(i in done)) { print want[i]; done[i] = 1 }; next }
    print
    if (edit == "pam" && k == "pam_rootok.so") for (i = 1; i <= n; i++) if (!(i in done)) { print want[i]; done[i] = 1 }
  }
  END { for (i = 1; i <= n; i++) if (!(i in done)) { if (edit == "pam") exit 3; print want[i] } }
' "$path" > "$tmp" || rc=$?
[ "$rc" -eq 3 ] && fail "$path has no pam_rootok.so line to put pam_wheel after" "restore $path from the Debian package (apt-get install --reinstall util-linux), then run pulumi up again"
[ "$rc" -eq 0 ] || fail "editing $path failed (awk exit $rc)" "check $path on the host"
if cmp -s -- "$tmp" "$path"; then echo "unchanged $path"; exit 0; fi
chown --reference="$path" -- "$tmp"
chmod --reference="$path" -- "$tmp"
mv -f -- "$tmp" "$path"
echo "changed $path"
`;
