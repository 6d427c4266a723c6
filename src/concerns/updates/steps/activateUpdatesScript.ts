/**
 * Checks that apt reads the project's values (a later file in /etc/apt/apt.conf.d could override them), then
 * enables and starts the apt timers named in args. Prints `changed TIMER…` or `unchanged`. Safe to re-run.
 */
export const ACTIVATE_UPDATES_SCRIPT = `
for key in APT::Periodic::Update-Package-Lists APT::Periodic::Unattended-Upgrade; do
  value=
  shell=$(apt-config shell value "$key") || fail "apt-config cannot read the apt configuration" "run apt-config dump on the host to see the file it refuses"
  eval "$shell"
  [ "$value" = 1 ] || fail "apt reads $key as \\"$value\\", not \\"1\\"" "remove the setting that overrides it from /etc/apt/apt.conf.d (see apt-config dump $key)"
done
changed=()
for timer in "$@"; do
  systemctl cat -- "$timer" >/dev/null 2>&1 || fail "the systemd unit $timer is missing" "reinstall the apt package, which ships it"
  if [ "$(systemctl is-enabled -- "$timer" 2>/dev/null || true)" != enabled ]; then
    systemctl enable --quiet -- "$timer" || fail "systemctl enable $timer failed" "run systemctl enable $timer on the host to see why"
    changed+=("$timer")
  fi
  if ! systemctl is-active --quiet -- "$timer"; then
    systemctl start -- "$timer" || fail "systemctl start $timer failed" "run systemctl status $timer on the host to see why"
    [[ " \${changed[*]} " == *" $timer "* ]] || changed+=("$timer")
  fi
done
if [ "\${#changed[@]}" -eq 0 ]; then echo unchanged; else echo "changed \${changed[*]}"; fi
`;
