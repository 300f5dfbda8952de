export * from "./problem";
export * from "./identity";
export * from "./tenancy";
export * from "./portals";
export * from "./lists";
