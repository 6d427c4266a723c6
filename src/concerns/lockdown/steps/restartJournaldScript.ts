/**
 * Restarts journald so its drop-in (persistent, bounded) takes effect and flushes the runtime journal to
 * /var/log/journal. Args: digest (re-runs the step when the drop-in changes). Prints what it did.
 */
export const RESTART_JOURNALD_SCRIPT = `
systemctl restart systemd-journald.service || fail "systemd-journald did not restart" "run journalctl -u systemd-journald on the host to see why"
journalctl --flush
[ -d /var/log/journal ] || fail "journald did not create /var/log/journal" "check the journald drop-in with systemd-analyze cat-config systemd/journald.conf"
echo "changed systemd-journald (persistent journal in /var/log/journal)"
`;
