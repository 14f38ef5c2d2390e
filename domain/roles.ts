// Apart from users.ts so that client components can name roles without loading the password policy's dictionaries.
// The one list of roles: the database enum, the forms, the policy and the queries derive from it.
export const roles = ["operator", "approver", "admin"] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  operator: "Operator",
  approver: "Approver",
  admin: "Admin",
};
