import { z } from 'zod';
import {
  Catalog, Draft, Id, IntakeForm, Related, ReportDetail, ReporterIdentity, ReportSummary, Session,
} from './schemas';

// The station's API: every channel's input and output. Both transports (Electron IPC and the loopback
// web host) dispatch through it, and handlers are typed from it.

const none = z.object({}).strict();

export const contract = {
  'session:get': { input: none, output: Session },
  'session:setOfficer': { input: z.object({ officerId: Id }).strict(), output: Session },
  'catalog:get': { input: none, output: Catalog },
  'draft:list': { input: none, output: z.array(Draft) },
  'draft:save': {
    input: z.object({ id: Id.nullable(), form: IntakeForm }).strict(),
    output: z.object({ id: Id, updatedAt: z.string() }),
  },
  'draft:discard': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  'report:create': {
    input: z.object({ draftId: Id.nullable(), form: IntakeForm }).strict(),
    output: z.object({ id: Id, code: z.string() }),
  },
  'report:get': { input: z.object({ id: Id }).strict(), output: ReportDetail },
  'report:revealReporter': { input: z.object({ id: Id }).strict(), output: ReporterIdentity },
  'report:today': { input: none, output: z.array(ReportSummary) },
  'report:search': { input: z.object({ query: z.string().max(200) }).strict(), output: z.array(ReportSummary) },
  'report:related': {
    input: z.object({ plates: z.array(z.string().max(40)).max(20), callerPhone: z.string().max(30) }).strict(),
    output: Related,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.infer<Contract[C]['input']>;
export type Output<C extends Channel> = z.infer<Contract[C]['output']>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

export type ErrorCode = 'invalid-input' | 'unknown-channel' | 'not-found' | 'rejected' | 'internal';
export interface ApiError {
  code: ErrorCode;
  /** A Vietnamese sentence for the officer: what happened and what to do. */
  message: string;
}
/** Errors cross the transports as values: thrown errors lose their shape over IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the preload exposes as window.station, and what the web client mirrors. */
export interface StationBridge {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>>;
}
