import { GuestShell } from "./guestShell";
import { HaImage } from "./buildHaImage";
import { rootlessPodman } from "../../concerns/homeassistant/rootlessPodman";

export interface LoadedHaImage {
  /** The image ID podman reports (the config digest). */
  id: string;
  /** The manifest digest podman reports: what a pin by digest names. */
  digest: string;
  /** name@digest, the reference a container is started from. */
  pinned: string;
}

/** Streams the image archive over SSH into `podman load` run rootless as `user`; checks what podman stored. */
export async function loadHaImageRootless(shell: GuestShell, image: HaImage, user: string): Promise<LoadedHaImage> {
  const load = await shell(rootlessPodman(user, ["load"]), { stdinFile: image.archive, timeoutMs: 10 * 60_000 });
  if (load.code !== 0) {
    throw new Error(`podman load as ${user} exited ${load.code}: ${load.stderr.trim().split("\n").slice(-4).join(" | ")}; does ${user} have /etc/subuid and /etc/subgid ranges and linger?`);
  }
  const pinned = `${image.name.split(":")[0]}@${image.manifestDigest}`;
  const inspect = await shell(rootlessPodman(user, ["image", "inspect", "--format", "{{.Id}} {{.Digest}}", pinned]));
  const [id, digest] = inspect.stdout.trim().split(" ");
  if (inspect.code !== 0 || `sha256:${id}` !== image.configDigest || digest !== image.manifestDigest) {
    throw new Error(`podman as ${user} holds no ${pinned} with image ID ${image.configDigest} after the load (inspect exited ${inspect.code}: ${inspect.stdout.trim() || inspect.stderr.trim()})`);
  }
  return { id: image.configDigest, digest, pinned };
}
