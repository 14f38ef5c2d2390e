// Apart from users.ts so that client components can name roles without loading the password policy's dictionaries.
export const roles = ["operator", "approver", "admin"] as const;
export const roleLabels: Record<(typeof roles)[number], string> = {
  operator: "Operator",
  approver: "Approver",
  admin: "Admin",
};
