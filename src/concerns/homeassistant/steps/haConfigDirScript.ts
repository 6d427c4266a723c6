/** The config directory, owned by the service user and closed to everyone else (0750). Args: user, dir, packages dir. */
export const HA_CONFIG_DIR_SCRIPT = `
user=$1 dir=$2 packages=$3
parent=$(dirname -- "$dir")
[ -d "$parent" ] || fail "$parent (the home of $user) does not exist" "run pulumi up again: the accounts steps create it first"
install -d -o "$user" -g "$user" -m 0750 -- "$dir" "$dir/$packages"
chown -- "$user:$user" "$dir" "$dir/$packages"
chmod 0750 -- "$dir" "$dir/$packages"
echo "ready $dir"
`;
