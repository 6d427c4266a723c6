import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { removeTreeSafely } from "../host/removeTreeSafely";
import { runCommand } from "../host/runCommand";

/** The container settings of an image (the OCI image config's `config` object). */
export interface OciContainerConfig {
  Entrypoint: string[];
  Cmd?: string[];
  Env: string[];
  WorkingDir: string;
  ExposedPorts: Record<string, Record<string, never>>;
  Labels?: Record<string, string>;
}

export interface OciArchive {
  path: string;
  /** sha256 of the manifest: what a pin by digest names. */
  manifestDigest: string;
  /** sha256 of the config: the image ID podman shows. */
  configDigest: string;
  layerDigest: string;
  bytes: number;
}

const MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return `sha256:${hash.digest("hex")}`;
}

function putBlob(blobs: string, content: string): { digest: string; size: number } {
  const digest = `sha256:${createHash("sha256").update(content).digest("hex")}`;
  fs.writeFileSync(path.join(blobs, digest.slice(7)), content);
  return { digest, size: Buffer.byteLength(content) };
}

/**
 * Writes a one-layer OCI image as an oci-archive tar (`podman load -i` reads it): the layer is `layerTar`
 * (uncompressed), the manifest is annotated with `refName`. Same inputs, same bytes, same digests.
 */
export async function writeOciArchive(opts: { layerTar: string; out: string; refName: string; config: OciContainerConfig; created: string }): Promise<OciArchive> {
  const layout = `${opts.out}.layout-${process.pid}`;
  removeTreeSafely(layout);
  const blobs = path.join(layout, "blobs", "sha256");
  fs.mkdirSync(blobs, { recursive: true });
  try {
    const layerDigest = await sha256File(opts.layerTar);
    const layerSize = fs.statSync(opts.layerTar).size;
    // A hard link when the layer is on the same file system, else a copy.
    try {
      fs.linkSync(opts.layerTar, path.join(blobs, layerDigest.slice(7)));
    } catch {
      fs.copyFileSync(opts.layerTar, path.join(blobs, layerDigest.slice(7)));
    }
    const config = putBlob(
      blobs,
      JSON.stringify({
        created: opts.created,
        architecture: "amd64",
        os: "linux",
        config: opts.config,
        rootfs: { type: "layers", diff_ids: [layerDigest] },
        history: [{ created: opts.created, created_by: "ha-hardened-host lab: mmdebstrap root file system with the wheelhouse installed" }],
      }),
    );
    const manifest = putBlob(
      blobs,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MANIFEST_TYPE,
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: layerDigest, size: layerSize }],
      }),
    );
    fs.writeFileSync(path.join(layout, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
    fs.writeFileSync(
      path.join(layout, "index.json"),
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: [{ mediaType: MANIFEST_TYPE, ...manifest, annotations: { "org.opencontainers.image.ref.name": opts.refName } }],
      }),
    );
    const tmpOut = `${opts.out}.tmp-${process.pid}`;
    await runCommand(
      "tar",
      ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "--format=posix", "--pax-option=delete=atime,delete=ctime", "-cf", tmpOut, "-C", layout, "oci-layout", "index.json", "blobs"],
      { timeoutMs: 10 * 60_000 },
    );
    fs.renameSync(tmpOut, opts.out);
    return { path: opts.out, manifestDigest: manifest.digest, configDigest: config.digest, layerDigest, bytes: fs.statSync(opts.out).size };
  } finally {
    removeTreeSafely(layout);
  }
}
