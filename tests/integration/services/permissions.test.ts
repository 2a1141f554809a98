import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Channel, channelPermission, contract, type Input, openChannels } from '../../../electron/contract/channels';
import { allows, roles } from '../../../electron/contract/domain/permissions';
import { describeEvent } from '../../../electron/services/intake/reports';
import { dispatch } from '../../../electron/host/dispatch';
import { backends, officerWithAccount, form, tempStation, TEST_UNIT } from '../../support/station';

// Every channel × every role (issue 10.2): a role the table allows gets past the guard (the answer may still
// be "not found" or a refusal of its own); a role it does not is refused with "forbidden", before the handler.

const form0 = form();
const campaignParams = {
  kind: 'year' as const, year: 2026, recipients: [],
  narrative: { strengths: '', shortcomings: '', causes: '', directions: '', proposals: '' },
  signer: { authority: null, title: 'Trưởng phòng', rank: '', name: 'Nguyễn Văn B' },
};
const guarded = Object.keys(contract).filter((c) => !openChannels.has(c as Channel)) as (keyof typeof channelPermission)[];

/** A valid input for each channel (the contract checks inputs before the guard runs). */
const inputs: { [C in keyof typeof channelPermission]: Input<C> } = {
  'auth:changePassword': { current: 'sai mật khẩu', next: 'một mật khẩu mới đủ dài' },
  'session:get': {}, 'admin:saveUnit': { ...TEST_UNIT }, 'admin:officers': {},
  'admin:saveOfficer': { id: 999_999, fullName: 'Không có', rank: '', roles: ['duty'], active: true, login: '', password: '' },
  'admin:violationTypes': {}, 'admin:catalogVersions': {}, 'admin:takeCatalogValue': { code: 'khong_co' }, 'admin:rules': {},
  'admin:takeCatalogRule': { id: 999_999 }, 'admin:settings': {}, 'admin:saveSettings': { idleMinutes: 10 }, 'admin:legalDocuments': {}, 'admin:takeCatalogLegalDocument': { ref: 'khong-co' },
  'admin:saveLegalDocument': { ref: 'NĐ 168/2024/NĐ-CP', short: 'Nghị định số 168/2024/NĐ-CP', full: 'Nghị định số 168/2024/NĐ-CP ngày 26/12/2024 của Chính phủ', amendedBy: [], isNew: false },
  'admin:saveRule': {
    id: 999_999, code: 'limitation', days: null, complexDays: null, years: 1, warnDays: 30, share: null, capVnd: null, legalRef: 'NĐ 168/2024/NĐ-CP, Điều 4',
    effectiveFrom: '2025-01-01', effectiveUntil: null,
  },
  'admin:saveViolationType': {
    isNew: false, code: 'khong_co', name: 'Không có', legalRef: '', articleCar: '', articleMotorbike: '', fineCarFrom: null, fineCarTo: null,
    fineMotorbikeFrom: null, fineMotorbikeTo: null, effectiveFrom: '2025-01-01', effectiveUntil: null, active: true,
  },
  'catalog:get': {}, 'catalog:formerCommunes': { query: 'thị trấn Đồng Đăng', provinceCode: '20' }, 'draft:list': {}, 'draft:save': { id: null, form: form0 }, 'draft:discard': { id: 999 },
  'draft:open': { id: 999 }, 'report:create': { draftId: null, form: form0 }, 'report:get': { id: 1 }, 'report:idOfCode': { code: 'PA-2026-000001' },
  'report:revealReporter': { id: 1, reason: 'gọi lại xác minh' }, 'report:eraseReporter': { id: 999_999, reason: 'đơn đề nghị' }, 'report:exportReporter': { id: 1, reason: 'đơn đề nghị' }, 'report:today': {}, 'report:search': { query: '82A' },
  'report:related': { plates: [], callerPhone: '' }, 'report:due': {}, 'report:move': { id: 1, input: { move: 'close', note: '' } },
  'report:assign': { id: 1, officerId: null }, 'report:note': { id: 1, text: 'ghi chú' }, 'agency:list': {}, 'agency:takeCatalog': { id: 999_999 },
  'agency:save': { id: null, name: 'Ủy ban nhân dân phường Kon Tum', kind: 'peoples_committee', address: '', email: '' },
  'calendar:daysOff': { year: 2026 }, 'calendar:addDayOff': { day: '2026-12-28', name: 'Nghỉ bù', source: '' }, 'calendar:removeDayOff': { id: 999 },
  'document:list': { reportId: 1 }, 'document:preview': { reportId: 1, request: { kind: 'intake_form', params: { signer: { authority: null, title: 'Cán bộ', rank: '', name: 'Lê Thị Hoa' } } } },
  'document:next': { kind: 'intake_form', reportId: 1 },
  'document:issue': { reportId: 999, request: { kind: 'intake_form', params: { signer: { authority: null, title: 'Cán bộ', rank: '', name: 'Lê Thị Hoa' } } }, reissueReason: null },
  'document:print': { id: 999 }, 'document:registerPreview': { from: '2026-11-01', to: '2026-11-23' },
  'document:register': { period: { from: '2026-01-01', to: '2026-01-01' }, reissueReason: null },
  'evidence:sources': {}, 'evidence:scan': { scanId: randomUUID(), folder: '/khong-co-thu-muc-nay' }, 'evidence:cancelScan': { scanId: randomUUID() },
  'evidence:import': { scanId: 'khong-co', reportId: 1, files: [] }, 'evidence:importStatus': { importId: 'khong-co' }, 'evidence:cancel': { importId: 'khong-co' },
  'audit:list': { officerId: null, reportCode: '', action: '', from: null, to: null },
  'audit:pdf': { officerId: null, reportCode: '', action: 'auth.', from: '2026-11-23', to: '2026-11-23' }, 'audit:checkpoint': {},
  'publication:export': { from: '2026-11-01', to: '2026-11-23' },
  'stats:get': { from: '2026-11-01', to: '2026-11-23', communeCode: null, violationCode: null, channel: null, outcome: null },
  'stats:plateHistory': { plateKey: '82A12345' },
  'document:campaignPreview': campaignParams, 'document:campaign': { params: campaignParams, reissueReason: null },
  'rewards:list': { from: '2026-01-01', to: '2026-12-31' }, 'rewards:pdf': { from: '2026-01-01', to: '2026-12-31' },
  'rewards:set': { reportId: 999_999, status: 'approved', amountVnd: null, note: '' },
  'stats:exportTable': { filter: { from: '2026-11-01', to: '2026-11-23', communeCode: null, violationCode: null, channel: null, outcome: null }, granularity: 'day', chart: 'channel', format: 'csv' },
  'stats:exportReports': { filter: { from: '2026-11-01', to: '2026-11-23', communeCode: null, violationCode: null, channel: null, outcome: null }, columns: ['code'], format: 'xlsx' },
  'evidence:list': { reportId: 1 }, 'evidence:view': { reportId: 1, evidenceId: 999 }, 'evidence:still': { reportId: 1, evidenceId: 999, atSeconds: 0 },
  'evidence:track': { reportId: 1, evidenceId: 999 }, 'evidence:readPlate': { reportId: 1, evidenceId: 999, box: { left: 0, top: 0, width: 0.5, height: 0.5 } },
  'evidence:acceptPlate': { reportId: 1, evidenceId: 999, box: { left: 0, top: 0, width: 0.5, height: 0.5 }, plate: '30A-123.45' },
  'evidence:findFaces': { reportId: 1, evidenceId: 999 },
  'evidence:redact': { reportId: 1, evidenceId: 999, boxes: [{ left: 0, top: 0, width: 0.5, height: 0.5 }], style: 'blur' },
};

describe.each(backends)('%s: the permission table, enforced for every channel and every role', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeAll(async () => { t = await tempStation(undefined, backend); }, 60_000);
  afterAll(() => t.close());

  it('covers every guarded channel of the contract', () => {
    expect(guarded.sort()).toEqual(Object.keys(channelPermission).sort());
  });

  it.each(roles)('%s: allowed or refused exactly as the table says', async (role) => {
    await officerWithAccount(t.host, `Cán bộ ${role}`, { login: `canbo-${role}`, password: 'mật khẩu thử nghiệm 2026', roles: [role] });
    await t.host.auth.signIn({ login: `canbo-${role}`, password: 'mật khẩu thử nghiệm 2026' });
    const wrong: string[] = [];
    for (const channel of guarded) {
      const r = await dispatch(t.host.handlers, channel, inputs[channel], () => {});
      const forbidden = !r.ok && r.error.code === 'forbidden';
      if (!r.ok && r.error.code === 'invalid-input') wrong.push(`${channel}: invalid sample input`);
      if (forbidden === allows(channelPermission[channel], [role])) wrong.push(`${channel}: ${forbidden ? 'refused' : 'allowed'}`);
    }
    // The files a page loads go through the same guard: an issued document needs the documents permission.
    const doc = await t.host.document(999).then(() => 'ok', (e: { code?: string }) => e.code);
    if ((doc === 'forbidden') === allows('documents', [role])) wrong.push(`document file: ${doc}`);
    expect(wrong).toEqual([]);
  });

  it('a duty officer is told in Vietnamese who may see an identity', async () => {
    const officerId = await officerWithAccount(t.host, 'Cán bộ trực', { login: 'truc', password: 'mật khẩu thử nghiệm 2026', roles: ['duty'] });
    await t.host.auth.signIn({ login: 'truc', password: 'mật khẩu thử nghiệm 2026' });
    expect(await dispatch(t.host.handlers, 'report:revealReporter', { id: 1, reason: 'gọi lại' }, () => {})).toMatchObject({
      ok: false, error: { code: 'forbidden', message: 'Tài khoản của đồng chí không có quyền xem danh tính người phản ánh (quyền của: Lãnh đạo, chỉ huy). Nếu cần, hãy đề nghị quản trị viên phân công.' },
    });
    // The attempt is in the audit trail: who tried what, as the audit screen reads it.
    const line = await t.station.db.selectFrom('audit_events').select(['officer_id', 'action', 'detail']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(line).toEqual({ officer_id: officerId, action: 'auth.forbidden', detail: JSON.stringify({ permission: 'reveal', what: 'report:revealReporter' }) });
    expect(describeEvent(line.action, JSON.parse(line.detail) as Record<string, unknown>))
      .toBe('Bị từ chối: thao tác ngoài quyền của tài khoản: xem danh tính người phản ánh (report:revealReporter)');
  });
});
