/**
 * Applies the sysctl file now (it applies itself at every boot): each key whose live value differs is written
 * to /proc/sys. A container's /proc/sys is read-only: there the values are reported as not applied, never as
 * applied. A key /proc/sys does not show (an older kernel, a container) is reported and skipped. Args: file digest (the digest re-runs the step
 * when the file changes). Prints what it did.
 */
export const APPLY_SYSCTL_SCRIPT = `
file=$1
container=no
if systemd-detect-virt --quiet --container; then container=yes; fi
applied=0 same=0 readonly=0
while IFS= read -r line; do
  case $line in ''|'#'*) continue;; esac
  key=$(printf '%s' "\${line%%=*}" | tr -d ' ')
  value=$(printf '%s' "\${line#*=}" | sed 's/^ *//; s/ *$//')
  proc=/proc/sys/\${key//.//}
  if [ ! -e "$proc" ]; then echo "skipped $key: not in /proc/sys here"; continue; fi
  if [ "$(cat -- "$proc")" = "$value" ]; then same=$((same + 1)); continue; fi
  if [ -w "$proc" ] && { printf '%s\\n' "$value" > "$proc"; } 2>/dev/null; then applied=$((applied + 1)); continue; fi
  if [ "$container" = yes ]; then readonly=$((readonly + 1)); continue; fi
  fail "the kernel refused $key = $value" "run sysctl -w $key=$value on the host to see why, then run pulumi up again"
done < "$file"
if [ "$readonly" -gt 0 ]; then echo "not applied live: $readonly settings, this container's kernel settings are read-only (they apply when the file is read at boot on a real host)"; fi
if [ "$applied" -gt 0 ]; then echo "changed $applied live settings"; else echo "unchanged live settings ($same already set)"; fi
`;
