/**
 * Checks that apt reads the project's values (a later file in /etc/apt/apt.conf.d could override them) and, when
 * reports are mailed, that a mailer exists; then enables and starts the apt timers. Args: the two mailer paths,
 * then the timers. Prints `changed TIMER…` or `unchanged`. Safe to re-run.
 */
export const ACTIVATE_UPDATES_SCRIPT = `
mail_bin=$1 sendmail_bin=$2
shift 2
for key in APT::Periodic::Update-Package-Lists APT::Periodic::Unattended-Upgrade; do
  value=
  shell=$(apt-config shell value "$key") || fail "apt-config cannot read the apt configuration" "run apt-config dump on the host to see the file it refuses"
  eval "$shell"
  [ "$value" = 1 ] || fail "apt reads $key as \\"$value\\", not \\"1\\"" "remove the setting that overrides it from /etc/apt/apt.conf.d (see apt-config dump $key)"
done
mail=
shell=$(apt-config shell mail Unattended-Upgrade::Mail) || fail "apt-config cannot read the apt configuration" "run apt-config dump on the host to see the file it refuses"
eval "$shell"
if [ -n "$mail" ] && [ ! -e "$mail_bin" ] && [ ! -e "$sendmail_bin" ]; then
  fail "update reports are to be mailed to $mail, but the host has neither $mail_bin nor $sendmail_bin" "install and configure a mail transfer agent on the host (e.g. msmtp-mta or postfix), or remove updates.mailTo"
fi
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
