/**
 * Applies the ruleset on stdin (one table, replaced atomically) without locking anyone out:
 * 1. ruleset, marker, live table and boot-time persistence unchanged: nothing to do;
 * 2. `nft -c -f` the new ruleset;
 * 3. snapshot the live table (unless an unconfirmed apply already holds the snapshot) and arm a systemd-run
 *    timer that restores it after N seconds;
 * 4. load the ruleset, record the marker, and leave a confirm script that persists it (include line in the
 *    boot-time file, nftables.service enabled): the NEXT new login runs it and disarms the timer.
 * Args: ruleset path, main nftables file, table name, state dir, rollback unit, seconds.
 */
export const APPLY_FIREWALL_SCRIPT = `
conf=$1 main=$2 table=$3 state=$4 unit=$5 seconds=$6
install -d -m 0700 -- "$state"
applied="$state/firewall-applied.sha256"
pending="$state/firewall-pending.nft"
confirm="$state/firewall-confirm.sh"
new=$(mktemp -- "$state/firewall.XXXXXX")
trap 'rm -f -- "$new"' EXIT
cat > "$new"
chmod 0644 "$new"
sum=$(sha256sum < "$new" | cut -d' ' -f1)
command -v nft >/dev/null 2>&1 || fail "nft is missing" "install nftables on the host"
include="include \\"$conf\\""
if nft list table inet "$table" >/dev/null 2>&1 && cmp -s -- "$new" "$conf" && [ "$(cat -- "$applied" 2>/dev/null || true)" = "$sum" ] \\
  && grep -Fqx -- "$include" "$main" 2>/dev/null && systemctl is-enabled --quiet nftables.service 2>/dev/null; then
  echo "unchanged $conf"
  exit 0
fi
if ! out=$(nft -c -f "$new" 2>&1); then
  fail "nft -c rejects the rendered ruleset ($out); nothing was changed" "correct firewall.lanServices or lanCidrs in the stack config, or upgrade nftables on the host, then run pulumi up again"
fi
# Arm the rollback. A timer still armed means an earlier apply was never confirmed: keep ITS snapshot.
if systemctl is-active --quiet -- "$unit.timer"; then
  echo "an earlier unconfirmed firewall apply is still armed; keeping its snapshot" >&2
else
  { echo "table inet $table"; echo "delete table inet $table"; nft -s list table inet "$table" 2>/dev/null || true; } > "$state/firewall-previous.nft"
  out=$(nft -c -f "$state/firewall-previous.nft" 2>&1) \\
    || fail "the live table inet $table cannot be snapshotted for a rollback ($out); nothing was changed" "run nft delete table inet $table on the host (from its console), then run pulumi up again"
  systemctl stop -- "$unit.timer" >/dev/null 2>&1 || true
  systemctl reset-failed -- "$unit.service" "$unit.timer" >/dev/null 2>&1 || true
  cat > "$state/firewall-rollback.sh" <<ROLLBACK
#!/bin/sh
# Written by ha-hardened-host: restores the firewall table from before the last unconfirmed apply.
nft -f '$state/firewall-previous.nft'
rm -f '$applied' '$confirm' '$pending'
date -u +%Y-%m-%dT%H:%M:%SZ > '$state/firewall-rolled-back'
ROLLBACK
  chmod 0700 "$state/firewall-rollback.sh"
  systemd-run --quiet --unit="$unit" --on-active="$seconds" --timer-property=RemainAfterElapse=no /bin/sh "$state/firewall-rollback.sh" \\
    || fail "systemd-run could not arm the firewall rollback timer, so the ruleset was not loaded" "check that systemd runs on the host (systemctl is-system-running)"
fi
rm -f -- "$state/firewall-rolled-back" "$applied"
cp -- "$new" "$pending"
cat > "$confirm" <<CONFIRM
#!/bin/sh
# Written by ha-hardened-host: persists the firewall a new login confirmed, so it is back after a reboot.
set -e
install -d -m 0755 '$(dirname -- "$conf")'
install -m 0644 '$pending' '$conf.ha-hardened-host.tmp'
mv -f '$conf.ha-hardened-host.tmp' '$conf'
[ -f '$main' ] || printf '#!/usr/sbin/nft -f\\n' > '$main'
grep -Fqx -- '$include' '$main' || printf '%s\\n' '$include' >> '$main'
systemctl enable --quiet nftables.service
rm -f '$pending' '$confirm'
CONFIRM
chmod 0700 "$confirm"
if ! out=$(nft -f "$new" 2>&1); then
  /bin/sh "$state/firewall-rollback.sh" || true
  systemctl stop -- "$unit.timer" >/dev/null 2>&1 || true
  rm -f -- "$state/firewall-rolled-back"
  fail "nft -f could not load the ruleset ($out); the previous table was restored" "run nft -c -f on the ruleset on the host to see why, then run pulumi up again"
fi
echo "$sum" > "$applied"
echo "changed table inet $table (rollback armed for $seconds s until a new login confirms it)"
`;
