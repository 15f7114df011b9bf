// The Interlink TypeScript client: typed paths and schemas generated from the OpenAPI document (src/schema.d.ts,
// written by `npm run generate`, never edited by hand), calls made by openapi-fetch.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };
export type Problem = components["schemas"]["Problem"];

/** An access token for an API client (OAuth 2.0 client credentials). */
export async function getToken(baseUrl: string, clientId: string, clientSecret: string): Promise<string> {
  const client = createClient<paths>({ baseUrl });
  const { data, error } = await client.POST("/oauth/token", {
    body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (error || !data) throw new Error(`token request failed: ${JSON.stringify(error)}`);
  return data.access_token;
}

/** A client that sends the bearer token on every call. */
export function interlink(baseUrl: string, accessToken: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${accessToken}` } });
}
