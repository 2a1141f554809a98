// NĐ 176/2024: a reporter whose information led to a fine may be rewarded up to 10 % of the fine,
// at most 5,000,000 VND a case.
const REWARD_SHARE = 0.1;
const REWARD_CAP_VND = 5_000_000;

export function rewardEstimate(fineVnd: number): number {
  return Math.min(Math.floor(fineVnd * REWARD_SHARE), REWARD_CAP_VND);
}
