// What an admin's save changed, for the audit line: each field that differs, from → to (a new row: all of it).

export function changes(before: object | null, after: object): Record<string, { from: unknown; to: unknown }> {
  const was = (before ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(after)
    .filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(was[k] ?? null))
    .map(([k, v]) => [k, { from: was[k] ?? null, to: v ?? null }]));
}
