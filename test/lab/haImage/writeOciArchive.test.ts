import { createHash } from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { haContainerConfig } from "../../../src/lab/haImage/buildHaImage";
import { writeOciArchive } from "../../../src/lab/haImage/writeOciArchive";

const sha = (b: Buffer | string): string => `sha256:${createHash("sha256").update(b).digest("hex")}`;

describe("writeOciArchive", () => {
  let dir: string;
  let layer: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "oci-test-"));
    fs.mkdirSync(path.join(dir, "root", "etc"), { recursive: true });
    fs.writeFileSync(path.join(dir, "root", "etc", "hostname"), "box\n");
    layer = path.join(dir, "layer.tar");
    execFileSync("tar", ["-cf", layer, "-C", path.join(dir, "root"), "."]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (out: string) =>
    writeOciArchive({ layerTar: layer, out: path.join(dir, out), refName: "localhost/home-assistant:2026.11.0", config: haContainerConfig(), created: "2026-01-01T00:00:00Z" });

  test("an OCI layout whose index, manifest, config and layer are named by their own sha256", async () => {
    const oci = await write("image.tar");
    const x = path.join(dir, "x");
    fs.mkdirSync(x);
    execFileSync("tar", ["-xf", oci.path, "-C", x]);
    const blob = (d: string): Buffer => fs.readFileSync(path.join(x, "blobs", "sha256", d.slice(7)));
    expect(JSON.parse(fs.readFileSync(path.join(x, "oci-layout"), "utf8"))).toEqual({ imageLayoutVersion: "1.0.0" });
    const index = JSON.parse(fs.readFileSync(path.join(x, "index.json"), "utf8"));
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]).toMatchObject({ digest: oci.manifestDigest, annotations: { "org.opencontainers.image.ref.name": "localhost/home-assistant:2026.11.0" } });
    const manifestBytes = blob(oci.manifestDigest);
    expect(sha(manifestBytes)).toBe(oci.manifestDigest);
    expect(index.manifests[0].size).toBe(manifestBytes.length);
    const manifest = JSON.parse(manifestBytes.toString());
    expect(manifest.config.digest).toBe(oci.configDigest);
    expect(sha(blob(oci.configDigest))).toBe(oci.configDigest);
    expect(manifest.layers).toEqual([{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: oci.layerDigest, size: fs.statSync(layer).size }]);
    expect(sha(blob(oci.layerDigest))).toBe(sha(fs.readFileSync(layer)));
    const config = JSON.parse(blob(oci.configDigest).toString());
    expect(config.rootfs).toEqual({ type: "layers", diff_ids: [oci.layerDigest] });
    expect(config.config.Entrypoint).toEqual(["/opt/homeassistant/bin/python", "-m", "homeassistant", "--config", "/config", "--skip-pip"]);
    expect(config.config.ExposedPorts).toEqual({ "8123/tcp": {} });
    expect(config.config.User).toBeUndefined();
  });

  test("same inputs, same archive bytes; the layout directory is gone afterwards", async () => {
    const a = await write("a.tar");
    const b = await write("b.tar");
    expect(b.manifestDigest).toBe(a.manifestDigest);
    expect(sha(fs.readFileSync(b.path))).toBe(sha(fs.readFileSync(a.path)));
    expect(fs.readdirSync(dir).sort()).toEqual(["a.tar", "b.tar", "layer.tar", "root"]);
  });
});
