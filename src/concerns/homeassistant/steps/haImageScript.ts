import { HA_AS_USER } from "./haAsUser";

/** Pulls the pinned image into the user's own storage unless it is there. Args: user, image. */
export const HA_IMAGE_SCRIPT = `${HA_AS_USER}
user=$1 image=$2
if as_user podman image exists "$image"; then echo "unchanged $image"; exit 0; fi
as_user podman pull --quiet "$image" >/dev/null || fail "podman pull $image failed" "check that the host reaches the registry and that the digest exists (podman pull prints it), then run pulumi up again"
echo "changed $image"
`;
