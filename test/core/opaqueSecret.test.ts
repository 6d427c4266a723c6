import { isOpaqueSecret, isSecureValue, opaqueSecret } from "../../src/core/opaqueSecret";

describe("isSecureValue", () => {
  it("recognises a secret as a parsed stack file holds it: the one key secure with its ciphertext", () => {
    expect(isSecureValue({ secure: "v1:abc" })).toBe(true);
  });

  it("refuses lookalikes, so a plain mapping that happens to have a secure key is not taken for a secret", () => {
    for (const v of [{ secure: "v1:abc", other: 1 }, { secure: 3 }, ["secure"], null, "secure", { Secure: "v1:abc" }]) expect(isSecureValue(v)).toBe(false);
  });
});

describe("opaqueSecret", () => {
  it("marks a ciphertext so that it is recognised as a secret whose content cannot be checked offline", () => {
    expect(isOpaqueSecret(opaqueSecret("v1:abc"))).toBe(true);
    expect(isOpaqueSecret("v1:abc")).toBe(false);
  });
});
