// Used by platform-api's TypeScriptSdkTest against a running server: a token, a link token, candidates with a cursor
// follow-up, and a problem read back from an invalid write. Prints one line per step; exits 1 on the first failure.
import { getToken, interlink, type Problem } from "../src/index.js";

function check(ok: unknown, what: string): void {
  if (!ok) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
  console.log(`ok: ${what}`);
}

const env = (name: string): string => process.env[name] ?? (console.error(`${name} is not set`), process.exit(2));
const api = env("INTERLINK_API");

const token = await getToken(api, env("CLIENT_ID"), env("CLIENT_SECRET"));
check(token.length > 0, "a bearer token from client credentials");
const client = interlink(api, token);

const account = await client.POST("/integrated-accounts", {
  body: { provider: "cats", end_user: { id: "customer-ts" }, credentials: { api_key: env("CATS_API_KEY") } },
});
check(account.response.status === 201 && account.data, "an imported CATS account");
const accountId = account.data!.id;

const link = await client.POST("/link-tokens", {
  body: { end_user: { id: "customer-ts-2", email: "jane@customer.example" }, providers: ["cats"] },
});
check(link.data?.link_url.includes(link.data.link_token), "a link token with its widget URL");

const first = await client.GET("/unified/ats/candidates", {
  params: { query: { integrated_account_id: accountId, limit: 2 } },
});
check(first.data?.result.length === 2 && first.data.next_cursor, "a first page of 2 candidates and a next_cursor");
const second = await client.GET("/unified/ats/candidates", {
  params: { query: { integrated_account_id: accountId, limit: 2, next_cursor: first.data!.next_cursor! } },
});
const firstIds = new Set(first.data!.result.map((c) => c.id));
check(
  second.data && second.data.result.length > 0 && second.data.result.every((c) => !firstIds.has(c.id)),
  "the next page has other candidates",
);

const invalid = await client.POST("/unified/ats/applications", {
  params: { query: { integrated_account_id: accountId } },
  body: { candidate_id: "not-an-id", job_id: "not-an-id" },
});
const problem: Problem | undefined = invalid.error;
check(
  invalid.response.status === 400 && problem?.code === "PLATFORM.INPUT_INVALID" && (problem.errors ?? []).length > 0,
  "an invalid write answers a problem with its code and fields",
);
