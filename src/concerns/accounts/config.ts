import { z } from "zod";
import { doc, publicKeyLine, userName } from "../../core/schemaFields";

/** The accounts concern's slice of a host entry: the admin account. */
export const hostFields = {
  admin: doc(
    z.strictObject({
      user: doc(userName, { description: "Non-root admin account; gets passwordless sudo (it has no password).", example: "hhadmin" }),
      authorizedKeys: doc(
        z.array(publicKeyLine("login"), { error: "must be a list of public key lines" }).min(1, { error: "must have at least one key, or nobody can log in as the admin" }),
        { description: "Public keys (authorized_keys lines) allowed to log in as the admin; at least one. Ed25519, sk-Ed25519 or RSA >= 3072." },
      ),
    }),
    { description: "The admin account." },
  ),
};
