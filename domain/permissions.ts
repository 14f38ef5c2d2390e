import type { Role } from "./roles";

/** Who may do what: the one table every page, server action and route handler asks. */
const grants = {
  "inbox:view": ["operator", "approver", "admin"],
  "documents:view": ["operator", "approver", "admin"],
  "documents:upload": ["operator", "approver", "admin"],
  "tickets:view": ["operator", "approver", "admin"],
  "tickets:create": ["operator", "approver", "admin"],
  "exceptions:view": ["operator", "approver", "admin"],
  "monitor:view": ["admin"],
  "settings:view": ["admin"],
  "users:manage": ["admin"],
  "vendors:manage": ["admin"],
  "exchange_rates:manage": ["admin"],
  "operations:manage": ["admin"],
  "api_keys:manage": ["admin"],
  "mailbox:view": ["admin"],
  "runs:view": ["admin"],
  "runs:replay": ["admin"],
  "audit:view": ["admin"],
  "evals:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof grants;

export function can(user: { role: Role }, permission: Permission): boolean {
  return (grants[permission] as readonly Role[]).includes(user.role);
}

export type NavItem = { href: string; label: string; permission: Permission };

export const navigation: NavItem[] = [
  { href: "/inbox", label: "Inbox", permission: "inbox:view" },
  { href: "/documents", label: "Documents", permission: "documents:view" },
  { href: "/tickets", label: "Tickets", permission: "tickets:view" },
  { href: "/exceptions", label: "Exceptions", permission: "exceptions:view" },
  { href: "/monitor", label: "Monitor", permission: "monitor:view" },
  { href: "/runs", label: "Runs", permission: "runs:view" },
  { href: "/audit", label: "Audit", permission: "audit:view" },
  { href: "/settings", label: "Settings", permission: "settings:view" },
];

export function navigationFor(user: { role: Role }): NavItem[] {
  return navigation.filter((item) => can(user, item.permission));
}
