import { MIN_MODULI_BITS } from "../algorithms";

/**
 * Drops Diffie-Hellman group-exchange moduli below MIN_MODULI_BITS (field 5 is the size minus one, so
 * `>= 3071` keeps 3072-bit groups and up). Keeps the file as it is when nothing would be left.
 * Args: moduli path. Prints `changed PATH` or `unchanged PATH`.
 */
export const FILTER_MODULI_SCRIPT = `
f=$1
if [ ! -f "$f" ]; then echo "unchanged $f (absent: sshd uses its built-in groups)"; exit 0; fi
tmp=$(mktemp -- "$f.ha-hardened-host.XXXXXX")
trap 'rm -f -- "$tmp"' EXIT
awk '/^[[:space:]]*(#|$)/ { print; next } $5 >= ${MIN_MODULI_BITS}' "$f" > "$tmp"
if ! grep -qv '^[[:space:]]*\\(#\\|$\\)' "$tmp"; then
  echo "ha-hardened-host: host $HHH_HOST, step $HHH_STEP: no modulus of at least ${MIN_MODULI_BITS} bits in $f, kept it unchanged; fix: reinstall openssh-server's moduli or generate some with ssh-keygen -M" >&2
  echo "unchanged $f"
  exit 0
fi
if cmp -s -- "$tmp" "$f"; then echo "unchanged $f"; exit 0; fi
chmod 0644 "$tmp"
mv -f -- "$tmp" "$f"
echo "changed $f"
`;
