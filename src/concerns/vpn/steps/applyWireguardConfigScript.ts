/**
 * Installs stdin as the WireGuard config (0600 root, in a 0700 /etc/wireguard) once wg-quick accepts it, keeps
 * wg-quick@IFACE enabled, and applies a change without dropping tunnels: `wg syncconf` for peers and keys, a
 * restart only when wg-quick's own [Interface] settings (Address, MTU, DNS…) changed. Then waits (bounded) until
 * the interface listens on PORT with every peer loaded.
 * Lockout-safe, as the admin may be on the tunnel: before a change replaces a config, the previous one is kept
 * (0600, in the state dir) and a systemd-run timer armed that restores it after SECONDS unless the next NEW login
 * runs the confirm script the apply leaves; a change that fails to apply is rolled back at once.
 * Args: path iface unit port state rollback-unit seconds.
 * Prints `unchanged PATH`, or `changed PATH (synced|restarted|started)` and, when armed, a line saying so.
 */
export const APPLY_WIREGUARD_CONFIG_SCRIPT = `
path=$1 iface=$2 unit=$3 port=$4 state=$5 rbunit=$6 seconds=$7
previous="$state/vpn-previous.conf" rollback="$state/vpn-rollback.sh" confirm="$state/vpn-confirm.sh" marker="$state/vpn-rolled-back"
command -v wg >/dev/null && command -v wg-quick >/dev/null || fail "wg or wg-quick is missing" "run pulumi up again: the vpn-packages step installs wireguard-tools"
dir=$(dirname -- "$path")
install -d -m 0700 -o root -g root -- "$dir"
stage=$(mktemp -d -- "$dir/.ha-hardened-host.XXXXXX")
trap 'rm -rf -- "$stage"' EXIT
new="$stage/$iface.conf"
cat > "$new"
chmod 0600 "$new"
wg-quick strip "$new" > /dev/null 2> "$stage/err" || fail "wg-quick rejects the rendered $iface config: $(head -c 300 "$stage/err")" "correct the vpn settings in the stack config, then run pulumi up again"
iface_settings() { sed -n '/^\\[Interface\\]/,/^\\[Peer\\]/p' "$1" | grep -iE '^[[:space:]]*(Address|MTU|DNS|Table|PreUp|PostUp|PreDown|PostDown|SaveConfig)[[:space:]]*=' || true; }
changed=yes restart=no
if [ -f "$path" ] && [ ! -L "$path" ] && cmp -s -- "$new" "$path"; then changed=no; fi
if [ "$changed" = yes ] && [ -f "$path" ] && [ "$(iface_settings "$path")" != "$(iface_settings "$new")" ]; then restart=yes; fi
armed=no
if [ "$changed" = yes ] && [ -f "$path" ] && [ ! -L "$path" ]; then
  install -d -m 0700 -- "$state"
  # A timer still armed means an earlier change was never confirmed: keep ITS snapshot.
  if systemctl is-active --quiet -- "$rbunit.timer"; then
    echo "an earlier unconfirmed $iface change is still armed; keeping its snapshot" >&2
  else
    install -m 0600 -o root -g root -- "$path" "$previous"
    systemctl reset-failed -- "$rbunit.service" "$rbunit.timer" >/dev/null 2>&1 || true
    cat > "$rollback" <<ROLLBACK
#!/bin/sh
# Written by ha-hardened-host: restores the WireGuard config from before the last unconfirmed change.
install -m 0600 -o root -g root '$previous' '$path'
systemctl restart '$unit'
rm -f '$confirm'
date -u +%Y-%m-%dT%H:%M:%SZ > '$marker'
ROLLBACK
    chmod 0700 "$rollback"
    systemd-run --quiet --unit="$rbunit" --on-active="$seconds" --timer-property=RemainAfterElapse=no /bin/sh "$rollback" \\
      || fail "systemd-run could not arm the $iface rollback timer, so the config was not changed" "check that systemd runs on the host (systemctl is-system-running)"
  fi
  cat > "$confirm" <<CONFIRM
#!/bin/sh
# Written by ha-hardened-host: a new login confirmed the WireGuard change, so the old config is not needed.
rm -f '$previous' '$confirm'
CONFIRM
  chmod 0700 "$confirm"
  rm -f -- "$marker"
  armed=yes
fi
# A change that does not come up is undone at once, not after the timer.
undo() {
  if [ "$armed" = yes ]; then
    /bin/sh "$rollback" >/dev/null 2>&1 || true
    systemctl stop -- "$rbunit.timer" >/dev/null 2>&1 || true
    rm -f -- "$marker" "$confirm"
    fail "$1; the previous $iface config was restored" "$2"
  fi
  fail "$1" "$2"
}
if [ "$changed" = yes ]; then
  chown root:root "$new"
  mv -f -- "$new" "$path"
fi
chown root:root "$path"
chmod 0600 "$path"
systemctl enable --quiet "$unit" || fail "systemctl enable $unit failed" "run systemctl enable $unit on the host to see why"
how=""
if systemctl is-active --quiet "$unit" && ip link show dev "$iface" >/dev/null 2>&1; then
  if [ "$restart" = yes ]; then
    systemctl restart "$unit" || undo "$unit did not restart: $(journalctl -u "$unit" -n 5 --no-pager -o cat 2>/dev/null | tr '\\n' ' ')" "run journalctl -u $unit on the host"
    how=restarted
  elif [ "$changed" = yes ]; then
    wg syncconf "$iface" <(wg-quick strip "$iface") || undo "wg syncconf $iface failed" "run wg syncconf $iface <(wg-quick strip $iface) on the host to see why"
    how=synced
  fi
else
  systemctl restart "$unit" || undo "$unit did not start: $(journalctl -u "$unit" -n 5 --no-pager -o cat 2>/dev/null | tr '\\n' ' ')" "run journalctl -u $unit on the host (no /dev/net/tun, or no wireguard-go where the kernel has no module?)"
  how=started
fi
want_peers=$(grep -ciE '^[[:space:]]*\\[Peer\\]' "$path" || true)
ok=no
for _ in $(seq 1 50); do
  if [ "$(wg show "$iface" listen-port 2>/dev/null)" = "$port" ] && [ "$(wg show "$iface" peers 2>/dev/null | grep -c . || true)" = "$want_peers" ]; then ok=yes; break; fi
  sleep 0.2
done
[ "$ok" = yes ] || undo "$iface is not listening on UDP $port with $want_peers peer(s) after 10 s" "run wg show $iface and journalctl -u $unit on the host"
if [ "$changed" = yes ] || [ -n "$how" ]; then echo "changed $path\${how:+ ($how)}"; else echo "unchanged $path"; fi
[ "$armed" = no ] || echo "rollback armed for $seconds s until a new login confirms it"
`;
