import { exposureReason } from "../../../src/concerns/homeassistant/unitExposure";

/** Every setting systemd-analyze security --user counted open on the lab's Home Assistant unit (Debian 13, systemd 257). */
const OPEN_ON_THE_LAB = "KeyringMode= RootDirectory=/RootImage= User=/DynamicUser= CapabilityBoundingSet=~CAP_SYS_TIME NoNewPrivileges= PrivateDevices= ProtectClock= ProtectKernelLogs= ProtectControlGroups= ProtectKernelModules= PrivateMounts= SystemCallArchitectures= MemoryDenyWriteExecute= RestrictNamespaces=~user RestrictSUIDSGID= ProtectHostname= LockPersonality= ProtectKernelTunables= RestrictAddressFamilies=~AF_PACKET RestrictRealtime= Delegate= DeviceAllow= ProtectSystem= ProtectProc= ProcSubset= ProtectHome= PrivateNetwork= PrivateUsers= PrivateTmp= SystemCallFilter=~@clock IPAddressDeny= NotifyAccess= UMask=".split(" ");

test("every setting the unit leaves open has its reason, so the benchmark's exposure figure is explained line by line", () => {
  expect(OPEN_ON_THE_LAB.filter((s) => exposureReason(s) === undefined)).toEqual([]);
});

test("a setting nobody has explained yet gets no reason, so a new systemd check shows up as unexplained", () => {
  expect(exposureReason("SomeFutureSetting=")).toBeUndefined();
});
