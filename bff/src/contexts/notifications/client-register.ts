/**
 * `users.register` of the client SDK: the signed end user registers themself through
 * integrations' users (which own them and append `end_user.created`, so `user.registered`).
 * A new user takes the fields and user roles sent (roles the workspace defined, else 400); an
 * existing one gets the profile fields sent and the push tokens added — their roles and status
 * change only through the tenant's server (`PUT /users/{id}`), so a browser cannot widen them.
 */
import type { Tx } from "../../db/client";
import type { ClientRegisterRequest, ClientUser } from "@nhood/contracts/client-sdk";
import type { User } from "@nhood/contracts/users";
import { createUser, findUserRow, getUser, savePushTokens, updateUser } from "../integrations";

const view = (u: User, created: boolean): ClientUser => ({
  id: u.id,
  external_user_id: u.external_user_id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  status: u.status,
  created,
});

/** Registers or updates the user `externalUserId` of `workspaceId`; `created` says which. */
export async function registerClientUser(tx: Tx, workspaceId: string, externalUserId: string, body: ClientRegisterRequest): Promise<ClientUser> {
  const row = await findUserRow(tx, workspaceId, externalUserId);
  if (!row || row.externalUserId !== externalUserId) {
    return view(await createUser(tx, workspaceId, { ...body, externalUserId, status: "active" }), true);
  }
  const { email, phone, name, metadata, pushTokens } = body;
  const profile = Object.fromEntries(Object.entries({ email, phone, name, metadata }).filter(([, v]) => v !== undefined));
  if (pushTokens?.length)
    await savePushTokens(
      tx,
      workspaceId,
      pushTokens.map((t) => ({ end_user_id: row.id, platform: t.platform, token: t.token })),
    );
  const user = Object.keys(profile).length ? await updateUser(tx, workspaceId, row.id, profile) : null;
  return view(user ?? (await getUser(tx, workspaceId, row.id)), false);
}
