import type { z } from 'zod';
import { vi } from '../messages.vi';
import { IntakeForm } from '../schemas';
import { localToUtcIso } from './time';

// What keeps a form from being saved, field by field: the same rules on the desk (each field named, issue 8.5)
// and in the service (which refuses with the first), so the form never learns a refusal only from the server.

/** A field of the form, as the path of its value: "receivedAt", "location.gps", "vehicles.1.plate". */
export type FieldPath = string;
export interface FieldProblem { field: FieldPath; message: string }

// A report may say when it happened a little after the call was logged (clocks differ): allow 5 minutes.
const CLOCK_SLACK_MS = 5 * 60_000;

/** "14.3545, 108.0076" (or with a space / semicolon) → degrees; empty → nulls; not a place on Earth → undefined. */
export function readGps(text: string): { lat: number | null; lng: number | null } | undefined {
  const t = text.trim();
  if (t === '') return { lat: null, lng: null };
  const m = /^(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(t);
  const lat = m ? Number(m[1]) : NaN;
  const lng = m ? Number(m[2]) : NaN;
  if (!m || Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return undefined;
  return { lat, lng };
}

function fromZod(issue: z.core.$ZodIssue): FieldProblem {
  const field = issue.path.join('.');
  const message = issue.code === 'too_big' && issue.origin === 'string' ? vi.intakeCheck.tooLong(Number(issue.maximum))
    : issue.code === 'too_big' ? vi.intakeCheck.tooMany(Number(issue.maximum))
      : field === 'receivedAt' || field === 'occurredAt' ? vi.intakeCheck.notATime
        : vi.intakeCheck.invalid;
  return { field, message };
}

/**
 * Every problem of the form, in the order the fields appear: the contract's schema first (lengths, shapes), then
 * the station's own refusals. `knownViolations`, when given, also refuses codes not in the catalog; `hotlines`, a
 * hotline the unit does not publish (one removed since a draft was typed).
 */
export function formProblems(input: unknown, knownViolations?: ReadonlySet<string> | ReadonlyMap<string, unknown>, hotlines?: readonly string[]): FieldProblem[] {
  const parsed = IntakeForm.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map(fromZod);
  const form = parsed.data;
  const problems: FieldProblem[] = [];
  if (form.receivedAt === '') problems.push({ field: 'receivedAt', message: vi.error.receivedAtMissing });
  if (form.receivedAt !== '' && form.occurredAt !== ''
    && new Date(localToUtcIso(form.occurredAt)).getTime() > new Date(localToUtcIso(form.receivedAt)).getTime() + CLOCK_SLACK_MS) {
    problems.push({ field: 'occurredAt', message: vi.error.occurredInFuture });
  }
  const unknown = knownViolations ? form.violationCodes.find((c) => !knownViolations.has(c)) : undefined;
  if (unknown !== undefined) problems.push({ field: 'violationCodes', message: vi.error.unknownViolation(unknown) });
  if (form.description.trim() === '' && form.violationCodes.length === 0) problems.push({ field: 'description', message: vi.error.nothingToSave });
  if (hotlines && form.channel === 'hotline' && form.hotline !== '' && !hotlines.includes(form.hotline)) {
    problems.push({ field: 'hotline', message: vi.error.unknownHotline(form.hotline) });
  }
  if (readGps(form.location.gps) === undefined) problems.push({ field: 'location.gps', message: vi.error.badGps });
  if (!form.reporter.anonymous && form.reporter.birthYear.trim() !== '' && !/^\d{4}$/.test(form.reporter.birthYear.trim())) {
    problems.push({ field: 'reporter.birthYear', message: vi.error.badBirthYear });
  }
  return problems;
}

/**
 * Whether the officer has typed anything beyond what a new form starts with (channel, receipt time, hotline and
 * province are preset): an empty form is not a draft and is never kept.
 */
export function hasContent(form: IntakeForm): boolean {
  const blank = { ...form, channel: '', receivedAt: '', hotline: '', location: { ...form.location, provinceCode: '' } };
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (typeof v === 'boolean' && v) strings.push('x');
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(blank);
  return strings.some((s) => s.trim() !== '');
}
