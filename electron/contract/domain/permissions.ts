// Who may do what (issue 10.2): one table, enforced by the station before every channel runs (the screens
// hide what an officer may not do, but hiding is not the guard). A person may hold several roles.

export const roles = ['duty', 'evidence', 'clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = {
  /** Lists, reports, the catalog, evidence as listed and shown: every signed-in officer. */
  read: ['duty', 'evidence', 'clerk', 'supervisor', 'admin'],
  /** Taking calls: drafts (with the identity being typed) and new reports. */
  intake: ['duty', 'supervisor'],
  /** Moving a report on, assigning it, noting it. */
  handle: ['duty', 'supervisor'],
  /** Seeing a reporter's identity, with a reason written in the audit trail. */
  reveal: ['supervisor'],
  /** Reading sticks and folders, importing, taking stills. */
  evidence: ['evidence', 'supervisor'],
  /** Numbering, issuing and printing documents (some carry the identity), the register. */
  documents: ['clerk', 'supervisor'],
  /** The directory of agencies reports are forwarded to. */
  directory: ['clerk', 'supervisor', 'admin'],
  /** The days off that move deadlines. */
  calendar: ['supervisor', 'admin'],
  /** Destroying a reporter's identity at their request (NĐ 356/2025). */
  erase: ['supervisor', 'admin'],
  /** Checkpointing the audit trail (the hash a supervisor copies onto paper). */
  audit: ['supervisor', 'admin'],
  /** The unit, its officers and their accounts and roles, the catalogs and rules (issue 11). */
  administer: ['admin'],
  /** Replacing the recovery key of the station's data key (the old one lost or seen). */
  keys: ['admin'],
  /** The publication list for the press (results of handling, never the reporter): leaders decide what is made public. */
  publish: ['supervisor', 'admin'],
  /** The statistics, the campaign's periodic reports, the rewards list and the exports of report lists (no reporter in them). */
  statistics: ['clerk', 'supervisor', 'admin'],
  /** Approving a reporter's reward, recording it paid (NĐ 176/2024): the unit's leaders. */
  rewards: ['supervisor'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;

export function allows(permission: Permission, held: readonly string[]): boolean {
  return (permissions[permission] as readonly string[]).some((r) => held.includes(r));
}
