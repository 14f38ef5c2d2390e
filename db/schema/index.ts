export * from "./users";
export * from "./audit";
export * from "./vendors";
export * from "./documents";
export * from "./ledger";
export * from "./api";
export * from "./tasks";
export * from "./outbox";
