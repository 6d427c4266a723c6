/**
 * Makes the system crontab and cron's directories root-only (CIS Debian 5.1.2-5.1.7), those that exist (cron
 * may not be installed). Args: paths. Prints `changed PATH…` or `unchanged`.
 */
export const RESTRICT_CRON_SCRIPT = `
changed=()
for p in "$@"; do
  [ -e "$p" ] || continue
  want=700; [ -f "$p" ] && want=600
  if [ "$(stat -c '%a %U %G' -- "$p")" != "$want root root" ]; then chown root:root -- "$p"; chmod "$want" -- "$p"; changed+=("$p"); fi
done
if [ "\${#changed[@]}" -eq 0 ]; then echo unchanged; else echo "changed \${changed[*]}"; fi
`;
