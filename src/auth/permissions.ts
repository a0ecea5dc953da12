import type { Role } from '../domain/role.js';

/** What each role may do; routes and CLI ask `can(role, permission)`. */
export const PERMISSIONS = {
  /** Batch look-ups beyond the public limits, indicator details. */
  'indicators:read': ['admin', 'analyst', 'station_officer', 'hotline', 'bank_partner', 'telecom_partner'],
  /** Bring values in as `reported` (partners' and hotline reports). */
  'indicators:report': ['admin', 'analyst', 'hotline', 'bank_partner', 'telecom_partner', 'station_officer'],
  /** Import with any status, change statuses. */
  'indicators:manage': ['admin', 'analyst'],
  'allowlist:manage': ['admin', 'analyst'],
  'feeds:read': ['admin', 'analyst', 'bank_partner', 'telecom_partner'],
  'tokens:manage': ['admin'],
  /** Console users: create, disable, reset passwords. */
  'users:manage': ['admin'],
  /** Send call, SMS, web, app, transfer and account-opening events for screening. */
  'events:send': ['admin', 'telecom_partner', 'bank_partner'],
  /** Read warnings and the screening status (station officers get theirs through dispatch). */
  'warnings:read': ['admin', 'analyst'],
  /** See and work dispatched warnings (officers within their token's station or district). */
  'dispatch:work': ['admin', 'analyst', 'station_officer'],
  /** Edit the jurisdiction tree and import the roster. */
  'dispatch:manage': ['admin'],
  /** Outcome feedback: false-alarm rates per typology and fraud type. */
  'dispatch:stats': ['admin', 'analyst'],
  /** The dashboard's figures (officers for their token's station or district). */
  'stats:read': ['admin', 'analyst', 'station_officer'],
  /** Fund-warning instructions: a bank partner sees and answers its own bank's. */
  'bank:instructions': ['admin', 'analyst', 'bank_partner'],
  /** Take victim reports: create, edit, submit (the 96110 / 110 hotline). */
  'reports:write': ['admin', 'analyst', 'hotline'],
  /** Read victim reports (station officers within their token's station or district). */
  'reports:read': ['admin', 'analyst', 'hotline', 'station_officer'],
  /** Read cases, links and clusters (station officers within their scope). */
  'cases:read': ['admin', 'analyst', 'station_officer'],
  /** Move cases along their lifecycle, record suspects and arrests. */
  'cases:manage': ['admin', 'analyst'],
  /** See victims' and suspects' ID numbers and phones in full. */
  'cases:personal_data': ['admin', 'analyst', 'hotline'],
  /** Emergency stop-payment orders (止付) and money traces: the hotline and the centre. */
  'funds:order': ['admin', 'analyst', 'hotline'],
  /** See and answer stop-payment orders: a bank partner its own bank's, the centre all. */
  'funds:orders': ['admin', 'analyst', 'hotline', 'bank_partner'],
  /** Freezes (冻结), returns (返还) and the money totals. */
  'funds:manage': ['admin', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** True when `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
