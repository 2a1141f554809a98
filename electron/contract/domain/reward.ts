import { ruleOn, type Rules } from './deadlines';

// NĐ 176/2024: a reporter whose information led to a fine may be rewarded up to a share of the fine, with a
// cap a case. Share, cap and legal reference are rules the admin keeps (code "reward", deadlines.ts), chosen by
// the day of the sanction decision.

export function rewardRule(rules: Rules, decisionDay: string): { share: number; capVnd: number; legalRef: string } {
  const r = ruleOn(rules, 'reward', decisionDay);
  return { share: r.share!, capVnd: r.capVnd!, legalRef: r.legalRef };
}

export function rewardEstimate(rules: Rules, fineVnd: number, decisionDay: string): number {
  const r = rewardRule(rules, decisionDay);
  // Whole đồng: the share of an integer fine, rounded down, never above the cap.
  return Math.min(Math.floor((fineVnd * Math.round(r.share * 1000)) / 1000), r.capVnd);
}
