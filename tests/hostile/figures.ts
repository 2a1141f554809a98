import { afterAll } from 'vitest';

// Every hostile suite counts what it tried and what harm got through, and prints one line at the end:
// the acceptance figures (files lost, identities leaked, hangs) must all read 0.

export interface Figures {
  requestsTried: number;
  processesRaced: number;
  filesLost: number;
  identitiesLeaked: number;
  hangs: number;
  [other: string]: number;
}

export function hostileFigures(suite: string): Figures {
  const figures: Figures = { requestsTried: 0, processesRaced: 0, filesLost: 0, identitiesLeaked: 0, hangs: 0 };
  afterAll(() => {
    const line = Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`hostile ${suite}: ${line}`);
  });
  return figures;
}
