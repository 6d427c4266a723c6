import { parseListeners, unexpectedListeners } from "../../../src/concerns/lockdown/readBack";

const SS = [
  'tcp   LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("sshd",pid=200,fd=3))',
  'tcp   LISTEN 0      128             [::]:22           [::]:*    users:(("sshd",pid=200,fd=4))',
  'udp   UNCONN 0      0      127.0.0.53%lo:53        0.0.0.0:*    users:(("systemd-resolve",pid=90,fd=13))',
  'udp   UNCONN 0      0            0.0.0.0:68        0.0.0.0:*    users:(("dhclient",pid=80,fd=7))',
].join("\n");

describe("listening sockets read-back", () => {
  test("parses ss -Htulpn lines into protocol, address, port and process", () => {
    expect(parseListeners(SS)[1]).toEqual({ proto: "tcp", address: "::", port: 22, process: "sshd" });
    expect(parseListeners(SS)[2]).toEqual({ proto: "udp", address: "127.0.0.53", port: 53, process: "systemd-resolve" });
  });

  test("finds nothing on a host with sshd, a DHCP client and loopback-only services", () => {
    expect(unexpectedListeners(SS, 22, [])).toEqual([]);
  });

  test("reports a needless service listening beyond loopback, naming process and port", () => {
    const ss = `${SS}\ntcp   LISTEN 0      64           0.0.0.0:111       0.0.0.0:*    users:(("rpcbind",pid=70,fd=8))`;
    expect(unexpectedListeners(ss, 22, [])).toEqual(["rpcbind listens on tcp port 111 (0.0.0.0), which lockdown.allowedListeners does not allow."]);
    expect(unexpectedListeners(ss, 22, ["tcp:111"])).toEqual([]);
  });

  test("reports sshd on a port other than sshPort", () => {
    expect(unexpectedListeners(SS, 2222, [])).toEqual(["sshd listens on tcp port 22 (0.0.0.0), which lockdown.allowedListeners does not allow."]);
  });
});
