/**
 * Applies the sshd drop-in on stdin without locking anyone out:
 * 1. content and last-applied marker unchanged: nothing to do;
 * 2. `sshd -t -f` a staged main config that reads the new drop-in in place of the installed one;
 * 3. back up the installed drop-in (unless an unconfirmed apply already holds the backup) and arm a
 *    systemd-run timer that restores it and reloads sshd after N seconds;
 * 4. install, `sshd -t` the real config (restore at once on failure), reload sshd, wait (bounded) until it
 *    listens again, record the marker.
 * verify-login disarms the timer once a NEW admin login works.
 * Args: drop-in path, main config, sshd binary, state dir, ssh service, socket-activated (yes|no), rollback unit, seconds.
 */
export const APPLY_SSHD_CONFIG_SCRIPT = `
dropin=$1 main=$2 sshd=$3 state=$4 service=$5 socket=$6 unit=$7 seconds=$8
install -d -m 0700 -- "$state"
applied="$state/applied-dropin.sha256"
new=$(mktemp -- "$state/dropin.XXXXXX")
stage=$(mktemp -d -- "$state/stage.XXXXXX")
trap 'rm -rf -- "$new" "$stage"' EXIT
cat > "$new"
chmod 0644 "$new"
sum=$(sha256sum < "$new" | cut -d' ' -f1)
if [ -f "$dropin" ] && cmp -s -- "$new" "$dropin" && [ "$(cat -- "$applied" 2>/dev/null || true)" = "$sum" ]; then
  echo "unchanged $dropin"
  exit 0
fi
[ -x "$sshd" ] || fail "$sshd is missing" "install openssh-server on the host"
dropdir=$(dirname -- "$dropin")
grep -Eiq "^[[:space:]]*Include[[:space:]]+$dropdir/\\*\\.conf" -- "$main" \\
  || fail "$main does not read $dropdir/*.conf, so the hardened drop-in would be ignored" "add the line 'Include $dropdir/*.conf' at the top of $main"
# Stage: the other drop-ins as they are, ours replaced by the new text, read by a copy of the main config.
mkdir -p -- "$stage/d"
for f in "$dropdir"/*.conf; do [ -e "$f" ] && [ "$f" != "$dropin" ] && cp -p -- "$f" "$stage/d/"; done
cp -- "$new" "$stage/d/$(basename -- "$dropin")"
sed -E "s#^([[:space:]]*[Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]]+)$dropdir/#\\\\1$stage/d/#" -- "$main" > "$stage/sshd_config"
if ! out=$("$sshd" -t -f "$stage/sshd_config" 2>&1); then
  fail "sshd -t rejects the new drop-in ($out); nothing was changed and sshd keeps its current config" "correct sshd.extraSettings in the stack config (or, when sshd does not know one of the baseline's algorithms, upgrade openssh-server on the host), then run pulumi up again"
fi
# Arm the rollback. A timer still armed means an earlier apply was never confirmed: keep ITS backup.
if systemctl is-active --quiet -- "$unit.timer"; then
  echo "an earlier unconfirmed apply is still armed; keeping its backup" >&2
else
  if [ -f "$dropin" ]; then cp -p -- "$dropin" "$state/previous-dropin"; rm -f -- "$state/previous-dropin.absent"
  else rm -f -- "$state/previous-dropin"; : > "$state/previous-dropin.absent"; fi
  # An elapsed or failed leftover of the same transient unit would make systemd-run refuse the name.
  systemctl stop -- "$unit.timer" >/dev/null 2>&1 || true
  systemctl reset-failed -- "$unit.service" "$unit.timer" >/dev/null 2>&1 || true
  cat > "$state/rollback.sh" <<ROLLBACK
#!/bin/sh
# Written by ha-hardened-host: restores the sshd drop-in from before the last unconfirmed apply.
if [ -f '$state/previous-dropin' ]; then cp -p '$state/previous-dropin' '$dropin'; else rm -f '$dropin'; fi
rm -f '$applied'
date -u +%Y-%m-%dT%H:%M:%SZ > '$state/rolled-back'
if [ '$socket' = yes ]; then systemctl daemon-reload; systemctl restart '$service.socket'; fi
systemctl try-reload-or-restart '$service.service'
ROLLBACK
  chmod 0700 "$state/rollback.sh"
  # RemainAfterElapse=no: once fired, the timer unloads, so is-active above never mistakes it for an armed one.
  systemd-run --quiet --unit="$unit" --on-active="$seconds" --timer-property=RemainAfterElapse=no /bin/sh "$state/rollback.sh" \\
    || fail "systemd-run could not arm the rollback timer, so the change was not made" "check that systemd runs on the host (systemctl is-system-running)"
fi
rm -f -- "$state/rolled-back"
rm -f -- "$applied"
cp -- "$new" "$dropin.ha-hardened-host.tmp"
chmod 0644 "$dropin.ha-hardened-host.tmp"
mv -f -- "$dropin.ha-hardened-host.tmp" "$dropin"
if ! out=$("$sshd" -t 2>&1); then
  /bin/sh "$state/rollback.sh" || true
  systemctl stop -- "$unit.timer" >/dev/null 2>&1 || true
  fail "sshd -t rejects the installed config ($out); the previous drop-in was restored" "correct sshd.extraSettings in the stack config, then run pulumi up again"
fi
# A reload re-executes sshd, which closes its listening sockets for a moment; the next step's login must not
# meet that gap, so wait until sshd listens on new sockets (at most 100 x 0.1 s). A stopped sshd is started by
# the same command, and systemd returns once it is ready.
listening() {
  pid=$(systemctl show -p MainPID --value -- "$service.service" 2>/dev/null || echo 0)
  [ "\${pid:-0}" -gt 0 ] && ss -Hltnpe 2>/dev/null | grep -F "pid=$pid," | grep -o 'ino:[0-9]*' | sort | tr '\\n' ' '
}
before=""
[ "$socket" = no ] && command -v ss >/dev/null 2>&1 && before=$(listening || true)
if [ "$socket" = yes ]; then systemctl daemon-reload; systemctl restart -- "$service.socket"; fi
systemctl try-reload-or-restart -- "$service.service"
if [ -n "$before" ]; then
  i=0
  while [ $i -lt 100 ]; do
    now=$(listening || true)
    [ -n "$now" ] && [ "$now" != "$before" ] && break
    sleep 0.1; i=$((i + 1))
  done
  [ $i -lt 100 ] || echo "sshd did not listen on new sockets within 10 s of the reload; the next login retries" >&2
fi
echo "$sum" > "$applied"
echo "changed $dropin (rollback armed for $seconds s until a new login confirms it)"
`;
