import { ruleOn } from './deadlines';

// NĐ 176/2024: a reporter whose information led to a fine may be rewarded up to a share of the fine, with a
// cap a case. Share, cap and legal reference are data (resources/catalogs/deadline-rules.json, code "reward"),
// chosen by the day of the sanction decision.

export function rewardRule(decisionDay: string): { share: number; capVnd: number; legalRef: string } {
  const r = ruleOn('reward', decisionDay);
  return { share: r.share!, capVnd: r.capVnd!, legalRef: r.legalRef };
}

export function rewardEstimate(fineVnd: number, decisionDay: string): number {
  const r = rewardRule(decisionDay);
  // Whole đồng: the share of an integer fine, rounded down, never above the cap.
  return Math.min(Math.floor((fineVnd * Math.round(r.share * 1000)) / 1000), r.capVnd);
}
