// Drive a TypeScript client generated from the spec (openapi-typescript types + openapi-fetch)
// against a real Keystone, choosing base URLs as the spec's description says.
//
// Run by scripts/spec-check after `openapi-typescript spec/keystone-v2.0.yaml -o schema.d.ts`
// and `tsc --strict`:
//
//   1. POST /v2.0/tokens (tokens_authenticate) on the public API ($KS_PUBLIC_URL without its
//      /v2.0), user admin / $KS_ADMIN_PASSWORD, tenant admin;
//   2. GET /v2.0/tenants (tenants_list) on the public API: the token's tenants;
//   3. the admin API's base URL: the catalog's identity endpoint in $KS_REGION (default
//      RegionOne), its adminURL without the /v2.0;
//   4. GET /v2.0/users (users_list, admin only) on that base URL.
//
// Exits non-zero on any failure, and unless tenant admin and user admin are listed.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type User = components["schemas"]["User"];
type Tenant = components["schemas"]["Tenant"];

const PROG = "ts-client-smoke";

function fail(message: string): never {
  console.error(`${PROG}: FAILED: ${message}`);
  process.exit(1);
}

/** `http://host:5000/v2.0` -> `http://host:5000`: the spec's paths start with /v2.0. */
function serverRoot(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/v2\.0$/, "");
}

/** A list member of an answer in either form the spec allows. */
function items<T>(list: T[] | { values: T[] }): T[] {
  return Array.isArray(list) ? list : list.values;
}

const publicRoot = serverRoot(process.env.KS_PUBLIC_URL ?? "http://127.0.0.1:5000/v2.0");
const password = process.env.KS_ADMIN_PASSWORD ?? "secret";
const region = process.env.KS_REGION ?? "RegionOne";

// 1. authenticate on the public API
const publicApi = createClient<paths>({ baseUrl: publicRoot });
const auth = await publicApi.POST("/v2.0/tokens", {
  body: { auth: { passwordCredentials: { username: "admin", password }, tenantName: "admin" } },
});
if (auth.data === undefined) {
  fail(`tokens_authenticate: HTTP ${auth.response.status}: ${JSON.stringify(auth.error)}`);
}
const access = auth.data.access;
const token: string = access.token.id;
console.log(`${PROG}: tokens_authenticate on ${publicRoot}: HTTP ${auth.response.status}, got a token (not shown)`);

// 2. the token's tenants, on the public API
const mine = await publicApi.GET("/v2.0/tenants", { headers: { "X-Auth-Token": token } });
if (mine.data === undefined) {
  fail(`tenants_list: HTTP ${mine.response.status}: ${JSON.stringify(mine.error)}`);
}
if (!("tenants" in mine.data)) {
  fail("tenants_list: a single tenant where the public API lists the token's tenants");
}
const tenants: Tenant[] = items(mine.data.tenants);
console.log(`${PROG}: tenants_list on ${publicRoot}: HTTP ${mine.response.status}, tenants: ${tenants.map((t) => t.name).join(", ")}`);
if (!tenants.some((t) => t.name === "admin")) {
  fail("tenant admin is not listed");
}

// 3. the admin API's base URL, from the catalog
const identity = (access.serviceCatalog ?? []).find((s) => s.type === "identity");
const endpoint = identity?.endpoints.find((e) => e.region === region);
if (endpoint?.adminURL === undefined) {
  fail(`no identity endpoint with an adminURL in region ${region} in the catalog`);
}
const adminRoot = serverRoot(endpoint.adminURL);
console.log(`${PROG}: the catalog's identity adminURL in ${region}: ${endpoint.adminURL}`);

// 4. an admin-only operation on the admin API
const adminApi = createClient<paths>({ baseUrl: adminRoot, headers: { "X-Auth-Token": token } });
const listed = await adminApi.GET("/v2.0/users", {});
if (listed.data === undefined) {
  fail(`users_list: HTTP ${listed.response.status}: ${JSON.stringify(listed.error)}`);
}
if (!("users" in listed.data)) {
  fail("users_list: a single user where a list was asked for");
}
const users: User[] = items(listed.data.users);
console.log(`${PROG}: users_list on ${adminRoot}: HTTP ${listed.response.status}, users: ${users.map((u) => u.name).join(", ")}`);
if (!users.some((u) => u.name === "admin")) {
  fail("user admin is not listed");
}
console.log(`${PROG}: OK`);
