/** Who a bearer token speaks for. */
export const ROLES = ['admin', 'analyst', 'station_officer', 'bank_partner', 'telecom_partner', 'hotline'] as const;
export type Role = (typeof ROLES)[number];

/** True when `role` names a role. */
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** The caller of a service: a token's holder, a CLI user or the system itself. */
export interface Actor {
  /** Shown in history and audit trails, e.g. `token:3 (analyst 王)`, `cli`, `system`. */
  name: string;
  role: Role | 'public' | 'system';
}
