import { HA_AS_USER } from "./haAsUser";

/**
 * Installs the user unit (stdin) root-owned where the user's systemd reads it (Quadlet's per-user directory, or the
 * user's unit directory), reloads the user manager, and starts Home Assistant, or restarts it when the unit changed.
 * A plain unit is enabled by root's own symlinks for its WantedBy= targets: the directory is root's, so the user's
 * `systemctl --user enable` could not write there (and the user cannot disable it).
 * Args: user, format (quadlet|systemd), quadlet users dir, user unit dir, file name.
 */
export const HA_UNIT_SCRIPT = `${HA_AS_USER}
user=$1 format=$2 quadlet_dir=$3 unit_dir=$4 file=$5
uid=$(id -u -- "$user")
if [ "$format" = quadlet ]; then dir="$quadlet_dir/$uid"; else dir=$unit_dir; install -d -o "$user" -g "$user" -m 0755 -- "$(dirname -- "$(dirname -- "$dir")")" "$(dirname -- "$dir")"; fi
install -d -o root -g root -m 0755 -- "$dir"
tmp=$(mktemp -- "$dir/.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
chmod 0644 -- "$tmp"
service=\${file%.*}.service
changed=no
if ! { [ -f "$dir/$file" ] && cmp -s -- "$tmp" "$dir/$file"; }; then mv -f -- "$tmp" "$dir/$file"; changed=yes; fi
if [ "$format" = systemd ]; then
  for target in $(sed -n 's/^WantedBy=//p' -- "$dir/$file"); do
    install -d -o root -g root -m 0755 -- "$dir/$target.wants"
    ln -sfn -- "$dir/$file" "$dir/$target.wants/$file"
  done
fi
user_systemctl daemon-reload
if [ "$changed" = yes ]; then user_systemctl restart "$service"; else user_systemctl start "$service"; fi
user_systemctl is-active --quiet "$service" || fail "$service did not start as $user" "run: sudo journalctl _UID=$uid -u $service (or machinectl shell $user@ then journalctl --user -u $service)"
echo "$([ "$changed" = yes ] && echo changed || echo unchanged) $dir/$file, $service active"
`;
