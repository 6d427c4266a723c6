import { hostSchema } from "../../../src/config/schema";
import { validHost } from "../../support/keyFixtures";

const problems = (lockdown: unknown): string[] => {
  const r = hostSchema.safeParse({ ...validHost(), lockdown });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("lockdown config", () => {
  test("defaults every key, so a stack without a lockdown block is locked down", () => {
    expect(hostSchema.parse(validHost()).lockdown).toEqual({ ipv6RouterAdvertisements: "accept", allowKernelModules: [], tmpNoexec: false, cronUsers: [], allowedListeners: [] });
  });

  test("refuses a module that is not on the blacklist, naming the key", () => {
    expect(problems({ allowKernelModules: ["usb-storage"] })).toEqual([
      expect.stringMatching(/^lockdown\.allowKernelModules\.0: must be a blacklisted module \(cramfs, .*\), not "usb-storage"$/),
    ]);
  });

  test("refuses a listener that is not tcp:PORT or udp:PORT, naming the key", () => {
    expect(problems({ allowedListeners: ["http"] })).toEqual(['lockdown.allowedListeners.0: must be tcp:PORT or udp:PORT with a port 1-65535, not "http"']);
  });

  test("refuses an unknown key, so a typo is not silently ignored", () => {
    expect(problems({ ipv6RouterAdvertisment: "ignore" })).toHaveLength(1);
  });
});
