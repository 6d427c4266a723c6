/**
 * Creates AIDE's database once (aideinit), so the daily check has a known-good state to compare with; an
 * existing database is left alone (aideinit --force replaces it after deliberate changes). Prints what it did.
 */
export const INIT_AIDE_SCRIPT = `
db=/var/lib/aide/aide.db
if [ -s "$db" ]; then echo "unchanged $db"; exit 0; fi
command -v aideinit >/dev/null || fail "aideinit is missing" "install aide-common on the host, then run pulumi up again"
aideinit --yes --force >/dev/null 2>&1 || [ -s "$db" ] || fail "aideinit could not create $db" "run aideinit on the host to see why"
[ -s "$db" ] || fail "aideinit did not create $db" "run aideinit on the host to see why"
echo "changed $db"
`;
