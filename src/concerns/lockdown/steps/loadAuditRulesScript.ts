/**
 * Loads the audit rules into a running auditd (augenrules). auditd cannot run in a container: there the
 * rules file is all there is, and the step says so. Args: digest (re-runs when the rules change).
 */
export const LOAD_AUDIT_RULES_SCRIPT = `
if systemctl is-active --quiet auditd.service; then
  augenrules --load >/dev/null || fail "augenrules could not load the audit rules" "run augenrules --check and augenrules --load on the host to see why"
  echo "changed: audit rules loaded"
elif systemd-detect-virt --quiet --container; then
  echo "not loaded: auditd cannot run in a container (the rules load when auditd starts on a real host)"
else
  echo "not loaded: auditd is not running (the rules load when it starts; see systemctl status auditd)"
fi
`;
