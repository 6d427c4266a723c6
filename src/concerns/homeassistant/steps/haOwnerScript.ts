import { shellQuote } from "../../../core/remoteScript";
import { HA_AS_USER } from "./haAsUser";
import { HA_CLIENT_BOOTSTRAP } from "./haClientScript";

/**
 * Claims Home Assistant for its owner and applies its http settings, with the client inside the container
 * (stdin: `{script, params}`, kept in a variable, never on a command line): claim, then remove the claim gate,
 * then configure (once Home Assistant runs; it removes the first-start package); after the restart that the
 * settings take (Home Assistant's own, or here for a release that reads them from YAML), promote; each asked
 * again every 2 s at most 150 times.
 * Args: user, container (and user unit), claim gate table.
 */
export const HA_OWNER_SCRIPT = `${HA_AS_USER}
user=$1 container=$2 gate=$3
payload=$(cat)
client() { printf '%s' "$payload" | as_user podman exec -i "$container" python3 -c ${shellQuote(HA_CLIENT_BOOTSTRAP)} "$1"; }
# Not an answer yet: 75 Home Assistant still starting; 125 and 255 podman finds no running container; 137 and 143 the
# container stopped under the client (Home Assistant restarting).
again() { case $1 in 75|125|137|143|255) return 0;; *) return 1;; esac; }
explain() { case $1 in 2) echo "Home Assistant refused the owner or the settings (the reason is above)";; 75) echo "Home Assistant did not finish starting within 300 s";; *) echo "the client inside the container failed with exit code $1";; esac; }
for i in $(seq 1 60); do as_user podman container exists "$container" && break; sleep 1; done
rc=0; client claim || rc=$?
[ "$rc" -eq 0 ] || fail "claiming Home Assistant: $(explain "$rc")" "if the owner already exists with another password, set homeAssistant.owner.password to it; then run pulumi up again"
nft delete table inet "$gate" 2>/dev/null || true
# Asked again while Home Assistant is still starting (it takes settings only once running): every 2 s, at most 150 times.
for i in $(seq 1 150); do
  rc=0; state=$(client configure) || rc=$?
  again "$rc" || break
  sleep 2
done
[ "$rc" -eq 0 ] || fail "setting Home Assistant's http settings: $(explain "$rc")" "see Home Assistant's log (journalctl _UID=$(id -u -- "$user")), then run pulumi up again"
echo "$state"
case $state in
  *'"yaml-restart"'*) user_systemctl restart "$container.service" || fail "restarting Home Assistant to take its http settings failed" "see journalctl _UID=$(id -u -- "$user"), then run pulumi up again";;
  *'"restarting"'*|*'"staged"'*) ;;
  *) exit 0;;
esac
for i in $(seq 1 150); do
  sleep 2
  rc=0; client promote || rc=$?
  [ "$rc" -eq 0 ] && exit 0
  again "$rc" || fail "promoting the http settings: $(explain "$rc")" "Home Assistant went back to its previous http settings; fix homeAssistant.http, then run pulumi up again"
done
fail "Home Assistant did not come back with the new http settings within 300 s" "see Home Assistant's log (journalctl _UID=$(id -u -- "$user")); from 2026.8 on it reverts unpromoted settings by itself after 5 minutes"
`;
