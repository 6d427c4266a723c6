/**
 * Makes a local account match the UserSpec on stdin (key=value lines, see stepManifest.ts): creates or adjusts
 * it, sets its exact supplementary groups, locks the password of non-sudo accounts, writes a sudoers drop-in
 * checked by `visudo -cf` (or removes it), and writes ~/.ssh/authorized_keys (0600 in 0700 .ssh) or removes it.
 * Args: sudoers directory. Prints `changed NAME` or `unchanged NAME`.
 */
export const ENSURE_USER_SCRIPT = `
sudoers_dir=$1
name='' system=no home='' shell='' groups='' sudo=no
keys=()
while IFS= read -r line || [ -n "$line" ]; do
  key=\${line%%=*} value=\${line#*=}
  case $key in
    name) name=$value;; system) system=$value;; home) home=$value;; shell) shell=$value;;
    groups) groups=$value;; sudo) sudo=$value;; authorized_key) keys+=("$value");;
  esac
done
[[ $name =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || fail "the user spec on stdin has no valid name" "report this as a bug in ha-hardened-host"
[ -n "$home" ] && [ -n "$shell" ] || fail "the user spec for $name lacks home or shell" "report this as a bug in ha-hardened-host"
[ -x "$shell" ] || fail "the login shell $shell of $name does not exist on this host" "set the right os for this host in the stack config"
changed=no
if ! getent passwd "$name" >/dev/null; then
  opts=(--create-home --home-dir "$home" --shell "$shell" --user-group)
  [ "$system" = yes ] && opts+=(--system)
  [ -n "$groups" ] && opts+=(--groups "$groups")
  useradd "\${opts[@]}" -- "$name"
  changed=yes
else
  [ "$(getent passwd "$name" | cut -d: -f7)" = "$shell" ] || { usermod --shell "$shell" -- "$name"; changed=yes; }
  want=$(printf '%s\\n' \${groups//,/ } | sort -u | paste -sd, -)
  primary=$(id -gn -- "$name")
  have=$(id -Gn -- "$name" | tr ' ' '\\n' | grep -vx -- "$primary" | sort -u | paste -sd, - || true)
  [ "$want" = "$have" ] || { usermod --groups "$groups" -- "$name"; changed=yes; }
fi
home=$(getent passwd "$name" | cut -d: -f6)
group=$(id -gn -- "$name")
if [ "$sudo" != yes ] && [ "$(passwd -S -- "$name" | cut -d' ' -f2)" != L ]; then
  passwd -l -- "$name" >/dev/null
  changed=yes
fi
sudoers="$sudoers_dir/ha-hardened-host-$name"
if [ "$sudo" = yes ]; then
  tmp=$(mktemp -- "$sudoers_dir/.ha-hardened-host.XXXXXX")
  printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\\n' "$name" > "$tmp"
  chmod 0440 "$tmp"
  visudo -cqf "$tmp" || { rm -f -- "$tmp"; fail "the sudoers rule for $name does not pass visudo -c" "check /etc/sudoers on the host"; }
  if [ -f "$sudoers" ] && cmp -s -- "$tmp" "$sudoers"; then rm -f -- "$tmp"; else mv -f -- "$tmp" "$sudoers"; changed=yes; fi
elif [ -e "$sudoers" ]; then
  rm -f -- "$sudoers"
  changed=yes
fi
ak="$home/.ssh/authorized_keys"
if [ "\${#keys[@]}" -gt 0 ]; then
  [ -d "$home" ] || install -d -m 0750 -o "$name" -g "$group" -- "$home"
  if [ ! -d "$home/.ssh" ] || [ "$(stat -c '%a %U' -- "$home/.ssh")" != "700 $name" ]; then
    install -d -m 0700 -o "$name" -g "$group" -- "$home/.ssh"
    changed=yes
  fi
  tmp=$(mktemp -- "$home/.ssh/.ha-hardened-host.XXXXXX")
  printf '%s\\n' "\${keys[@]}" > "$tmp"
  chown -- "$name:$group" "$tmp"
  chmod 0600 "$tmp"
  if [ -f "$ak" ] && [ ! -L "$ak" ] && cmp -s -- "$tmp" "$ak" && [ "$(stat -c '%a %U' -- "$ak")" = "600 $name" ]; then
    rm -f -- "$tmp"
  else
    mv -f -- "$tmp" "$ak"
    changed=yes
  fi
elif [ -e "$ak" ] || [ -L "$ak" ]; then
  rm -f -- "$ak"
  changed=yes
fi
if [ "$changed" = yes ]; then echo "changed $name"; else echo "unchanged $name"; fi
`;
